package dev.jcoro.benchmarks;

/**
 * Where the workloads put what they compute (the tutorial's coroutines print it): a plain running
 * total, cheap enough not to hide the cost of the coroutine machinery, and a heap write the JIT can't
 * drop. The benchmarks return {@link #total} to JMH.
 */
public final class Sink {
  /** The sum of everything added. */
  public long total;

  /**
   * Adds a value to the total.
   *
   * @param value what a coroutine produced
   */
  public void add(long value) {
    total += value;
  }
}
