package dev.jcoro;

import java.util.Iterator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A running coroutine, with Python's generator protocol (PEP 342, PEP 380, PEP 479).
 *
 * <p>{@code @Coroutine} factories return one (a {@link ThrowingGenerator} when the coroutine
 * declares checked exceptions). It is not thread-safe: like a Python generator, it is
 * driven by one caller at a time, and a call made while the body runs fails with "coroutine already
 * executing".
 *
 * @param <Y> what the coroutine yields
 * @param <S> what it is sent
 * @param <R> what it returns, reported by {@link StopIteration#value()}
 */
public interface Generator<Y, S, R> extends ThrowingGenerator<Y, S, R, RuntimeException> {
  /** The life cycle of a coroutine, like Python's {@code inspect.getgeneratorstate}. */
  enum State {
    /** Made, not yet started: the body has not run. */
    CREATED,
    /** The body is running (a call from inside the body itself sees this). */
    RUNNING,
    /** Stopped at a suspension point, waiting for {@code next}, {@code send}, {@code throwInto} or {@code close}. */
    SUSPENDED,
    /** Finished: returned, threw, or was closed. */
    CLOSED
  }

  /**
   * Resumes the coroutine with {@code null}, like Python's {@code next(gen)}: same as {@code send(null)}.
   *
   * @return the next value yielded
   * @throws StopIteration when the body returns, or if it had already finished
   */
  @Override
  Y next();

  /**
   * Resumes the coroutine; the suspension point it stopped at returns {@code value}. A coroutine that
   * has not started can only be sent {@code null}.
   *
   * @param value what the suspension point evaluates to
   * @return the next value yielded
   * @throws StopIteration when the body returns, or if it had already finished
   * @throws IllegalStateException when a non-null value is sent to a just-started coroutine, or the
   *     coroutine is already executing
   */
  @Override
  Y send(S value);

  /**
   * Raises {@code error} at the suspension point, like Python's {@code gen.throw(error)}. If the body
   * catches it and yields again, that value is returned. On a coroutine that has not started, the
   * error is thrown at once and the coroutine is closed; on a closed one, it is thrown. Checked
   * exceptions are thrown as they are, without wrapping.
   *
   * @param error the exception to raise inside the coroutine
   * @return the next value yielded, if the body catches {@code error}
   * @throws StopIteration when the body catches {@code error} and returns
   */
  @Override
  Y throwInto(Throwable error);

  /**
   * Closes the coroutine: raises {@link GeneratorExit} at its suspension point so that its
   * {@code finally} blocks and {@code catch (GeneratorExit e)} run. Does nothing on a coroutine that
   * has not started or has finished.
   *
   * @throws IllegalStateException "coroutine ignored GeneratorExit" when the body yields again
   *     instead of finishing (the coroutine stays suspended)
   */
  @Override
  void close();

  /**
   * Returns where the coroutine is in its life cycle.
   *
   * @return the current state
   */
  @Override
  State state();

  /**
   * Returns an iterator that drives {@link #next()}: {@code for (int x : fib(10))}. Like a
   * {@code DirectoryStream}, a generator can be iterated once; a second call throws
   * {@link IllegalStateException}.
   *
   * @return the single iterator over the values this coroutine yields
   */
  @Override
  Iterator<Y> iterator();

  /**
   * Returns a sequential stream of the values this coroutine yields, drawn lazily with
   * {@link #next()}. Closing the stream closes the coroutine. Uses the generator's single iteration.
   *
   * @return a lazy stream over the yielded values
   */
  @Override
  default Stream<Y> stream() {
    return StreamSupport.stream(spliterator(), false).onClose(this::close);
  }
}
