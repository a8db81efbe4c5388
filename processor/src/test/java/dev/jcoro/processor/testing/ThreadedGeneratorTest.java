package dev.jcoro.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Generator;
import dev.jcoro.Generator.State;
import dev.jcoro.GeneratorExit;
import dev.jcoro.StopIteration;
import dev.jcoro.Yield;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the thread-based reference {@link ThreadedGenerator} against the protocol table of docs/semantics.md (the same
 * rows {@code StateMachineTest} checks for the runtime), plus PEP 380 {@code yieldFrom} and the
 * oracle's own thread discipline.
 */
class ThreadedGeneratorTest {
  /** What the bodies did, in order. Written by body threads, read by the test thread. */
  private final List<String> log = new CopyOnWriteArrayList<>();

  /** The thread the last body started ran on. */
  private final AtomicReference<Thread> bodyThread = new AtomicReference<>();

  /** {@code log "start"; for (v : values) log "sent " + co.yield(v); return "done";} */
  private ThreadedGenerator<String, Object, String> script(String... values) {
    return new ThreadedGenerator<>(
        co -> {
          bodyThread.set(Thread.currentThread());
          log.add("start");
          for (String value : values) {
            log.add("sent " + co.yield(value));
          }
          return "done";
        });
  }

  /** {@code co.yield("before"); throw error;} */
  private static ThreadedGenerator<String, Object, Void> failing(Throwable error) {
    return new ThreadedGenerator<>(
        co -> {
          co.yield("before");
          throw error;
        });
  }

  /** What {@link #guarded}'s {@code catch (GeneratorExit e)} does. */
  enum OnExit {
    RETURN,
    RETHROW,
    YIELD,
    THROW
  }

  /**
   * {@code try { while (true) co.yield("tick"); } catch (GeneratorExit e) { ...onExit... } finally {
   * log "finally"; }}
   */
  private ThreadedGenerator<String, Object, String> guarded(OnExit onExit) {
    return new ThreadedGenerator<>(
        co -> {
          bodyThread.set(Thread.currentThread());
          log.add("start");
          try {
            while (true) {
              co.yield("tick");
            }
          } catch (GeneratorExit e) {
            log.add("catch");
            switch (onExit) {
              case RETURN:
                return "bye";
              case RETHROW:
                throw e;
              case YIELD:
                co.yield("again");
                return "after again";
              default:
                throw new IllegalArgumentException("cleanup failed");
            }
          } finally {
            log.add("finally");
          }
        });
  }

  /**
   * {@code try { co.yield("first"); } catch (Exception e) { log e; co.yield("recovered"); } return
   * "end";}
   */
  private ThreadedGenerator<String, Object, String> catcher(List<Throwable> caught) {
    return new ThreadedGenerator<>(
        co -> {
          try {
            co.yield("first");
          } catch (Exception e) {
            caught.add(e);
            co.yield("recovered");
          }
          return "end";
        });
  }

  // --- protocol rows ---------------------------------------------------------------------------

  @Test
  void firstNextRunsToTheFirstYieldOnADaemonThread() {
    ThreadedGenerator<String, Object, String> g = script("a", "b");
    assertEquals(State.CREATED, g.state());
    assertEquals("a", g.next());
    assertEquals(State.SUSPENDED, g.state());
    assertEquals(List.of("start"), log);
    assertNotSame(Thread.currentThread(), bodyThread.get());
    assertTrue(bodyThread.get().isDaemon());
    assertEquals("b", g.send(7));
    assertEquals(List.of("start", "sent 7"), log);
  }

