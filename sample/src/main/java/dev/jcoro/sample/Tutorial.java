package dev.jcoro.sample;

import dev.jcoro.Generator;
import dev.jcoro.StopIteration;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs every example and exercise of the Python coroutine tutorial and prints its transcript: a title
 * line, then what the tutorial's REPL session prints. The inputs of the session ({@code >>> ...}) are
 * not echoed: they are the Java statements of each transcript method.
 *
 * <p>The coroutines print with {@code System.out.println}, as the Python ones print with
 * {@code print}. So that a transcript can be captured, each transcript method points
 * {@code System.out} at the stream it is given while it runs, and restores it afterwards.
 *
 * <p>Run it with {@code mvn -q -pl sample exec:java} (after {@code mvn -q install -DskipTests}).
 */
public final class Tutorial {
  private Tutorial() {}

  /**
   * Prints every transcript, one after the other, separated by a blank line.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    coroutine(out);
    out.println();
    square(out);
    out.println();
    minimize(out);
    out.println();
    pipeline(out);
    out.println();
    twoConsumers(out);
    out.println();
    minMaxPipeline(out);
    out.println();
    roundRobinPipeline(out);
    out.flush();
  }

  /** "Coroutines": the printing coroutine, sent three values, closed, then sent a fourth. */
  static void coroutine(PrintStream out) {
    transcript(out, "coroutine", () -> {
      Generator<Void, Integer, Void> co = CoroutinesCoroutines.coroutine();
      co.next();
      co.send(1);
      co.send(2);
      co.send(3);
      co.close();
      // Python's REPL answers co.send(4) with a traceback whose last line is "StopIteration". The
      // transcript prints that last line only: the exception's simple name, followed by ": " and its
      // message when it has one (as Python prints "StopIteration: value").
      try {
        co.send(4);
      } catch (StopIteration e) {
        out.println(lastTracebackLine(e));
      }
    });
  }

  /** Exercise 1 of "Exercises with coroutines": square prints the square of each value sent. */
  static void square(PrintStream out) {
    transcript(out, "exercise: square", () -> {
      Generator<Void, Integer, Void> sq = CoroutinesCoroutines.square();
      sq.next();
      sq.send(1);
      sq.send(2);
      sq.send(3);
      sq.close();
    });
  }

  /** Exercise 2 of "Exercises with coroutines": minimize prints the smallest value sent so far. */
  static void minimize(PrintStream out) {
    transcript(out, "exercise: minimize", () -> {
      Generator<Void, Integer, Void> m = CoroutinesCoroutines.minimize();
      m.next();
      m.send(5);
      m.send(3);
      m.send(7);
      m.send(1);
      m.send(4);
      m.close();
    });
  }

  /** "Pipelines": a producer squares what it is sent and passes it to one consumer. */
  static void pipeline(PrintStream out) {
    transcript(out, "pipeline", () -> {
      Generator<Void, Integer, Void> cons = PipelinesCoroutines.consumer();
      Generator<Void, Integer, Void> prod = PipelinesCoroutines.producer(cons);
      prod.next();
      cons.next();

      prod.send(1);
      prod.send(2);
      prod.send(3);
    });
  }

  /** "Pipelines", continued: one producer, two consumers printing different ranges, then closed. */
  static void twoConsumers(PrintStream out) {
    transcript(out, "pipeline with two consumers", () -> {
      Generator<Void, Integer, Void> con1 = PipelinesCoroutines.rangeConsumer("Consumer 1", 0, 10);
      Generator<Void, Integer, Void> con2 = PipelinesCoroutines.rangeConsumer("Consumer 2", 10, 20);
      Generator<Void, Integer, Void> prod = PipelinesCoroutines.broadcastProducer(List.of(con1, con2));

      prod.next();
      con1.next();
      con2.next();

      prod.send(1);
      prod.send(2);
      prod.send(3);
      prod.send(4);

      prod.close();
    });
  }

  /** Exercise 1 of "Exercises with coroutine pipelines": the squares go to a min and a max consumer. */
  static void minMaxPipeline(PrintStream out) {
    transcript(out, "pipeline exercise: min and max", () -> {
      Generator<Void, Integer, Void> min = PipelineExercisesCoroutines.minConsumer();
      Generator<Void, Integer, Void> max = PipelineExercisesCoroutines.maxConsumer();
      Generator<Void, Integer, Void> prod =
          PipelineExercisesCoroutines.squaringProducer(List.of(min, max));

      prod.next();
      min.next();
      max.next();

      prod.send(3);
      prod.send(1);
      prod.send(4);
      prod.send(2);

      prod.close();
    });
  }

  /**
   * Exercise 2 of "Exercises with coroutine pipelines": the squares are dealt to two consumers in
   * turn; closing the producer makes each consumer print the numbers it got.
   */
  static void roundRobinPipeline(PrintStream out) {
    transcript(out, "pipeline exercise: round robin", () -> {
      Generator<Void, Integer, Void> con1 = PipelineExercisesCoroutines.collectingConsumer("Consumer 1");
      Generator<Void, Integer, Void> con2 = PipelineExercisesCoroutines.collectingConsumer("Consumer 2");
      Generator<Void, Integer, Void> prod =
          PipelineExercisesCoroutines.roundRobinProducer(List.of(con1, con2));

      prod.next();
      con1.next();
      con2.next();

      prod.send(1);
      prod.send(2);
      prod.send(3);
      prod.send(4);

      prod.close();
    });
  }

  /** The line a Python traceback ends with, for a Java exception: its simple name and message. */
  static String lastTracebackLine(Throwable e) {
    String name = e.getClass().getSimpleName();
    String message = e.getMessage();
    return message == null ? name : name + ": " + message;
  }

  /** Prints {@code == title ==}, then runs {@code session} with {@code System.out} pointed at out. */
  private static void transcript(PrintStream out, String title, Runnable session) {
    out.println("== " + title + " ==");
    PrintStream saved = System.out;
    System.setOut(out);
    try {
      session.run();
    } finally {
      System.out.flush();
      System.setOut(saved);
    }
  }
}
