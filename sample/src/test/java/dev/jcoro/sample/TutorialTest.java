package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Checks each transcript of {@link Tutorial} line by line against what the tutorial shows. */
class TutorialTest {

  @Test
  void coroutine() {
    assertEquals(
        List.of(
            "== coroutine ==",
            "My coroutine",
            "Got 1",
            "Got 2",
            "Got 3",
            "StopIteration"),
        transcript(Tutorial::coroutine));
  }

  @Test
  void square() {
    assertEquals(
        List.of(
            "== exercise: square ==",
            "1",
            "4",
            "9"),
        transcript(Tutorial::square));
  }

  @Test
  void minimize() {
    // sent 5, 3, 7, 1, 4
    assertEquals(
        List.of(
            "== exercise: minimize ==",
            "5",
            "3",
            "3",
            "1",
            "1"),
        transcript(Tutorial::minimize));
  }

  @Test
  void pipeline() {
    assertEquals(
        List.of(
            "== pipeline ==",
            "Producer ready",
            "Consumer ready",
            "Consumer got 1",
            "Consumer got 4",
            "Consumer got 9"),
        transcript(Tutorial::pipeline));
  }

  @Test
  void twoConsumers() {
    assertEquals(
        List.of(
            "== pipeline with two consumers ==",
            "Producer ready",
            "Consumer 1 ready",
            "Consumer 2 ready",
            "Consumer 1 got 1",
            "Consumer 1 got 4",
            "Consumer 1 got 9",
            "Consumer 2 got 16",
            "Consumer 1 closed",
            "Consumer 2 closed"),
        transcript(Tutorial::twoConsumers));
  }

  @Test
  void minMaxPipeline() {
    // sent 3, 1, 4, 2: the consumers get 9, 1, 16, 4
    assertEquals(
        List.of(
            "== pipeline exercise: min and max ==",
            "Producer ready",
            "Min consumer ready",
            "Max consumer ready",
            "Minimum so far 9",
            "Maximum so far 9",
            "Minimum so far 1",
            "Maximum so far 9",
            "Minimum so far 1",
            "Maximum so far 16",
            "Minimum so far 1",
            "Maximum so far 16"),
        transcript(Tutorial::minMaxPipeline));
  }

  @Test
  void roundRobinPipeline() {
    // sent 1, 2, 3, 4: the squares 1, 4, 9, 16 are dealt to consumer 1, 2, 1, 2
    assertEquals(
        List.of(
            "== pipeline exercise: round robin ==",
            "Producer ready",
            "Consumer 1 ready",
            "Consumer 2 ready",
            "Consumer 1 got [1, 9]",
            "Consumer 2 got [4, 16]"),
        transcript(Tutorial::roundRobinPipeline));
  }

  @Test
  void iteration() {
    // fib(10) with for-each; fib(20).stream().limit(8), which leaves the generator suspended until
    // the stream is closed
    assertEquals(
        List.of(
            "== iteration: for-each and stream ==",
            "0 1 1 2 3 5 8 13 21 34",
            "[0, 1, 1, 2, 3, 5, 8, 13]",
            "SUSPENDED",
            "CLOSED"),
        transcript(Tutorial::iteration));
  }

  @Test
  void mainPrintsEveryTranscriptOnce() {
    List<String> lines = capture(out -> Tutorial.main(new String[0]));
    List<String> titles =
        List.of(
            "== coroutine ==",
            "== exercise: square ==",
            "== exercise: minimize ==",
            "== pipeline ==",
            "== pipeline with two consumers ==",
            "== pipeline exercise: min and max ==",
            "== pipeline exercise: round robin ==",
            "== iteration: for-each and stream ==");
    for (String title : titles) {
      assertEquals(1, lines.stream().filter(title::equals).count(), title);
    }
    assertEquals(
        titles, lines.stream().filter(line -> line.startsWith("== ")).toList(), "titles in order");
  }

  /**
   * Runs one transcript method into a fresh stream and returns the lines it printed. System.out is
   * left alone: the transcript itself must send the coroutines' printing to the stream, and restore
   * System.out when done.
   */
  private static List<String> transcript(Consumer<PrintStream> method) {
    PrintStream before = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      method.accept(out);
    }
    assertSame(before, System.out, "the transcript restores System.out");
    return lines(bytes);
  }

  /** Runs {@code body} with System.out captured, passing it the capturing stream as well. */
  private static List<String> capture(Consumer<PrintStream> body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      body.accept(out);
    } finally {
      System.setOut(saved);
    }
    return lines(bytes);
  }

  private static List<String> lines(ByteArrayOutputStream bytes) {
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.endsWith(System.lineSeparator()), "output ends with a line break: " + text);
    return text.lines().toList();
  }
}
