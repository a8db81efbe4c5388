package dev.jcoro.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Where a test's source text holds something: the line a diagnostic must point at. */
public final class SourceLines {
  private SourceLines() {}

  /** The 1-based line of {@code source} that contains {@code text}; exactly one must. */
  public static int lineOf(String source, String text) {
    String[] lines = source.split("\n", -1);
    List<Integer> found = IntStream.range(0, lines.length)
        .filter(i -> lines[i].contains(text))
        .boxed()
        .collect(Collectors.toList());
    assertEquals(1, found.size(), "exactly one line must contain " + text);
    return found.get(0) + 1;
  }
}
