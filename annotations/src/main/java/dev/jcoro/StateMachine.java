package dev.jcoro;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The base class of every state machine the jcoro processor generates. It holds the generator
 * protocol once (the state checks, re-entry detection, the rules of {@code close} and
 * {@code throwInto}, the exception messages), so a generated class holds only its own body.
 *
 * <p>The contract with generated code: {@link #resume(Object)} runs the body from the resume point
 * in {@link #label} until it suspends (it sets {@code label} to where it will resume and returns
 * the yielded value) or finishes ({@code return complete(value)}). Each resume point first calls
 * {@link #raisePending()}, so that an exception passed to {@code throwInto} or {@code close} is
 * raised right there, and then reads the value sent, {@code resume}'s parameter. An exception that
 * escapes {@code resume} is offered to {@link #handler(int, Throwable)}, the generated table of
 * try/catch/finally regions, which names the resume point of the {@code catch} or {@code finally}
 * code that handles it.
 *
 * <p>Not part of the user-facing API: user code should use {@link Generator} only.
 *
 * @param <Y> what the coroutine yields
 * @param <S> what it is sent
 * @param <R> what it returns
 */
public abstract class StateMachine<Y, S, R> implements Generator<Y, S, R> {
  static final String ALREADY_EXECUTING = "coroutine already executing";
  static final String SENT_BEFORE_START = "can't send non-null value to a just-started coroutine";
  static final String RAISED_STOP_ITERATION = "coroutine raised StopIteration";
  static final String IGNORED_GENERATOR_EXIT = "coroutine ignored GeneratorExit";
  static final String ITERATED_TWICE = "a generator can be iterated only once";

  /** Where {@link #resume(Object)} continues: 0 is the start of the body. Written only by generated code. */
  protected int label;

  /** An exception on its way to a generated {@code catch} dispatcher; see {@link #takeCaught()}. */
  protected Throwable caught;

  private Generator<? extends Y, ? super S, ?> delegate;
  private boolean delegateStarted;
  private Y delegateYielded;
  private Object delegateResult;
  private static final State[] STATES = State.values();
  // The ordinals of Generator.State, as constants a switch can use.
  private static final int CREATED = 0;
  private static final int RUNNING = 1;
  private static final int SUSPENDED = 2;
  private static final int CLOSED = 3;

  /** The life cycle as an int: cheaper to store on every resumption than a reference. */
  private int state = CREATED;
  private Throwable pending;
  private boolean finished;
  private R result;
  private boolean iterated;

  /** For generated subclasses. */
  protected StateMachine() {}

  /**
   * Runs the body from {@link #label} to its next suspension point or to its end.
   *
   * @param sent what the current {@code send} passed in: the value of the suspension point it
   *     resumes ({@code null} for {@code next()}, {@code throwInto} and {@code close})
   * @return the yielded value; when the body finished, the value of {@link #complete}
   * @throws Throwable whatever the body throws
   */
  protected abstract Y resume(S sent) throws Throwable;

  /**
   * The generated table of try regions: given the resume point that was running when {@code error}
   * escaped, stores the error where the handling code will find it and returns that code's resume
   * point, or returns -1 when no try region of the body encloses {@code label}.
   *
   * @param label the resume point that was running
   * @param error the exception it threw
   * @return the resume point of the handling {@code catch} or {@code finally} code, or -1
   */
  protected int handler(int label, Throwable error) {
    return -1;
  }

  /**
   * Called at every resume point: raises the exception passed to {@code throwInto} or {@code close},
   * if any, at the suspension point.
   *
   * @throws Throwable that exception
   */
  protected final void raisePending() throws Throwable {
    Throwable error = pending;
    if (error != null) {
      pending = null;
      throw error;
    }
  }

  /**
   * Finishes the body: {@code return x;} in the body becomes {@code return complete(x);}.
   *
   * @param value what the body returns
   * @return {@code null}, the value {@link #resume(Object)} hands back when it finishes
   */
  protected final Y complete(R value) {
    finished = true;
    result = value;
    return null;
  }

  /**
   * Hands the exception {@link #handler} stored in {@link #caught} to a generated {@code catch}
   * dispatcher, which rethrows it into the {@code catch} clauses of the original try statement.
   *
   * @return the caught exception
   */
  protected final Throwable takeCaught() {
    Throwable error = caught;
    caught = null;
    return error;
  }

  /**
   * The iterator of an enhanced {@code for} loop that suspends, kept in a field across
   * suspensions; overloads cover arrays, which have no iterator of their own.
   *
   * @param iterable what the loop iterates
   * @param <E> the element type
   * @return its iterator
   */
  protected static <E> Iterator<E> iterate(Iterable<E> iterable) {
    return iterable.iterator();
  }

  /**
   * The iterator over an array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @param <E> the element type
   * @return an iterator over the array's elements
   */
  protected static <E> Iterator<E> iterate(E[] array) {
    return Arrays.asList(array).iterator();
  }

  /**
   * The iterator over an {@code int} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Integer> iterate(int[] array) {
    return Arrays.stream(array).iterator();
  }

  /**
   * The iterator over a {@code long} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Long> iterate(long[] array) {
    return Arrays.stream(array).iterator();
  }

  /**
   * The iterator over a {@code double} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Double> iterate(double[] array) {
    return Arrays.stream(array).iterator();
  }

  /**
   * The iterator over a {@code char} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Character> iterate(char[] array) {
    return new String(array).chars().mapToObj(c -> (char) c).iterator();
  }

  /**
   * The iterator over a {@code boolean} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Boolean> iterate(boolean[] array) {
    Boolean[] boxed = new Boolean[array.length];
    for (int i = 0; i < array.length; i++) {
      boxed[i] = array[i];
    }
    return Arrays.asList(boxed).iterator();
  }

  /**
   * Starts {@code co.yieldFrom(delegate)}: the next {@link #resumeDelegate(Object)} advances the delegate
   * with {@code next()}.
   *
   * @param delegate the generator to delegate to
   */
  protected final void delegateTo(Generator<? extends Y, ? super S, ?> delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.delegateStarted = false;
  }

  /**
   * One step of {@code yieldFrom} (PEP 380): forwards what resumed this coroutine to the delegate
   * (its first step is {@code next()}; then {@code send}, {@code next}, or {@code throwInto}; on
   * {@code close()} the delegate is closed first and {@link GeneratorExit} is raised here).
   *
   * @param sent what this coroutine was sent, forwarded to the delegate
   * @return true when the delegate yielded ({@link #delegateYielded()}), false when it returned
   *     ({@link #delegateResult()})
   * @throws Throwable what the delegate threw, or the GeneratorExit of a close
   */
  protected final boolean resumeDelegate(S sent) throws Throwable {
    Generator<? extends Y, ? super S, ?> current = delegate;
    Throwable error = pending;
    pending = null;
    try {
      if (!delegateStarted) {
        delegateStarted = true;
        delegateYielded = current.next();
      } else if (error instanceof GeneratorExit) {
        delegate = null;
        current.close();
        throw error;
      } else if (error != null) {
        delegateYielded = current.throwInto(error);
      } else {
        delegateYielded = sent == null ? current.next() : current.send(sent);
      }
      return true;
    } catch (StopIteration returned) {
      delegate = null;
      delegateResult = returned.value();
      return false;
    } catch (Throwable thrown) {
      delegate = null;
      throw thrown;
    }
  }

  /**
   * The value the delegate just yielded, which this coroutine yields in turn.
   *
   * @return the delegate's yielded value
   */
  protected final Y delegateYielded() {
    Y value = delegateYielded;
    delegateYielded = null;
    return value;
  }

  /**
   * What the delegate returned: the value of {@code co.yieldFrom(delegate)}. Its type is the one
   * the original call had, inferred from where the generated code uses it.
   *
   * @param <T> the delegate's return type
   * @return the delegate's return value
   */
  @SuppressWarnings("unchecked")
  protected final <T> T delegateResult() {
    Object value = delegateResult;
    delegateResult = null;
    return (T) value;
  }

  @Override
  public final Y next() {
    return send(null);
  }

  @Override
  public final Y send(S value) {
    checkResumable(value);
    Y yielded = step(value, null);
    if (state == CLOSED) {
      throw new StopIteration(takeResult());
    }
    return yielded;
  }

  /** The protocol's checks before a send or next: re-entry, finished, non-null first value. */
  private void checkResumable(S value) {
    if (state != SUSPENDED) {
      if (state == RUNNING) {
        throw new IllegalStateException(ALREADY_EXECUTING);
      }
      if (state == CLOSED) {
        throw new StopIteration(null);
      }
      if (value != null) {
        throw new IllegalStateException(SENT_BEFORE_START);
      }
    }
  }

  @Override
  public final Y throwInto(Throwable error) {
    Objects.requireNonNull(error, "error");
    switch (state) {
      case RUNNING:
        throw new IllegalStateException(ALREADY_EXECUTING);
      case CREATED:
        state = CLOSED;
        throw sneakyThrow(error);
      case CLOSED:
        throw sneakyThrow(error);
      default:
        Y yielded = step(null, error);
        if (state == CLOSED) {
          throw new StopIteration(takeResult());
        }
        return yielded;
    }
  }

  @Override
  public final void close() {
    switch (state) {
      case RUNNING:
        throw new IllegalStateException(ALREADY_EXECUTING);
      case CREATED:
      case CLOSED:
        state = CLOSED;
        return;
      default:
        break;
    }
    try {
      step(null, GeneratorExit.raisedByClose());
    } catch (GeneratorExit exit) {
      return;
    }
    if (state == CLOSED) {
      result = null;
      return;
    }
    throw new IllegalStateException(IGNORED_GENERATOR_EXIT);
  }

  @Override
  public final State state() {
    return STATES[state];
  }

  /** Like Python's {@code <generator object f at 0x...>}: the state machine's class and state. */
  @Override
  public String toString() {
    return "coroutine " + getClass().getName() + " [" + state() + "]";
  }

  @Override
  public final Iterator<Y> iterator() {
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
          // Like next(), without the StopIteration at the end: a for-each loop throws nothing.
          if (state == CLOSED) {
            done = true;
          } else {
            checkResumable(null);
            value = step(null, null);
            ready = state != CLOSED;
            done = !ready;
            result = null;
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

  /**
   * Resumes the body with a value or an exception. Returns what it yielded, state SUSPENDED; or,
   * when it finished, null with state CLOSED and its return value in {@link #result}. What the
   * body throws propagates (a StopIteration as IllegalStateException, PEP 479), state CLOSED.
   */
  private Y step(S value, Throwable error) {
    state = RUNNING;
    if (error != null) {
      pending = error;
    }
    Y yielded;
    try {
      yielded = run(value);
    } catch (StopIteration escaped) {
      end();
      throw new IllegalStateException(RAISED_STOP_ITERATION, escaped);
    } catch (Throwable thrown) {
      end();
      throw sneakyThrow(thrown);
    }
    if (finished) {
      end();
      return null;
    }
    state = SUSPENDED;
    return yielded;
  }

  private R takeResult() {
    R returned = result;
    result = null;
    return returned;
  }

  /** Runs the body, routing each exception it throws to the catch or finally code that handles it. */
  private Y run(S value) throws Throwable {
    while (true) {
      try {
        return resume(value);
      } catch (Throwable error) {
        int target = handler(label, error);
        if (target < 0) {
          throw error;
        }
        label = target;
      }
    }
  }

  /** Ends the coroutine, dropping what it holds so a closed generator keeps no garbage reachable. */
  private void end() {
    state = CLOSED;
    delegate = null;
    delegateYielded = null;
    delegateResult = null;
    pending = null;
    caught = null;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneakyThrow(Throwable error) throws T {
    throw (T) error;
  }
}
