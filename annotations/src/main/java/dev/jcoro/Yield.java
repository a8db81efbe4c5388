package dev.jcoro;

import java.util.Iterator;

/**
 * The handle through which a {@link Coroutine} body suspends: always the first parameter of a
 * {@code @Coroutine} method, and only ever used as the receiver of these three calls.
 *
 * <p>In generated code the calls become suspension points of a state machine. Called directly with
 * another implementation (a thread-based one, say), the method runs the same body.
 *
 * @param <Y> what the coroutine yields ({@code Void} if it yields nothing)
 * @param <S> what the coroutine is sent ({@code Void} if it is never sent anything)
 */
public interface Yield<Y, S> {
  /**
   * Suspends without a value, like Python's {@code val = yield}: the caller of {@code next()} or
   * {@code send()} receives {@code null}.
   *
   * @return the value passed to the {@code send} that resumes the coroutine ({@code null} for
   *     {@code next()})
   */
  S receive();

  /**
   * Suspends, handing {@code value} to the caller, like Python's {@code val = yield value}.
   *
   * @param value what the resuming {@code next()}/{@code send()} call returns
   * @return the value passed to the {@code send} that resumes the coroutine ({@code null} for
   *     {@code next()})
   */
  S yield(Y value);

  /**
   * Delegates to another generator until it finishes, like Python's {@code r = yield from d}
   * (PEP 380): values it yields are yielded from here, and {@code send}, {@code throwInto} and
   * {@code next} are forwarded to it; {@code close()} closes it first.
   *
   * @param delegate the generator to run to completion
   * @param <R> what the delegate returns
   * @return the delegate's return value
   */
  default <R> R yieldFrom(Generator<? extends Y, ? super S, ? extends R> delegate) {
    return this.<R, RuntimeException>yieldFrom(delegate);
  }

  /**
   * Delegates to a generator whose body throws checked exceptions, as
   * {@link #yieldFrom(Generator)} does: what it throws is thrown here, so the body declares or
   * catches {@code X}.
   *
   * @param delegate the generator to run to completion
   * @param <R> what the delegate returns
   * @param <X> the checked exception the delegate may throw
   * @return the delegate's return value
   * @throws X what the delegate throws
   */
  <R, X extends Exception> R yieldFrom(
      ThrowingGenerator<? extends Y, ? super S, ? extends R, X> delegate) throws X;

  /**
   * Yields every value of {@code values} in turn, like Python's {@code yield from iterable}: each
   * {@code next()} of the caller takes the next value. A plain iterator can't be sent anything: a
   * {@code send} of a non-null value raises {@link IllegalStateException} here, at the
   * {@code yieldFrom}; what {@code throwInto} and {@code close} pass is raised here too, and the
   * iterator is left alone.
   *
   * @param values what to yield; a {@link Generator} passed as an {@code Iterable} is iterated
   *     with {@code next()} like any other
   * @return {@code null}, when the values are exhausted
   */
  default Void yieldFrom(Iterable<? extends Y> values) {
    return yieldFrom(StateMachine.iteratorOf(values));
  }

  /**
   * Yields the remaining values of {@code values} in turn, as
   * {@link #yieldFrom(Iterable) yieldFrom(Iterable)} does.
   *
   * @param values what to yield
   * @return {@code null}, when the values are exhausted
   */
  default Void yieldFrom(Iterator<? extends Y> values) {
    StateMachine.checkDelegate(values);
    while (values.hasNext()) {
      if (this.yield(values.next()) != null) {
        throw StateMachine.sentToIterator(values);
      }
    }
    return null;
  }
}
