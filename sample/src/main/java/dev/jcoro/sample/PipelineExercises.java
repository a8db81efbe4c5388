package dev.jcoro.sample;

import dev.jcoro.Coroutine;
import dev.jcoro.Generator;
import dev.jcoro.GeneratorExit;
import dev.jcoro.Yield;
import java.util.ArrayList;
import java.util.List;

/**
 * The tutorial's "Exercises with coroutine pipelines", written as the Python solutions would be. The
 * jcoro processor writes the factories into {@code PipelineExercisesCoroutines}.
 */
public final class PipelineExercises {
  private PipelineExercises() {}

  // Exercise 1: the squares go to two consumers, one keeping the minimum, the other the maximum.

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
  public static void squaringProducer(Yield<Void, Integer> co, List<Generator<Void, Integer, ?>> consumers) {
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
   * Stores and prints the minimum value sent to it so far.
   *
   * <pre>{@code
   * def min_consumer():
   *     print("Min consumer ready")
   *     minimum = None
   *     while True:
   *         val = yield
   *         if minimum is None or val < minimum:
   *             minimum = val
   *         print('Minimum so far', minimum)
   * }</pre>
   *
   * @param co the coroutine's handle
   */
  @Coroutine
  public static void minConsumer(Yield<Void, Integer> co) {
    System.out.println("Min consumer ready");
    Integer minimum = null;
    while (true) {
      int val = co.receive();
      if (minimum == null || val < minimum) {
        minimum = val;
      }
      System.out.println("Minimum so far " + minimum);
    }
  }

  /**
   * Stores and prints the maximum value sent to it so far.
   *
   * <pre>{@code
   * def max_consumer():
   *     print("Max consumer ready")
   *     maximum = None
   *     while True:
   *         val = yield
   *         if maximum is None or val > maximum:
   *             maximum = val
   *         print('Maximum so far', maximum)
   * }</pre>
   *
   * @param co the coroutine's handle
   */
  @Coroutine
  public static void maxConsumer(Yield<Void, Integer> co) {
    System.out.println("Max consumer ready");
    Integer maximum = null;
    while (true) {
      int val = co.receive();
      if (maximum == null || val > maximum) {
        maximum = val;
      }
      System.out.println("Maximum so far " + maximum);
    }
  }

  // Exercise 2: the squares are dealt to the consumers in turn; closed, each prints what it got.

  /**
   * Squares each value sent to it and sends the square to one consumer at a time, in turn: the first
   * value to the first consumer, the second to the second, and so on around. When closed, closes them.
   *
   * <pre>{@code
   * def producer(consumers):
   *     print("Producer ready")
   *     try:
   *         i = 0
   *         while True:
   *             val = yield
   *             consumers[i].send(val * val)
   *             i = (i + 1) % len(consumers)
   *     except GeneratorExit:
   *         for consumer in consumers:
   *             consumer.close()
   * }</pre>
   *
   * @param co the coroutine's handle
   * @param consumers the next stages of the pipeline, already primed
   */
  @Coroutine
  public static void roundRobinProducer(Yield<Void, Integer> co, List<Generator<Void, Integer, ?>> consumers) {
    System.out.println("Producer ready");
    try {
      int i = 0;
      while (true) {
        int val = co.receive();
        consumers.get(i).send(val * val);
        i = (i + 1) % consumers.size();
      }
    } catch (GeneratorExit e) {
      for (Generator<Void, Integer, ?> consumer : consumers) {
        consumer.close();
      }
    }
  }

  /**
   * Keeps every value sent to it; when closed, prints the list of them.
   *
   * <pre>{@code
   * def consumer(name):
   *     print("%s ready" % name)
   *     numbers = []
   *     try:
   *         while True:
   *             val = yield
   *             numbers.append(val)
   *     except GeneratorExit:
   *         print('%s got' % name, numbers)
   * }</pre>
   *
   * @param co the coroutine's handle
   * @param name what the consumer calls itself when it prints
   */
  @Coroutine
  public static void collectingConsumer(Yield<Void, Integer> co, String name) {
    System.out.println(name + " ready");
    List<Integer> numbers = new ArrayList<>();
    try {
      while (true) {
        int val = co.receive();
        numbers.add(val);
      }
    } catch (GeneratorExit e) {
      System.out.println(name + " got " + numbers);
    }
  }
}
