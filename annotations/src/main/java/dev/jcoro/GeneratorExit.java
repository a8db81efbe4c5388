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
   * Creates a GeneratorExit with a message.
   *
   * @param message the detail message
   */
  public GeneratorExit(String message) {
    super(message);
  }
}
