package com.example.consumer;

import dev.jcoro.Coroutine;
import dev.jcoro.Generator;
import dev.jcoro.Yield;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;

/** Generators of values: static coroutines, generic ones, delegation, lambdas, local records. */
public final class Sequences {
  private Sequences() {}

  /**
   * Counts down from {@code from} to 1, then returns {@code "liftoff"}. Each value is yielded
   * once; see {@link Generator#next()} and {@link #repeat(Yield, List, int) repeat} for others.
   *
   * @param co the coroutine's handle
   * @param from the first value, at least 0
   * @return {@code "liftoff"}, as {@link dev.jcoro.StopIteration#value()}
   */
  @Coroutine
  public static String countdown(Yield<Integer, Void> co, int from) {
    for (int i = from; i > 0; i--) {
      co.yield(i);
    }
    return "liftoff";
  }

  /**
   * Yields the items of a {@link List} {@code times} times over, in order.
   *
   * <p>A generic coroutine: {@code T} is the factory's type parameter too.
   *
   * @param co the coroutine's handle
   * @param items what to yield, in order
   * @param times how many times to yield them all
   * @param <T> the type of the items
   */
  @Coroutine
  public static <T> void repeat(Yield<T, Void> co, List<? extends T> items, int times) {
    for (int round = 0; round < times; round++) {
      for (T item : items) {
        co.yield(item);
      }
    }
  }

  /**
   * Yields the largest value sent so far, starting with {@code first}; returns it when sent
   * {@code null}.
   *
   * @param co the coroutine's handle
   * @param first the value before any is sent
   * @param <T> the type of the values, compared by their natural order
   * @return the largest value sent
   */
  @Coroutine
  public static <T extends Comparable<? super T>> T runningMax(Yield<T, T> co, T first) {
    T max = first;
    while (true) {
      T next = co.yield(max);
      if (next == null) {
        return max;
      }
      if (next.compareTo(max) > 0) {
        max = next;
      }
    }
  }

  /**
   * Yields {@code 0}, then each value of {@link #countdown countdown(n)}, then the values of
   * {@code tail}, and returns how many were yielded in all: {@code yieldFrom} of another
   * generator and of a list.
   *
   * @param co the coroutine's handle
   * @param n where the countdown starts
   * @param tail the values after the countdown
   * @return the number of values yielded, with the countdown's result: {@code "5 liftoff"}
   */
  @Coroutine
  public static String chain(Yield<Integer, Void> co, int n, List<Integer> tail) {
    co.yield(0);
    String done = co.yieldFrom(SequencesCoroutines.countdown(n));
    co.yieldFrom(tail);
    return (1 + n + tail.size()) + " " + done;
  }

  /**
   * Yields {@code format} applied to each value that {@code keep} accepts: the body passes
   * lambdas on, and makes its own that capture its locals.
   *
   * @param co the coroutine's handle
   * @param values the values to filter
   * @param keep which values to format
   * @param format how to write a value
   */
  @Coroutine
  public static void formatted(Yield<String, Void> co, int[] values, IntPredicate keep,
      Function<Integer, String> format) {
    List<String> kept = new ArrayList<>();
    for (int value : values) {
      if (keep.test(value)) {
        kept.add(format.apply(value));
      }
    }
    String prefix = "#";
    Function<String, String> numbered = text -> prefix + kept.indexOf(text) + " " + text;
    for (String text : kept) {
      co.yield(numbered.apply(text));
    }
  }

  /**
   * Yields each word with its position, through a local record kept across the yields.
   *
   * @param co the coroutine's handle
   * @param words the words
   * @return the number of words
   */
  @Coroutine
  public static int indexed(Yield<String, Void> co, List<String> words) {
    record Entry(int index, String word) {
      String show() {
        return index + ":" + word;
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (String word : words) {
      entries.add(new Entry(entries.size(), word));
    }
    for (Entry entry : entries) {
      co.yield(entry.show());
    }
    return entries.size();
  }
}
