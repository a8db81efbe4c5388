package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's "For Python users" section true: the coroutines it shows are the sample's, its
 * Java sessions run (in JShell) and print what their comments say, and each Python REPL session
 * prints what the Java twin after it prints.
 */
class PythonSideBySideTest {

  static final String HEADING = "## For Python users: the tutorial side by side";

  /** {@code // prints A, B} or {@code // throws some.Exception; ...} after a session statement. */
  private static final Pattern COMMENT = Pattern.compile("\\s*//\\s*(prints|throws)\\s+(.*)$");

  private static List<Readme.Block> blocks() throws IOException {
    return Readme.blocks(Readme.section(HEADING));
  }

  /** A Java block that declares coroutines; the others are sessions. */
  private static boolean declaresCoroutines(Readme.Block block) {
    return block.lines().stream().anyMatch(line -> line.strip().equals("@Coroutine"));
  }

  /** A Python block that shows a REPL session. */
  private static boolean isPythonSession(Readme.Block block) {
    return block.language().equals("python")
        && block.lines().stream().anyMatch(line -> line.startsWith(">>> "));
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
      if (!block.language().equals("java") || !declaresCoroutines(block)) {
        continue;
      }
      for (String method : coroutineMethods(block)) {
        methods++;
        assertTrue(sources.contains(normalize(method)), "in the sample's sources:\n" + method);
      }
    }
    // coroutine; square, minimize; producer, consumer; broadcastProducer, rangeConsumer;
    // minConsumer; roundRobinProducer, collectingConsumer; fib
    assertEquals(11, methods, "coroutines shown");
  }

  @Test
  void everyJavaSessionRunsAndPrintsWhatItsCommentsSay() throws Exception {
    int sessions = 0;
    try (Repl repl = new Repl()) {
      repl.eval("import dev.jcoro.*");
      repl.eval("import dev.jcoro.sample.*");
      for (Readme.Block block : blocks()) {
        if (!block.language().equals("java") || declaresCoroutines(block)) {
          continue;
        }
        sessions++;
        for (String line : block.lines()) {
          if (line.isBlank()) {
            continue;
          }
          Matcher comment = COMMENT.matcher(line);
          boolean commented = comment.find();
          String statement = commented ? line.substring(0, comment.start()) : line;
          assertFalse(statement.contains("//"), "a comment other than prints or throws: " + line);
          SnippetEvent event = repl.eval(statement.strip());
          if (!commented) {
            assertNull(event.exception(), line);
            assertEquals(List.of(), repl.printed(), line);
          } else if (comment.group(1).equals("prints")) {
            assertNull(event.exception(), line);
            assertEquals(List.of(comment.group(2).split(", ")), repl.printed(), line);
          } else {
            EvalException thrown = assertInstanceOf(EvalException.class, event.exception(), line);
            assertEquals(comment.group(2).split("[;\\s]")[0], thrown.getExceptionClassName(), line);
            assertEquals(List.of(), repl.printed(), line);
          }
        }
      }
      assertEquals("", repl.errors());
    }
    // the coroutine's session and its close; the pipeline; the two consumers
    assertEquals(4, sessions, "Java sessions");
  }

  @Test
  void eachPythonSessionPrintsWhatItsJavaTwinPrints() throws IOException {
    List<Readme.Block> blocks = blocks();
    int pairs = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (!isPythonSession(blocks.get(i))) {
        continue;
      }
      pairs++;
      Readme.Block python = blocks.get(i);
      assertTrue(i + 1 < blocks.size(), "a Java block after\n" + python.text());
      Readme.Block java = blocks.get(i + 1);
      assertEquals("java", java.language(), "after\n" + python.text());
      assertEquals(pythonPrints(python), javaPrints(java), "\n" + python.text() + "\n" + java.text());
    }
    assertEquals(4, pairs, "Python sessions");
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

  /** What a Python REPL session prints: its lines without prompts, with a traceback's last line. */
  private static List<String> pythonPrints(Readme.Block block) {
    List<String> printed = new ArrayList<>();
    for (String line : block.lines()) {
      if (line.isBlank()
          || line.startsWith(">>> ")
          || line.startsWith("Traceback ")
          || line.startsWith("  File ")) {
        continue;
      }
      printed.add(line);
    }
    return printed;
  }

  /** What a Java session's comments say it prints; a throw prints the exception's simple name. */
  private static List<String> javaPrints(Readme.Block block) {
    List<String> printed = new ArrayList<>();
    for (String line : block.lines()) {
      Matcher comment = COMMENT.matcher(line);
      if (!comment.find()) {
        continue;
      }
      if (comment.group(1).equals("prints")) {
        printed.addAll(List.of(comment.group(2).split(", ")));
      } else {
        String type = comment.group(2).split("[;\\s]")[0];
        printed.add(type.substring(type.lastIndexOf('.') + 1));
      }
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
