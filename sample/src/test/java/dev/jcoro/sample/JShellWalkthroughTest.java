package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jshell.EvalException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;

/**
 * Feeds the README's JShell walkthrough ({@code jshell-walkthrough.jsh}) to JShell, line by line,
 * with the sample and the annotations on its class path, as {@code jshell --class-path
 * annotations/target/classes:sample/target/classes} would, and checks each line's printed output,
 * value and exception against the tutorial's first REPL session:
 *
 * <pre>{@code
 * >>> co = coroutine()
 * >>> next(co)
 * My coroutine
 * >>> co.send(1)
 * Got 1
 * >>> co.send(2)
 * Got 2
 * >>> co.send(3)
 * Got 3
 * >>> co.close()
 * >>> co.send(4)
 * Traceback (most recent call last):
 *   File "<stdin>", line 1, in <module>
 * StopIteration
 * }</pre>
 */
class JShellWalkthroughTest {

  /** The walkthrough, one JShell snippet a line: the README shows these same lines. */
  static final String WALKTHROUGH = "/jshell-walkthrough.jsh";

  /** What one line does in the REPL: what it prints, and its value or exception. */
  private record Step(String line, List<String> printed, Pattern value, String exception) {
    /** A line whose value JShell shows, after printing {@code printed}. */
    static Step value(String line, String valueRegex, String... printed) {
      return new Step(line, List.of(printed), Pattern.compile(valueRegex), null);
    }

    /** A line that shows nothing: an import, or a call to a void method. */
    static Step quiet(String line) {
      return new Step(line, List.of(), null, null);
    }

    /** A line that throws, like Python's traceback. */
    static Step raises(String line, String exceptionClass) {
      return new Step(line, List.of(), null, exceptionClass);
    }
  }

  /**
   * The tutorial's session in JShell. Python's REPL does not echo {@code None}; JShell echoes the
   * {@code null} that {@code next()} and {@code send} return for a coroutine that yields nothing
   * ({@code Void}), and the new variable {@code co}.
   */
  private static final List<Step> SESSION =
      List.of(
          Step.quiet("import dev.jcoro.sample.*"),
          Step.value(
              "var co = CoroutinesCoroutines.coroutine()",
              Pattern.quote(
                  "coroutine dev.jcoro.sample.CoroutinesCoroutines$CoroutineStateMachine [CREATED]")),
          Step.value("co.next()", "null", "My coroutine"),
          Step.value("co.send(1)", "null", "Got 1"),
          Step.value("co.send(2)", "null", "Got 2"),
          Step.value("co.send(3)", "null", "Got 3"),
          Step.quiet("co.close()"),
          Step.raises("co.send(4)", "dev.jcoro.StopIteration"));

  @Test
  void theWalkthroughIsTheTutorialsSession() throws IOException {
    assertEquals(SESSION.stream().map(Step::line).toList(), walkthroughLines());
  }

  @Test
  void jshellReproducesTheTutorialLineByLine() throws Exception {
    List<String> lines = walkthroughLines();
    assertEquals(SESSION.size(), lines.size(), "lines in " + WALKTHROUGH);
    try (Repl repl = new Repl()) {
      for (int i = 0; i < SESSION.size(); i++) {
        Step step = SESSION.get(i);
        String line = lines.get(i);
        assertEquals(step.line(), line, "line " + (i + 1) + " of " + WALKTHROUGH);
        String where = "jshell> " + line;

        SnippetEvent event = repl.eval(line);

        if (step.exception() != null) {
          EvalException thrown = assertInstanceOf(EvalException.class, event.exception(), where);
          assertEquals(step.exception(), thrown.getExceptionClassName(), where);
        } else {
          assertNull(event.exception(), where + ": threw " + event.exception());
        }
        if (step.value() != null) {
          assertNotNull(event.value(), where + ": no value");
          assertTrue(
              step.value().matcher(event.value()).matches(),
              where + ": value " + event.value() + ", expected " + step.value());
        } else if (step.exception() == null) {
          assertTrue(
              event.value() == null || event.value().isEmpty(),
              where + ": unexpected value " + event.value());
        }
        assertEquals(step.printed(), repl.printed(), where + ": printed");
      }
      assertEquals("", repl.errors(), "printed to System.err");
    }
  }

  @Test
  void theReadmeShowsTheseLines() throws IOException {
    List<String> shown =
        Readme.text().lines()
            .filter(line -> line.startsWith("jshell> "))
            .map(line -> line.substring("jshell> ".length()).strip())
            .toList();
    assertEquals(walkthroughLines(), shown, "the jshell> lines of README.md");
  }

  /**
   * The README shows, under each {@code jshell>} line, what the jshell tool prints for it in its
   * normal feedback mode: the lines printed, then {@code co ==> value} for a variable, {@code $N ==>
   * value} for an expression's value (N is the snippet's number, its line of the walkthrough), or
   * {@code |  Exception class: message} for an exception, whose stack trace the README leaves out.
   */
  @Test
  void theReadmeShowsWhatJShellPrints() throws Exception {
    List<List<String>> shown = new ArrayList<>();
    List<String> current = null;
    for (Readme.Block block : Readme.blocks(Readme.text())) {
      for (String line : block.lines()) {
        if (line.startsWith("jshell> ")) {
          current = new ArrayList<>();
          shown.add(current);
        } else if (current != null) {
          current.add(line);
        }
      }
      current = null;
    }
    List<String> lines = walkthroughLines();
    assertEquals(lines.size(), shown.size(), "jshell> lines in README.md");
    try (Repl repl = new Repl()) {
      for (int i = 0; i < lines.size(); i++) {
        String where = "jshell> " + lines.get(i);
        SnippetEvent event = repl.eval(lines.get(i));
        List<String> expected = new ArrayList<>(repl.printed());
        if (event.exception() instanceof EvalException thrown) {
          String message = thrown.getMessage();
          expected.add("|  Exception " + thrown.getExceptionClassName()
              + (message == null ? "" : ": " + message));
        } else if (event.snippet() instanceof VarSnippet variable && event.value() != null) {
          String name = variable.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
              ? "$" + (i + 1)
              : variable.name();
          expected.add(name + " ==> " + event.value());
        }
        assertEquals(expected, shown.get(i), where);
      }
    }
  }

  /** The walkthrough's lines, blank lines left out. */
  static List<String> walkthroughLines() throws IOException {
    try (InputStream in = JShellWalkthroughTest.class.getResourceAsStream(WALKTHROUGH)) {
      assertNotNull(in, WALKTHROUGH + " on the test class path");
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
      return lines;
    }
  }
}
