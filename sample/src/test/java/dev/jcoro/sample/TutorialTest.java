package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.GeneratorExit;
import dev.jcoro.StopIteration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Checks each transcript of {@link Tutorial} line by line: the statements, after {@code >>> }, and
 * between them what the tutorial's session prints.
 */
class TutorialTest {

  @Test
  void coroutine() {
    assertEquals(
        List.of(
            "== coroutine ==",
            ">>> var co = CoroutinesCoroutines.coroutine();",
            ">>> co.next();",
            "My coroutine",
            ">>> co.send(1);",
            "Got 1",
            ">>> co.send(2);",
            "Got 2",
            ">>> co.send(3);",
            "Got 3",
            ">>> co.close();",
            ">>> co.send(4);",
            "StopIteration"),
        transcript(Tutorial::coroutine));
  }

  @Test
  void square() {
    assertEquals(
        List.of(
            "== exercise: square ==",
            ">>> var sq = CoroutinesCoroutines.square();",
            ">>> sq.next();",
            ">>> sq.send(1);",
            "1",
            ">>> sq.send(2);",
            "4",
            ">>> sq.send(3);",
            "9",
            ">>> sq.close();"),
        transcript(Tutorial::square));
  }

  @Test
  void minimize() {
    assertEquals(
        List.of(
            "== exercise: minimize ==",
            ">>> var m = CoroutinesCoroutines.minimize();",
            ">>> m.next();",
            ">>> m.send(5);",
            "5",
            ">>> m.send(3);",
            "3",
            ">>> m.send(7);",
            "3",
            ">>> m.send(1);",
            "1",
            ">>> m.send(4);",
            "1",
            ">>> m.close();"),
        transcript(Tutorial::minimize));
  }

  @Test
  void pipeline() {
    assertEquals(
        List.of(
            "== pipeline ==",
            ">>> var cons = PipelinesCoroutines.consumer();",
            ">>> var prod = PipelinesCoroutines.producer(cons);",
            ">>> prod.next();",
            "Producer ready",
            ">>> cons.next();",
            "Consumer ready",
            ">>> prod.send(1);",
            "Consumer got 1",
            ">>> prod.send(2);",
            "Consumer got 4",
            ">>> prod.send(3);",
            "Consumer got 9"),
        transcript(Tutorial::pipeline));
  }

  @Test
  void twoConsumers() {
    assertEquals(
        List.of(
            "== pipeline with two consumers ==",
            ">>> var con1 = PipelinesCoroutines.rangeConsumer(\"Consumer 1\", 0, 10);",
            ">>> var con2 = PipelinesCoroutines.rangeConsumer(\"Consumer 2\", 10, 20);",
            ">>> var prod = PipelinesCoroutines.broadcastProducer(List.of(con1, con2));",
            ">>> prod.next();",
            "Producer ready",
            ">>> con1.next();",
            "Consumer 1 ready",
            ">>> con2.next();",
            "Consumer 2 ready",
            ">>> prod.send(1);",
            "Consumer 1 got 1",
            ">>> prod.send(2);",
            "Consumer 1 got 4",
            ">>> prod.send(3);",
            "Consumer 1 got 9",
            ">>> prod.send(4);",
            "Consumer 2 got 16",
            ">>> prod.close();",
            "Consumer 1 closed",
            "Consumer 2 closed"),
        transcript(Tutorial::twoConsumers));
  }

  @Test
  void minMaxPipeline() {
    // the consumers get the squares 9, 1, 16, 4
    assertEquals(
        List.of(
            "== pipeline exercise: min and max ==",
            ">>> var min = PipelineExercisesCoroutines.minConsumer();",
            ">>> var max = PipelineExercisesCoroutines.maxConsumer();",
            ">>> var prod = PipelineExercisesCoroutines.squaringProducer(List.of(min, max));",
            ">>> prod.next();",
            "Producer ready",
            ">>> min.next();",
            "Min consumer ready",
            ">>> max.next();",
            "Max consumer ready",
            ">>> prod.send(3);",
            "Minimum so far 9",
            "Maximum so far 9",
            ">>> prod.send(1);",
            "Minimum so far 1",
            "Maximum so far 9",
            ">>> prod.send(4);",
            "Minimum so far 1",
            "Maximum so far 16",
            ">>> prod.send(2);",
            "Minimum so far 1",
            "Maximum so far 16",
            ">>> prod.close();"),
        transcript(Tutorial::minMaxPipeline));
  }

  @Test
  void roundRobinPipeline() {
    // the squares 1, 4, 9, 16 are dealt to consumer 1, 2, 1, 2, which print them when closed
    assertEquals(
        List.of(
            "== pipeline exercise: round robin ==",
            ">>> var con1 = PipelineExercisesCoroutines.collectingConsumer(\"Consumer 1\");",
            ">>> var con2 = PipelineExercisesCoroutines.collectingConsumer(\"Consumer 2\");",
            ">>> var prod = PipelineExercisesCoroutines.roundRobinProducer(List.of(con1, con2));",
            ">>> prod.next();",
            "Producer ready",
            ">>> con1.next();",
            "Consumer 1 ready",
            ">>> con2.next();",
            "Consumer 2 ready",
            ">>> prod.send(1);",
            ">>> prod.send(2);",
            ">>> prod.send(3);",
            ">>> prod.send(4);",
            ">>> prod.close();",
            "Consumer 1 got [1, 9]",
            "Consumer 2 got [4, 16]"),
        transcript(Tutorial::roundRobinPipeline));
  }

  @Test
  void iteration() {
    // the stream leaves the generator suspended after the eighth number, until it is closed
    assertEquals(
        List.of(
            "== iteration: for-each and stream ==",
            ">>> for (int x : ExamplesCoroutines.fib(10)) System.out.println(x);",
            "0",
            "1",
            "1",
            "2",
            "3",
            "5",
            "8",
            "13",
            "21",
            "34",
            ">>> var f = ExamplesCoroutines.fib(20);",
            ">>> var numbers = f.stream();",
            ">>> numbers.limit(8).toList();",
            "[0, 1, 1, 2, 3, 5, 8, 13]",
            ">>> f.state();",
            "SUSPENDED",
            ">>> numbers.close();",
            ">>> f.state();",
            "CLOSED"),
        transcript(Tutorial::iteration));
  }

  @Test
  void aStopIterationShowsItsValueNeverItsMessage() {
    // As Python's traceback ends: "StopIteration", or "StopIteration: 5" for a generator that
    // returned 5. A message (for an exhausted generator, say) is not shown.
    assertEquals("StopIteration", Tutorial.lastTracebackLine(new StopIteration(null)));
    assertEquals("StopIteration: 5", Tutorial.lastTracebackLine(new StopIteration(5)));
    assertEquals("StopIteration", Tutorial.lastTracebackLine(withMessage(null)));
    assertEquals("StopIteration: 5", Tutorial.lastTracebackLine(withMessage(5)));
  }

  @Test
  void anotherExceptionShowsItsNameAndMessage() {
    assertEquals(
        "IllegalStateException: coroutine ignored GeneratorExit",
        Tutorial.lastTracebackLine(new IllegalStateException("coroutine ignored GeneratorExit")));
    assertEquals("GeneratorExit", Tutorial.lastTracebackLine(new GeneratorExit()));
  }

  /** A StopIteration whose message is not its value, as the runtime may give one. */
  private static StopIteration withMessage(Object value) {
    return new StopIteration(value) {
      private static final long serialVersionUID = 1L;

      @Override
      public String getMessage() {
        return "generator already finished";
      }
    };
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
