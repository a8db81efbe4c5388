package dev.jcoro.sample;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;

/**
 * The first section of the tutorial, "Coroutines", and its two exercises: coroutines that consume the
 * values sent to them and print something for each one. The jcoro processor turns each method into a
 * factory of {@code CoroutinesCoroutines}: {@code CoroutinesCoroutines.coroutine()} returns a
 * {@code Generator<Void, Integer, Void>}.
 */
public final class Coroutines {
  private Coroutines() {}

  /**
   * The tutorial's first coroutine: prints every value sent to it.
   *
   * <pre>{@code
   * def coroutine():
   *     print('My coroutine')
   *     while True:
   *         val = yield
   *         print('Got', val)
   * }</pre>
   *
   * @param co the coroutine's handle
   */
  @Coroutine
  public static void coroutine(Yield<Void, Integer> co) {
    System.out.println("My coroutine");
    while (true) {
      int val = co.receive();
      System.out.println("Got " + val);
    }
  }

  /**
   * Exercise 1: a coroutine named "square" that prints the square of any sent value.
   *
   * <pre>{@code
   * def square():
   *     while True:
   *         val = yield
   *         print(val * val)
   * }</pre>
   *
   * @param co the coroutine's handle
   */
  @Coroutine
  public static void square(Yield<Void, Integer> co) {
    while (true) {
      int val = co.receive();
      System.out.println(val * val);
    }
  }

  /**
   * Exercise 2: the "minimize" coroutine, which keeps and prints the minimum value sent to it.
   *
   * <pre>{@code
   * def minimize():
   *     smallest = None
   *     while True:
   *         val = yield
   *         if smallest is None or val < smallest:
   *             smallest = val
   *         print(smallest)
   * }</pre>
   *
   * @param co the coroutine's handle
   */
  @Coroutine
  public static void minimize(Yield<Void, Integer> co) {
    Integer smallest = null;
    while (true) {
      int val = co.receive();
      if (smallest == null || val < smallest) {
        smallest = val;
      }
      System.out.println(smallest);
    }
  }
}
