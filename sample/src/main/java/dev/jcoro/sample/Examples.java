package dev.jcoro.sample;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;

/**
 * Generators, the other half of Python's {@code yield}: coroutines that produce values rather than
 * consume them, used with a for-each loop or a stream. The jcoro processor writes the factories into
 * {@code ExamplesCoroutines}: {@code ExamplesCoroutines.fib(10)} returns a
 * {@code Generator<Integer, Void, Void>}, which is an {@code Iterable<Integer>}.
 *
 * <pre>{@code
 * for (int x : ExamplesCoroutines.fib(10)) { ... }                        // for x in fib(10):
 * ExamplesCoroutines.fib(100).stream().limit(8).toList()                  // list(islice(fib(100), 8))
 * }</pre>
 */
public final class Examples {
  private Examples() {}

  /**
   * Yields the first {@code n} Fibonacci numbers, 0, 1, 1, 2, 3, 5, ...
   *
   * <pre>{@code
   * def fib(n):
   *     a, b = 0, 1
   *     for _ in range(n):
   *         yield a
   *         a, b = b, a + b
   * }</pre>
   *
   * @param co the coroutine's handle
   * @param n how many numbers to yield
   */
  @Coroutine
  public static void fib(Yield<Integer, Void> co, int n) {
    int a = 0;
    int b = 1;
    for (int i = 0; i < n; i++) {
      co.yield(a);
      int next = a + b;
      a = b;
      b = next;
    }
  }
}
