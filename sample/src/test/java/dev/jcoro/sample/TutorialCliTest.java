package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Generator;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line of {@link Tutorial}: no argument runs every transcript, a name runs one,
 * {@code --list} prints the names, and anything else prints the usage on the standard error with
 * exit status 2. Driven through {@code Tutorial.run}, which {@code main} wraps, so that the status
 * is returned instead of ending the JVM.
 */
class TutorialCliTest {

  /** The names, in the order they run, with the title each prints. */
  private static final List<List<String>> NAMES_AND_TITLES =
      List.of(
          List.of("coroutine", "== coroutine =="),
          List.of("square", "== exercise: square =="),
          List.of("minimize", "== exercise: minimize =="),
          List.of("pipeline", "== pipeline =="),
          List.of("two-consumers", "== pipeline with two consumers =="),
          List.of("min-max", "== pipeline exercise: min and max =="),
          List.of("round-robin", "== pipeline exercise: round robin =="),
          List.of("iteration", "== iteration: for-each and stream =="));

  /** What one run printed, and its status. */
  private record Run(int status, List<String> out, List<String> err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream systemOut = System.out;
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Tutorial.run(args, o, e);
    }
    assertSame(systemOut, System.out, "System.out restored");
    return new Run(
        status,
        out.toString(StandardCharsets.UTF_8).lines().toList(),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void listPrintsTheNamesOneALine() {
    Run run = run("--list");
    assertEquals(0, run.status());
    assertEquals(NAMES_AND_TITLES.stream().map(p -> p.get(0)).toList(), run.out());
    assertEquals(List.of(), run.err());
  }

  @Test
  void noArgumentRunsEveryTranscriptInOrderSeparatedByBlankLines() {
    Run run = run();
    assertEquals(0, run.status());
    assertEquals(List.of(), run.err());
    List<String> expected = new ArrayList<>();
    for (List<String> nameAndTitle : NAMES_AND_TITLES) {
      if (!expected.isEmpty()) {
        expected.add("");
      }
      expected.addAll(run(nameAndTitle.get(0)).out());
    }
    assertEquals(expected, run.out());
  }

  @Test
  void eachNameRunsItsTranscriptOnly() {
    for (List<String> nameAndTitle : NAMES_AND_TITLES) {
      Run run = run(nameAndTitle.get(0));
      assertEquals(0, run.status(), nameAndTitle.get(0));
      assertEquals(List.of(), run.err(), nameAndTitle.get(0));
      assertEquals(nameAndTitle.get(1), run.out().get(0), nameAndTitle.get(0));
      assertEquals(
          1, run.out().stream().filter(line -> line.startsWith("== ")).count(), nameAndTitle.get(0));
      assertTrue(
          run.out().size() > 1 && run.out().get(1).startsWith(">>> "),
          nameAndTitle.get(0) + " prints its session, from its first statement");
    }
  }

  @Test
  void aNameRunsTheSameTranscriptAsItsMethod() {
    assertEquals(capture(Tutorial::pipeline), run("pipeline").out());
    assertEquals(capture(Tutorial::iteration), run("iteration").out());
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
        run("coroutine").out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void helpPrintsTheUsageOnStandardOutput(String option) {
    Run run = run(option);
    assertEquals(0, run.status());
    assertEquals(usage(), run.out());
    assertEquals(List.of(), run.err());
  }

  @Test
  void anUnknownNameIsAUsageError() {
    assertUsageError(run("fib"), "Tutorial: no transcript named 'fib'");
  }

  @Test
  void namesAreCaseSensitive() {
    assertUsageError(run("Pipeline"), "Tutorial: no transcript named 'Pipeline'");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertUsageError(run("--all"), "Tutorial: unknown option: --all");
    assertUsageError(run("-l"), "Tutorial: unknown option: -l");
  }

  @Test
  void twoArgumentsAreAUsageError() {
    assertUsageError(
        run("coroutine", "pipeline"), "Tutorial: expected at most one argument, got 2");
    assertUsageError(run("--list", "coroutine"), "Tutorial: expected at most one argument, got 2");
  }

  @Test
  void theUsageNamesTheCommandTheOptionsAndEveryTranscript() {
    List<String> usage = usage();
    assertEquals(
        "usage: java -cp sample/target/classes:annotations/target/classes"
            + " dev.jcoro.sample.Tutorial [NAME | --list | --help]",
        usage.get(0));
    assertTrue(usage.stream().anyMatch(line -> line.strip().startsWith("--list")), "--list");
    assertTrue(usage.stream().anyMatch(line -> line.strip().startsWith("--help")), "--help");
    assertEquals(
        "NAME is one of: "
            + String.join(", ", NAMES_AND_TITLES.stream().map(p -> p.get(0)).toList()),
        usage.get(usage.size() - 1));
  }

  @Test
  void mainExitsWithTheStatusInItsOwnJvm() throws Exception {
    Process ok = java("--list");
    assertEquals(
        NAMES_AND_TITLES.stream().map(p -> p.get(0)).toList(), lines(ok.getInputStream()));
    assertEquals(0, ok.waitFor());

    Process bad = java("nonsense");
    List<String> expected = new ArrayList<>();
    expected.add("Tutorial: no transcript named 'nonsense'");
    expected.addAll(usage());
    assertEquals(expected, lines(bad.getErrorStream()));
    assertEquals(List.of(), lines(bad.getInputStream()));
    assertEquals(2, bad.waitFor());
  }

  /** Starts {@code java -cp <sample>:<annotations> dev.jcoro.sample.Tutorial args...}. */
  private static Process java(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classesOf(Tutorial.class) + File.pathSeparator + classesOf(Generator.class));
    command.add(Tutorial.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return process;
  }

  private static String classesOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static List<String> lines(InputStream in) throws Exception {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
  }

  /** A bad argument: nothing on the standard output; the problem, then the usage, on the error. */
  private static void assertUsageError(Run run, String problem) {
    assertEquals(2, run.status(), problem);
    assertEquals(List.of(), run.out(), problem);
    List<String> expected = new ArrayList<>();
    expected.add(problem);
    expected.addAll(usage());
    assertEquals(expected, run.err());
  }

  private static List<String> usage() {
    return Tutorial.usage().lines().toList();
  }

  private static List<String> capture(Consumer<PrintStream> transcript) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      transcript.accept(out);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
