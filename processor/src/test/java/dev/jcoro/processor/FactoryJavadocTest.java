package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.processor.testing.CompiledSources;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javadoc of the generated factories: the coroutine's own description and parameters where
 * its comment has them, every parameter documented (the receiver and type parameters too), and
 * nothing that javadoc's doclint rejects in the generated class.
 */
class FactoryJavadocTest {
  private static final String SOURCE = String.join("\n",
      "package test;",
      "",
      "import dev.jcoro.Coroutine;",
      "import dev.jcoro.Yield;",
      "import java.util.List;",
      "import java.util.Map;",
      "",
      "/**",
      " * Coroutines with and without comments.",
      " *",
      " * @param <K> the type of the keys",
      " */",
      "public class Documented<K> {",
      "  /** The most values {@link #entries} yields. */",
      "  public static final int LIMIT = 3;",
      "",
      "  /** A documented class. */",
      "  public Documented() {}",
      "",
      "  /**",
      "   * Yields the values of {@link Map map} for the {@code keys}, at most {@value #LIMIT};",
      "   * see {@link #counter(Yield, int)} and {@linkplain List lists}. {@inheritDoc}",
      "   *",
      "   * <p>Globs like {@code a/*} and <code>*&#47;</code> stay as written:",
      "   * <pre>{@code",
      "   * for (K key : keys) {",
      "   *   @SuppressWarnings(\"unused\") V value = map.get(key);",
      "   * }",
      "   * }</pre>",
      "   *",
      "   * @param co the handle, which the factory does not take",
      "   * @param map the map to read",
      "   * @param keys the keys to look up, in order: the values come",
      "   *     in the same order",
      "   * @param <V> the type of the values",
      "   * @return how many values were found",
      "   * @throws IllegalStateException never",
      "   * @see #counter(Yield, int)",
      "   */",
      "  @Coroutine",
      "  public <V> int entries(Yield<V, Void> co, Map<K, V> map, List<K> keys) {",
      "    int found = 0;",
      "    for (K key : keys) {",
      "      if (map.containsKey(key) && found < LIMIT) {",
      "        co.yield(map.get(key));",
      "        found++;",
      "      }",
      "    }",
      "    return found;",
      "  }",
      "",
      "  /**",
      "   * Counts from {@code start} up.",
      "   *",
      "   * @param co the handle",
      "   * @param start where to start",
      "   */",
      "  @Coroutine(primed = true)",
      "  public static void counter(Yield<Integer, Void> co, int start) {",
      "    for (int i = start; ; i++) {",
      "      co.yield(i);",
      "    }",
      "  }",
      "",
      "  /// A Markdown comment (JDK 23): `a < b` is no HTML.",
      "  ///",
      "  /// @param co the handle",
      "  /// @param n how many",
      "  @Coroutine",
      "  public static void markdown(Yield<Integer, Void> co, int n) {",
      "    for (int i = 0; i < n; i++) {",
      "      co.yield(i);",
      "    }",
      "  }",
      "",
      "  @Coroutine",
      "  public static <T> void undocumented(Yield<T, Void> co, T value, int times) {",
      "    for (int i = 0; i < times; i++) {",
      "      co.yield(value);",
      "    }",
      "  }",
      "}",
      "");

  private static String generated;

  @BeforeAll
  static void compile() throws IOException {
    generated = CompiledSources.compile("test.Documented", SOURCE).compilation()
        .generatedSourceFile("test.DocumentedCoroutines").orElseThrow()
        .getCharContent(true).toString();
  }

  /**
   * The same text on every JDK (CI runs 17 and 25): javac's parser of doc comments keeps different
   * whitespace from one version to the next (the space after each {@code *}, the line break after
   * {@code {@code}).
   */
  @Test
  void theCoroutinesDescriptionAndParametersWithReferencesAsCode() {
    assertEquals(String.join("\n",
        "  /**",
        "   * Yields the values of <code>map</code> for the {@code keys}, at most {@code LIMIT};",
        "   * see {@code counter(Yield, int)} and lists.",
        "   *",
        "   * <p>Globs like {@code a/*} and <code>*&#47;</code> stay as written:",
        "   * <pre>{@code",
        "   * for (K key : keys) {",
        "   *   @SuppressWarnings(\"unused\") V value = map.get(key);",
        "   * }",
        "   * }</pre>",
        "   *",
        "   * @param self the {@code Documented} the coroutine runs on, its {@code this}",
        "   * @param map the map to read",
        "   * @param keys the keys to look up, in order: the values come",
        "   *     in the same order",
        "   * @param <K> the type of the keys",
        "   * @param <V> the type of the values",
        "   * @return the new coroutine, not started: its first {@code next()} runs {@code Documented.entries}",
        "   *     to its first suspension point; at its end, {@code StopIteration.value()} is",
        "   *     how many values were found",
        "   */",
        "  public static <K, V> Generator<V, Void, Integer> entries(Documented<K> self, Map<K, V> map,",
        "      List<K> keys) {"),
        javadocAndSignature("entries("));
  }

