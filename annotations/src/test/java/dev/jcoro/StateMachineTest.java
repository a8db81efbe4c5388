package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Generator.State;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests the generator protocol (the table of docs/semantics.md), row by row, as {@link StateMachine} implements it.
 *
 * <p>Each coroutine below is written by hand the way the processor generates one: a
 * body ({@code resume}, under {@link Plain} or {@link Routed}) that dispatches on the label {@code at}, {@code return suspendAt(k, v);}
 * to yield, {@code sent} at each resume point, {@code return complete(r);} to finish, and a
 * {@code handler} table for the try regions of the bodies that have one. Each class's javadoc shows
 * the body it stands for.
 */
class StateMachineTest {

  // ---------------------------------------------------------------------------------------------
  // Hand-written state machines
  // ---------------------------------------------------------------------------------------------

  /**
   * A hand-written body, written as generated code is: {@code send} resumes its own
   * {@code resume}, which ends the coroutine on an exception that escapes the body ({@link #fail}).
   */
  abstract static class Plain<Y, S, R> extends StateMachine<Y, S, R>
      implements Generator<Y, S, R> {
    abstract Y body(S sent, int at) throws Throwable;

    @Override
    public final Y send(S value) {
      return leave(resume(value, enter(value)));
    }

    @Override
    protected Y resume(S sent, int at) {
      try {
        return body(sent, at);
      } catch (Throwable error) {
        throw fail(error);
      }
    }
  }

  /**
   * A hand-written body with try regions: as generated code does, {@code resume} gives an
   * exception that escapes the code of a label to {@link #route} and continues where it says.
   */
  abstract static class Routed<Y, S, R> extends Plain<Y, S, R> {
    @Override
    protected final Y resume(S sent, int at) {
      while (true) {
        try {
          return body(sent, at);
        } catch (Throwable error) {
          at = route(at, error);
        }
      }
    }
  }

  /**
   * Yields a fixed list of values (nulls allowed), records what each resumption was sent, then
   * returns {@code result}:
   *
   * <pre>{@code
   * R script(Yield<Y, S> co) {
   *   for (int i = 0; i < values.size(); i++) sentLog.add(co.yield(values.get(i)));
   *   return result;
   * }
   * }</pre>
   */
  static final class Script<Y, S, R> extends Plain<Y, S, R> {
    final List<S> sentLog = new ArrayList<>();
    /** How many times the body has been entered: 0 means it never ran. */
    int entries;

    private final List<Y> values;
    private final R result;
    private int i;

    Script(R result, List<Y> values) {
      this.result = result;
      this.values = values;
    }

    @Override
    Y body(S sent, int at) throws Throwable {
      entries++;
      switch (at) {
        case 0:
          i = 0;
          break;
        case 1:
          sentLog.add(sent);
          i++;
          break;
        default:
          throw new AssertionError(at);
      }
      if (i < values.size()) {
        return suspendAt(1, values.get(i));
      }
      return complete(result);
    }
  }

  /** Yields the given values, then returns {@code "done"}. */
  @SafeVarargs
  static <Y> Script<Y, Object, String> script(Y... values) {
    return new Script<>("done", Arrays.asList(values));
  }

  /**
   * Yields once, then throws {@code error} (checked or not):
   *
   * <pre>{@code
   * Void failing(Yield<String, Object> co) throws Throwable {
   *   co.yield("before");
   *   throw error;
   * }
   * }</pre>
   */
  static final class Failing extends Plain<String, Object, Void> {
    private final Throwable error;

    Failing(Throwable error) {
      this.error = error;
    }

    @Override
    String body(Object sent, int at) throws Throwable {
      switch (at) {
        case 0:
          return suspendAt(1, "before");
        case 1:
          throw error;
        default:
          throw new AssertionError(at);
      }
    }
  }

  /** What {@link Guarded}'s {@code catch (GeneratorExit e)} does. */
  enum OnExit {
    /** {@code return "bye";} */
    RETURN,
    /** {@code throw e;} */
    RETHROW,
    /** {@code co.yield("again"); return "after again";} */
    YIELD,
    /** {@code throw new IllegalArgumentException("cleanup failed");} */
    THROW
  }

