package dev.jcoro;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link Generator#next()}, {@link Generator#send} and {@link Generator#throwInto} when the
 * coroutine has finished, as in Python. When the body returned a value, {@link #value()} is that
 * value; on a generator that had already finished, it is {@code null}.
 */
public class StopIteration extends NoSuchElementException {
  private static final long serialVersionUID = 1L;

  private final transient Object value;
  private final boolean exhausted;

  /**
   * Creates the exception that reports a finished coroutine.
   *
   * @param value what the body returned, or {@code null}
   */
  public StopIteration(Object value) {
    this(value, false);
  }

  private StopIteration(Object value, boolean exhausted) {
    this.value = value;
    this.exhausted = exhausted;
  }

  /**
   * Creates what a generator that had already finished throws: no value, and a message that says
   * the generator is exhausted.
   *
   * @return a new StopIteration
   */
  public static StopIteration exhausted() {
    return new StopIteration(null, true);
  }

  /**
   * Returns what the coroutine's body returned.
   *
   * @return the return value, or {@code null} if there was none
   */
  public Object value() {
    return value;
  }

  /**
   * Like Python's {@code str(StopIteration(v))}: the returned value; on a generator that had
   * already finished, that it is exhausted; else no message.
   */
  @Override
  public String getMessage() {
    return value != null ? String.valueOf(value)
        : exhausted ? "coroutine exhausted: it has already returned, thrown or been closed"
        : null;
  }
}
