package dev.jcoro.benchmarks;

import dev.jcoro.Coroutine;
import dev.jcoro.Generator;
import dev.jcoro.Yield;

/**
 * The benchmarked coroutines, written once with {@code @Coroutine}. The jcoro processor turns them
 * into the state machines of {@code WorkloadsCoroutines}; the thread-based variants call these same
 * methods directly with a thread-backed {@link Yield} ({@link ThreadGenerator}). The hand-written
 * equivalents are in {@link HandWritten}.
 *
 * <p>None of them allocates in steady state: the values sent are boxed once, up front, and every
 * value boxed here is in {@code Integer}'s cache (-128..127), so what a benchmark allocates per
 * operation is what the generator machinery allocates.
 */
public final class Workloads {
  private Workloads() {}

  /**
   * The tutorial's {@code square}: receives ints and "prints" their squares into a sink.
   *
   * <pre>{@code
   * def square():
   *     while True:
   *         val = yield
   *         print(val * val)
   * }</pre>
   *
   * @param co the handle
   * @param sink where the squares go
   */
  @Coroutine
  static void square(Yield<Void, Integer> co, Sink sink) {
    while (true) {
      int val = co.receive();
      sink.add((long) val * val);
    }
  }

  /**
   * A bidirectional running minimum: each value sent in is answered with the minimum so far.
   *
   * <pre>{@code
   * def running_min():
   *     smallest = yield
   *     while True:
   *         x = yield smallest
   *         if x < smallest:
   *             smallest = x
   * }</pre>
   *
   * @param co the handle
   */
  @Coroutine
  static void runningMin(Yield<Integer, Integer> co) {
    Integer smallest = co.receive();
    while (true) {
      Integer x = co.yield(smallest);
      if (x < smallest) {
        smallest = x;
      }
    }
  }

  /**
   * A generator iterated with for-each: {@code range(n)}.
   *
   * @param co the handle
   * @param n how many numbers, 0 to n - 1
   */
  @Coroutine
  static void range(Yield<Integer, Void> co, int n) {
    for (int i = 0; i < n; i++) {
      co.yield(i);
    }
  }

  /**
   * First stage of the pipeline (the tutorial's producer): squares what it is sent and sends it on.
   *
   * @param co the handle
   * @param next the next stage
   */
  @Coroutine
  static void producer(Yield<Void, Integer> co, Generator<?, Integer, ?> next) {
    while (true) {
      int val = co.receive();
      next.send(val * val);
    }
  }

  /**
   * Second stage of the pipeline (the tutorial's range filter): passes on what falls in
   * {@code [low, high)}.
   *
   * @param co the handle
   * @param low the smallest value passed on
   * @param high the first value not passed on
   * @param next the next stage
   */
  @Coroutine
  static void filter(Yield<Void, Integer> co, int low, int high, Generator<?, Integer, ?> next) {
    while (true) {
      Integer val = co.receive();
      if (val >= low && val < high) {
        next.send(val);
      }
    }
  }

  /**
   * Last stage of the pipeline (the tutorial's consumer): "prints" what it gets into a sink.
   *
   * @param co the handle
   * @param sink where the values go
   */
  @Coroutine
  static void consumer(Yield<Void, Integer> co, Sink sink) {
    while (true) {
      int val = co.receive();
      sink.add(val);
    }
  }

  /**
   * The leaf of the {@code yieldFrom} chain: yields back what it is sent.
   *
   * @param co the handle
   * @return never returns
   */
  @Coroutine
  static Integer echo(Yield<Integer, Integer> co) {
    Integer value = co.receive();
    while (true) {
      value = co.yield(value);
    }
  }

  /**
   * One level of the {@code yieldFrom} chain: {@code return (yield from inner)}.
   *
   * @param co the handle
   * @param inner the delegate
   * @return what the delegate returns
   */
  @Coroutine
  static Integer delegating(Yield<Integer, Integer> co, Generator<Integer, Integer, Integer> inner) {
    Integer result = co.yieldFrom(inner);
    return result;
  }

  /**
   * A generator suspended inside try/finally, to be closed: the finally block runs on close.
   *
   * @param co the handle
   * @param sink what the finally block touches
   */
  @Coroutine
  static void guarded(Yield<Integer, Void> co, Sink sink) {
    try {
      while (true) {
        co.yield(1);
      }
    } finally {
      sink.add(1);
    }
  }
}
