package dev.jcoro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The base class of every state machine the jcoro processor generates. It holds the generator
 * protocol once (the state checks, re-entry detection, the rules of {@code close} and
 * {@code throwInto}, the exception messages), so a generated class holds only its own body.
 *
 * <p>The contract with generated code: {@link #resume(Object, int)} runs the body from the
 * resume point it is given until it suspends ({@code return suspendAt(k, value);}: it will resume
 * at {@code k}) or finishes ({@code return complete(value);}); a jump inside the body assigns the
 * label parameter and goes round the dispatch switch again. A resume point reads the value sent,
 * {@code resume}'s first parameter. An exception that escapes the code of a label is given, inside
 * {@code resume}, to {@link #route}, which asks {@link #handler(int, Throwable)}, the generated
 * table of try/catch/finally regions, for the label of the {@code catch} or {@code finally} code
 * that handles it; an exception nothing handles ends the coroutine there ({@link #fail}) and
 * leaves {@code resume}. An exception passed to {@code throwInto} or {@code close} takes the same
 * route: raised at the suspension point, it would escape the resume point's first statement, so
 * {@code resume} starts at its handler; only a {@code yieldFrom} in progress resumes at the
 * suspension point, to pass it to the delegate.
 *
 * <p>The life cycle is the label field itself: 0 before the start, the resume point while
 * suspended, negative while running and after the end. A resumption reads it once and stores it
 * twice (RUNNING on the way in, the resume point on the way out).
 *
 * <p>Each generated class implements {@link #send(Object)} with one line,
 * {@code return leave(resume(value, enter(value)));}: the call to {@code resume} is then a direct
 * call in that class. Written once here, it would be one call site shared by every coroutine
 * class, and in a pipeline of generators that send to each other the JIT would meet this one
 * method at every stage (it inlines a method into itself only so deep: measured, such a pipeline
 * ran at 2x a hand-written one).
 *
 * <p>A generated class implements {@link Generator}, or {@link ThrowingGenerator} for a body that
 * declares checked exceptions: the methods here, which declare nothing, implement both.
 *
 * <p>An exception that leaves the body has its frames of the generated {@code resume} replaced by
 * the user's class, method, file and line, from the table {@link #lineTable()} returns.
 *
 * <p>Not part of the user-facing API: user code should use {@link Generator} only.
 *
 * @param <Y> what the coroutine yields
 * @param <S> what it is sent
 * @param <R> what it returns
 */
public abstract class StateMachine<Y, S, R> {
  static final String ALREADY_EXECUTING = "coroutine already executing";
  static final String SENT_BEFORE_START = "can't send non-null value to a just-started coroutine:"
      + " call next() first, or declare @Coroutine(primed = true)";
  static final String RAISED_STOP_ITERATION = "coroutine raised StopIteration";
  static final String IGNORED_GENERATOR_EXIT = "coroutine ignored GeneratorExit";
  static final String ITERATED_TWICE = "a generator can be iterated only once";

  /** The label of the start of the body, before the first resumption. */
  private static final int CREATED = 0;
  private static final int RUNNING = -1;
  /**
   * RUNNING, after {@link #complete}: {@link #leave} ends the coroutine. Seen as RUNNING until then
   * (a {@code finally} of copied Java may still run, and even throw into a handler that resumes).
   */
  private static final int FINISHED = -2;
  private static final int CLOSED = -3;

  /**
   * The life cycle and the resume point: {@link #CREATED}, a resume point (positive) while
   * suspended, or one of the negative states above.
   */
  private int label;

  /** An exception on its way to a generated {@code catch} dispatcher; see {@link #takeCaught()}. */
  protected Throwable caught;

  /**
   * The GeneratorExit every close raises, read from here: the JIT does not inline a method of an
   * exception class (GeneratorExit's own accessor), and a call would cost a close half its time.
   */
  private static final GeneratorExit CLOSING = GeneratorExit.raisedByClose();

  /** What {@link #stepDelegate(Object)} returns when the delegate returned instead of yielding. */
  protected static final Object DELEGATE_RETURNED = new Object();

  private ThrowingGenerator<? extends Y, ? super S, ?, ?> delegate;
  /** The iterator a {@code yieldFrom} of an Iterable or Iterator takes its values from. */
  private Iterator<? extends Y> iterating;
  private Object delegateResult;
  private Throwable pending;
  private R result;
  private boolean iterated;

  /**
   * The state machine that delegates to this one with {@code yieldFrom}, while it does: a step of
   * the chain runs this one directly, not through it, and {@link #state()} and the re-entry checks
   * ask it whether the chain is running.
   */
  private StateMachine<?, ?, ?> parent;
  /** Set while a delegator runs this machine as its delegate: its delegators may be running. */
  private boolean driven;
  /**
   * The chain below this machine, when its delegate is a state machine: {@code path[0]} is the
   * delegate, {@code path[pathSize - 1]} the innermost machine, which each step resumes directly.
   */
  private StateMachine<?, ?, ?>[] path;
  private int pathSize;
  /** What the chain's driver found when this machine's delegate finished: see stepDelegate. */
  private boolean delegateFinished;
  private Throwable delegateFailure;
  /** Set while the iterator resumes the body: its end is then not a StopIteration. */
  private boolean endQuietly;

  /** For generated subclasses. */
  protected StateMachine() {}

  /**
   * Runs the body from label {@code at} to its next suspension point or to its end.
   *
   * @param sent what the current {@code send} passed in: the value of the suspension point it
   *     resumes ({@code null} for {@code next()}, {@code throwInto} and {@code close})
   * @param at the resume point, or the handling code's label for throwInto and close
   * @return the yielded value; when the body finished, the value of {@link #complete}
   */
  protected abstract Y resume(S sent, int at);

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
   * The generated line table: where each line of the generated {@code resume} comes from in the
   * user's source, used to show the user's class, method, file and line in the stack trace of an
   * exception that leaves the body.
   *
   * @return the table, in the format the processor writes, or null when there is none
   */
  protected String lineTable() {
    return null;
  }

  /**
   * The value sent, where the body unboxes it ({@code int val = co.receive();}): a null, which
   * {@code next()} sends, fails here with a message that says where and what to do instead.
   *
   * @param sent the value sent
   * @param line the user's line of the suspension point
   * @param primitive the primitive type the body unboxes the value to
   * @param sentType the simple name of the sent type, which the value can be received into
   * @param <T> the sent type
   * @return {@code sent}, never null
   */
  protected final <T> T received(T sent, int line, String primitive, String sentType) {
    if (sent == null) {
      throw nullReceived(line, primitive, sentType);
    }
    return sent;
  }

  private NullPointerException nullReceived(int line, String primitive, String sentType) {
    SourceLines lines = SourceLines.parse(lineTable());
    String where = lines == null ? "line " + line : lines.where(line);
    return new NullPointerException("coroutine " + where + " was resumed with null where it needs "
        + article(primitive) + ": send it a value with send(v) instead of next(), or receive into "
        + article(sentType));
  }

  private static String article(String type) {
    return ("aeiouAEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }

  /**
   * What the iterator throws for {@code thrown}: an unchecked exception or an error as it is, a
   * checked one wrapped by {@link #unchecked(Exception)}.
   */
  static RuntimeException uncheckedOrAsIs(Throwable thrown) {
    if (thrown instanceof RuntimeException) {
      return (RuntimeException) thrown;
    }
    if (thrown instanceof Error) {
      throw (Error) thrown;
    }
    return unchecked((Exception) thrown);
  }

  /**
   * {@code checked}, which an Iterator or a stream can't throw, wrapped: an IOException in an
   * UncheckedIOException (as {@code Files.lines} does), any other in an
   * UndeclaredThrowableException.
   */
  static RuntimeException unchecked(Exception checked) {
    return checked instanceof IOException
        ? new UncheckedIOException((IOException) checked)
        : new UndeclaredThrowableException(checked);
  }

  /**
   * Finishes the body: {@code return x;} in the body becomes {@code return complete(x);}.
   *
   * @param value what the body returns
   * @return {@code null}, the value {@link #resume(Object, int)} hands back when it finishes
   */
  protected final Y complete(R value) {
    label = FINISHED;
    result = value;
    return null;
  }

  /**
   * Suspends the body: {@code co.yield(value)} becomes {@code return suspendAt(k, value);}, after
   * the value is computed, so the body shows as running until it really is suspended.
   *
   * @param label the resume point, where the next resumption continues
   * @param value the value yielded
   * @return {@code value}
   */
  protected final Y suspendAt(int label, Y value) {
    this.label = label;
    return value;
  }

  /**
   * Where an exception that escaped the code of label {@code at} continues: the label of the
   * catch or finally code that handles it. A finally block that throws after a {@code return}
   * drops the return, as in Java. When no try region handles it, the coroutine ends on it
   * ({@link #fail}) and it is thrown from here.
   *
   * @param at the label that was running
   * @param error what it threw
   * @return the label of the handling code
   */
  protected final int route(int at, Throwable error) {
    int target = handler(at, error);
    if (target < 0) {
      throw fail(error);
    }
    if (label == FINISHED) {
      label = RUNNING;
      result = null;
    }
    return target;
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
   * A value the generated code evaluated before a suspension and kept in an {@code Object} field,
   * read back as the type its code has: the generated code passes {@code false ? (code) : null}
   * for a reference and {@code false ? (code) : 0} for a number, never evaluated, only for their
   * types (javac's own reading of the code), and overloads pick the number's type.
   *
   * @param value the kept value
   * @param typeOnly null, typed as the value's code
   * @param <T> the value's type
   * @return {@code value}
   */
  @SuppressWarnings("unchecked")
  protected static <T> T kept(Object value, T typeOnly) {
    return (T) value;
  }

  /**
   * A kept {@code int}; see {@link #kept(Object, Object)}.
   *
   * @param value the kept value, boxed
   * @param typeOnly 0
   * @return {@code value}
   */
  protected static int kept(Object value, int typeOnly) {
    return (Integer) value;
  }

  /**
   * A kept {@code long}; see {@link #kept(Object, Object)}.
   *
   * @param value the kept value, boxed
   * @param typeOnly 0
   * @return {@code value}
   */
  protected static long kept(Object value, long typeOnly) {
    return (Long) value;
  }

  /**
   * A kept {@code double}; see {@link #kept(Object, Object)}.
   *
   * @param value the kept value, boxed
   * @param typeOnly 0
   * @return {@code value}
   */
  protected static double kept(Object value, double typeOnly) {
    return (Double) value;
  }

  /**
   * A kept {@code float}; see {@link #kept(Object, Object)}.
   *
   * @param value the kept value, boxed
   * @param typeOnly 0
   * @return {@code value}
   */
  protected static float kept(Object value, float typeOnly) {
    return (Float) value;
  }

  /**
   * A kept {@code short}; see {@link #kept(Object, Object)}.
   *
   * @param value the kept value, boxed
   * @param typeOnly 0
   * @return {@code value}
   */
  protected static short kept(Object value, short typeOnly) {
    return (Short) value;
  }

  /**
   * A kept {@code byte}; see {@link #kept(Object, Object)}.
   *
   * @param value the kept value, boxed
   * @param typeOnly 0
   * @return {@code value}
   */
  protected static byte kept(Object value, byte typeOnly) {
    return (Byte) value;
  }

  /**
   * A kept {@code char}; see {@link #kept(Object, Object)}.
   *
   * @param value the kept value, boxed
   * @param typeOnly 0
   * @return {@code value}
   */
  protected static char kept(Object value, char typeOnly) {
    return (Character) value;
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
    return indexed(array.length, i -> array[i]);
  }

  /**
   * The iterator over a {@code long} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Long> iterate(long[] array) {
    return indexed(array.length, i -> array[i]);
  }

  /**
   * The iterator over a {@code double} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Double> iterate(double[] array) {
    return indexed(array.length, i -> array[i]);
  }

  /**
   * The iterator over a {@code float} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Float> iterate(float[] array) {
    return indexed(array.length, i -> array[i]);
  }

  /**
   * The iterator over a {@code short} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Short> iterate(short[] array) {
    return indexed(array.length, i -> array[i]);
  }

  /**
   * The iterator over a {@code byte} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Byte> iterate(byte[] array) {
    return indexed(array.length, i -> array[i]);
  }

  /**
   * The iterator over a {@code char} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Character> iterate(char[] array) {
    return indexed(array.length, i -> array[i]);
  }

  /**
   * The iterator over a {@code boolean} array, for an enhanced {@code for} loop that suspends.
   *
   * @param array what the loop iterates
   * @return an iterator over the array's elements
   */
  protected static Iterator<Boolean> iterate(boolean[] array) {
    return indexed(array.length, i -> array[i]);
  }

  /**
   * An iterator that reads element {@code i} when it gets there, as an enhanced {@code for} loop
   * over an array does: a change the body makes to a later element is seen.
   */
  private static <E> Iterator<E> indexed(int length, IntFunction<E> element) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < length;
      }

      @Override
      public E next() {
        if (next >= length) {
          throw new NoSuchElementException();
        }
        return element.apply(next++);
      }
    };
  }

  /**
   * Starts {@code co.yieldFrom(delegate)}. The generated code then runs the first
   * {@link #stepDelegate(Object)} with {@code null}, which advances the delegate with
   * {@code next()}.
   *
   * @param delegate the generator to delegate to
   */
  protected final void delegateTo(ThrowingGenerator<? extends Y, ? super S, ?, ?> delegate) {
    this.delegate = checkDelegate(delegate);
    if (delegate instanceof StateMachine) {
      ((StateMachine<?, ?, ?>) delegate).parent = this;
    }
  }

  /**
   * Starts {@code co.yieldFrom(values)} of an Iterable: its values are passed through, as
   * {@link Yield#yieldFrom(Iterable)} says.
   *
   * @param values what to yield
   */
  protected final void delegateTo(Iterable<? extends Y> values) {
    this.iterating = iteratorOf(values);
  }

  /**
   * Starts {@code co.yieldFrom(values)} of an Iterator: its remaining values are passed through.
   *
   * @param values what to yield
   */
  protected final void delegateTo(Iterator<? extends Y> values) {
    this.iterating = checkDelegate(values);
  }

  /**
   * One step of {@code yieldFrom} (PEP 380): forwards what resumed this coroutine to the delegate
   * ({@code next()} for {@code null}, as the first step is; {@code send}, or {@code throwInto}; on
   * {@code close()} the delegate is closed first and {@link GeneratorExit} is raised here). An
   * iterator is only advanced: anything else ends the delegation with an exception raised here.
   *
   * @param sent what this coroutine was sent, forwarded to the delegate
   * @return what the delegate yielded, which this coroutine yields in turn (through
   *     {@link #delegateYielded(Object)}), or {@link #DELEGATE_RETURNED} when the delegate
   *     returned ({@link #delegateResult()})
   * @throws Throwable what the delegate threw, or the GeneratorExit of a close
   */
  protected final Object stepDelegate(S sent) throws Throwable {
    if (iterating != null) {
      return stepIterator(sent);
    }
    if (delegateFinished) {
      // The chain's driver ran the delegate to its end: its outcome is this step's.
      delegateFinished = false;
      endDelegation();
      Throwable failure = delegateFailure;
      if (failure != null) {
        delegateFailure = null;
        throw failure;
      }
      return DELEGATE_RETURNED;
    }
    ThrowingGenerator<? extends Y, ? super S, ?, ?> current = delegate;
    Throwable error = pending;
    StateMachine<?, ?, ?> machine =
        current instanceof StateMachine ? (StateMachine<?, ?, ?>) current : null;
    if (machine != null) {
      if (error == null && machine.iterating == null && machine.delegate instanceof StateMachine) {
        return stepChain(machine, sent);
      }
      // The delegate is the innermost machine (or an exception goes down level by level): it is
      // resumed directly below, as one level of a chain.
      if (pathSize > 0) {
        clearPath();
      }
      machine.driven = true;
    }
    try {
      if (error == null) {
        return sent == null ? current.next() : current.send(sent);
      }
      pending = null;
      if (error instanceof GeneratorExit) {
        endDelegation();
        current.close();
        throw error;
      }
      return current.throwInto(error);
    } catch (StopIteration returned) {
      endDelegation();
      delegateResult = returned.value();
      return DELEGATE_RETURNED;
    } catch (Throwable thrown) {
      endDelegation();
      throw thrown;
    } finally {
      if (machine != null) {
        machine.driven = false;
      }
    }
  }

  /**
   * One step of a {@code yieldFrom} whose delegate is a state machine, in constant time however
   * deep the chain below it: the innermost machine is resumed directly. When it finishes, its
   * delegator continues at its {@code yieldFrom} with that outcome, and so on up, each level once;
   * when one yields, that is the step's value. The path down is kept between steps and walked
   * again only where the chain has grown or changed.
   */
  @SuppressWarnings("unchecked")
  private Object stepChain(StateMachine<?, ?, ?> first, S sent) throws Throwable {
    if (pathSize == 0 || path[0] != first || path[pathSize - 1].label == CLOSED) {
      if (pathSize > 0) {
        clearPath();
      }
      push(first);
    }
    extendPath();
    Object value = sent;
    while (true) {
      StateMachine<?, Object, ?> innermost = (StateMachine<?, Object, ?>) path[pathSize - 1];
      Object yielded;
      innermost.driven = true;
      try {
        yielded = innermost.send(value);
      } catch (StopIteration returned) {
        if (popFinished(innermost)) {
          delegateResult = returned.value();
          return DELEGATE_RETURNED;
        }
        path[pathSize - 1].delegateResult = returned.value();
        value = null;
        continue;
      } catch (Throwable thrown) {
        if (popFinished(innermost)) {
          throw thrown;
        }
        path[pathSize - 1].delegateFailure = thrown;
        value = null;
        continue;
      } finally {
        innermost.driven = false;
      }
      extendPath();
      return yielded;
    }
  }

  /**
   * Drops the finished innermost machine from the path; true when it was this machine's own
   * delegate, whose delegation is then over; else its delegator is told to continue.
   */
  private boolean popFinished(StateMachine<?, ?, ?> finished) {
    path[--pathSize] = null;
    finished.parent = null;
    if (pathSize == 0) {
      endDelegation();
      return true;
    }
    path[pathSize - 1].delegateFinished = true;
    return false;
  }

  /** Extends the path down to the innermost machine, past delegations begun since the last step. */
  private void extendPath() {
    for (StateMachine<?, ?, ?> last = path[pathSize - 1];
        last.iterating == null && last.delegate instanceof StateMachine;
        last = path[pathSize - 1]) {
      push((StateMachine<?, ?, ?>) last.delegate);
    }
  }

  private void push(StateMachine<?, ?, ?> machine) {
    if (path == null || pathSize == path.length) {
      path = path == null ? new StateMachine<?, ?, ?>[4] : Arrays.copyOf(path, pathSize * 2);
    }
    path[pathSize++] = machine;
  }

  /** The end of a {@code yieldFrom} of a generator: the delegate and the chain below it dropped. */
  private void endDelegation() {
    if (delegate instanceof StateMachine) {
      ((StateMachine<?, ?, ?>) delegate).parent = null;
    }
    delegate = null;
    if (pathSize > 0) {
      clearPath();
    }
  }

  private void clearPath() {
    Arrays.fill(path, 0, pathSize, null);
    pathSize = 0;
  }

  /** {@link #stepDelegate} for an iterator, in the order {@link Yield#yieldFrom(Iterator)} runs. */
  private Object stepIterator(S sent) throws Throwable {
    Iterator<? extends Y> current = iterating;
    Throwable error = pending;
    iterating = null;
    pending = null;
    if (error != null) {
      throw error;
    }
    if (sent != null) {
      throw sentToIterator(current);
    }
    if (!current.hasNext()) {
      delegateResult = null;
      return DELEGATE_RETURNED;
    }
    Y value = current.next();
    iterating = current;
    return value;
  }

  /** The delegate of a {@code yieldFrom}, which can't be null. */
  static <T> T checkDelegate(T delegate) {
    return Objects.requireNonNull(delegate, "delegate");
  }

  /** The iterator of a {@code yieldFrom}'s Iterable. */
  static <E> Iterator<E> iteratorOf(Iterable<E> values) {
    return Objects.requireNonNull(checkDelegate(values).iterator(), "iterator");
  }

  /** What a {@code send} of a value to a {@code yieldFrom} of a plain iterator raises. */
  static IllegalStateException sentToIterator(Iterator<?> values) {
    return new IllegalStateException("can't send a non-null value to the iterator "
        + values.getClass().getName() + " of a yieldFrom: only next() passes through to it");
  }

  /**
   * A value {@link #stepDelegate(Object)} returned, as this coroutine's yield type.
   *
   * @param yielded what the delegate yielded
   * @return the same value
   */
  @SuppressWarnings("unchecked")
  protected final Y delegateYielded(Object yielded) {
    return (Y) yielded;
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

  /**
   * The value of a {@code co.yieldFrom(delegate)}, kept in a field, as the type the call had: the
   * generated code passes {@code false ? delegate : null}, never evaluated, only for its type, and
   * these overloads mirror those of {@link Yield#yieldFrom}.
   *
   * @param value what the delegate returned
   * @param typeOnly null, typed as the delegate
   * @param <T> the delegate's return type
   * @return {@code value}
   */
  @SuppressWarnings("unchecked")
  protected final <T> T resultOf(Object value,
      ThrowingGenerator<? extends Y, ? super S, ? extends T, ?> typeOnly) {
    return (T) value;
  }

  /**
   * The value of a {@code co.yieldFrom(values)} of an Iterable: null.
   *
   * @param value null
   * @param typeOnly null, typed as the Iterable
   * @return null
   */
  protected final Void resultOf(Object value, Iterable<? extends Y> typeOnly) {
    return null;
  }

  /**
   * The value of a {@code co.yieldFrom(values)} of an Iterator: null.
   *
   * @param value null
   * @param typeOnly null, typed as the Iterator
   * @return null
   */
  protected final Void resultOf(Object value, Iterator<? extends Y> typeOnly) {
    return null;
  }

  /**
   * Resumes the coroutine with {@code null}, as {@link Generator#next()} says.
   *
   * @return the next value yielded
   */
  public final Y next() {
    return send(null);
  }

  /**
   * Resumes the coroutine with {@code value}, as {@link Generator#send(Object)} says: each
   * generated class implements it as {@code return leave(resume(value, enter(value)));}.
   *
   * @param value what the suspension point evaluates to
   * @return the next value yielded
   */
  public abstract Y send(S value);

  /**
   * The start of a {@code send} or {@code next}: the protocol's checks (re-entry, finished,
   * non-null first value), then the state RUNNING.
   *
   * @param value the value sent
   * @return the resume point to run
   */
  protected final int enter(S value) {
    int at = label;
    if (at <= 0 && (at != CREATED || value != null)) {
      // Out of line, on the way to an exception: a first next() stays small enough to inline.
      refuse(at);
    }
    if (parent != null && !driven) {
      refuseInRunningChain();
    }
    label = RUNNING;
    return at;
  }

  /**
   * A call from outside to a machine that a delegator delegates to: refused while a step of the
   * chain runs (a step resumes the innermost machine directly, so the ones between are not marked).
   */
  private void refuseInRunningChain() {
    if (chainRunning()) {
      throw new IllegalStateException(ALREADY_EXECUTING);
    }
  }

  /** Whether a delegator of this machine, up the chain, is running. */
  private boolean chainRunning() {
    for (StateMachine<?, ?, ?> up = parent; up != null; up = up.parent) {
      if (up.label < 0 && up.label != CLOSED) {
        return true;
      }
    }
    return false;
  }

  /** Throws what a send or next in a state other than SUSPENDED (or a first next) throws. */
  private static void refuse(int at) {
    if (at == CLOSED) {
      throw StopIteration.exhausted();
    }
    if (at != CREATED) {
      throw new IllegalStateException(ALREADY_EXECUTING);
    }
    throw new IllegalStateException(SENT_BEFORE_START);
  }

  /**
   * Ends the coroutine on an exception that escaped the body, which nothing in it handles (a
   * StopIteration becomes an IllegalStateException, PEP 479): {@code resume} calls it, in
   * {@link #route} or, for a body with no try region, in its own {@code catch}.
   *
   * @param error what the body threw
   * @return an exception to throw; the checked ones are thrown from here, unwrapped
   */
  protected final RuntimeException fail(Throwable error) {
    end();
    endQuietly = false;
    if (error != CLOSING) {
      // The shared GeneratorExit has no stack trace, and a close must not parse the table.
      SourceLines.relocate(error, getClass().getName(), lineTable());
    }
    if (error instanceof StopIteration) {
      return new IllegalStateException(RAISED_STOP_ITERATION, error);
    }
    throw sneakyThrow(error);
  }

  /**
   * The end of a {@code send} or {@code next}: the yielded value, the body suspended; or, when the
   * body finished, the state CLOSED and a StopIteration carrying its return value.
   *
   * @param yielded what {@code resume} returned
   * @return {@code yielded}
   */
  protected final Y leave(Y yielded) {
    if (label == FINISHED) {
      R returned = result;
      boolean quietly = endQuietly;
      end();
      if (quietly) {
        return null;
      }
      throw new StopIteration(returned);
    }
    return yielded;
  }

  /**
   * Raises {@code error} at the suspension point, as {@link Generator#throwInto(Throwable)} says.
   *
   * @param error the exception to raise inside the coroutine
   * @return the next value yielded, if the body catches {@code error}
   */
  public final Y throwInto(Throwable error) {
    Objects.requireNonNull(error, "error");
    int at = label;
    switch (at) {
      case RUNNING:
      case FINISHED:
        throw new IllegalStateException(ALREADY_EXECUTING);
      case CREATED:
        label = CLOSED;
        throw sneakyThrow(error);
      case CLOSED:
        throw sneakyThrow(error);
      default:
        break;
    }
    if (parent != null && !driven) {
      refuseInRunningChain();
    }
    label = RUNNING;
    // What escapes resume has ended the coroutine already (fail).
    return leave(resumeWith(at, error));
  }

  /** Closes the coroutine, as {@link Generator#close()} says. */
  public final void close() {
    int at = label;
    switch (at) {
      case RUNNING:
      case FINISHED:
        throw new IllegalStateException(ALREADY_EXECUTING);
      case CREATED:
      case CLOSED:
        label = CLOSED;
        return;
      default:
        break;
    }
    if (parent != null && !driven) {
      refuseInRunningChain();
    }
    label = RUNNING;
    try {
      resumeWith(at, CLOSING);
    } catch (GeneratorExit exit) {
      // The body let it through, and has ended (fail): the close succeeded.
      return;
    }
    if (label == FINISHED) {
      end();
      return;
    }
    throw new IllegalStateException(IGNORED_GENERATOR_EXIT);
  }

  /**
   * Where the coroutine is in its life cycle.
   *
   * @return the current state
   */
  public final Generator.State state() {
    int at = label;
    return at == CREATED ? Generator.State.CREATED
        : at > 0 ? (parent != null && chainRunning() ? Generator.State.RUNNING
            : Generator.State.SUSPENDED)
        : at == CLOSED ? Generator.State.CLOSED
        : Generator.State.RUNNING;
  }

  /** Like Python's {@code <generator object f at 0x...>}: the state machine's class and state. */
  @Override
  public String toString() {
    return "coroutine " + getClass().getName() + " [" + state() + "]";
  }

  /**
   * The single iterator that drives {@link #next()}, for a for-each loop: a checked exception is
   * wrapped, as {@link ThrowingGenerator} says.
   *
   * @return the iterator
   */
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
          if (label == CLOSED) {
            done = true;
          } else {
            if (label < 0) {
              // Re-entered: refused before endQuietly changes, which the running call reads.
              throw new IllegalStateException(ALREADY_EXECUTING);
            }
            endQuietly = true;
            try {
              value = StateMachine.this.next();
            } catch (Throwable thrown) {
              // What a ThrowingGenerator's body throws: an Iterator can't throw it as it is. The
              // body has ended, and fail() has cleared endQuietly.
              throw uncheckedOrAsIs(thrown);
            }
            endQuietly = false;
            ready = label != CLOSED;
            done = !ready;
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
   * Resumes the body suspended at {@code at} with an exception raised there (throwInto, close):
   * at its handler, or at {@code at} itself when a yieldFrom will pass it to the delegate.
   */
  private Y resumeWith(int at, Throwable error) {
    if (delegate != null || iterating != null) {
      pending = error;
      return resume(null, at);
    }
    return resume(null, route(at, error));
  }

  /** Ends the coroutine, dropping what it holds so a closed generator keeps no garbage reachable. */
  private void end() {
    // At most 35 bytes of bytecode, so the JIT inlines it where a generator finishes (a rare call
    // site) and the generator of a for-each loop stays a local; iterating is null here already:
    // each step of a yieldFrom of an iterator clears it first.
    label = CLOSED;
    delegate = null;
    delegateResult = null;
    result = null;
    pending = null;
    caught = null;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneakyThrow(Throwable error) throws T {
    throw (T) error;
  }
}
