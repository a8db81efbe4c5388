package com.example.consumer;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;

/** State kept in an object, updated by its instance coroutines. */
public final class Accumulator {
  // Package-private: the generated state machines, in this package, update them.
  double total;
  int count;

  /** An accumulator with nothing added yet. */
  public Accumulator() {}

  /**
   * Returns the number of values added so far.
   *
   * @return how many values the averager was sent
   */
  public int count() {
    return count;
  }

  /**
   * Adds each value sent to this accumulator and yields the average so far. An instance
   * coroutine: its factory takes the accumulator first.
   *
   * @param co the coroutine's handle
   */
  @Coroutine(primed = true)
  public void averager(Yield<Double, Double> co) {
    Double average = null;
    while (true) {
      double value = co.yield(average);
      total += value;
      count++;
      average = total / count;
    }
  }

  /**
   * Holders of one value: a nested class with coroutines of its own.
   *
   * @param <T> the type of the value
   */
  public static final class Box<T> {
    final T value;

    /**
     * A box holding {@code value}.
     *
     * @param value what the box holds
     */
    public Box(T value) {
      this.value = value;
    }

    /**
     * Yields the value in the box {@code times} times: an instance coroutine of a generic class.
     *
     * @param co the coroutine's handle
     * @param times how often
     */
    @Coroutine
    public void repeated(Yield<T, Void> co, int times) {
      for (int i = 0; i < times; i++) {
        co.yield(value);
      }
    }
  }
}
