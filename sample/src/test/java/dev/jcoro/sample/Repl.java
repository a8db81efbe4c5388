package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Generator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * A JShell session as {@code jshell --class-path annotations/target/classes:sample/target/classes}
 * starts it (with the imports of its default startup), driven through the {@code jdk.jshell} API:
 * lines go in as they would be typed at the prompt, and what the code prints is collected line by
 * line.
 */
final class Repl implements AutoCloseable {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);
  private final JShell jshell;

  /** The packages the jshell tool's default startup script imports; the API imports none. */
  private static final List<String> DEFAULT_IMPORTS =
      List.of(
          "java.io",
          "java.math",
          "java.net",
          "java.nio.file",
          "java.util",
          "java.util.concurrent",
          "java.util.function",
          "java.util.prefs",
          "java.util.regex",
          "java.util.stream");

  Repl() throws URISyntaxException {
    // The default execution engine: a second JVM, as the jshell tool runs, whose System.out and
    // System.err come back here.
    jshell = JShell.builder().in(new ByteArrayInputStream(new byte[0])).out(out).err(err).build();
    jshell.addToClasspath(classesOf(Generator.class));
    jshell.addToClasspath(classesOf(Tutorial.class));
    for (String pkg : DEFAULT_IMPORTS) {
      eval("import " + pkg + ".*");
    }
  }

  /**
   * Evaluates one line as the jshell tool does with a line typed at its prompt: completes it (the
   * missing semicolon) and evaluates the one snippet it holds, which must be valid.
   *
   * @return the snippet's event: its value, or the exception it threw
   */
  SnippetEvent eval(String line) {
    String where = "jshell> " + line;
    SourceCodeAnalysis.CompletionInfo input = jshell.sourceCodeAnalysis().analyzeCompletion(line);
    assertTrue(input.completeness().isComplete(), where + ": " + input.completeness());
    assertEquals("", input.remaining().strip(), where + ": one snippet");
    List<SnippetEvent> events = jshell.eval(input.source());
    assertFalse(events.isEmpty(), where + ": no snippet");
    SnippetEvent event = events.get(0);
    for (SnippetEvent other : events.subList(1, events.size())) {
      // a redeclaration replaces the older snippet
      assertSame(event.snippet(), other.causeSnippet(), where + ": " + events);
    }
    assertEquals(
        Snippet.Status.VALID,
        event.status(),
        where + ": " + jshell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList());
    return event;
  }

  /** The lines printed to System.out since the last call. */
  List<String> printed() {
    out.flush();
    String text = printed.toString(StandardCharsets.UTF_8);
    printed.reset();
    return text.lines().toList();
  }

  /** Everything printed to System.err so far. */
  String errors() {
    err.flush();
    return errors.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    jshell.close();
    out.close();
    err.close();
  }

  /** The class-path entry (directory or jar) a class was loaded from. */
  static String classesOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
