package dev.jcoro.sample;

import dev.jcoro.Coroutine;
import dev.jcoro.Generator;
import dev.jcoro.GeneratorExit;
import dev.jcoro.Yield;
import java.util.List;

/**
 * The tutorial's "Pipelines" section: a producer coroutine squares the values sent to it and pushes
 * them, with {@code send}, into one consumer coroutine or several. The jcoro processor writes the
 * factories into {@code PipelinesCoroutines}.
 *
 * <p>Python names both versions {@code producer} and {@code consumer}; here the second pair, the one
 * with several consumers, is {@link #broadcastProducer} and {@link #rangeConsumer}.
 */
public final class Pipelines {
  private Pipelines() {}

  /**
   * Squares each value sent to it and sends the square to {@code consumer}.
   *
   * <pre>{@code
   * def producer(consumer):
   *     print("Producer ready")
   *     while True:
   *         val = yield
   *         consumer.send(val * val)
   * }</pre>
   *
   * @param co the coroutine's handle
   * @param consumer the next stage of the pipeline, already primed
   */
  @Coroutine
  public static void producer(Yield<Void, Integer> co, Generator<Void, Integer, ?> consumer) {
    System.out.println("Producer ready");
    while (true) {
      int val = co.receive();
      consumer.send(val * val);
    }
  }

  /**
   * Prints every value sent to it.
   *
   * <pre>{@code
   * def consumer():
   *     print("Consumer ready")
   *     while True:
   *         val = yield
   *         print('Consumer got', val)
   * }</pre>
   *
   * @param co the coroutine's handle
   */
  @Coroutine
  public static void consumer(Yield<Void, Integer> co) {
    System.out.println("Consumer ready");
    while (true) {
      int val = co.receive();
      System.out.println("Consumer got " + val);
    }
  }

  /**
   * Squares each value sent to it and sends the square to every consumer; when closed, closes them.
   *
   * <pre>{@code
   * def producer(consumers):
   *     print("Producer ready")
   *     try:
   *         while True:
   *             val = yield
   *             for consumer in consumers:
   *                 consumer.send(val * val)
   *     except GeneratorExit:
   *         for consumer in consumers:
   *             consumer.close()
   * }</pre>
   *
   * @param co the coroutine's handle
   * @param consumers the next stages of the pipeline, already primed
   */
  @Coroutine
  public static void broadcastProducer(Yield<Void, Integer> co, List<Generator<Void, Integer, ?>> consumers) {
    System.out.println("Producer ready");
    try {
      while (true) {
        int val = co.receive();
        for (Generator<Void, Integer, ?> consumer : consumers) {
          consumer.send(val * val);
        }
      }
    } catch (GeneratorExit e) {
      for (Generator<Void, Integer, ?> consumer : consumers) {
        consumer.close();
      }
    }
  }

  /**
   * Prints the values sent to it that lie strictly between {@code low} and {@code high}; says so when
   * it is closed.
   *
   * <pre>{@code
   * def consumer(name, low, high):
   *     print("%s ready" % name)
   *     try:
   *         while True:
   *             val = yield
   *             if low < val < high:
   *                 print('%s got' % name, val)
   *     except GeneratorExit:
   *         print("%s closed" % name)
   * }</pre>
   *
   * @param co the coroutine's handle
   * @param name what the consumer calls itself when it prints
   * @param low the exclusive lower bound of the values it prints
   * @param high the exclusive upper bound of the values it prints
   */
  @Coroutine
  public static void rangeConsumer(Yield<Void, Integer> co, String name, int low, int high) {
    System.out.println(name + " ready");
    try {
      while (true) {
        int val = co.receive();
        if (low < val && val < high) {
          System.out.println(name + " got " + val);
        }
      }
    } catch (GeneratorExit e) {
      System.out.println(name + " closed");
    }
  }
}
