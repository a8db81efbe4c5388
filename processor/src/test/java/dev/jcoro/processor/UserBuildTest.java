package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutine;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files in a user's build as javac runs it from the command line, not in memory: a
 * modular project that reads only {@code dev.jcoro}, and every lint as an error, processing's
 * included (no unclaimed annotation; no processor older than the source level).
 */
class UserBuildTest {
  @Test
  void aModuleThatRequiresOnlyDevJcoroCompilesWithEveryLintAsAnError(@TempDir Path root)
      throws IOException {
    Path sources = Files.createDirectories(root.resolve("src"));
    write(sources.resolve("module-info.java"),
        "/** A user of jcoro. */",
        "module app {",
        "  requires dev.jcoro;",
        "",
        "  exports app;",
        "}");
    // A public class of an exported package: its factory class is public too, and its mark must
    // not ask the module to require jcoro transitively (the coroutine itself is package-private).
    write(sources.resolve("app/Counter.java"),
        "package app;",
        "",
        "import dev.jcoro.Coroutine;",
        "import dev.jcoro.Generator;",
        "import dev.jcoro.Yield;",
        "",
        "/** Counts. */",
        "public final class Counter {",
        "  private Counter() {}",
        "",
        "  @Coroutine",
        "  static int upTo(Yield<Integer, Void> co, int limit) {",
        "    int i = 0;",
        "    while (i < limit) {",
        "      co.yield(i++);",
        "    }",
        "    return i;",
        "  }",
        "",
        "  /**",
        "   * Sums what {@code upTo(limit)} yields.",
        "   *",
        "   * @param limit where the count stops",
        "   * @return the sum",
        "   */",
        "  public static int sum(int limit) {",
        "    int sum = 0;",
        "    Generator<Integer, Void, Integer> count = CounterCoroutines.upTo(limit);",
        "    for (int value : count) {",
        "      sum += value;",
        "    }",
        "    return sum;",
        "  }",
        "}");
    List<String> problems = javac(root, sources,
        "--module-path", location(Coroutine.class), "-Xlint:all", "-Werror");
    assertEquals(List.of(), problems);
    assertTrue(Files.exists(root.resolve("classes/app/CounterCoroutines.class")));
    String generated = Files.readString(root.resolve("generated/app/CounterCoroutines.java"));
    assertTrue(generated.contains("\nimport dev.jcoro.Generated;\n"), generated);
  }

  @Test
  void theProcessorClaimsItsOwnMarkAndFollowsTheSourceLevel() {
    CoroutineProcessor processor = new CoroutineProcessor();
    assertEquals(java.util.Set.of("dev.jcoro.Coroutine", "dev.jcoro.Generated"),
        processor.getSupportedAnnotationTypes());
    assertEquals(javax.lang.model.SourceVersion.latestSupported(),
        processor.getSupportedSourceVersion());
  }

  /** Compiles {@code sources} with the processor and {@code options}: every diagnostic given. */
  private static List<String> javac(Path root, Path sources, String... options)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Diagnostic<? extends JavaFileObject>> diagnostics = new ArrayList<>();
    List<String> arguments = new ArrayList<>(List.of(options));
    arguments.addAll(List.of(
        "-d", Files.createDirectories(root.resolve("classes")).toString(),
        "-s", Files.createDirectories(root.resolve("generated")).toString()));
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        var walk = Files.walk(sources)) {
      List<Path> paths = walk.filter(path -> path.toString().endsWith(".java"))
          .collect(Collectors.toList());
      StringWriter output = new StringWriter();
      JavaCompiler.CompilationTask task = javac.getTask(output, files, diagnostics::add,
          arguments, null, files.getJavaFileObjectsFromPaths(paths));
      task.setProcessors(List.of(new CoroutineProcessor()));
      boolean compiled = task.call();
      List<String> problems = diagnostics.stream()
          .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
          .map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName())
              + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
      if (!compiled && problems.isEmpty()) {
        problems.add("failed: " + output);
      }
      return problems;
    }
  }

  /** The jar or directory {@code type} was loaded from. */
  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static void write(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
  }
}
