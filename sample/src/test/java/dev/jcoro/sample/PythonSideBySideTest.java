package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jshell.EvalException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's "For Python users" section true: the coroutines it shows are the sample's,
 * every Java session in the README shows what JShell prints for it, and each Python REPL session
 * prints what the Java session after it prints.
 *
 * <p>A Java session is written as the sample's transcripts print it: each statement after
 * {@code >>> } (continued on lines starting with {@code ... }), then the lines it prints, then its
 * result if it is not null, or the exception it throws as the last line of a Python traceback
 * would show it ({@code StopIteration}, or {@code StopIteration: message}).
 */
class PythonSideBySideTest {

  static final String HEADING = "## For Python users: the tutorial side by side";

  private static final String PROMPT = ">>> ";
  private static final String MORE = "... ";

  private static List<Readme.Block> blocks() throws IOException {
    return Readme.blocks(Readme.section(HEADING));
  }

  /** A Java block that declares coroutines. */
  private static boolean declaresCoroutines(Readme.Block block) {
    return block.language().equals("java")
        && block.lines().stream().anyMatch(line -> line.strip().equals("@Coroutine"));
  }

  /** A Python block that shows a REPL session (after the definitions it may start with). */
  private static boolean isPythonSession(Readme.Block block) {
    return block.language().equals("python")
        && block.lines().stream().anyMatch(line -> line.startsWith(PROMPT));
  }

  /** A Java session, in the sample's transcript style. */
  static boolean isJavaSession(Readme.Block block) {
    return block.language().equals("text")
        && block.lines().stream().anyMatch(line -> line.startsWith(PROMPT));
  }

