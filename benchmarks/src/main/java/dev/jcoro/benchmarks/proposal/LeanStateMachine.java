package dev.jcoro.benchmarks.proposal;

import dev.jcoro.Generator;
import dev.jcoro.GeneratorExit;
import dev.jcoro.StopIteration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A PROTOTYPE, not used by jcoro: {@code dev.jcoro.StateMachine} with the changes that
 * benchmarks/README.md recommends, so that their effect is measured rather than guessed
 * ({@link ProposalBenchmark}). Same protocol and messages as {@code StateMachine}.
 *
 * <p>Written when {@code StateMachine} still stored its life cycle as a {@code State} reference,
 * the sent value in a field, and ended for-each and close with exceptions that walk the stack; the
 * runtime has since taken those changes (commits 5459594 and 7503c73): an {@code int} life cycle,
 * {@code resume(S sent)}, {@code pending} written only by throwInto and close, for-each ending on a
 * flag, and a GeneratorExit without a stack trace. What is still only here:
 *
 * <ol>
 *   <li>{@code send} is not final: a generated class can override it with {@link #enter}, its own
 *       {@code resume} and {@link #leave}, so that the call to {@code resume} is a direct call in the
 *       generated class instead of one call site in the base class shared by every coroutine class
 *       of the program ({@link LeanCoroutines#pipeline} with {@code ownSend});
 *   <li>{@link #stepDelegate} returns the delegate's yielded value instead of storing it in a field
 *       for {@link #delegateYielded()} (a reference store per send and per level of yieldFrom).
 * </ol>
 *
 * @param <Y> what the coroutine yields
 * @param <S> what it is sent
 * @param <R> what it returns
 */
public abstract class LeanStateMachine<Y, S, R> implements Generator<Y, S, R> {
  private static final int CREATED = 0;
  private static final int SUSPENDED = 1;
  private static final int RUNNING = 2;
  private static final int CLOSED = 3;

  /** Where resume continues. */
  protected int label;

  /** An exception on its way to a catch dispatcher. */
  protected Throwable caught;

  private int status = CREATED;
  private Throwable pending;
  private boolean finished;
  private R result;
  private boolean iterated;
  private Generator<? extends Y, ? super S, ?> delegate;
  private boolean delegateStarted;
  private Y delegateYielded;
  private Object delegateResult;

  /**
   * Runs the body from {@link #label} to its next suspension or its end.
   *
   * @param sent what the current send passed in (null for next, throwInto, close)
   * @return the yielded value
   * @throws Throwable what the body throws
   */
  protected abstract Y resume(S sent) throws Throwable;

  /**
   * The try-region table.
   *
   * @param label the resume point that was running
   * @param error what it threw
   * @return the handling resume point, or -1
   */
  protected int handler(int label, Throwable error) {
    return -1;
  }

  /**
   * Raises the exception of throwInto or close at the resume point.
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
   * Finishes the body.
   *
   * @param value what it returns
   * @return null
   */
  protected final Y complete(R value) {
    finished = true;
    result = value;
    return null;
  }

  /**
   * Hands the caught exception to a catch dispatcher.
   *
   * @return it
   */
  protected final Throwable takeCaught() {
    Throwable error = caught;
    caught = null;
    return error;
  }

  /**
   * Starts a yieldFrom.
   *
   * @param delegate the delegate
   */
  protected final void delegateTo(Generator<? extends Y, ? super S, ?> delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.delegateStarted = false;
  }

  /**
   * One step of yieldFrom (PEP 380).
   *
   * @param sent what this coroutine was sent
   * @return true when the delegate yielded
   * @throws Throwable what the delegate threw, or the GeneratorExit of a close
   */
  protected final boolean resumeDelegate(S sent) throws Throwable {
    Generator<? extends Y, ? super S, ?> current = delegate;
    Throwable error = pending;
    try {
      if (error == null) {
        if (delegateStarted) {
          delegateYielded = sent == null ? current.next() : current.send(sent);
        } else {
          delegateStarted = true;
          delegateYielded = current.next();
        }
      } else {
        pending = null;
        if (error instanceof GeneratorExit) {
          delegate = null;
          current.close();
          throw error;
        }
        delegateYielded = current.throwInto(error);
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

  /** What {@link #stepDelegate} returns when the delegate returned instead of yielding. */
  protected static final Object RETURNED = new Object();

  /**
   * One step of yieldFrom that hands the delegate's yielded value straight back, instead of
   * storing it in a field for {@link #delegateYielded()} (a reference store, and a G1 barrier, per
   * send): {@code Object y = stepDelegate(sent); if (y != RETURNED) return (Y) y;}.
   *
   * @param sent what this coroutine was sent
   * @return the delegate's yielded value, or {@link #RETURNED} ({@link #delegateResult()} holds
   *     what it returned)
   * @throws Throwable what the delegate threw, or the GeneratorExit of a close
   */
  protected final Object stepDelegate(S sent) throws Throwable {
    Generator<? extends Y, ? super S, ?> current = delegate;
    Throwable error = pending;
    try {
      if (error == null) {
        if (delegateStarted) {
          return sent == null ? current.next() : current.send(sent);
        }
        delegateStarted = true;
        return current.next();
      }
      pending = null;
      if (error instanceof GeneratorExit) {
        delegate = null;
        current.close();
        throw error;
      }
      return current.throwInto(error);
    } catch (StopIteration returned) {
      delegate = null;
      delegateResult = returned.value();
      return RETURNED;
    } catch (Throwable thrown) {
      delegate = null;
      throw thrown;
    }
  }

  /**
   * What the delegate yielded.
   *
   * @return it
   */
  protected final Y delegateYielded() {
    Y value = delegateYielded;
    delegateYielded = null;
    return value;
  }

  /**
   * What the delegate returned.
   *
   * @param <T> its type
   * @return it
   */
  @SuppressWarnings("unchecked")
  protected final <T> T delegateResult() {
    Object value = delegateResult;
    delegateResult = null;
    return (T) value;
  }

  @Override
  public Y next() {
    return send(null);
  }

  /**
   * Not final, so that a generated class can override it with {@link #enter}, its own
   * {@code resume} and {@link #leave}: the call to {@code resume} is then in the generated class,
   * where it is a direct call the JIT inlines, rather than one call site here shared by every
   * coroutine class of the program (megamorphic as soon as three classes run through it).
   */
  @Override
  public Y send(S value) {
    if (status != SUSPENDED) {
      checkSend(value);
    }
    Y yielded = advance(value);
    if (finished) {
      throw stop();
    }
    return yielded;
  }

  /**
   * The first half of a generated {@code send}: the protocol's checks, then RUNNING.
   *
   * @param value what is sent
   */
  protected final void enter(S value) {
    if (status != SUSPENDED) {
      checkSend(value);
    }
    status = RUNNING;
  }

  /**
   * The second half of a generated {@code send}: StopIteration if the body finished, else
   * SUSPENDED and the yielded value.
   *
   * @param yielded what resume returned
   * @return it
   */
  protected final Y leave(Y yielded) {
    if (finished) {
      throw stop();
    }
    status = SUSPENDED;
    return yielded;
  }

  private void checkSend(S value) {
    if (status == RUNNING) {
      throw new IllegalStateException("coroutine already executing");
    }
    if (status == CLOSED) {
      throw new StopIteration(null);
    }
    if (value != null) {
      throw new IllegalStateException("can't send non-null value to a just-started coroutine");
    }
  }

  @Override
  public final Y throwInto(Throwable error) {
    Objects.requireNonNull(error, "error");
    switch (status) {
      case RUNNING:
        throw new IllegalStateException("coroutine already executing");
      case CREATED:
        status = CLOSED;
        throw sneakyThrow(error);
      case CLOSED:
        throw sneakyThrow(error);
      default:
        pending = error;
        Y yielded = advance(null);
        if (finished) {
          throw stop();
        }
        return yielded;
    }
  }

  @Override
  public final void close() {
    switch (status) {
      case RUNNING:
        throw new IllegalStateException("coroutine already executing");
      case SUSPENDED:
        break;
      default:
        status = CLOSED;
        return;
    }
    pending = new QuietGeneratorExit();
    try {
      advance(null);
    } catch (GeneratorExit | StopIteration finished) {
      return;
    }
    if (finished) {
      end();
      return;
    }
    throw new IllegalStateException("coroutine ignored GeneratorExit");
  }

  @Override
  public final State state() {
    switch (status) {
      case CREATED:
        return State.CREATED;
      case SUSPENDED:
        return State.SUSPENDED;
      case RUNNING:
        return State.RUNNING;
      default:
        return State.CLOSED;
    }
  }

  @Override
  public final Iterator<Y> iterator() {
    if (iterated) {
      throw new IllegalStateException("a generator can be iterated only once");
    }
    iterated = true;
    return new Iterator<>() {
      private boolean ready;
      private Y value;

      @Override
      public boolean hasNext() {
        if (!ready) {
          if (status == CLOSED) {
            return false;
          }
          if (status == RUNNING) {
            throw new IllegalStateException("coroutine already executing");
          }
          Y yielded = advance(null);
          if (finished) {
            end();
            return false;
          }
          value = yielded;
          ready = true;
        }
        return true;
      }

      @Override
      public Y next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = false;
        Y yielded = value;
        value = null;
        return yielded;
      }
    };
  }

  /** Resumes the body; the caller checks {@link #finished}. */
  private Y advance(S value) {
    status = RUNNING;
    Y yielded;
    try {
      yielded = resume(value);
    } catch (Throwable error) {
      yielded = recover(error);
    }
    if (!finished) {
      status = SUSPENDED;
    }
    return yielded;
  }

  /**
   * The exceptional path: route the error through the try-region table and resume there, or end.
   *
   * @param error what resume threw
   * @return what the handling code yielded
   */
  protected final Y recover(Throwable error) {
    while (true) {
      int target = handler(label, error);
      if (target < 0) {
        end();
        if (error instanceof StopIteration) {
          throw new IllegalStateException("coroutine raised StopIteration", error);
        }
        throw sneakyThrow(error);
      }
      label = target;
      try {
        return resume(null);
      } catch (Throwable next) {
        error = next;
      }
    }
  }

  private StopIteration stop() {
    R returned = result;
    end();
    return new StopIteration(returned);
  }

  private void end() {
    status = CLOSED;
    delegate = null;
    delegateYielded = null;
    delegateResult = null;
    pending = null;
    result = null;
    caught = null;
  }

  /** Stands for a GeneratorExit made with {@code super(null, null, true, false)}: no stack trace. */
  private static final class QuietGeneratorExit extends GeneratorExit {
    private static final long serialVersionUID = 1L;

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneakyThrow(Throwable error) throws T {
    throw (T) error;
  }
}
