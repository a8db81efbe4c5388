package dev.jcoro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Iterator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A running coroutine whose body declares checked exceptions, with Python's generator protocol:
 * {@link #next()}, {@link #send}, {@link #throwInto} and {@link #close()} declare {@code X}, so
 * javac checks the {@code catch} around them. The factory of a coroutine declared
 * {@code throws IOException} returns a {@code ThrowingGenerator<Y, S, R, IOException>}; one that
 * declares several checked exceptions returns one whose {@code X} is their closest common
 * superclass. A coroutine without checked exceptions returns a {@link Generator}, which is a
 * {@code ThrowingGenerator<Y, S, R, RuntimeException>} whose methods declare nothing.
 *
 * <p>An {@link Iterator} can't throw a checked exception: the single iterator of
 * {@link #iterator()}, and so a for-each loop and {@link #stream()}, throw an {@link IOException}
 * wrapped in an {@link UncheckedIOException} (as {@code Files.lines} does) and any other checked
 * exception wrapped in an {@link UndeclaredThrowableException}.
 *
 * <p>The protocol is {@link Generator}'s; see there.
 *
 * @param <Y> what the coroutine yields
 * @param <S> what it is sent
 * @param <R> what it returns, reported by {@link StopIteration#value()}
 * @param <X> the checked exception its body may throw
 */
public interface ThrowingGenerator<Y, S, R, X extends Exception> extends Iterable<Y>, AutoCloseable {
  /**
   * Resumes the coroutine with {@code null}: same as {@code send(null)}.
   *
   * @return the next value yielded
   * @throws X what the body throws
   * @throws StopIteration when the body returns, or if it had already finished
   */
  Y next() throws X;

  /**
   * Resumes the coroutine; the suspension point it stopped at returns {@code value}.
   *
   * @param value what the suspension point evaluates to
   * @return the next value yielded
   * @throws X what the body throws
   * @throws StopIteration when the body returns, or if it had already finished
   * @throws IllegalStateException when a non-null value is sent to a just-started coroutine, or the
   *     coroutine is already executing
   */
  Y send(S value) throws X;

  /**
   * Raises {@code error} at the suspension point, like Python's {@code gen.throw(error)}; see
   * {@link Generator#throwInto(Throwable)}.
   *
   * @param error the exception to raise inside the coroutine
   * @return the next value yielded, if the body catches {@code error}
   * @throws X what the body throws
   * @throws StopIteration when the body catches {@code error} and returns
   */
  Y throwInto(Throwable error) throws X;

  /**
   * Closes the coroutine: raises {@link GeneratorExit} at its suspension point so that its
   * {@code finally} blocks and {@code catch (GeneratorExit e)} run; see {@link Generator#close()}.
   *
   * @throws X what a {@code finally} block of the body throws
   */
  @Override
  void close() throws X;

  /**
   * Returns where the coroutine is in its life cycle.
   *
   * @return the current state
   */
  Generator.State state();

  /**
   * Returns the single iterator that drives {@link #next()}; it wraps a checked exception as the
   * class description says.
   *
   * @return the single iterator over the values this coroutine yields
   */
  @Override
  Iterator<Y> iterator();

  /**
   * Returns a sequential stream of the values this coroutine yields, drawn lazily with
   * {@link #next()}; closing the stream closes the coroutine. Checked exceptions are wrapped as the
   * class description says.
   *
   * @return a lazy stream over the yielded values
   */
  default Stream<Y> stream() {
    return StreamSupport.stream(spliterator(), false).onClose(() -> {
      try {
        close();
      } catch (Exception e) {
        throw StateMachine.uncheckedOrAsIs(e);
      }
    });
  }
}