  @Test
  void aPrimedCoroutine() {
    assertEquals(String.join("\n",
        "  /**",
        "   * Counts from {@code start} up.",
        "   *",
        "   * @param start where to start",
        "   * @return the new coroutine, already advanced to its first suspension point and ready for",
        "   *     {@code send}",
        "   */",
        "  public static Generator<Integer, Void, Void> counter(int start) {"),
        javadocAndSignature("counter("));
  }

  @Test
  void aCoroutineWithoutACommentGetsOneThatNamesIt() {
    assertEquals(String.join("\n",
        "  /**",
        "   * Starts the coroutine {@code Documented.undocumented}.",
        "   *",
        "   * @param value the argument {@code value} of {@code Documented.undocumented}",
        "   * @param times the argument {@code times} of {@code Documented.undocumented}",
        "   * @param <T> the type {@code T} of {@code Documented.undocumented}",
        "   * @return the new coroutine, not started: its first {@code next()} runs {@code Documented.undocumented}",
        "   *     to its first suspension point",
        "   */",
        "  public static <T> Generator<T, Void, Void> undocumented(T value, int times) {"),
        javadocAndSignature("undocumented("));
  }

  /**
   * A Markdown comment (a doc comment from JDK 23 on, a plain one before) is not copied into the
   * factory's traditional comment, where its text would be read as HTML.
   */
  @Test
  void aMarkdownCommentIsNotCopied() {
    assertEquals(String.join("\n",
        "  /**",
        "   * Starts the coroutine {@code Documented.markdown}.",
        "   *",
        "   * @param n the argument {@code n} of {@code Documented.markdown}",
        "   * @return the new coroutine, not started: its first {@code next()} runs {@code Documented.markdown}",
        "   *     to its first suspension point",
        "   */",
        "  public static Generator<Integer, Void, Void> markdown(int n) {"),
        javadocAndSignature("markdown("));
  }

  @Test
  void theFactoryClass() {
    assertTrue(generated.contains(String.join("\n",
        "/**",
        " * Factories of the coroutines of {@code test.Documented}, generated by jcoro:",
        " * each method starts a new run of the {@code @Coroutine} method of the same name.",
        " */",
        "@Generated(\"dev.jcoro.processor.CoroutineProcessor\")",
        "public final class DocumentedCoroutines {")), generated);
  }

  /** javadoc with every doclint check finds nothing to report in the generated file. */
  @Test
  void javadocWithDoclintAllFindsNothingInTheGeneratedFile(@TempDir Path root) throws IOException {
    Path sources = Files.createDirectories(root.resolve("src/test"));
    Files.writeString(sources.resolve("Documented.java"), SOURCE);
    Files.writeString(sources.resolve("DocumentedCoroutines.java"), generated);
    DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
    List<Diagnostic<? extends JavaFileObject>> diagnostics = new ArrayList<>();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files =
        javadoc.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(
          sources.resolve("Documented.java"), sources.resolve("DocumentedCoroutines.java"));
      boolean ran = javadoc.getTask(output, files, diagnostics::add, null,
          List.of("-Xdoclint:all", "-quiet", "-d", root.resolve("doc").toString(),
              "--class-path", System.getProperty("java.class.path")),
          units).call();
      List<String> inGenerated = diagnostics.stream()
          .filter(d -> d.getSource() != null
              && d.getSource().getName().endsWith("DocumentedCoroutines.java"))
          .map(d -> d.getKind() + " " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
      assertEquals(List.of(), inGenerated, generated);
      assertTrue(ran, output + "\n" + diagnostics);
    }
    assertTrue(Files.exists(root.resolve("doc/test/DocumentedCoroutines.html")));
  }

  /** The comment of the factory whose signature starts with {@code name}, and its signature. */
  private static String javadocAndSignature(String name) {
    java.util.regex.Matcher factory = java.util.regex.Pattern
        .compile("\n  public static [^\n]* " + java.util.regex.Pattern.quote(name))
        .matcher(generated);
    assertTrue(factory.find(), generated);
    int signature = factory.start();
    int start = generated.lastIndexOf("  /**", signature);
    int end = generated.indexOf("{\n", signature) + 1;
    return generated.substring(start, end);
  }
}
