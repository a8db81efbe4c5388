package dev.jcoro.processor.testing;

import dev.jcoro.Generator;
import dev.jcoro.GeneratorExit;
import dev.jcoro.StopIteration;
import dev.jcoro.ThrowingGenerator;
import dev.jcoro.Yield;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-based reference implementation of {@link Generator}: the oracle of differential tests.
 *
 * <p>The body runs on its own daemon platform thread and the two threads hand control back and forth
 * through {@link SynchronousQueue}s, so exactly one of them runs at a time: a caller of
 * {@code next}/{@code send}/{@code throwInto}/{@code close} blocks until the body suspends or
 * finishes, and a suspended body blocks until it is resumed. Because the body is an ordinary method
 * call on that thread, every Java construct (try/finally, loops, lambdas...) has its real semantics,
 * which is what makes this a trustworthy oracle for the generated state machines.
 *
 * <p>The protocol (docs/semantics.md) is the same as {@code dev.jcoro.StateMachine}'s, with the same states and
 * the same messages: a just-started coroutine can only be sent {@code null}; a return gives
 * {@link StopIteration} with the value, later calls a {@code StopIteration} with {@code null}; an
 * exception thrown by the body is rethrown in the caller as the same instance (checked ones
 * unwrapped); a {@code StopIteration} escaping the body becomes {@code IllegalStateException("coroutine
 * raised StopIteration")}; {@code close()} raises {@link GeneratorExit} at the suspension point and
 * fails with "coroutine ignored GeneratorExit" if the body yields again, leaving it suspended;
 * {@code throwInto} on a coroutine that has not started throws at once and closes it; any call made
 * while the body runs fails with "coroutine already executing". {@link Yield#yieldFrom} follows
 * PEP 380.
 *
 * <p>Threads: the body thread is started by the first {@code next()}/{@code send(null)} (never for a
 * generator closed or thrown into before it started) and has ended by the time a call that finishes
 * the body returns. Optionally, a generator dropped while suspended is closed when the garbage
 * collector finds it unreachable, as Python does: {@code GeneratorExit} is raised in the body so its thread
 * unwinds and ends (a body that then yields again is left parked). Body threads are daemons and never
 * keep the JVM alive.
 *
 * @param <Y> what the coroutine yields
 * @param <S> what it is sent
 * @param <R> what it returns
 */
public final class ThreadedGenerator<Y, S, R> implements Generator<Y, S, R> {
  /**
   * A coroutine body: given the handle, runs to its return value, suspending at each call on the
   * handle. A {@code @Coroutine} method {@code static R m(Yield<Y, S> co, A a)} is the body
   * {@code co -> m(co, a)}.
   *
   * @param <Y> what the coroutine yields
   * @param <S> what it is sent
   * @param <R> what it returns
   */
  @FunctionalInterface
  public interface Body<Y, S, R> {
    /**
     * Runs the coroutine.
     *
     * @param co the handle to suspend through
     * @return what the coroutine returns
     * @throws Throwable whatever the coroutine throws
     */
    R run(Yield<Y, S> co) throws Throwable;
  }

  static final String ALREADY_EXECUTING = "coroutine already executing";
  static final String SENT_BEFORE_START = "can't send non-null value to a just-started coroutine:"
      + " call next() first, or declare @Coroutine(primed = true)";
  static final String RAISED_STOP_ITERATION = "coroutine raised StopIteration";
  static final String IGNORED_GENERATOR_EXIT = "coroutine ignored GeneratorExit";
  static final String ITERATED_TWICE = "a generator can be iterated only once";
  static final String OUTSIDE_BODY = "the Yield handle can only be used by its own coroutine body";

  private static final Cleaner CLEANER = Cleaner.create();

  /**
   * Everything the body thread uses. It never refers to the generator, so that a generator dropped
   * while suspended can become unreachable and be closed by {@link #CLEANER}.
   */
  private final Channel<Y, S, R> channel;

  private final Cleaner.Cleanable cleanable;
  private volatile State state = State.CREATED;
  private boolean iterated;

  /**
   * Creates a generator that will run {@code body} on its own thread, starting at the first
   * {@code next()}.
   *
   * @param body the coroutine body
   */
  public ThreadedGenerator(Body<Y, S, R> body) {
    this(body, false);
  }

  /**
   * Creates a generator that will run {@code body} on its own thread; when
   * {@code closeWhenUnreachable}, a generator dropped while suspended is closed like Python's. The
   * generated state machines never do that, so differential tests leave it off: the GeneratorExit
   * would run the body's handlers at a moment no transcript can predict.
   *
   * @param body the coroutine body
   * @param closeWhenUnreachable whether to close the generator once it is garbage
   */
  public ThreadedGenerator(Body<Y, S, R> body, boolean closeWhenUnreachable) {
    this.channel = new Channel<>(Objects.requireNonNull(body, "body"));
    this.cleanable = closeWhenUnreachable ? CLEANER.register(this, channel::abandon) : null;
  }

  @Override
  public Y next() {
    return send(null);
  }

  @Override
  public Y send(S value) {
    State current = state;
    if (current != State.SUSPENDED) {
      if (current == State.RUNNING) {
        throw new IllegalStateException(ALREADY_EXECUTING);
      }
      if (current == State.CLOSED) {
        throw StopIteration.exhausted();
      }
      if (value != null) {
        throw new IllegalStateException(SENT_BEFORE_START);
      }
    }
    return advance(value, null);
  }

  @Override
  public Y throwInto(Throwable error) {
    Objects.requireNonNull(error, "error");
    switch (state) {
      case RUNNING:
        throw new IllegalStateException(ALREADY_EXECUTING);
      case CREATED:
        finish();
        throw sneakyThrow(error);
      case CLOSED:
        throw sneakyThrow(error);
      default:
        return advance(null, error);
    }
  }

  @Override
  public void close() {
    switch (state) {
      case RUNNING:
        throw new IllegalStateException(ALREADY_EXECUTING);
      case CREATED:
      case CLOSED:
        finish();
        return;
      default:
        break;
    }
    try {
      advance(null, new GeneratorExit());
    } catch (GeneratorExit | StopIteration finished) {
      return;
    }
    throw new IllegalStateException(IGNORED_GENERATOR_EXIT);
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public Iterator<Y> iterator() {
    if (iterated) {
      throw new IllegalStateException(ITERATED_TWICE);
    }
    iterated = true;
    return new Iterator<>() {
      private boolean ready;
      private boolean done;
      private Y value;

      @Override
      public boolean hasNext() {
        if (!ready && !done) {
          try {
            value = ThreadedGenerator.this.next();
            ready = true;
          } catch (StopIteration end) {
            done = true;
          } catch (RuntimeException | Error unchecked) {
            throw unchecked;
          } catch (Exception checked) {
            // An Iterator can't throw a checked exception: wrapped as the runtime wraps it.
            throw checked instanceof java.io.IOException
                ? new java.io.UncheckedIOException((java.io.IOException) checked)
                : new java.lang.reflect.UndeclaredThrowableException(checked);
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
        Y result = value;
        value = null;
        return result;
      }
    };
  }

  @Override
  public String toString() {
    return "ThreadedGenerator[" + state + "]";
  }

  /**
   * Hands control to the body with a value or an exception, waits until it suspends or finishes,
   * and turns the outcome into the protocol's.
   */
  private Y advance(S value, Throwable error) {
    if (state == State.CREATED) {
      channel.start(); // may fail (no more threads): the generator then stays CREATED
    }
    state = State.RUNNING;
    Outcome outcome;
    try {
      outcome = channel.resume(new Resume<>(value, error));
    } finally {
      // The cleaner must not close this generator while its body runs on the caller's behalf.
      Reference.reachabilityFence(this);
    }
    switch (outcome.kind) {
      case YIELDED:
        state = State.SUSPENDED;
        @SuppressWarnings("unchecked")
        Y yielded = (Y) outcome.value;
        return yielded;
      case RETURNED:
        channel.join();
        finish();
        throw new StopIteration(outcome.value);
      default:
        channel.join();
        finish();
        if (outcome.error instanceof StopIteration) {
          throw new IllegalStateException(RAISED_STOP_ITERATION, outcome.error);
        }
        throw sneakyThrow(outcome.error);
    }
  }

  /** Closes the generator for good; its body thread, if any, has ended or never started. */
  private void finish() {
    state = State.CLOSED;
    if (cleanable != null) {
      cleanable.clean(); // nothing left to abandon; just deregisters
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneakyThrow(Throwable error) throws T {
    throw (T) error;
  }

  /** What the caller hands the body: what a suspension point returns, or the exception it raises. */
  private static final class Resume<S> {
    final S value;
    final Throwable error;

    Resume(S value, Throwable error) {
      this.value = value;
      this.error = error;
    }
  }

  /** What the body hands back: a yielded value, a return value, or a thrown exception. */
  private static final class Outcome {
    enum Kind {
      YIELDED,
      RETURNED,
      THREW
    }

    final Kind kind;
    final Object value;
    final Throwable error;

    private Outcome(Kind kind, Object value, Throwable error) {
      this.kind = kind;
      this.value = value;
      this.error = error;
    }
  }

  /**
   * The body thread's side: the two hand-off queues, the thread, and the {@link Yield} handle the
   * body suspends through.
   */
  private static final class Channel<Y, S, R> implements Yield<Y, S>, Runnable {
    private static final AtomicLong THREAD_NUMBERS = new AtomicLong();

    private final Body<Y, S, R> body;
    private final SynchronousQueue<Resume<S>> toBody = new SynchronousQueue<>();
    private final SynchronousQueue<Outcome> toCaller = new SynchronousQueue<>();
    private volatile Thread thread;
    /** Set by the cleaner once the generator is unreachable: no caller will ever resume the body. */
    private volatile boolean abandoned;
    /** Whether the GeneratorExit of an abandonment has been raised in the body (body thread only). */
    private boolean exitRaised;

    Channel(Body<Y, S, R> body) {
      this.body = body;
    }

    // --- caller side -------------------------------------------------------------------------

    /** Starts the body thread; the body waits for the first {@link #resume}. */
    void start() {
      Thread t =
          new Thread(null, this, "jcoro-threaded-generator-" + THREAD_NUMBERS.incrementAndGet(), 0);
      t.setDaemon(true);
      thread = t;
      t.start();
    }

    /** Resumes the body and waits until it suspends or finishes. */
    Outcome resume(Resume<S> resume) {
      put(toBody, resume);
      return take(toCaller);
    }

    /** Waits for the body thread, which has just reported its end, to terminate. */
    void join() {
      Thread t = thread;
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /** The cleaner's action: the generator is unreachable, so close its suspended body. */
    void abandon() {
      abandoned = true;
      Thread t = thread;
      if (t != null) {
        t.interrupt(); // wakes the body thread waiting for a resumption, if it is
      }
    }

    // --- body side ---------------------------------------------------------------------------

    @Override
    public void run() {
      Resume<S> first = awaitResume();
      Outcome outcome;
      try {
        if (first.error != null) {
          throw first.error; // only when abandoned before the first resumption arrived
        }
        outcome = new Outcome(Outcome.Kind.RETURNED, body.run(this), null);
      } catch (Throwable thrown) {
        outcome = new Outcome(Outcome.Kind.THREW, null, thrown);
      }
      if (!abandoned) {
        put(toCaller, outcome);
      }
    }

    @Override
    public S receive() {
      return this.yield(null);
    }

    @Override
    public S yield(Y value) {
      Resume<S> resume = suspend(value);
      if (resume.error != null) {
        throw sneakyThrow(resume.error);
      }
      return resume.value;
    }

    /**
     * PEP 380's {@code yield from}: forwards resumptions to {@code delegate} (values with
     * {@code send}, {@code next()} as {@code send(null)}, exceptions with {@code throwInto}) and
     * yields what it yields until it finishes; {@code close()} of this coroutine closes the delegate
     * first, then raises {@link GeneratorExit} here. An exception thrown by the delegate propagates
     * here.
     */
    @Override
    public <T, X extends Exception> T yieldFrom(
        ThrowingGenerator<? extends Y, ? super S, ? extends T, X> delegate) throws X {
      checkBodyThread();
      Objects.requireNonNull(delegate, "delegate");
      Y yielded;
      try {
        yielded = delegate.send(null);
      } catch (StopIteration end) {
        return returned(end);
      }
      while (true) {
        Resume<S> resume = suspend(yielded);
        if (resume.error instanceof GeneratorExit) {
          delegate.close(); // if this throws, that exception propagates instead
          throw (GeneratorExit) resume.error;
        }
        try {
          yielded =
              resume.error != null
                  ? delegate.throwInto(resume.error)
                  : delegate.send(resume.value);
        } catch (StopIteration end) {
          return returned(end);
        }
      }
    }

    @SuppressWarnings("unchecked")
    private static <T> T returned(StopIteration end) {
      return (T) end.value();
    }

    /** Hands {@code value} to the caller and waits to be resumed. */
    private Resume<S> suspend(Y value) {
      checkBodyThread();
      if (!abandoned) {
        put(toCaller, new Outcome(Outcome.Kind.YIELDED, value, null));
      }
      return awaitResume();
    }

    /**
     * Waits for the caller's next resumption. Interrupts do not end the wait (they are passed on to
     * the body afterwards), except the one that reports abandonment: then GeneratorExit is raised
     * once, and a body that yields after it is left parked for good.
     */
    private Resume<S> awaitResume() {
      boolean interrupted = false;
      try {
        while (true) {
          if (abandoned && !exitRaised) {
            exitRaised = true;
            return new Resume<>(null, new GeneratorExit());
          }
          try {
            return toBody.take();
          } catch (InterruptedException e) {
            interrupted = !abandoned || interrupted;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void checkBodyThread() {
      if (Thread.currentThread() != thread) {
        throw new IllegalStateException(OUTSIDE_BODY);
      }
    }

    /** {@link SynchronousQueue#put}, not ended by interrupts (the other side is always ready). */
    private static <T> void put(SynchronousQueue<T> queue, T item) {
      boolean interrupted = false;
      while (true) {
        try {
          queue.put(item);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /** {@link SynchronousQueue#take}, not ended by interrupts (the other side always answers). */
    private static <T> T take(SynchronousQueue<T> queue) {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return queue.take();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
