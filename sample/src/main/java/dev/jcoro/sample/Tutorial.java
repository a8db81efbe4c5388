package dev.jcoro.sample;

import dev.jcoro.Generator;
import dev.jcoro.StopIteration;
import java.io.PrintStream;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the examples and exercises of the Python coroutine tutorial and prints their transcripts: a
 * title line, then what the tutorial's REPL session prints. The inputs of the session
 * ({@code >>> ...}) are not echoed: they are the Java statements of each transcript method.
 *
 * <p>The coroutines print with {@code System.out.println}, as the Python ones print with
 * {@code print}. So that a transcript can be captured, each transcript method points
 * {@code System.out} at the stream it is given while it runs, and restores it afterwards.
 *
 * <p>From the project's root, after {@code mvn -B -q install -DskipTests}:
 *
 * <pre>
 * java -cp sample/target/classes:annotations/target/classes dev.jcoro.sample.Tutorial            # all of them
 * java -cp sample/target/classes:annotations/target/classes dev.jcoro.sample.Tutorial pipeline   # one
 * java -cp sample/target/classes:annotations/target/classes dev.jcoro.sample.Tutorial --list     # their names
 * </pre>
 *
 * <p>or {@code mvn -q -pl sample exec:java -Dexec.args=pipeline}.
 */
public final class Tutorial {
  private Tutorial() {}

  /** One transcript: the name it is run by, its title, and the method that prints it. */
  private record Transcript(String name, String title, Consumer<PrintStream> method) {}

  /** Every transcript, in the tutorial's order, then the extra ones. */
  private static final List<Transcript> TRANSCRIPTS =
      List.of(
          new Transcript("coroutine", "coroutine", Tutorial::coroutine),
          new Transcript("square", "exercise: square", Tutorial::square),
          new Transcript("minimize", "exercise: minimize", Tutorial::minimize),
          new Transcript("pipeline", "pipeline", Tutorial::pipeline),
          new Transcript("two-consumers", "pipeline with two consumers", Tutorial::twoConsumers),
          new Transcript("min-max", "pipeline exercise: min and max", Tutorial::minMaxPipeline),
          new Transcript("round-robin", "pipeline exercise: round robin", Tutorial::roundRobinPipeline),
          new Transcript("iteration", "iteration: for-each and stream", Tutorial::iteration));

  /** The exit status for bad arguments, as for other command-line tools' usage errors. */
  static final int USAGE_ERROR = 2;

  /**
   * Prints every transcript, one after the other and separated by a blank line, or only the one
   * named; {@code --list} prints the names. Bad arguments print the usage on the standard error and
   * exit with status 2.
   *
   * @param args nothing, a transcript's name, {@code --list} or {@code --help}
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * What {@link #main} does, with its streams given and its exit status returned.
   *
   * @param args the command-line arguments
   * @param out where the transcripts, the names and the help go
   * @param err where a bad argument's message and the usage go
   * @return the exit status: 0, or {@value #USAGE_ERROR} for bad arguments
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0) {
        boolean first = true;
        for (Transcript transcript : TRANSCRIPTS) {
          if (!first) {
            out.println();
          }
          first = false;
          transcript.method().accept(out);
        }
        return 0;
      }
      if (args.length > 1) {
        return usageError(err, "expected at most one argument, got " + args.length);
      }
      String arg = args[0];
      switch (arg) {
        case "--list":
          for (Transcript transcript : TRANSCRIPTS) {
            out.println(transcript.name());
          }
          return 0;
        case "-h":
        case "--help":
          out.print(usage());
          return 0;
        default:
          break;
      }
      if (arg.startsWith("-")) {
        return usageError(err, "unknown option: " + arg);
      }
      for (Transcript transcript : TRANSCRIPTS) {
        if (transcript.name().equals(arg)) {
          transcript.method().accept(out);
          return 0;
        }
      }
      return usageError(err, "no transcript named '" + arg + "'");
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The names {@code run} accepts, in order. */
  static List<String> names() {
    return TRANSCRIPTS.stream().map(Transcript::name).toList();
  }

  private static int usageError(PrintStream err, String problem) {
    err.println("Tutorial: " + problem);
    err.print(usage());
    return USAGE_ERROR;
  }

  /** The usage message, ending with a line break. */
  static String usage() {
    String nl = System.lineSeparator();
    return "usage: java -cp sample/target/classes:annotations/target/classes dev.jcoro.sample.Tutorial"
        + " [NAME | --list | --help]" + nl
        + "Prints the transcripts of the Python coroutine tutorial's examples and exercises:" + nl
        + "all of them, or only the one called NAME." + nl
        + "  --list   print the names, one a line" + nl
        + "  --help   print this message" + nl
        + "NAME is one of: " + String.join(", ", names()) + nl;
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

  /**
   * Generators, with a for-each loop and a stream: {@link Examples#fib} yields Fibonacci numbers.
   * The stream draws them lazily: it stops the generator after the eighth number, suspended, and
   * closing the stream closes the generator.
   *
   * <pre>{@code
   * >>> for x in fib(10):
   * ...     print(x, end=' ')
   * 0 1 1 2 3 5 8 13 21 34
   * >>> f = fib(20)
   * >>> list(itertools.islice(f, 8))
   * [0, 1, 1, 2, 3, 5, 8, 13]
   * >>> inspect.getgeneratorstate(f)
   * 'GEN_SUSPENDED'
   * >>> f.close()
   * >>> inspect.getgeneratorstate(f)
   * 'GEN_CLOSED'
   * }</pre>
   */
  static void iteration(PrintStream out) {
    transcript(out, "iteration: for-each and stream", () -> {
      StringJoiner line = new StringJoiner(" ");
      for (int x : ExamplesCoroutines.fib(10)) {
        line.add(String.valueOf(x));
      }
      out.println(line);

      Generator<Integer, Void, Void> f = ExamplesCoroutines.fib(20);
      try (Stream<Integer> numbers = f.stream()) {
        out.println(numbers.limit(8).toList());
        out.println(f.state());
      }
      out.println(f.state());
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
