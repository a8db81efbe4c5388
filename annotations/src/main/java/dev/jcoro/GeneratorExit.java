package dev.jcoro;

/**
 * Raised at the suspension point of a coroutine by {@link Generator#close()}, as in Python. It is an
 * {@link Error}, so {@code catch (Exception e)} does not catch it, just as Python's
 * {@code except Exception} does not catch {@code GeneratorExit}. A body may catch it to clean up; it
 * must then return or throw, never yield again.
 */
public class GeneratorExit extends Error {
  private static final long serialVersionUID = 1L;

  /** Creates the exception {@link Generator#close()} raises. */
  public GeneratorExit() {
    super();
  }

  private GeneratorExit(boolean withStackTrace) {
    super(null, null, true, withStackTrace);
  }

  /**
   * The GeneratorExit {@link Generator#close()} raises: only a signal to the body, so it records no
   * stack trace, which would cost more than the rest of a close.
   *
   * @return a new GeneratorExit without a stack trace
   */
  static GeneratorExit raisedByClose() {
    return new GeneratorExit(false);
  }

  /**
   * Creates a GeneratorExit with a message.
   *
   * @param message the detail message
   */
  public GeneratorExit(String message) {
    super(message);
  }
}