  /**
   * Ticks forever inside a try with a {@code catch (GeneratorExit)} and a {@code finally}, logging
   * what runs:
   *
   * <pre>{@code
   * String guarded(Yield<String, Object> co) {
   *   log.add("start");
   *   try {
   *     while (true) co.yield("tick");             // resume point 1
   *   } catch (GeneratorExit e) {                   // code at 2
   *     log.add("catch");
   *     switch (onExit) {
   *       case RETURN: return "bye";
   *       case RETHROW: throw e;
   *       case YIELD: co.yield("again"); return "after again";   // resume point 3
   *       case THROW: throw new IllegalArgumentException("cleanup failed");
   *     }
   *   } finally {                                   // code at 4 on the exceptional path
   *     log.add("finally");
   *   }
   * }
   * }</pre>
   */
  static final class Guarded extends Routed<String, Object, String> {
    final List<String> log = new ArrayList<>();
    private final OnExit onExit;

    Guarded(OnExit onExit) {
      this.onExit = onExit;
    }

    String body(Object sent, int at) throws Throwable {
      switch (at) {
        case 0:
          log.add("start");
          return suspendAt(1, "tick");
        case 1:
          return suspendAt(1, "tick");
        case 2:
          {
            Throwable e = takeCaught();
            log.add("catch");
            switch (onExit) {
              case RETURN:
                log.add("finally");
                return complete("bye");
              case RETHROW:
                throw e;
              case YIELD:
                return suspendAt(3, "again");
              case THROW:
                throw new IllegalArgumentException("cleanup failed");
              default:
                throw new AssertionError(onExit);
            }
          }
        case 3:
          log.add("finally");
          return complete("after again");
        case 4:
          {
            Throwable e = takeCaught();
            log.add("finally");
            throw e;
          }
        default:
          throw new AssertionError(at);
      }
    }

    @Override
    protected int handler(int label, Throwable error) {
      if (label == 1 && error instanceof GeneratorExit) {
        caught = error;
        return 2; // the catch clause
      }
      if (label == 1 || label == 2 || label == 3) {
        caught = error;
        return 4; // the finally clause, rethrowing
      }
      return -1;
    }
  }

  /**
   * Catches exceptions (not errors) thrown in at its first yield:
   *
   * <pre>{@code
   * String catcher(Yield<String, Object> co) {
   *   try {
   *     co.yield("first");                          // resume point 1
   *   } catch (Exception e) {                       // code at 2
   *     caughtLog.add(e);
   *     co.yield("recovered");                      // resume point 3
   *   }
   *   return "end";
   * }
   * }</pre>
   */
  static final class Catcher extends Routed<String, Object, String> {
    final List<Throwable> caughtLog = new ArrayList<>();

    String body(Object sent, int at) throws Throwable {
      switch (at) {
        case 0:
          return suspendAt(1, "first");
        case 1:
          return complete("end");
        case 2:
          caughtLog.add(takeCaught());
          return suspendAt(3, "recovered");
        case 3:
          return complete("end");
        default:
          throw new AssertionError(at);
      }
    }

    @Override
    protected int handler(int label, Throwable error) {
      if (label == 1 && error instanceof Exception) {
        caught = error;
        return 2;
      }
      return -1;
    }
  }

  /**
   * Calls a protocol method on itself while it runs, optionally catching what that throws:
   *
   * <pre>{@code
   * String reentrant(Yield<String, Object> co) {
   *   co.yield("ready");                            // resume point 1
   *   stateInside = self.state();
   *   if (catchIt) {
   *     try { action.accept(self); } catch (RuntimeException e) { failure = e; }
   *   } else {
   *     action.accept(self);
   *   }
   *   co.yield("after");                            // resume point 2
   *   return "end";
   * }
   * }</pre>
   */
  static final class Reentrant extends Plain<String, Object, String> {
    State stateInside;
    RuntimeException failure;
    private final Consumer<Generator<String, Object, String>> action;
    private final boolean catchIt;

    Reentrant(Consumer<Generator<String, Object, String>> action, boolean catchIt) {
      this.action = action;
      this.catchIt = catchIt;
    }

    @Override
    String body(Object sent, int at) throws Throwable {
      switch (at) {
        case 0:
          return suspendAt(1, "ready");
        case 1:
          stateInside = state();
          if (catchIt) {
            try {
              action.accept(this);
            } catch (RuntimeException e) {
              failure = e;
            }
          } else {
            action.accept(this);
          }
          return suspendAt(2, "after");
        case 2:
          return complete("end");
        default:
          throw new AssertionError(at);
      }
    }
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

