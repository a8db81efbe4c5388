package dev.jcoro.sample;

import dev.jcoro.GeneratorExit;
import dev.jcoro.StopIteration;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the examples and exercises of the Python coroutine tutorial and prints their transcripts: a
 * title line, then a REPL session like the tutorial's, each Java statement after {@code >>> } and
 * followed by what it prints:
 *
 * <pre>{@code
 * == coroutine ==
 * >>> var co = CoroutinesCoroutines.coroutine();
 * >>> co.next();
 * My coroutine
 * >>> co.send(1);
 * Got 1
 * }</pre>
 *
 * <p>Each transcript method gives every statement twice, as the text to print and as the code to
 * run: {@code repl.eval("co.send(1);", () -> co.send(1))}. A test reads this file and checks that
 * the two are the same.
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
    transcript(out, "coroutine", repl -> {
      // co is a Generator<Void, Integer, Void>: it yields nothing, is sent Integers, returns nothing.
      var co = repl.declare(
          "var co = CoroutinesCoroutines.coroutine();", () -> CoroutinesCoroutines.coroutine());
      repl.eval("co.next();", () -> co.next());
      repl.eval("co.send(1);", () -> co.send(1));
      repl.eval("co.send(2);", () -> co.send(2));
      repl.eval("co.send(3);", () -> co.send(3));
      repl.eval("co.close();", () -> co.close());
      // A closed coroutine throws StopIteration: Python's REPL shows a traceback, the transcript its
      // last line.
      repl.eval("co.send(4);", () -> co.send(4));
    });
  }

  /** Exercise 1 of "Exercises with coroutines": square prints the square of each value sent. */
  static void square(PrintStream out) {
    transcript(out, "exercise: square", repl -> {
      var sq = repl.declare(
          "var sq = CoroutinesCoroutines.square();", () -> CoroutinesCoroutines.square());
      repl.eval("sq.next();", () -> sq.next());
      repl.eval("sq.send(1);", () -> sq.send(1));
      repl.eval("sq.send(2);", () -> sq.send(2));
      repl.eval("sq.send(3);", () -> sq.send(3));
      repl.eval("sq.close();", () -> sq.close());
    });
  }

  /** Exercise 2 of "Exercises with coroutines": minimize prints the smallest value sent so far. */
  static void minimize(PrintStream out) {
    transcript(out, "exercise: minimize", repl -> {
      var m = repl.declare(
          "var m = CoroutinesCoroutines.minimize();", () -> CoroutinesCoroutines.minimize());
      repl.eval("m.next();", () -> m.next());
      repl.eval("m.send(5);", () -> m.send(5));
      repl.eval("m.send(3);", () -> m.send(3));
      repl.eval("m.send(7);", () -> m.send(7));
      repl.eval("m.send(1);", () -> m.send(1));
      repl.eval("m.send(4);", () -> m.send(4));
      repl.eval("m.close();", () -> m.close());
    });
  }

  /** "Pipelines": a producer squares what it is sent and passes it to one consumer. */
  static void pipeline(PrintStream out) {
    transcript(out, "pipeline", repl -> {
      var cons = repl.declare(
          "var cons = PipelinesCoroutines.consumer();", () -> PipelinesCoroutines.consumer());
      var prod = repl.declare(
          "var prod = PipelinesCoroutines.producer(cons);", () -> PipelinesCoroutines.producer(cons));
      repl.eval("prod.next();", () -> prod.next());
      repl.eval("cons.next();", () -> cons.next());

      repl.eval("prod.send(1);", () -> prod.send(1));
      repl.eval("prod.send(2);", () -> prod.send(2));
      repl.eval("prod.send(3);", () -> prod.send(3));
    });
  }

  /** "Pipelines", continued: one producer, two consumers printing different ranges, then closed. */
  static void twoConsumers(PrintStream out) {
    transcript(out, "pipeline with two consumers", repl -> {
      var con1 = repl.declare(
          "var con1 = PipelinesCoroutines.rangeConsumer(\"Consumer 1\", 0, 10);",
          () -> PipelinesCoroutines.rangeConsumer("Consumer 1", 0, 10));
      var con2 = repl.declare(
          "var con2 = PipelinesCoroutines.rangeConsumer(\"Consumer 2\", 10, 20);",
          () -> PipelinesCoroutines.rangeConsumer("Consumer 2", 10, 20));
      var prod = repl.declare(
          "var prod = PipelinesCoroutines.broadcastProducer(List.of(con1, con2));",
          () -> PipelinesCoroutines.broadcastProducer(List.of(con1, con2)));

      repl.eval("prod.next();", () -> prod.next());
      repl.eval("con1.next();", () -> con1.next());
      repl.eval("con2.next();", () -> con2.next());

      repl.eval("prod.send(1);", () -> prod.send(1));
      repl.eval("prod.send(2);", () -> prod.send(2));
      repl.eval("prod.send(3);", () -> prod.send(3));
      repl.eval("prod.send(4);", () -> prod.send(4));

      repl.eval("prod.close();", () -> prod.close());
    });
  }

  /** Exercise 1 of "Exercises with coroutine pipelines": the squares go to a min and a max consumer. */
  static void minMaxPipeline(PrintStream out) {
    transcript(out, "pipeline exercise: min and max", repl -> {
      var min = repl.declare(
          "var min = PipelineExercisesCoroutines.minConsumer();",
          () -> PipelineExercisesCoroutines.minConsumer());
      var max = repl.declare(
          "var max = PipelineExercisesCoroutines.maxConsumer();",
          () -> PipelineExercisesCoroutines.maxConsumer());
      var prod = repl.declare(
          "var prod = PipelineExercisesCoroutines.squaringProducer(List.of(min, max));",
          () -> PipelineExercisesCoroutines.squaringProducer(List.of(min, max)));

      repl.eval("prod.next();", () -> prod.next());
      repl.eval("min.next();", () -> min.next());
      repl.eval("max.next();", () -> max.next());

      repl.eval("prod.send(3);", () -> prod.send(3));
      repl.eval("prod.send(1);", () -> prod.send(1));
      repl.eval("prod.send(4);", () -> prod.send(4));
      repl.eval("prod.send(2);", () -> prod.send(2));

      repl.eval("prod.close();", () -> prod.close());
    });
  }

  /**
   * Exercise 2 of "Exercises with coroutine pipelines": the squares are dealt to two consumers in
   * turn; closing the producer makes each consumer print the numbers it got.
   */
  static void roundRobinPipeline(PrintStream out) {
    transcript(out, "pipeline exercise: round robin", repl -> {
      var con1 = repl.declare(
          "var con1 = PipelineExercisesCoroutines.collectingConsumer(\"Consumer 1\");",
          () -> PipelineExercisesCoroutines.collectingConsumer("Consumer 1"));
      var con2 = repl.declare(
          "var con2 = PipelineExercisesCoroutines.collectingConsumer(\"Consumer 2\");",
          () -> PipelineExercisesCoroutines.collectingConsumer("Consumer 2"));
      var prod = repl.declare(
          "var prod = PipelineExercisesCoroutines.roundRobinProducer(List.of(con1, con2));",
          () -> PipelineExercisesCoroutines.roundRobinProducer(List.of(con1, con2)));

      repl.eval("prod.next();", () -> prod.next());
      repl.eval("con1.next();", () -> con1.next());
      repl.eval("con2.next();", () -> con2.next());

      repl.eval("prod.send(1);", () -> prod.send(1));
      repl.eval("prod.send(2);", () -> prod.send(2));
      repl.eval("prod.send(3);", () -> prod.send(3));
      repl.eval("prod.send(4);", () -> prod.send(4));

      repl.eval("prod.close();", () -> prod.close());
    });
  }

  /**
   * Generators, with a for-each loop and a stream: {@link Examples#fib} yields Fibonacci numbers.
   * The stream draws them lazily: it stops the generator after the eighth number, suspended, and
   * closing the stream closes the generator.
   *
   * <pre>{@code
   * >>> for x in fib(10):
   * ...     print(x)
   * 0
   * 1
   * 1
   * ...
   * 34
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
    transcript(out, "iteration: for-each and stream", repl -> {
      repl.eval(
          "for (int x : ExamplesCoroutines.fib(10)) System.out.println(x);",
          () -> {
            for (int x : ExamplesCoroutines.fib(10)) System.out.println(x);
          });

      var f = repl.declare("var f = ExamplesCoroutines.fib(20);", () -> ExamplesCoroutines.fib(20));
      var numbers = repl.declare("var numbers = f.stream();", () -> f.stream());
      repl.eval("numbers.limit(8).toList();", () -> numbers.limit(8).toList());
      repl.eval("f.state();", () -> f.state());
      repl.eval("numbers.close();", () -> numbers.close());
      repl.eval("f.state();", () -> f.state());
    });
  }

  /**
   * The line a Python traceback ends with. For a StopIteration, its value, as Python prints
   * {@code StopIteration} or {@code StopIteration: 5}: never the exception's message, which may say
   * more than Python does. For another exception, its simple name and message.
   */
  static String lastTracebackLine(Throwable e) {
    if (e instanceof StopIteration stop) {
      return stop.value() == null ? "StopIteration" : "StopIteration: " + stop.value();
    }
    String name = e.getClass().getSimpleName();
    String message = e.getMessage();
    return message == null ? name : name + ": " + message;
  }

  /**
   * Prints {@code == title ==}, then runs {@code session} with {@code System.out} pointed at out, so
   * that what the coroutines print lands between the statements.
   */
  private static void transcript(PrintStream out, String title, Consumer<Session> session) {
    out.println("== " + title + " ==");
    PrintStream saved = System.out;
    System.setOut(out);
    try {
      session.accept(new Session(out));
    } finally {
      System.out.flush();
      System.setOut(saved);
    }
  }

  /**
   * The prompt of a REPL session. Each method prints the statement after {@code >>> }, runs the code
   * given with it, then prints what a Python REPL would: for a call, its result unless it is null;
   * for an exception, the last line of its traceback. The statement is always the text of that code
   * (TutorialStatementsTest reads this file to check it), so the transcript shows what runs.
   *
   * <p>As with {@code ExecutorService.submit}, a lambda whose body is a call with a value, such as
   * {@code () -> co.send(1)}, goes to {@code eval(String, Supplier)}; a void call or a block, to
   * {@code eval(String, Runnable)}.
   */
  static final class Session {
    private final PrintStream out;

    private Session(PrintStream out) {
      this.out = out;
    }

    /**
     * A declaration, {@code var x = ...;}: returns the value to declare. Prints nothing after the
     * statement, as Python prints nothing after {@code x = ...}.
     */
    <T> T declare(String statement, Supplier<T> value) {
      prompt(statement);
      return value.get();
    }

    /** A call with a value, {@code co.send(1);}: prints the value unless it is null. */
    void eval(String statement, Supplier<?> call) {
      prompt(statement);
      try {
        Object result = call.get();
        if (result != null) {
          out.println(result);
        }
      } catch (RuntimeException | GeneratorExit e) {
        out.println(lastTracebackLine(e));
      }
    }

    /** A statement without a value: a call to a void method, a loop. */
    void eval(String statement, Runnable code) {
      prompt(statement);
      try {
        code.run();
      } catch (RuntimeException | GeneratorExit e) {
        out.println(lastTracebackLine(e));
      }
    }

    private void prompt(String statement) {
      out.println(">>> " + statement);
    }
  }
}
