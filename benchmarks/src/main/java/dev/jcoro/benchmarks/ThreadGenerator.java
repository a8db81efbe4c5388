package dev.jcoro.benchmarks;

import dev.jcoro.Generator;
import dev.jcoro.GeneratorExit;
import dev.jcoro.StopIteration;
import dev.jcoro.ThrowingGenerator;
import dev.jcoro.Yield;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * A generator whose body runs on its own thread, handing values back and forth through two
 * {@link SynchronousQueue}s: the baseline that jcoro's compile-time state machines replace. The body
 * is an ordinary method taking a {@link Yield} (the {@code @Coroutine} methods of {@link Workloads},
 * called directly), so the same source runs both ways.
 *
 * <p>Written to be as fast as this design allows, so that it is a fair baseline:
 *
 * <ul>
 *   <li>platform threads come from a cached pool, so a short-lived generator (for-each, close) does
 *       not pay for starting a thread; a virtual thread is started per generator, as they are meant
 *       to be used;
 *   <li>the body thread starts lazily on the first {@code next()}, and values go through the queues
 *       as they are: no message object per {@code send} (a shared marker stands for null, which the
 *       queues refuse); only {@code throwInto}, {@code close} and the body's end send a wrapper;
 *   <li>{@code yieldFrom} a generator of this class that has not started runs the delegate's body
 *       inline, on the delegator's thread and with the same handle: what a stackful coroutine does
 *       for PEP 380. Sends, throws and close reach the delegate's suspension point directly instead
 *       of being relayed through one more thread per level. Other delegates are driven by the
 *       forwarding loop of PEP 380.
 * </ul>
 *
 * <p>What is left is the cost of the design: each {@code send} is two thread hand-offs (wake the
 * body, wake the caller), each a park/unpark unless the other side is still spinning: the queue
 * spins 128 {@code onSpinWait()}s (well under a microsecond) before it parks. The
 * {@link #platformSpinning} variant spins up to 50 µs on both sides before blocking, trading a busy
 * core for no OS wake-ups while the other side answers quickly.
 *
 * @param <Y> what the coroutine yields
 * @param <S> what it is sent
 * @param <R> what it returns
 */
public final class ThreadGenerator<Y, S, R> implements Generator<Y, S, R> {
  /**
   * A coroutine body: the {@code @Coroutine} method, called with a thread-backed handle.
   *
   * @param <Y> what it yields
   * @param <S> what it is sent
   * @param <R> what it returns
   */
  @FunctionalInterface
  public interface Body<Y, S, R> {
    /**
     * Runs the body.
     *
     * @param co the handle
     * @return what the body returns
     * @throws Throwable what the body throws
     */
    R run(Yield<Y, S> co) throws Throwable;
  }

  /** Stands for null in the queues, which refuse null. */
  private static final Object NULL = new Object();

  private static final ExecutorService PLATFORM =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "jcoro-bench-generator");
            thread.setDaemon(true);
            return thread;
          });

  /** Caller to body: raise this at the suspension point ({@code throwInto}, {@code close}). */
  private record Raise(Throwable error) {}

  /** Body to caller: the body returned. */
  private record Returned(Object value) {}

  /** Body to caller: the body threw. */
  private record Threw(Throwable error) {}

  /** How long a spinning hand-off spins before it blocks. */
  private static final long SPIN_NANOS = 50_000;

  /** A timed poll this short spins instead of parking (LinkedTransferQueue's threshold is 1024 ns). */
  private static final long POLL_NANOS = 500;

  private final Body<Y, S, R> body;
  private final boolean virtual;
  private final boolean spin;
  private final SynchronousQueue<Object> toBody = new SynchronousQueue<>();
  private final SynchronousQueue<Object> toCaller = new SynchronousQueue<>();
  private final Handle handle = new Handle();
  private State state = State.CREATED;
  private boolean iterated;

  private ThreadGenerator(Body<Y, S, R> body, boolean virtual, boolean spin) {
    this.body = body;
    this.virtual = virtual;
    this.spin = spin;
  }

  /**
   * A generator whose body runs on a pooled platform thread.
   *
   * @param body the body
   * @param <Y> what it yields
   * @param <S> what it is sent
   * @param <R> what it returns
   * @return a new generator, not started
   */
  public static <Y, S, R> ThreadGenerator<Y, S, R> platform(Body<Y, S, R> body) {
    return new ThreadGenerator<>(body, false, false);
  }

  /**
   * A generator whose body runs on a pooled platform thread, both sides of each hand-off spinning
   * for up to 50 µs before they block: no park/unpark (an OS wake-up, several µs) while the other
   * side answers quickly, at the price of a busy core.
   *
   * @param body the body
   * @param <Y> what it yields
   * @param <S> what it is sent
   * @param <R> what it returns
   * @return a new generator, not started
   */
  public static <Y, S, R> ThreadGenerator<Y, S, R> platformSpinning(Body<Y, S, R> body) {
    return new ThreadGenerator<>(body, false, true);
  }

  /**
   * A generator whose body runs on a new virtual thread.
   *
   * @param body the body
   * @param <Y> what it yields
   * @param <S> what it is sent
   * @param <R> what it returns
   * @return a new generator, not started
   */
  public static <Y, S, R> ThreadGenerator<Y, S, R> virtual(Body<Y, S, R> body) {
    return new ThreadGenerator<>(body, true, false);
  }

  @Override
  public Y next() {
    return send(null);
  }

  @Override
  public Y send(S value) {
    switch (state) {
      case SUSPENDED:
        return exchange(value == null ? NULL : value);
      case CREATED:
        if (value != null) {
          throw new IllegalStateException("can't send non-null value to a just-started coroutine:"
            + " call next() first, or declare @Coroutine(primed = true)");
        }
        state = State.RUNNING;
        Runnable task = this::runBody;
        if (virtual) {
          Thread.startVirtualThread(task);
        } else {
          PLATFORM.execute(task);
        }
        return awaitBody();
      case RUNNING:
        throw new IllegalStateException("coroutine already executing");
      default:
        throw StopIteration.exhausted();
    }
  }

  @Override
  public Y throwInto(Throwable error) {
    switch (state) {
      case SUSPENDED:
        return exchange(new Raise(error));
      case RUNNING:
        throw new IllegalStateException("coroutine already executing");
      default:
        state = State.CLOSED;
        throw sneakyThrow(error);
    }
  }

  @Override
  public void close() {
    switch (state) {
      case SUSPENDED:
        break;
      case RUNNING:
        throw new IllegalStateException("coroutine already executing");
      default:
        state = State.CLOSED;
        return;
    }
    try {
      exchange(new Raise(new GeneratorExit()));
    } catch (GeneratorExit | StopIteration finished) {
      return;
    }
    throw new IllegalStateException("coroutine ignored GeneratorExit");
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public Iterator<Y> iterator() {
    if (iterated) {
      throw new IllegalStateException("a generator can be iterated only once");
    }
    iterated = true;
    return new Iterator<>() {
      private boolean ready;
      private Y value;

      @Override
      public boolean hasNext() {
        if (!ready && state != State.CLOSED) {
          try {
            value = ThreadGenerator.this.next();
            ready = true;
          } catch (StopIteration end) {
            // done
          }
        }
        return ready;
      }

      @Override
      public Y next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = false;
        return value;
      }
    };
  }

  /** Wakes the body with a message and waits for what it does next. */
  private Y exchange(Object message) {
    state = State.RUNNING;
    put(toBody, message);
    return awaitBody();
  }

  /** Waits for the body to yield, return or throw, and turns that into the protocol's outcome. */
  @SuppressWarnings("unchecked")
  private Y awaitBody() {
    Object reply = take(toCaller);
    if (reply instanceof Returned returned) {
      state = State.CLOSED;
      throw new StopIteration(returned.value());
    }
    if (reply instanceof Threw threw) {
      state = State.CLOSED;
      if (threw.error() instanceof StopIteration escaped) {
        throw new IllegalStateException("coroutine raised StopIteration", escaped);
      }
      throw sneakyThrow(threw.error());
    }
    state = State.SUSPENDED;
    return reply == NULL ? null : (Y) reply;
  }

  /** The body thread: runs the body and reports how it ended. */
  private void runBody() {
    Object outcome;
    try {
      outcome = new Returned(body.run(handle));
    } catch (Throwable error) {
      outcome = new Threw(error);
    }
    put(toCaller, outcome);
  }

  /** The handle the body's yields call, on the body thread. */
  private final class Handle implements Yield<Y, S> {
    /** Set when a GeneratorExit was raised at one of this body's suspension points. */
    private boolean exitRaised;

    @Override
    public S receive() {
      return this.yield(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public S yield(Y value) {
      put(toCaller, value == null ? NULL : value);
      Object message = take(toBody);
      if (message instanceof Raise raise) {
        if (raise.error() instanceof GeneratorExit) {
          exitRaised = true;
        }
        throw sneakyThrow(raise.error());
      }
      return message == NULL ? null : (S) message;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, X extends Exception> T yieldFrom(
        ThrowingGenerator<? extends Y, ? super S, ? extends T, X> delegate) throws X {
      if (delegate instanceof ThreadGenerator<?, ?, ?> inline && inline.state == State.CREATED) {
        // Stackful: run the delegate's body here, on this thread, with this handle.
        inline.state = State.CLOSED;
        boolean outerExit = exitRaised;
        exitRaised = false;
        Object result;
        try {
          result = ((Body<Y, S, ?>) inline.body).run(this);
        } catch (Throwable error) {
          throw sneakyThrow(error);
        } finally {
          exitRaised |= outerExit;
        }
        if (exitRaised && !outerExit) {
          // PEP 380: the delegate returned from close(); GeneratorExit is then raised in the delegator.
          throw new GeneratorExit();
        }
        return (T) result;
      }
      return forward(delegate);
    }

    /** PEP 380's forwarding loop, for a delegate that is not inlined. */
    @SuppressWarnings("unchecked")
    private <T> T forward(ThrowingGenerator<? extends Y, ? super S, ? extends T, ?> delegate) {
      ThrowingGenerator<? extends Y, S, ? extends T, ?> d =
          (ThrowingGenerator<? extends Y, S, ? extends T, ?>) delegate;
      Y yielded;
      try {
        yielded = d.next();
      } catch (StopIteration returned) {
        return (T) returned.value();
      } catch (Exception error) {
        throw sneakyThrow(error);
      }
      while (true) {
        put(toCaller, yielded == null ? NULL : yielded);
        Object message = take(toBody);
        try {
          if (message instanceof Raise raise) {
            if (raise.error() instanceof GeneratorExit) {
              d.close();
              throw raise.error();
            }
            yielded = d.throwInto(raise.error());
          } else {
            S sent = message == NULL ? null : (S) message;
            yielded = sent == null ? d.next() : d.send(sent);
          }
        } catch (StopIteration returned) {
          return (T) returned.value();
        } catch (Throwable error) {
          throw sneakyThrow(error);
        }
      }
    }
  }

  /** Hands a message to the other side: blocking, or spinning first (see platformSpinning). */
  private void put(SynchronousQueue<Object> queue, Object message) {
    try {
      if (spin) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        do {
          if (queue.offer(message)) {
            return; // the other side was waiting: matched without parking anyone
          }
          Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
      }
      queue.put(message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a generator hand-off", e);
    }
  }

  /** Waits for a message from the other side: blocking, or spinning first (see platformSpinning). */
  private Object take(SynchronousQueue<Object> queue) {
    try {
      if (spin) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        do {
          // A timed poll this short waits by spinning, with a node the other side's offer can match.
          Object message = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
          if (message != null) {
            return message;
          }
        } while (System.nanoTime() < deadline);
      }
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during a generator hand-off", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneakyThrow(Throwable error) throws T {
    throw (T) error;
  }
}