  // ---------------------------------------------------------------------------------------------
  // the protocol table, row by row
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("first next(): runs to the first yield, CREATED -> SUSPENDED")
  class FirstNext {
    @Test
    void runsToTheFirstYield() {
      Script<String, Object, String> g = script("a", "b");
      assertEquals(State.CREATED, g.state());
      assertEquals(0, g.entries);

      assertEquals("a", g.next());

      assertEquals(State.SUSPENDED, g.state());
      assertEquals(1, g.entries);
      assertEquals(List.of(), g.sentLog);
    }

    @Test
    void sendNullStartsLikeNext() {
      Script<String, Object, String> g = script("a", "b");
      assertEquals("a", g.send(null));
      assertEquals(State.SUSPENDED, g.state());
    }

    @Test
    void laterSendsAreTheValueOfTheYield() {
      Script<String, Object, String> g = script("a", "b", "c");
      g.next();
      assertEquals("b", g.send(42));
      assertEquals("c", g.next());
      assertEquals(Arrays.asList(42, null), g.sentLog);
    }
  }

  @Nested
  @DisplayName("send(non-null) before start: IllegalStateException, stays CREATED")
  class SendBeforeStart {
    @Test
    void isRejectedAndTheBodyDoesNotRun() {
      Script<String, Object, String> g = script("a");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.send(1));
      assertEquals("can't send non-null value to a just-started coroutine: call next() first, or declare @Coroutine(primed = true)", e.getMessage());
      assertEquals(State.CREATED, g.state());
      assertEquals(0, g.entries);
    }

    @Test
    void theGeneratorCanStillBeStarted() {
      Script<String, Object, String> g = script("a");
      assertThrows(IllegalStateException.class, () -> g.send("x"));
      assertEquals("a", g.next());
      assertEquals(State.SUSPENDED, g.state());
    }
  }

  @Nested
  @DisplayName("body returns v: StopIteration with value v, CLOSED")
  class BodyReturns {
    @Test
    void stopIterationCarriesTheReturnValue() {
      Script<String, Object, String> g = script("a");
      g.next();
      StopIteration end = assertThrows(StopIteration.class, () -> g.send("last"));
      assertEquals("done", end.value());
      assertEquals("done", end.getMessage());
      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of("last"), g.sentLog);
    }

    @Test
    void bodyThatNeverYieldsFinishesOnTheFirstNext() {
      Script<String, Object, Integer> g = new Script<>(7, List.of());
      StopIteration end = assertThrows(StopIteration.class, g::next);
      assertEquals(7, end.value());
      assertEquals(State.CLOSED, g.state());
    }