  @Test
  void sendNonNullBeforeStartIsRejected() {
    ThreadedGenerator<String, Object, String> g = script("a");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.send("x"));
    assertEquals("can't send non-null value to a just-started coroutine: call next() first, or declare @Coroutine(primed = true)", e.getMessage());
    assertEquals(State.CREATED, g.state());
    assertEquals(List.of(), log);
    assertEquals("a", g.send(null));
  }

  @Test
  void returnGivesStopIterationWithTheValueAndEndsTheThread() {
    ThreadedGenerator<String, Object, String> g = script("a");
    g.next();
    StopIteration end = assertThrows(StopIteration.class, () -> g.send("last"));
    assertEquals("done", end.value());
    assertEquals(State.CLOSED, g.state());
    assertEquals(List.of("start", "sent last"), log);
    assertFalse(bodyThread.get().isAlive(), "a finished generator must end its thread");
  }

  @Test
  void nextAndSendWhenClosedGiveStopIterationWithNull() {
    ThreadedGenerator<String, Object, String> g = script();
    assertEquals("done", assertThrows(StopIteration.class, g::next).value());
    assertNull(assertThrows(StopIteration.class, g::next).value());
    assertNull(assertThrows(StopIteration.class, () -> g.send("x")).value());
    assertEquals(List.of("start"), log);
  }

  @Test
  void bodyExceptionsPropagateAsTheSameInstance() {
    IllegalArgumentException unchecked = new IllegalArgumentException("boom");
    ThreadedGenerator<String, Object, Void> g = failing(unchecked);
    g.next();
    assertSame(unchecked, assertThrows(IllegalArgumentException.class, g::next));
    assertEquals(State.CLOSED, g.state());
    assertNull(assertThrows(StopIteration.class, g::next).value());

    IOException checked = new IOException("disk");
    ThreadedGenerator<String, Object, Void> h = failing(checked);
    h.next();
    assertSame(checked, assertThrows(IOException.class, h::next));
    assertEquals(State.CLOSED, h.state());
  }

  @Test
  void escapingStopIterationBecomesIllegalStateException() {
    StopIteration escaped = new StopIteration("inner");
    ThreadedGenerator<String, Object, Void> g = failing(escaped);
    g.next();
    IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
    assertEquals("coroutine raised StopIteration", e.getMessage());
    assertSame(escaped, e.getCause());
    assertEquals(State.CLOSED, g.state());
  }

  @Test
  void closeWhenCreatedOrClosedRunsNothing() {
    ThreadedGenerator<String, Object, String> created = guarded(OnExit.RETURN);
    created.close();
    assertEquals(State.CLOSED, created.state());
    assertNull(assertThrows(StopIteration.class, created::next).value());
    assertEquals(List.of(), log);
    assertNull(bodyThread.get(), "no thread for a generator closed before it started");

    ThreadedGenerator<String, Object, String> closed = guarded(OnExit.RETURN);
    closed.next();
    closed.close();
    List<String> afterFirstClose = List.copyOf(log);
    closed.close();
    assertEquals(State.CLOSED, closed.state());
    assertEquals(afterFirstClose, log);
  }

  @Test
  void closeWhenSuspendedRaisesGeneratorExitAtTheYield() {
    List<Throwable> raised = new ArrayList<>();
    ThreadedGenerator<String, Object, Void> g =
        new ThreadedGenerator<>(
            co -> {
              bodyThread.set(Thread.currentThread());
              try {
                co.yield("a");
              } catch (Throwable t) {
                raised.add(t);
                throw t;
              } finally {
                log.add("finally");
              }
              log.add("after the yield");
              return null;
            });
    g.next();
    g.close();
    assertEquals(1, raised.size());
    assertEquals(GeneratorExit.class, raised.get(0).getClass());
    assertEquals(List.of("finally"), log);
    assertEquals(State.CLOSED, g.state());
    assertFalse(bodyThread.get().isAlive(), "a closed generator must end its thread");
  }

  @ParameterizedTest
  @EnumSource(value = OnExit.class, names = {"RETURN", "RETHROW"})
  void closeIsQuietWhenTheBodyReturnsOrRethrows(OnExit onExit) {
    ThreadedGenerator<String, Object, String> g = guarded(onExit);
    g.next();
    g.next();
    g.close();
    assertEquals(State.CLOSED, g.state());
    assertEquals(List.of("start", "catch", "finally"), log);
  }

  @Test
  void closeFailsWhenTheBodyYieldsAgainAndLeavesItSuspended() {
    ThreadedGenerator<String, Object, String> g = guarded(OnExit.YIELD);
    g.next();
    IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
    assertEquals("coroutine ignored GeneratorExit", e.getMessage());
    assertEquals(State.SUSPENDED, g.state());
    assertTrue(bodyThread.get().isAlive());
    assertEquals(List.of("start", "catch"), log);

    assertEquals("after again", assertThrows(StopIteration.class, g::next).value());
    assertEquals(List.of("start", "catch", "finally"), log);
  }

  @Test
  void closePropagatesAnotherException() {
    ThreadedGenerator<String, Object, String> g = guarded(OnExit.THROW);
    g.next();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::close);
    assertEquals("cleanup failed", e.getMessage());
    assertEquals(State.CLOSED, g.state());
    assertEquals(List.of("start", "catch", "finally"), log);
  }

  @Test
  void throwIntoSuspendedCaughtReturnsTheNextYield() {
    List<Throwable> caught = new ArrayList<>();
    ThreadedGenerator<String, Object, String> g = catcher(caught);
    g.next();
    Exception checked = new Exception("checked");
    assertEquals("recovered", g.throwInto(checked));
    assertEquals(State.SUSPENDED, g.state());
    assertEquals(List.of(checked), caught);
    assertSame(checked, caught.get(0));
    assertEquals("end", assertThrows(StopIteration.class, g::next).value());
  }

  @Test
  void throwIntoSuspendedUncaughtPropagates() {
    ThreadedGenerator<String, Object, String> g = guarded(OnExit.RETURN);
    g.next();
    IOException io = new IOException();
    assertSame(io, assertThrows(IOException.class, () -> g.throwInto(io)));
    assertEquals(State.CLOSED, g.state());
    assertEquals(List.of("start", "finally"), log);
  }

  @Test
  void throwIntoCreatedThrowsAtOnceWithoutRunningTheBody() {
    ThreadedGenerator<String, Object, String> g = guarded(OnExit.RETURN);
    IOException io = new IOException();
    assertSame(io, assertThrows(IOException.class, () -> g.throwInto(io)));
    assertEquals(State.CLOSED, g.state());
    assertNull(assertThrows(StopIteration.class, g::next).value());
    assertEquals(List.of(), log);
    assertNull(bodyThread.get());
  }

  @Test
  void throwIntoClosedThrows() {
    ThreadedGenerator<String, Object, String> g = script();
    assertThrows(StopIteration.class, g::next);
    IllegalArgumentException boom = new IllegalArgumentException();
    assertSame(boom, assertThrows(IllegalArgumentException.class, () -> g.throwInto(boom)));
    assertEquals(State.CLOSED, g.state());
  }

  /** The four ways to drive a generator, for the re-entry tests. */
  enum Call {
    NEXT(g -> g.next()),
    SEND(g -> g.send("x")),
    THROW_INTO(g -> g.throwInto(new IllegalArgumentException("thrown in"))),
    CLOSE(Generator::close);

    final Consumer<Generator<String, Object, String>> action;

    Call(Consumer<Generator<String, Object, String>> action) {
      this.action = action;
    }
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void reentryFromTheBodyFails(Call call) {
    AtomicReference<Generator<String, Object, String>> self = new AtomicReference<>();
    AtomicReference<State> stateInside = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    ThreadedGenerator<String, Object, String> g =
        new ThreadedGenerator<>(
            co -> {
              co.yield("ready");
              stateInside.set(self.get().state());
              try {
                call.action.accept(self.get());
              } catch (RuntimeException e) {
                failure.set(e);
              }
              co.yield("after");
              call.action.accept(self.get()); // uncaught this time
              return "end";
            });
    self.set(g);
    g.next();

    assertEquals("after", g.next());
    assertEquals(State.RUNNING, stateInside.get());
    assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
    assertEquals("coroutine already executing", failure.get().getMessage());

    IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
    assertEquals("coroutine already executing", e.getMessage());
    assertEquals(State.CLOSED, g.state());
  }

  // --- yieldFrom (PEP 380) ---------------------------------------------------------------------

  @Test
  void yieldFromForwardsValuesAndSendsAndReturnsTheResult() {
    List<Object> delegateSaw = new ArrayList<>();
    ThreadedGenerator<String, Object, String> delegate =
        new ThreadedGenerator<>(
            co -> {
              Object a = co.yield("d1");
              delegateSaw.add(a);
              Object b = co.yield("d2");
              delegateSaw.add(b);
              return a + "+" + b;
            });
    ThreadedGenerator<String, Object, String> g =
        new ThreadedGenerator<>(
            co -> {
              co.yield("before");
              String r = co.yieldFrom(delegate);
              log.add("result " + r);
              co.yield("after");
              return r;
            });
    assertEquals("before", g.next());
    assertEquals("d1", g.next());
    assertEquals("d2", g.send("x"));
    assertEquals("after", g.next());
    assertEquals(Arrays.asList("x", null), delegateSaw);
    assertEquals(List.of("result x+null"), log);
    assertEquals(State.CLOSED, delegate.state());
    assertEquals("x+null", assertThrows(StopIteration.class, g::next).value());
  }

  @Test
  void yieldFromOfADelegateThatNeverYieldsReturnsAtOnce() {
    ThreadedGenerator<String, Object, Integer> delegate = new ThreadedGenerator<>(co -> 42);
    ThreadedGenerator<String, Object, Void> g =
        new ThreadedGenerator<>(
            co -> {
              co.yield("got " + co.yieldFrom(delegate));
              return null;
            });
    assertEquals("got 42", g.next());

    ThreadedGenerator<String, Object, Integer> closed = new ThreadedGenerator<>(co -> 1);
    closed.close();
    ThreadedGenerator<String, Object, Void> h =
        new ThreadedGenerator<>(
            co -> {
              co.yield("got " + co.yieldFrom(closed));
              return null;
            });
    assertEquals("got null", h.next());
  }

  @Test
  void yieldFromThrowIntoCaughtByTheDelegateLetsTheDelegatorContinue() {
    ThreadedGenerator<String, Object, String> delegate =
        new ThreadedGenerator<>(
            co -> {
              try {
                co.yield("d");
              } catch (IllegalArgumentException e) {
                return "recovered";
              }
              return "normal";
            });
    ThreadedGenerator<String, Object, String> g =
        new ThreadedGenerator<>(
            co -> {
              String r = co.yieldFrom(delegate);
              co.yield("got " + r);
              co.yield("still running");
              return "end";
            });
    assertEquals("d", g.next());
    assertEquals("got recovered", g.throwInto(new IllegalArgumentException()));
    assertEquals("still running", g.next(), "no stale rethrow of the handled exception");
    assertEquals("end", assertThrows(StopIteration.class, g::next).value());
  }

  @Test
  void yieldFromDelegateExceptionPropagatesIntoTheDelegator() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    ThreadedGenerator<String, Object, Void> delegate =
        new ThreadedGenerator<>(
            co -> {
              co.yield("d");
              return null;
            });
    List<Throwable> caught = new ArrayList<>();
    ThreadedGenerator<String, Object, Void> g =
        new ThreadedGenerator<>(
            co -> {
              try {
                co.yieldFrom(delegate);
              } catch (IllegalArgumentException e) {
                caught.add(e);
                co.yield("delegator caught");
              }
              return null;
            });
    assertEquals("d", g.next());
    assertEquals("delegator caught", g.throwInto(boom));
    assertSame(boom, caught.get(0));
    assertEquals(State.CLOSED, delegate.state());
  }

  @Test
  void closeClosesTheDelegateFirst() {
    ThreadedGenerator<String, Object, Void> delegate =
        new ThreadedGenerator<>(
            co -> {
              try {
                while (true) {
                  co.yield("d");
                }
              } finally {
                log.add("delegate finally");
              }
            });
    ThreadedGenerator<String, Object, Void> g =
        new ThreadedGenerator<>(
            co -> {
              try {
                co.yieldFrom(delegate);
              } catch (GeneratorExit e) {
                log.add("delegator catch");
                throw e;
              } finally {
                log.add("delegator finally");
              }
              return null;
            });
    g.next();
    g.close();
    assertEquals(List.of("delegate finally", "delegator catch", "delegator finally"), log);
    assertEquals(State.CLOSED, delegate.state());
    assertEquals(State.CLOSED, g.state());
  }

  @Test
  void closeWhenTheDelegateIgnoresGeneratorExitPropagatesItsFailure() {
    ThreadedGenerator<String, Object, Void> delegate =
        new ThreadedGenerator<>(
            co -> {
              try {
                co.yield("d");
              } catch (GeneratorExit e) {
                co.yield("ignored");
              }
              return null;
            });
    ThreadedGenerator<String, Object, Void> g =
        new ThreadedGenerator<>(
            co -> {
              co.yieldFrom(delegate);
              return null;
            });
    g.next();
    IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
    assertEquals("coroutine ignored GeneratorExit", e.getMessage());
    assertEquals(State.CLOSED, g.state(), "the failure ended the delegator's body");
    assertEquals(State.SUSPENDED, delegate.state());
  }

  // --- iteration -------------------------------------------------------------------------------

  @Test
  void iteratorIsLazySingleUseAndKeepsNullYields() {
    ThreadedGenerator<String, Object, String> g = script(null, "b", null);
    Iterator<String> it = g.iterator();
    assertEquals(List.of(), log, "iterator() alone must not run the body");
    List<String> seen = new ArrayList<>();
    while (it.hasNext()) {
      seen.add(it.next());
    }
    assertEquals(Arrays.asList(null, "b", null), seen);
    assertEquals(State.CLOSED, g.state());
    IllegalStateException e = assertThrows(IllegalStateException.class, g::iterator);
    assertEquals("a generator can be iterated only once", e.getMessage());
  }

  @Test
  void streamIsLazyAndClosingItClosesTheGenerator() {
    ThreadedGenerator<String, Object, String> g = guarded(OnExit.RETURN);
    try (Stream<String> ticks = g.stream()) {
      assertEquals(List.of(), log);
      assertEquals(List.of("tick", "tick"), ticks.limit(2).collect(Collectors.toList()));
      assertEquals(State.SUSPENDED, g.state());
    }
    assertEquals(State.CLOSED, g.state());
    assertEquals(List.of("start", "catch", "finally"), log);
  }

  // --- the oracle's own discipline -------------------------------------------------------------

  @Test
  void theHandleCannotBeUsedFromAnotherThread() {
    AtomicReference<Yield<String, Object>> leaked = new AtomicReference<>();
    ThreadedGenerator<String, Object, Void> g =
        new ThreadedGenerator<>(
            co -> {
              leaked.set(co);
              co.yield("a");
              return null;
            });
    g.next();
    IllegalStateException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> assertThrows(IllegalStateException.class, () -> leaked.get().yield("x")),
            "a misused handle must fail, not wait for a resumption");
    assertEquals(ThreadedGenerator.OUTSIDE_BODY, e.getMessage());
    assertEquals(State.SUSPENDED, g.state());
    g.close();
  }

  @Test
  void anInterruptedCallerStillGetsTheAnswerAndKeepsItsInterrupt() {
    ThreadedGenerator<String, Object, String> g = script("a", "b");
    Thread.currentThread().interrupt();
    try {
      assertEquals("a", g.next());
      assertEquals("b", g.next());
    } finally {
      assertTrue(Thread.interrupted(), "the caller's interrupt status must survive");
    }
  }

  @Test
  void aDroppedSuspendedGeneratorIsClosedAndItsThreadEnds() throws InterruptedException {
    CountDownLatch finallyRan = new CountDownLatch(1);
    AtomicReference<Thread> thread = new AtomicReference<>();
    startAndDrop(finallyRan, thread);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (finallyRan.getCount() > 0 && System.nanoTime() < deadline) {
      System.gc();
      finallyRan.await(50, TimeUnit.MILLISECONDS);
    }
    assertEquals(0, finallyRan.getCount(), "GeneratorExit must reach a dropped generator's body");
    thread.get().join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(thread.get().isAlive());
  }

  /** Starts a generator and drops it while it is suspended inside a try/finally. */
  private static void startAndDrop(CountDownLatch finallyRan, AtomicReference<Thread> thread) {
    ThreadedGenerator<String, Object, Void> g =
        new ThreadedGenerator<>(
            co -> {
              thread.set(Thread.currentThread());
              try {
                while (true) {
                  co.yield("tick");
                }
              } finally {
                finallyRan.countDown();
              }
            },
            true);
    g.next();
    g.next();
  }
}