  @Test
  void everyCoroutineShownIsTheSamplesOwn() throws IOException {
    String sources;
    Path dir = Readme.sampleDir().resolve(Path.of("src", "main", "java", "dev", "jcoro", "sample"));
    try (Stream<Path> files = Files.list(dir)) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
      }
      sources = normalize(all.toString());
    }
    int methods = 0;
    for (Readme.Block block : blocks()) {
      if (!declaresCoroutines(block)) {
        continue;
      }
      for (String method : coroutineMethods(block)) {
        methods++;
        assertTrue(sources.contains(normalize(method)), "in the sample's sources:\n" + method);
      }
    }
    // coroutine; rangeConsumer
    assertEquals(2, methods, "coroutines shown");
  }

  @Test
  void everyJavaSessionShowsWhatJShellPrints() throws Exception {
    int sessions = 0;
    try (Repl repl = new Repl()) {
      repl.eval("import dev.jcoro.*");
      repl.eval("import dev.jcoro.sample.*");
      for (Readme.Block block : Readme.blocks(Readme.text())) {
        if (!isJavaSession(block)) {
          continue;
        }
        sessions++;
        for (Step step : steps(block)) {
          String where = PROMPT + step.statement();
          SnippetEvent event = repl.eval(step.statement());
          List<String> shown = new ArrayList<>(repl.printed());
          if (event.exception() != null) {
            EvalException thrown = assertInstanceOf(EvalException.class, event.exception(), where);
            assertFalse(step.shown().isEmpty(), where + ": throws " + thrown.getExceptionClassName());
            String last = step.shown().get(step.shown().size() - 1);
            assertTrue(
                showsException(last, thrown.getExceptionClassName(), thrown.getMessage()),
                where + ": shows " + last + ", throws " + thrown.getExceptionClassName()
                    + ": " + thrown.getMessage());
            shown.add(last);
          } else if (event.snippet() instanceof VarSnippet variable
              && variable.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
              && !"null".equals(event.value())) {
            shown.add(event.value());
          }
          assertEquals(step.shown(), shown, where);
        }
      }
      assertEquals("", repl.errors());
    }
    // the coroutine's session; the pipeline with two consumers
    assertEquals(2, sessions, "Java sessions");
  }

  @Test
  void eachPythonSessionPrintsWhatTheJavaSessionAfterItShows() throws IOException {
    List<Readme.Block> blocks = blocks();
    int pairs = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (!isPythonSession(blocks.get(i))) {
        continue;
      }
      pairs++;
      Readme.Block python = blocks.get(i);
      Readme.Block java = null;
      for (int j = i + 1; j < blocks.size() && java == null; j++) {
        if (isPythonSession(blocks.get(j))) {
          break;
        }
        if (isJavaSession(blocks.get(j))) {
          java = blocks.get(j);
        }
      }
      assertNotNull(java, "a Java session after\n" + python.text());
      List<String> printed = pythonPrints(python);
      List<String> shown = steps(java).stream().flatMap(step -> step.shown().stream()).toList();
      assertEquals(printed.size(), shown.size(), "\n" + python.text() + "\n" + java.text());
      for (int k = 0; k < printed.size(); k++) {
        String p = printed.get(k);
        String j = shown.get(k);
        // Python's traceback ends with the exception's name; Java may add a message after it.
        assertTrue(p.equals(j) || j.startsWith(p + ": "), "line " + (k + 1) + ": " + p + " / " + j);
      }
    }
    assertEquals(2, pairs, "Python sessions");
  }

  @Test
  void theTableNamesEveryTranscript() throws IOException {
    Pattern row = Pattern.compile("^\\|.*\\| `([a-z-]+)` \\|$");
    Set<String> names = new LinkedHashSet<>();
    for (String line : Readme.section(HEADING).split("\n")) {
      Matcher m = row.matcher(line);
      if (m.matches()) {
        names.add(m.group(1));
      }
    }
    assertEquals(Tutorial.names(), List.copyOf(names));
  }

  @Test
  void theCommandsNameTheSampleAsTheReadmesFirstCommandDoes() throws IOException {
    String command = "java -cp sample/target/classes:annotations/target/classes dev.jcoro.sample.Tutorial";
    assertTrue(Readme.text().contains("mvn -B -q install -DskipTests && " + command), "first command");
    String section = Readme.section(HEADING);
    assertTrue(section.contains(command + " --list"), "--list");
    assertTrue(section.contains(command + " pipeline"), "a name");
    assertTrue(Tutorial.usage().startsWith("usage: " + command + " "), "the usage names it too");
  }

  /** One statement of a Java session, and the lines shown after it. */
  private record Step(String statement, List<String> shown) {}

  /** The statements of a Java session; lines before the first prompt (a title) are left out. */
  private static List<Step> steps(Readme.Block block) {
    List<Step> steps = new ArrayList<>();
    StringBuilder statement = null;
    List<String> shown = null;
    for (String line : block.lines()) {
      if (line.startsWith(PROMPT)) {
        if (statement != null) {
          steps.add(new Step(statement.toString(), List.copyOf(shown)));
        }
        statement = new StringBuilder(line.substring(PROMPT.length()));
        shown = new ArrayList<>();
      } else if (statement != null && line.startsWith(MORE) && shown.isEmpty()) {
        statement.append('\n').append(line.substring(MORE.length()));
      } else if (statement != null) {
        shown.add(line);
      }
    }
    if (statement != null) {
      steps.add(new Step(statement.toString(), List.copyOf(shown)));
    }
    return steps;
  }

  /** Whether {@code line} shows the exception as a traceback's last line: its name, its message. */
  private static boolean showsException(String line, String className, String message) {
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    if (simpleName.equals("StopIteration") && message != null
        && message.startsWith("coroutine exhausted")) {
      // An exhausted generator's StopIteration has no value: Python shows its bare name.
      message = null;
    }
    for (String name : List.of(simpleName, className)) {
      if (line.equals(message == null ? name : name + ": " + message)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a Python REPL session prints: the lines after its first prompt that are not prompts or
   * continuations, with a traceback's last line only.
   */
  private static List<String> pythonPrints(Readme.Block block) {
    List<String> printed = new ArrayList<>();
    boolean session = false;
    for (String line : block.lines()) {
      session |= line.startsWith(PROMPT);
      if (!session
          || line.isBlank()
          || line.startsWith(PROMPT)
          || line.startsWith(MORE)
          || line.startsWith("Traceback ")
          || line.startsWith("  File ")) {
        continue;
      }
      printed.add(line);
    }
    return printed;
  }

  /** The {@code @Coroutine} methods of a block: each runs to the first line that is just "}". */
  private static List<String> coroutineMethods(Readme.Block block) {
    List<String> methods = new ArrayList<>();
    StringBuilder method = null;
    for (String line : block.lines()) {
      if (line.equals("@Coroutine")) {
        method = new StringBuilder();
      }
      if (method != null) {
        method.append(line).append('\n');
        if (line.equals("}")) {
          methods.add(method.toString());
          method = null;
        }
      }
    }
    assertNull(method, "a method left open");
    return methods;
  }

  /** Source text without line comments and without whitespace. */
  private static String normalize(String source) {
    return source.replaceAll("(?m)//.*$", "").replaceAll("\\s+", "");
  }
}
