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

  /**
   * The one GeneratorExit every {@link Generator#close()} raises: only a signal to the body, so it
   * is made once, without a stack trace, and nothing a body does to it can reach another generator:
   * its stack trace and suppressed exceptions can't be written, and its cause is set (to none).
   */
  private static final GeneratorExit RAISED_BY_CLOSE = new GeneratorExit(false);

  private GeneratorExit(boolean writable) {
    super(null, null, writable, writable);
  }

  /**
   * The GeneratorExit {@link Generator#close()} raises, shared by all generators: closing
   * allocates nothing.
   *
   * @return the shared GeneratorExit
   */
  static GeneratorExit raisedByClose() {
    return RAISED_BY_CLOSE;
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
