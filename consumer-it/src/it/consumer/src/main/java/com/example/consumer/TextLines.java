package com.example.consumer;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.io.BufferedReader;
import java.io.IOException;

/** Coroutines that declare a checked exception: their factories return a ThrowingGenerator. */
public final class TextLines {
  private TextLines() {}

  /**
   * Yields the lines of {@code reader} until its end.
   *
   * @param co the coroutine's handle
   * @param reader where the lines come from
   * @throws IOException when reading fails
   */
  @Coroutine
  public static void lines(Yield<String, Void> co, BufferedReader reader) throws IOException {
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      co.yield(line);
    }
  }

  /**
   * Reads the first line of {@code reader} as a header, then yields the others.
   *
   * @param co the coroutine's handle
   * @param reader where the lines come from
   * @return the number of lines after the header
   * @throws IOException when reading fails
   */
  @Coroutine(primed = true)
  public static int afterHeader(Yield<String, Void> co, BufferedReader reader) throws IOException {
    String header = reader.readLine();
    int count = 0;
    co.yield(header);
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      count++;
      co.yield(line);
    }
    return count;
  }
}