    @Test
    void nullReturnValue() {
      Script<String, Object, String> g = new Script<>(null, List.of("a"));
      g.next();
      StopIteration end = assertThrows(StopIteration.class, g::next);
      assertNull(end.value());
      assertNull(end.getMessage());
    }
  }

  @Nested
  @DisplayName("next/send when closed: StopIteration, value null")
  class NextWhenClosed {
    @Test
    void afterReturnTheValueIsNotRepeated() {
      Script<String, Object, String> g = script();
      assertEquals("done", assertThrows(StopIteration.class, g::next).value());
      int entries = g.entries;

      assertNull(assertThrows(StopIteration.class, g::next).value());
      assertNull(assertThrows(StopIteration.class, () -> g.send("x")).value());
      assertNull(assertThrows(StopIteration.class, () -> g.send(null)).value());
      assertEquals(State.CLOSED, g.state());
      assertEquals(entries, g.entries, "a closed body must not run");
    }

    @Test
    void afterClose() {
      Script<String, Object, String> g = script("a", "b");
      g.next();
      g.close();
      assertNull(assertThrows(StopIteration.class, g::next).value());
      assertNull(assertThrows(StopIteration.class, () -> g.send(1)).value());
    }
  }

  @Nested
  @DisplayName("body throws: propagates, CLOSED, later calls StopIteration")
  class BodyThrows {
    @Test
    void uncheckedExceptionPropagatesAsIs() {
      IllegalArgumentException boom = new IllegalArgumentException("boom");
      Failing g = new Failing(boom);
      assertEquals("before", g.next());

      assertSame(boom, assertThrows(IllegalArgumentException.class, g::next));
      assertEquals(State.CLOSED, g.state());
      assertNull(assertThrows(StopIteration.class, g::next).value());
      assertNull(assertThrows(StopIteration.class, () -> g.send("x")).value());
    }

    @Test
    void checkedExceptionPropagatesUnwrapped() {
      IOException io = new IOException("disk");
      Failing g = new Failing(io);
      g.next();
      assertSame(io, assertThrows(IOException.class, g::next));
      assertEquals(State.CLOSED, g.state());
    }

    @Test
    void errorPropagates() {
      AssertionError error = new AssertionError("bad");
      Failing g = new Failing(error);
      g.next();
      assertSame(error, assertThrows(AssertionError.class, g::next));
      assertEquals(State.CLOSED, g.state());
    }
  }

  @Nested
  @DisplayName("body lets StopIteration escape: IllegalStateException, cause kept")
  class StopIterationEscapes {
    @Test
    void isTurnedIntoIllegalStateException() {
      StopIteration escaped = new StopIteration("inner");
      Failing g = new Failing(escaped);
      g.next();

      IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
      assertEquals("coroutine raised StopIteration", e.getMessage());
      assertSame(escaped, e.getCause());
      assertEquals(State.CLOSED, g.state());
      assertNull(assertThrows(StopIteration.class, g::next).value());
    }

    @Test
    void alsoWhenThrownInAndNotCaught() {
      Script<String, Object, String> g = script("a", "b");
      g.next();
      StopIteration thrownIn = new StopIteration(null);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> g.throwInto(thrownIn));
      assertEquals("coroutine raised StopIteration", e.getMessage());
      assertSame(thrownIn, e.getCause());
      assertEquals(State.CLOSED, g.state());
    }
  }

  @Nested
  @DisplayName("close() when CREATED or CLOSED: nothing runs, CLOSED")
  class CloseWhenNotSuspended {
    @Test
    void whenCreated() {
      Guarded g = new Guarded(OnExit.RETURN);
      g.close();
      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of(), g.log);
      assertNull(assertThrows(StopIteration.class, g::next).value());
      assertEquals(List.of(), g.log, "a generator closed before it started never runs");
    }

    @Test
    void whenClosed() {
      Guarded g = new Guarded(OnExit.RETURN);
      g.next();
      g.close();
      List<String> afterFirstClose = List.copyOf(g.log);

      g.close();
      assertEquals(State.CLOSED, g.state());
      assertEquals(afterFirstClose, g.log);
    }

    @Test
    void afterTheBodyThrew() {
      Failing g = new Failing(new IllegalArgumentException());
      g.next();
      assertThrows(IllegalArgumentException.class, g::next);
      g.close();
      assertEquals(State.CLOSED, g.state());
    }
  }

  @Nested
  @DisplayName("close() when SUSPENDED: GeneratorExit at the yield")
  class CloseWhenSuspended {
    @Test
    void runsCatchGeneratorExitAndFinally() {
      Guarded g = new Guarded(OnExit.RETURN);
      g.next();
      g.next();
      assertEquals(List.of("start"), g.log);

      g.close();

      assertEquals(List.of("start", "catch", "finally"), g.log);
      assertEquals(State.CLOSED, g.state());
    }

    @Test
    void catchExceptionDoesNotCatchGeneratorExit() {
      Catcher g = new Catcher();
      g.next();
      g.close();
      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of(), g.caughtLog);
    }

    @Test
    void bodyWithoutTryIsClosedQuietly() {
      Script<String, Object, String> g = script("a", "b");
      g.next();
      g.close();
      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of(), g.sentLog, "the yield must raise, not return");
    }
  }

  @Nested
  @DisplayName("close(): body returns or rethrows GeneratorExit -> close is quiet")
  class CloseQuiet {
    @ParameterizedTest
    @EnumSource(value = OnExit.class, names = {"RETURN", "RETHROW"})
    void closeReturnsNormally(OnExit onExit) {
      Guarded g = new Guarded(onExit);
      g.next();
      g.close();
      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of("start", "catch", "finally"), g.log);
    }
  }

  @Nested
  @DisplayName("close(): body yields again -> 'coroutine ignored GeneratorExit', stays SUSPENDED")
  class CloseIgnored {
    @Test
    void failsAndLeavesItSuspended() {
      Guarded g = new Guarded(OnExit.YIELD);
      g.next();

      IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
      assertEquals("coroutine ignored GeneratorExit", e.getMessage());
      assertEquals(State.SUSPENDED, g.state());
      assertEquals(List.of("start", "catch"), g.log);
    }

    @Test
    void theGeneratorCanStillBeResumed() {
      Guarded g = new Guarded(OnExit.YIELD);
      g.next();
      assertThrows(IllegalStateException.class, g::close);

      StopIteration end = assertThrows(StopIteration.class, g::next);
      assertEquals("after again", end.value());
      assertEquals(List.of("start", "catch", "finally"), g.log);
      assertEquals(State.CLOSED, g.state());
    }

    @Test
    void aSecondCloseRaisesAtTheNewYield() {
      Guarded g = new Guarded(OnExit.YIELD);
      g.next();
      assertThrows(IllegalStateException.class, g::close);

      g.close(); // GeneratorExit at "again": not caught there, finally runs, close is quiet
      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of("start", "catch", "finally"), g.log);
    }
  }

  @Nested
  @DisplayName("close(): body throws another exception -> it propagates")
  class CloseThrows {
    @Test
    void propagatesFromClose() {
      Guarded g = new Guarded(OnExit.THROW);
      g.next();

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::close);
      assertEquals("cleanup failed", e.getMessage());
      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of("start", "catch", "finally"), g.log);
    }

    @Test
    void checkedExceptionFromCloseIsUnwrapped() {
      IOException io = new IOException();
      // a catch (GeneratorExit e) { throw io; } around the yield
      StateMachine<String, Object, Void> g =
          new Routed<>() {
            @Override
            String body(Object sent, int at) throws Throwable {
              if (at == 0) {
                return suspendAt(1, "a");
              }
              if (at == 2) {
                takeCaught();
                throw io;
              }
              return complete(null);
            }

            @Override
            protected int handler(int label, Throwable error) {
              if (label == 1 && error instanceof GeneratorExit) {
                caught = error;
                return 2;
              }
              return -1;
            }
          };
      g.next();
      assertSame(io, assertThrows(IOException.class, g::close));
      assertEquals(State.CLOSED, g.state());
    }
  }

  @Nested
  @DisplayName("throwInto(e) when SUSPENDED: raised at the yield")
  class ThrowIntoSuspended {
    @Test
    void caughtThenTheNextYieldedValueIsReturned() {
      Catcher g = new Catcher();
      assertEquals("first", g.next());
      IllegalArgumentException boom = new IllegalArgumentException("boom");

      assertEquals("recovered", g.throwInto(boom));

      assertEquals(State.SUSPENDED, g.state());
      assertEquals(1, g.caughtLog.size());
      assertSame(boom, g.caughtLog.get(0));
      assertEquals("end", assertThrows(StopIteration.class, g::next).value());
    }

    @Test
    void caughtThenReturnGivesStopIteration() {
      Guarded g = new Guarded(OnExit.RETURN);
      g.next();
      StopIteration end = assertThrows(StopIteration.class, () -> g.throwInto(new GeneratorExit()));
      assertEquals("bye", end.value());
      assertEquals(State.CLOSED, g.state());
    }

    @Test
    void notCaughtPropagatesAndCloses() {
      Guarded g = new Guarded(OnExit.RETURN);
      g.next();
      IllegalArgumentException boom = new IllegalArgumentException("boom");

      assertSame(boom, assertThrows(IllegalArgumentException.class, () -> g.throwInto(boom)));

      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of("start", "finally"), g.log);
      assertNull(assertThrows(StopIteration.class, g::next).value());
    }

    @Test
    void nullIsRejectedWithoutTouchingTheGenerator() {
      Script<String, Object, String> g = script("a", "b");
      g.next();
      assertThrows(NullPointerException.class, () -> g.throwInto(null));
      assertEquals(State.SUSPENDED, g.state());
      assertEquals("b", g.next());
    }
  }

  @Nested
  @DisplayName("throwInto(e) when CREATED: raised at once, body never runs, CLOSED")
  class ThrowIntoCreated {
    @Test
    void raisedAtOnce() {
      Guarded g = new Guarded(OnExit.RETURN);
      IllegalArgumentException boom = new IllegalArgumentException("boom");

      assertSame(boom, assertThrows(IllegalArgumentException.class, () -> g.throwInto(boom)));

      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of(), g.log, "neither the body nor its finally may run");
      assertNull(assertThrows(StopIteration.class, g::next).value());
      assertEquals(List.of(), g.log);
    }

    @Test
    void evenAnExceptionTheBodyWouldCatch() {
      Catcher g = new Catcher();
      IllegalArgumentException boom = new IllegalArgumentException();
      assertSame(boom, assertThrows(IllegalArgumentException.class, () -> g.throwInto(boom)));
      assertEquals(List.of(), g.caughtLog);
      assertEquals(State.CLOSED, g.state());
    }
  }

  @Nested
  @DisplayName("throwInto(e) when CLOSED: e raised")
  class ThrowIntoClosed {
    @Test
    void raised() {
      Script<String, Object, String> g = script();
      assertThrows(StopIteration.class, g::next);
      int entries = g.entries;
      IllegalArgumentException boom = new IllegalArgumentException();

      assertSame(boom, assertThrows(IllegalArgumentException.class, () -> g.throwInto(boom)));
      assertEquals(State.CLOSED, g.state());
      assertEquals(entries, g.entries);
    }

    @Test
    void closeRaisesOneSharedGeneratorExitThatNothingCanChange() {
      GeneratorExit exit = GeneratorExit.raisedByClose();
      assertSame(exit, GeneratorExit.raisedByClose());
      exit.setStackTrace(new StackTraceElement[] {new StackTraceElement("C", "m", "C.java", 1)});
      exit.addSuppressed(new IllegalStateException("from one body"));
      assertThrows(IllegalStateException.class, () -> exit.initCause(new RuntimeException()));
      exit.fillInStackTrace();
      // What one body did to it, another generator's body does not see.
      assertEquals(0, exit.getStackTrace().length);
      assertEquals(0, exit.getSuppressed().length);
      assertEquals(null, exit.getCause());
    }

    @Test
    void generatorExitIsRaisedToo() {
      Script<String, Object, String> g = script();
      g.close();
      GeneratorExit exit = new GeneratorExit();
      assertSame(exit, assertThrows(GeneratorExit.class, () -> g.throwInto(exit)));
    }
  }

  @Nested
  @DisplayName("checked exceptions through throwInto are thrown as they are")
  class CheckedThrowInto {
    @Test
    void suspendedAndNotCaught() {
      Script<String, Object, String> g = script("a", "b");
      g.next();
      IOException io = new IOException("io");
      assertSame(io, assertThrows(IOException.class, () -> g.throwInto(io)));
      assertEquals(State.CLOSED, g.state());
    }

    @Test
    void suspendedAndCaught() {
      Catcher g = new Catcher();
      g.next();
      Exception checked = new Exception("checked");
      assertEquals("recovered", g.throwInto(checked));
      assertSame(checked, g.caughtLog.get(0));
    }

    @Test
    void created() {
      Script<String, Object, String> g = script("a");
      IOException io = new IOException();
      assertSame(io, assertThrows(IOException.class, () -> g.throwInto(io)));
      assertEquals(0, g.entries);
    }

    @Test
    void closed() {
      Script<String, Object, String> g = script("a");
      g.close();
      IOException io = new IOException();
      assertSame(io, assertThrows(IOException.class, () -> g.throwInto(io)));
    }
  }

  @Nested
  @DisplayName("re-entry: 'coroutine already executing'")
  class ReEntry {
    @ParameterizedTest
    @EnumSource(Call.class)
    void aCallFromInsideTheBodyFails(Call call) {
      Reentrant g = new Reentrant(call.action, true);
      g.next();

      assertEquals("after", g.next(), "the body continues after catching the failure");

      assertEquals(State.RUNNING, g.stateInside);
      assertTrue(g.failure instanceof IllegalStateException, String.valueOf(g.failure));
      assertEquals("coroutine already executing", g.failure.getMessage());
      assertEquals(State.SUSPENDED, g.state());
      assertEquals("end", assertThrows(StopIteration.class, g::next).value());
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void uncaughtItPropagatesAndCloses(Call call) {
      Reentrant g = new Reentrant(call.action, false);
      g.next();

      IllegalStateException e = assertThrows(IllegalStateException.class, g::next);

      assertEquals("coroutine already executing", e.getMessage());
      assertEquals(State.CLOSED, g.state());
    }
  }

  /**
   * <pre>{@code
   * try {
   *   co.yield("start");
   *   try { return "returned"; } finally { throw new IllegalStateException("finally"); }
   * } catch (IllegalStateException e) {
   *   co.yield("invalid");
   * }
   * return "after";
   * }</pre>
   * The finally block runs after {@code complete}; it records what it sees of its own generator.
   */
  static final class ReturnThenThrow extends Routed<String, Object, String> {
    State seenInFinally;
    Throwable nextInFinally;
    Throwable closeInFinally;

    String body(Object sent, int at) throws Throwable {
      switch (at) {
        case 0:
          return suspendAt(1, "start");
        case 1:
          complete("returned");
          seenInFinally = state();
          nextInFinally = assertThrows(IllegalStateException.class, this::next);
          closeInFinally = assertThrows(IllegalStateException.class, this::close);
          throw new IllegalStateException("finally");
        case 2:
          takeCaught();
          return suspendAt(3, "invalid");
        case 3:
          return complete("after");
        default:
          throw new AssertionError(at);
      }
    }

    @Override
    protected int handler(int label, Throwable error) {
      if (label == 1 && error instanceof IllegalStateException) {
        caught = error;
        return 2;
      }
      return -1;
    }
  }

  @Nested
  @DisplayName("a finally block that runs after return")
  class FinallyAfterReturn {
    @Test
    void stillRunningAndAThrowDropsTheReturn() {
      ReturnThenThrow g = new ReturnThenThrow();
      assertEquals("start", g.next());
      assertEquals("invalid", g.next());
      assertEquals(State.RUNNING, g.seenInFinally);
      assertEquals(StateMachine.ALREADY_EXECUTING, g.nextInFinally.getMessage());
      assertEquals(StateMachine.ALREADY_EXECUTING, g.closeInFinally.getMessage());
      assertEquals(State.SUSPENDED, g.state());
      assertEquals("after", assertThrows(StopIteration.class, g::next).value());
      assertEquals(State.CLOSED, g.state());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Iteration
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("iterator() and stream()")
  class Iteration {
    @Test
    void forEachSeesEveryYieldedValue() {
      List<String> seen = new ArrayList<>();
      for (String s : script("a", "b", "c")) {
        seen.add(s);
      }
      assertEquals(List.of("a", "b", "c"), seen);
    }

    @Test
    void iteratorDrivesNextLazily() {
      Script<String, Object, String> g = script("a", "b", "c");
      Iterator<String> it = g.iterator();
      assertEquals(State.CREATED, g.state(), "iterator() alone must not run the body");
      assertEquals(0, g.entries);

      assertTrue(it.hasNext());
      assertTrue(it.hasNext(), "hasNext() twice must not skip a value");
      assertEquals(1, g.entries);
      assertEquals("a", it.next());
      assertEquals(1, g.entries);
      assertEquals("b", it.next());
      assertEquals(2, g.entries);
      assertEquals("c", it.next());
      assertFalse(it.hasNext());
      assertEquals(State.CLOSED, g.state());
      assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void nullYieldsAreValues() {
      Iterator<String> it = script(null, "b", null).iterator();
      List<String> seen = new ArrayList<>();
      while (it.hasNext()) {
        seen.add(it.next());
      }
      assertEquals(Arrays.asList(null, "b", null), seen);
    }

    @Test
    void iteratorOfAnExhaustedGeneratorIsEmpty() {
      Script<String, Object, String> g = script("a");
      g.close();
      assertFalse(g.iterator().hasNext());
    }

    @Test
    void bodyExceptionsPropagateThroughTheIterator() {
      IllegalArgumentException boom = new IllegalArgumentException();
      Iterator<String> it = new Failing(boom).iterator();
      assertEquals("before", it.next());
      assertSame(boom, assertThrows(IllegalArgumentException.class, it::hasNext));
      assertFalse(it.hasNext());
    }

    @Test
    void secondIteratorCallFails() {
      Script<String, Object, String> g = script("a");
      g.iterator();
      IllegalStateException e = assertThrows(IllegalStateException.class, g::iterator);
      assertEquals("a generator can be iterated only once", e.getMessage());
    }

    @Test
    void streamAfterIteratorFails() {
      Script<String, Object, String> g = script("a");
      g.iterator();
      assertThrows(IllegalStateException.class, g::stream);
    }

    @Test
    void streamIsLazy() {
      Script<String, Object, String> g = script("a", "b", "c", "d");
      Stream<String> stream = g.stream();
      assertEquals(0, g.entries, "stream() alone must not run the body");

      assertEquals(List.of("a", "b"), stream.limit(2).collect(Collectors.toList()));
      assertEquals(2, g.entries, "only the values the stream needed were drawn");
      assertEquals(State.SUSPENDED, g.state());
    }

    @Test
    void closingTheStreamClosesTheGenerator() {
      Guarded g = new Guarded(OnExit.RETURN);
      try (Stream<String> ticks = g.stream()) {
        assertEquals(List.of("tick", "tick", "tick"), ticks.limit(3).collect(Collectors.toList()));
        assertEquals(State.SUSPENDED, g.state());
      }
      assertEquals(State.CLOSED, g.state());
      assertEquals(List.of("start", "catch", "finally"), g.log);
    }
  }

  /**
   * A body that delegates to an Iterable, as the processor generates it:
   *
   * <pre>{@code
   * String body(Yield<Integer, Integer> co) {
   *   Void none = co.yieldFrom(values);
   *   return "done " + none;
   * }
   * }</pre>
   */
  static final class IterableDelegator extends Routed<Integer, Integer, String> {
    private final Iterable<Integer> values;

    IterableDelegator(Iterable<Integer> values) {
      this.values = values;
    }

    @Override
    Integer body(Integer sent, int at) throws Throwable {
      if (at == 0) {
        delegateTo(values);
        sent = null;
      }
      Object delegated = stepDelegate(sent);
      if (delegated != DELEGATE_RETURNED) {
        return suspendAt(1, delegateYielded(delegated));
      }
      return complete("done " + resultOf(delegateResult(), values));
    }
  }

  /** An iterator that is also closeable: yieldFrom must not close it. */
  static final class CloseableIterator implements Iterator<Integer>, AutoCloseable {
    private final Iterator<Integer> values = List.of(1, 2, 3).iterator();
    boolean closed;

    @Override
    public boolean hasNext() {
      return values.hasNext();
    }

    @Override
    public Integer next() {
      return values.next();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Nested
  @DisplayName("yieldFrom(iterable): values passed through; send of non-null -> IllegalStateException"
      + " naming the iterator; throwInto and close as Python")
  class YieldFromIterable {
    @Test
    void valuesPassThroughAndTheResultIsNull() {
      IterableDelegator g = new IterableDelegator(List.of(1, 2, 3));
      List<Integer> seen = new ArrayList<>();
      for (Integer value : g) {
        seen.add(value);
      }
      assertEquals(List.of(1, 2, 3), seen);
      assertEquals(State.CLOSED, g.state());
      IterableDelegator again = new IterableDelegator(List.of());
      StopIteration stop = assertThrows(StopIteration.class, again::next);
      assertEquals("done null", stop.value());
    }

    @Test
    void sendOfAValueRaisesAtTheYieldFrom() {
      IterableDelegator g = new IterableDelegator(List.of(1, 2, 3));
      assertEquals(1, g.next());
      assertEquals(2, g.send(null));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.send(7));
      assertTrue(e.getMessage().contains(List.of(1).iterator().getClass().getName()),
          e.getMessage());
      assertEquals(State.CLOSED, g.state());
    }

    @Test
    void throwIntoRaisesAtTheYieldFrom() {
      IterableDelegator g = new IterableDelegator(List.of(1, 2, 3));
      g.next();
      IllegalArgumentException thrown = new IllegalArgumentException("in");
      assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> g.throwInto(thrown)));
      assertEquals(State.CLOSED, g.state());
    }

    @Test
    void closeRaisesGeneratorExitThereAndLeavesTheIteratorAlone() {
      CloseableIterator values = new CloseableIterator();
      IterableDelegator g = new IterableDelegator(() -> values);
      g.next();
      g.close();
      assertEquals(State.CLOSED, g.state());
      assertFalse(values.closed, "close does not reach the iterator");
      assertEquals(2, values.next(), "the iterator is where the delegation left it");
    }

    @Test
    void theYieldDefaultMethodRunsTheSameProtocol() {
      List<Object> log = new ArrayList<>();
      Yield<Integer, Integer> co = new Yield<>() {
        private int calls;

        @Override
        public Integer receive() {
          return null;
        }

        @Override
        public Integer yield(Integer value) {
          log.add(value);
          return ++calls == 2 ? 9 : null;
        }

        @Override
        public <R, X extends Exception> R yieldFrom(
            ThrowingGenerator<? extends Integer, ? super Integer, ? extends R, X> d) {
          throw new UnsupportedOperationException();
        }
      };
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> co.yieldFrom(List.of(1, 2, 3)));
      assertEquals(List.of(1, 2), log);
      assertTrue(e.getMessage().startsWith("can't send a non-null value to the iterator"));
    }
  }
}
