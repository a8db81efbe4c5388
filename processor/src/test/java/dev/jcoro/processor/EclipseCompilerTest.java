package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.jcoro.Coroutine;
import dev.jcoro.processor.testing.SourceLines;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Eclipse's compiler (ECJ, also VS Code's) runs annotation processors but has no tree API, so jcoro
 * can't read a body there: each @Coroutine method gets one error saying so and what to do, instead
 * of the compiler's errors alone at uses of a factory class that never appears.
 */
class EclipseCompilerTest {
  private static final String ECJ =
      "the Eclipse compiler for Java (ECJ, used by Eclipse and by VS Code's Java support)";
  private static final String SOURCE = ""
      + "package test;\n"
      + "\n"
      + "import dev.jcoro.Coroutine;\n"
      + "import dev.jcoro.Yield;\n"
      + "\n"
      + "final class X {\n"
      + "  @Coroutine\n"
      + "  static void count(Yield<Integer, Void> co, int n) {\n"
      + "    for (int i = 0; i < n; i++) {\n"
      + "      co.yield(i);\n"
      + "    }\n"
      + "  }\n"
      + "\n"
      + "  static final class Inner {\n"
      + "    @Coroutine\n"
      + "    static void echo(Yield<String, String> co) {\n"
      + "      co.yield(co.receive());\n"
      + "    }\n"
      + "  }\n"
      + "\n"
      + "  static int use() {\n"
      + "    return XCoroutines.count(3).next();\n"
      + "  }\n"
      + "}\n";

  private Path root;

  @BeforeEach
  void createDirectories() throws IOException {
    root = Files.createTempDirectory("jcoro-ecj");
    Files.createDirectories(root.resolve("src/test"));
    Files.createDirectories(root.resolve("generated"));
    Files.createDirectories(root.resolve("classes"));
    Files.writeString(root.resolve("src/test/X.java"), SOURCE);
  }

  @AfterEach
  void deleteDirectories() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Test
  void eachCoroutineGetsOneErrorOnItsLineSayingWhatToDo() throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaCompiler ecj = new EclipseCompiler();
    try (StandardJavaFileManager files =
        ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(root.resolve("generated")));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(root.resolve("classes")));
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(jarOf(Coroutine.class)));
      // ECJ prints its problems too, to this writer: kept out of the test output.
      JavaCompiler.CompilationTask task = ecj.getTask(new StringWriter(), files, diagnostics,
          List.of("-17"), null, files.getJavaFileObjects(root.resolve("src/test/X.java")));
      task.setProcessors(List.of(new CoroutineProcessor()));
      assertEquals(false, task.call(), "the compilation fails");
    }

    List<String> jcoro = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      String message = diagnostic.getMessage(Locale.ROOT);
      (message.startsWith("jcoro") ? jcoro : others)
          .add(diagnostic.getKind() + " " + diagnostic.getLineNumber() + ": " + message);
    }
    String expected = String.format(Messages.NO_TREE_API, ECJ);
    assertEquals(Set.of(
            "ERROR " + lineOf("static void count(") + ": " + expected,
            "ERROR " + lineOf("static void echo(") + ": " + expected),
        Set.copyOf(jcoro));
    assertEquals(2, jcoro.size(), "one error per method");
    // What the user reads, word for word.
    assertEquals("jcoro reads the bodies of @Coroutine methods through javac's Compiler Tree API"
        + " (com.sun.source.util.Trees), which the Eclipse compiler for Java (ECJ, used by Eclipse"
        + " and by VS Code's Java support) does not provide, so nothing is generated for this"
        + " method: compile with javac, as Maven, Gradle and IntelliJ IDEA do. In VS Code with"
        + " Gradle, let Gradle build (the Gradle Build Server: \"java.gradle.buildServer.enabled\":"
        + " \"on\"); in Eclipse, or VS Code with Maven, turn the IDE's annotation processing off for"
        + " this project (pom property <m2e.apt.activation>disabled</m2e.apt.activation>) and build"
        + " with `mvn compile`", expected);
    // ECJ's own error at the use of the factory, and no other.
    assertEquals(List.of("ERROR " + lineOf("XCoroutines.count") + ": XCoroutines cannot be resolved"),
        others);
    try (Stream<Path> generated = Files.walk(root.resolve("generated"))) {
      assertEquals(List.of(), generated.filter(Files::isRegularFile).collect(Collectors.toList()),
          "nothing is generated");
    }
  }

  /**
   * A Java runtime without the jdk.compiler module has no com.sun.source classes at all: the
   * processor must still start and say the same, not fail to link. ECJ runs in its own JVM here,
   * its module graph limited to what it needs.
   */
  @Test
  void withoutTheJdkCompilerModuleTheSameErrorIsReported() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String processorPath = Stream.of(CoroutineProcessor.class, JavaFile.class, Coroutine.class)
        .map(EclipseCompilerTest::jarOf)
        .map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator));
    List<String> command = List.of(java,
        "--limit-modules", "java.base,java.compiler,java.logging,java.management,java.xml,jdk.zipfs",
        "-cp", jarOf(EclipseCompiler.class).toString(),
        "org.eclipse.jdt.internal.compiler.batch.Main",
        "-17", "-proc:only", "-encoding", "UTF-8",
        "-cp", jarOf(Coroutine.class).toString(),
        "-processorpath", processorPath,
        "-processor", CoroutineProcessor.class.getName(),
        "-s", root.resolve("generated").toString(),
        "-d", root.resolve("classes").toString(),
        root.resolve("src/test/X.java").toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);

    String expected = String.format(Messages.NO_TREE_API,
        ECJ + " on a Java runtime without the jdk.compiler module");
    List<String> errors = List.of(output.split("\n")).stream()
        .filter(line -> line.startsWith("jcoro") || line.contains("Exception")
            || line.contains("Error:") || line.contains("internal"))
        .collect(Collectors.toList());
    assertEquals(List.of(expected, expected), errors, output);
    assertTrue(output.contains("(at line " + lineOf("static void count(") + ")"), output);
    assertTrue(output.contains("(at line " + lineOf("static void echo(") + ")"), output);
    assertTrue(output.contains("2 problems (2 errors)"), output);
  }

  private static int lineOf(String text) {
    return SourceLines.lineOf(SOURCE, text);
  }

  /** The jar or classes directory {@code type} was loaded from. */
  private static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("no location for " + type, e));
    }
  }
}
