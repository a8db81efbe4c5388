package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jcoro.Generator;
import dev.jcoro.StopIteration;
import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Malformed and unusual sources: the processor must never throw ("it never throws, and
 * the code it does generate always compiles"). A valid unusual source compiles cleanly under
 * {@code -Xlint:all} and its generated coroutine runs like the original body; an invalid one fails
 * with clear diagnostics only: no internal-error report, no stack trace, no error located in a
 * generated file.
 */
class RobustnessTest {
  private static final String HEADER = "package test;\n"
      + "\n"
      + "import dev.jcoro.Coroutine;\n"
      + "import dev.jcoro.Yield;\n";

  private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at [\\w$.<>/]+\\(.*\\)\\s*$");

  // ---------------------------------------------------------------- helpers

  /** Compiles with the processor; the processor must not throw whatever the source. */
  private static Compilation run(String className, String source) {
    JavaFileObject file = JavaFileObjects.forSourceString(className, source);
    return assertDoesNotThrow(() -> CompiledSources.javac(file),
        "the processor let an exception escape for " + className);
  }

  /** A valid source: no exception, then a clean compilation (no errors, no warnings), loaded. */
  private static CompiledSources clean(String className, String source) {
    Compilation compilation = run(className, source);
    assertNoInternalErrors(compilation);
    return CompiledSources.compile(className, source);
  }

  /**
   * An invalid source: no exception, a failed compilation, each {@code expected} fragment in some
   * error, and only clear diagnostics: none is an internal-error report or carries a stack trace,
   * and no error is located in a generated file (the user didn't write it and can't fix it there).
   */
  private static Compilation rejected(String className, String source, String... expected) {
    Compilation compilation = run(className, source);
    assertEquals(Compilation.Status.FAILURE, compilation.status(),
        "expected the compilation to fail\n" + generated(compilation));
    assertNoInternalErrors(compilation);
    List<Diagnostic<? extends JavaFileObject>> errors = errors(compilation);
    assertFalse(errors.isEmpty(), "a failed compilation must say why");
    for (String fragment : expected) {
      assertTrue(errors.stream().anyMatch(d -> d.getMessage(null).contains(fragment)),
          "no error says \"" + fragment + "\":\n" + describe(compilation));
    }
    List<String> inGenerated = errors.stream()
        .filter(d -> d.getSource() != null && d.getSource().getName().endsWith("Coroutines.java"))
        .map(RobustnessTest::describe)
        .collect(Collectors.toList());
    assertTrue(inGenerated.isEmpty(),
        "errors located in generated code, a file the user didn't write and can't fix"
            + ":\n" + String.join("\n", inGenerated)
            + "\nall diagnostics:\n" + describe(compilation)
            + "\n" + generatedAlone(className, source));
    return compilation;
  }

  /** The generated sources, when compile-testing shows them (it hides them after a failure). */
  private static String generated(Compilation compilation) {
    try {
      return CompiledSources.generatedSources(compilation);
    } catch (IllegalStateException failed) {
      return "(generated sources unavailable: the compilation failed)";
    }
  }

  /** What the processor writes for {@code source}, running it alone ({@code -proc:only}). */
  private static String generatedAlone(String className, String source) {
    try {
      Path out = Files.createTempDirectory("jcoro-robustness");
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      JavaCompiler.CompilationTask task = javac.getTask(null, null, d -> { },
          List.of("-proc:only", "-s", out.toString(), "-cp", System.getProperty("java.class.path")),
          null, List.of(JavaFileObjects.forSourceString(className, source)));
      task.setProcessors(List.of(new CoroutineProcessor()));
      task.call();
      try (Stream<Path> files = Files.walk(out)) {
        return files.filter(Files::isRegularFile).map(file -> {
          try {
            List<String> lines = Files.readAllLines(file);
            return "// " + out.relativize(file) + "\n" + IntStream.range(0, lines.size())
                .mapToObj(i -> (i + 1) + ": " + lines.get(i))
                .collect(Collectors.joining("\n"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).collect(Collectors.joining("\n"));
      }
    } catch (IOException | RuntimeException e) {
      return "(could not run the processor alone: " + e + ")";
    }
  }

  private static void assertNoInternalErrors(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(null);
      assertFalse(message.contains("this is a bug in jcoro")
              || message.contains("jcoro could not process"),
          "internal error reported: " + describe(d));
      assertFalse(STACK_FRAME.matcher(message).find(), "stack trace in a message: " + describe(d));
      assertFalse(message.contains("Exception in thread"), "stack trace in a message: "
          + describe(d));
    }
  }

  private static List<Diagnostic<? extends JavaFileObject>> errors(Compilation compilation) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .collect(Collectors.toList());
  }

  private static String describe(Compilation compilation) {
    return compilation.diagnostics().stream().map(RobustnessTest::describe)
        .collect(Collectors.joining("\n"));
  }

  private static String describe(Diagnostic<? extends JavaFileObject> d) {
    return d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName()) + ":"
        + d.getLineNumber() + ": " + d.getMessage(null);
  }

  /** The line of {@code source} (1-based) that contains {@code text}. */
  private static long lineOf(String source, String text) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line contains " + text);
  }

  private static void errorOnLine(Compilation compilation, long line, String fragment) {
    assertTrue(errors(compilation).stream()
            .anyMatch(d -> d.getLineNumber() == line && d.getMessage(null).contains(fragment)),
        "expected an error \"" + fragment + "\" on line " + line + ":\n" + describe(compilation));
  }

  /** Every value the generator yields, at most {@code limit}. */
  private static List<Object> drain(Generator<Object, Object, Object> generator, int limit) {
    List<Object> values = new ArrayList<>();
    for (Object value : generator) {
      values.add(value);
      if (values.size() > limit) {
        fail("more than " + limit + " values: " + values);
      }
    }
    return values;
  }

  private static void sameAsReference(CompiledSources compiled, String outer, String method,
      Object[] args, String... steps) {
    Supplier<List<String>> reference =
        () -> Transcript.of(() -> compiled.reference(outer, method, args), steps);
    Supplier<List<String>> generated =
        () -> Transcript.of(() -> compiled.generated(outer, method, args), steps);
    assertEquals(String.join("\n", reference.get()), String.join("\n", generated.get()));
  }

  // ---------------------------------------------------------------- bodies without yields

  @Test
  void emptyBody() {
    String source = HEADER + "\n"
        + "final class Empty {\n"
        + "  @Coroutine\n"
        + "  static void nothing(Yield<Integer, Void> co) {}\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void emptyStatements(Yield<Integer, Void> co) {\n"
        + "    ;\n"
        + "    {}\n"
        + "    { { } }\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Empty", source);
    assertEquals(List.of("next -> StopIteration(null) [CLOSED]",
            "next -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Empty", "nothing"), "next", "next"));
    assertEquals(List.of("close -> closed [CLOSED]", "next -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Empty", "nothing"), "close", "next"));
    assertEquals(List.of("iterate -> iterated [] [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Empty", "emptyStatements"), "iterate"));
  }

  @Test
  void bodyWithoutYield() {
    String source = HEADER + "\n"
        + "final class NoYield {\n"
        + "  @Coroutine\n"
        + "  static int sum(Yield<Integer, Void> co, int a, int b) {\n"
        + "    int s = a + b;\n"
        + "    System.out.println(\"sum \" + s);\n"
        + "    return s;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void loop(Yield<String, String> co, int n) {\n"
        + "    for (int i = 0; i < n; i++) {\n"
        + "      System.out.println(\"i=\" + i);\n"
        + "    }\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void fails(Yield<String, String> co) {\n"
        + "    throw new IllegalStateException(\"boom\");\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.NoYield", source);
    assertEquals(List.of("  | sum 5", "next -> StopIteration(5) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.NoYield", "sum", 2, 3), "next"));
    assertEquals(List.of(
            "send:a -> IllegalStateException(can't send non-null value to a just-started"
                + " coroutine: call next() first, or declare @Coroutine(primed = true)) [CREATED]",
            "  | i=0", "  | i=1", "next -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.NoYield", "loop", 2), "send:a", "next"));
    assertEquals(List.of("next -> IllegalStateException(boom) [CLOSED]",
            "next -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.NoYield", "fails"), "next", "next"));
  }

  // ---------------------------------------------------------------- invalid sources

  @Test
  void unreachableCodeAfterAnInfiniteLoop() {
    String source = HEADER + "\n"
        + "final class Unreachable {\n"
        + "  @Coroutine\n"
        + "  static void forever(Yield<Integer, Void> co) {\n"
        + "    int i = 0;\n"
        + "    while (true) {\n"
        + "      co.yield(i++);\n"
        + "    }\n"
        + "    System.out.println(\"never\");\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = rejected("test.Unreachable", source, "unreachable statement");
    errorOnLine(compilation, lineOf(source, "never"), "unreachable statement");
  }

  @Test
  void unreachableYieldAfterReturn() {
    String source = HEADER + "\n"
        + "final class AfterReturn {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    return 2;\n"
        + "    co.yield(3);\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void n(Yield<Integer, Void> co) {\n"
        + "    for (;;) {\n"
        + "      co.yield(4);\n"
        + "      continue;\n"
        + "      co.yield(5);\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = rejected("test.AfterReturn", source, "unreachable statement");
    errorOnLine(compilation, lineOf(source, "co.yield(3)"), "unreachable statement");
    errorOnLine(compilation, lineOf(source, "co.yield(5)"), "unreachable statement");
  }

  @Test
  void syntaxErrorElsewhereInTheFile() {
    String source = HEADER + "\n"
        + "final class Broken {\n"
        + "  @Coroutine\n"
        + "  static void fine(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    co.yield(2);\n"
        + "  }\n"
        + "\n"
        + "  static int broken() {\n"
        + "    int x = ;\n"
        + "    return x;\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = rejected("test.Broken", source, "illegal start of expression");
    errorOnLine(compilation, lineOf(source, "int x = ;"), "illegal start of expression");
  }

  @Test
  void syntaxErrorInsideTheCoroutineBody() {
    String source = HEADER + "\n"
        + "final class BrokenBody {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1)\n"
        + "    co.yield(2);\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = rejected("test.BrokenBody", source, "';' expected");
    errorOnLine(compilation, lineOf(source, "co.yield(1)"), "';' expected");
  }

  @Test
  void unbalancedBracesAtTheEndOfTheFile() {
    String source = HEADER + "\n"
        + "final class Unbalanced {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    while (true) {\n"
        + "      co.yield(1);\n"
        + "  }\n"
        + "}\n";
    rejected("test.Unbalanced", source, "reached end of file while parsing");
  }

  @Test
  void missingImportOfATypeInTheBody() {
    String source = HEADER + "\n"
        + "final class MissingInBody {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Integer> co) {\n"
        + "    List<Integer> xs = new ArrayList<>();\n"
        + "    Integer v = co.receive();\n"
        + "    xs.add(v);\n"
        + "    co.yield(xs.size());\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = rejected("test.MissingInBody", source, "cannot find symbol");
    errorOnLine(compilation, lineOf(source, "List<Integer> xs"), "cannot find symbol");
  }

  @Test
  void missingImportOfAParameterType() {
    String source = HEADER + "\n"
        + "final class MissingInParameter {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co, Path p) {\n"
        + "    co.yield(p.getNameCount());\n"
        + "    co.yield(p.getNameCount() + 1);\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = rejected("test.MissingInParameter", source, "cannot find symbol");
    errorOnLine(compilation, lineOf(source, "Path p"), "cannot find symbol");
  }

  @Test
  void missingImportOfTheHandlesTypeArgumentAndTheReturnType() {
    String source = HEADER + "\n"
        + "final class MissingInSignature {\n"
        + "  @Coroutine\n"
        + "  static Instant m(Yield<Duration, Void> co) {\n"
        + "    co.yield(null);\n"
        + "    return null;\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = rejected("test.MissingInSignature", source, "cannot find symbol");
    errorOnLine(compilation, lineOf(source, "static Instant m"), "cannot find symbol");
  }

  @Test
  void typeErrorInTheBody() {
    String source = HEADER + "\n"
        + "final class TypeError {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    int x = \"text\";\n"
        + "    co.yield(x);\n"
        + "    co.yield(x + 1);\n"
        + "  }\n"
        + "}\n";
    // javac reports the user's line; the copied line in the generated file repeats it, since the
    // processor can't know of type errors before attribution.
    Compilation compilation = run("test.TypeError", source);
    assertNoInternalErrors(compilation);
    errorOnLine(compilation, lineOf(source, "int x = "), "incompatible types");
  }

  @Test
  void varargsHandle() {
    String source = HEADER + "\n"
        + "final class VarargsHandle {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void>... co) {\n"
        + "  }\n"
        + "}\n";
    // Yield<Integer, Void>... is a generic array: javac may add its own varargs warnings.
    rejected("test.VarargsHandle", source,
        String.format(Messages.HANDLE_ARRAY, "Yield<Integer, Void> co"));
  }

  // ---------------------------------------------------------------- deep nesting and size

  @Test
  void sixtyNestedBlocks() {
    StringBuilder body = new StringBuilder("    int total = 0;\n");
    for (int k = 0; k < 60; k++) {
      body.append("    ".repeat(1)).append("  ".repeat(k)).append("{ int d").append(k)
          .append(" = ").append(k).append(";\n");
    }
    body.append("      co.yield(d59);\n");
    body.append("      co.yield(d0 + d30);\n");
    for (int k = 59; k >= 0; k--) {
      body.append("    ").append("  ".repeat(k)).append("total += d").append(k).append("; }\n");
    }
    body.append("    return total;\n");
    String source = HEADER + "\n"
        + "final class Blocks {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co) {\n"
        + body
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Blocks", source);
    assertEquals(List.of(
            "next -> yielded 59 [SUSPENDED]",
            "next -> yielded 30 [SUSPENDED]",
            "next -> StopIteration(1770) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Blocks", "m"), "next", "next", "next"));
  }

  @Test
  void thirtyNestedIfsAndLoops() {
    StringBuilder body = new StringBuilder("    int count = 0;\n");
    for (int k = 0; k < 30; k++) {
      String indent = "    " + "  ".repeat(k);
      switch (k % 4) {
        case 0:
          body.append(indent).append("if (n >= ").append(k).append(" - 100) {\n");
          break;
        case 1:
          body.append(indent).append("loop").append(k).append(": for (int i").append(k)
              .append(" = 0; i").append(k).append(" < 1; i").append(k).append("++) {\n");
          break;
        case 2:
          body.append(indent).append("do {\n");
          break;
        default:
          body.append(indent).append("boolean w").append(k).append(" = true;\n")
              .append(indent).append("while (w").append(k).append(") {\n")
              .append(indent).append("  w").append(k).append(" = false;\n");
          break;
      }
    }
    String deep = "    " + "  ".repeat(30);
    body.append(deep).append("for (int k = 0; k < 3; k++) {\n")
        .append(deep).append("  Integer got = co.yield(k);\n")
        .append(deep).append("  if (got != null && got == 99) break loop1;\n")
        .append(deep).append("  count += 1;\n")
        .append(deep).append("}\n");
    for (int k = 29; k >= 0; k--) {
      String indent = "    " + "  ".repeat(k);
      body.append(indent).append(k % 4 == 2 ? "} while (n < 0);\n" : "}\n");
    }
    body.append("    return count;\n");
    String source = HEADER + "\n"
        + "final class Nested {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Integer> co, int n) {\n"
        + body
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Nested", source);
    assertEquals(List.of(
            "next -> yielded 0 [SUSPENDED]",
            "next -> yielded 1 [SUSPENDED]",
            "next -> yielded 2 [SUSPENDED]",
            "next -> StopIteration(3) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Nested", "m", 1),
            "next", "next", "next", "next"));
    assertEquals(List.of(
            "next -> yielded 0 [SUSPENDED]",
            "send:99 -> StopIteration(0) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Nested", "m", 1), "next", "send:99"));
    sameAsReference(compiled, "test.Nested", "m", new Object[] {1}, "next", "next", "send:99");
  }

  @Test
  void twentyNestedTryFinallyBlocks() {
    StringBuilder body = new StringBuilder();
    for (int k = 0; k < 20; k++) {
      body.append("    ").append("  ".repeat(k)).append("try {\n");
    }
    String deep = "    " + "  ".repeat(20);
    body.append(deep).append("co.yield(1);\n").append(deep).append("co.yield(2);\n");
    for (int k = 19; k >= 0; k--) {
      String indent = "    " + "  ".repeat(k);
      body.append(indent).append("} finally {\n")
          .append(indent).append("  System.out.println(\"f").append(k).append("\");\n")
          .append(indent).append("}\n");
    }
    String source = HEADER + "\n"
        + "final class Finallies {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + body
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Finallies", source);
    List<String> transcript =
        Transcript.of(() -> compiled.generated("test.Finallies", "m"), "next", "close");
    List<String> expected = new ArrayList<>();
    expected.add("next -> yielded 1 [SUSPENDED]");
    for (int k = 19; k >= 0; k--) {
      expected.add("  | f" + k);
    }
    expected.add("close -> closed [CLOSED]");
    assertEquals(expected, transcript);
  }

  @Test
  void fiveHundredYieldsInOneMethod() {
    StringBuilder body = new StringBuilder("    int acc = 0;\n");
    for (int k = 0; k < 500; k++) {
      body.append("    co.yield(acc);\n").append("    acc += ").append(k).append(";\n");
    }
    body.append("    return acc;\n");
    String source = HEADER + "\n"
        + "final class Many {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co) {\n"
        + body
        + "  }\n"
        + "}\n";
    Compilation compilation = run("test.Many", source);
    List<String> codeTooLarge = compilation.diagnostics().stream()
        .filter(d -> d.getMessage(null).contains("code too large"))
        .map(RobustnessTest::describe)
        .collect(Collectors.toList());
    assertTrue(codeTooLarge.isEmpty(),
        "500 yields made a method too large for the JVM:\n" + String.join("\n", codeTooLarge));
    CompiledSources compiled = clean("test.Many", source);
    List<Object> expected = new ArrayList<>();
    int acc = 0;
    for (int k = 0; k < 500; k++) {
      expected.add(acc);
      acc += k;
    }
    assertEquals(expected, drain(compiled.generated("test.Many", "m"), 1000));
    int sum = acc;
    Generator<Object, Object, Object> generator = compiled.generated("test.Many", "m");
    for (int k = 0; k < 500; k++) {
      generator.next();
    }
    StopIteration stop =
        assertThrows(StopIteration.class,
            generator::next);
    assertEquals(sum, stop.value());
  }

  @Test
  void twoThousandYieldsInOneMethod() {
    // The original method compiles (about 10 bytes of bytecode per yield); the generated resume()
    // costs about 35 bytes per yield, so somewhere near 1,870 yields it passes the JVM's 64 KB
    // limit. The rule: the generated code always compiles, or the method gets one clear error on
    // the user's source, never "code too large" in a file the user didn't write.
    StringBuilder body = new StringBuilder("    int acc = 0;\n");
    for (int k = 0; k < 2000; k++) {
      body.append("    co.yield(acc);\n").append("    acc += ").append(k).append(";\n");
    }
    body.append("    return acc;\n");
    String source = HEADER + "\n"
        + "final class Huge {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co) {\n"
        + body
        + "  }\n"
        + "}\n";
    Compilation compilation = run("test.Huge", source);
    assertNoInternalErrors(compilation);
    if (compilation.status() == Compilation.Status.SUCCESS) {
      CompiledSources compiled = clean("test.Huge", source);
      assertEquals(2000, drain(compiled.generated("test.Huge", "m"), 3000).size());
    } else {
      Compilation rejected = rejected("test.Huge", source);
      assertEquals(1, errors(rejected).size(), describe(rejected));
    }
  }

  @Test
  void fiveHundredYieldsInsideTryCatch() {
    StringBuilder body = new StringBuilder("    int acc = 0;\n    try {\n");
    for (int k = 0; k < 500; k++) {
      body.append("      acc += co.receive();\n");
    }
    body.append("    } catch (IllegalStateException e) {\n")
        .append("      return -acc;\n")
        .append("    }\n")
        .append("    return acc;\n");
    String source = HEADER + "\n"
        + "final class ManyInTry {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Void, Integer> co) {\n"
        + body
        + "  }\n"
        + "}\n";
    Compilation compilation = run("test.ManyInTry", source);
    List<String> codeTooLarge = compilation.diagnostics().stream()
        .filter(d -> d.getMessage(null).contains("code too large"))
        .map(RobustnessTest::describe)
        .collect(Collectors.toList());
    assertTrue(codeTooLarge.isEmpty(),
        "500 yields in a try made a method too large for the JVM:\n"
            + String.join("\n", codeTooLarge));
    CompiledSources compiled = clean("test.ManyInTry", source);
    Generator<Object, Object, Object> generator = compiled.generated("test.ManyInTry", "m");
    generator.next();
    for (int k = 0; k < 10; k++) {
      generator.send(2);
    }
    StopIteration stop =
        assertThrows(StopIteration.class,
            () -> generator.throwInto(new IllegalStateException("stop")));
    assertEquals(-20, stop.value());
  }

  // ---------------------------------------------------------------- names

  @Test
  void unicodeIdentifiers() {
    String source = HEADER + "\n"
        + "final class Ünïcode {\n"
        + "  @Coroutine\n"
        + "  static int größe(Yield<Integer, Void> co, int π) {\n"
        + "    int 名前 = π * 2;\n"
        + "    外: for (int ü = 0; ü < 5; ü++) {\n"
        + "      co.yield(名前 + ü);\n"
        + "      if (ü == 1) break 外;\n"
        + "    }\n"
        + "    return 名前;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void π(Yield<String, Void> co) {\n"
        + "    String ß = \"ß\";\n"
        + "    co.yield(ß);\n"
        + "    co.yield(ß + \"λ\");\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void 名前(Yield<String, Void> co) {\n"
        + "    String \\u00e9t\\u00e9 = \"été\";\n"
        + "    co.yield(\"名前\");\n"
        + "    co.yield(été);\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Ünïcode", source);
    assertEquals(List.of(
            "next -> yielded 6 [SUSPENDED]",
            "next -> yielded 7 [SUSPENDED]",
            "next -> StopIteration(6) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Ünïcode", "größe", 3),
            "next", "next", "next"));
    assertEquals(List.of("ß", "ßλ"), drain(compiled.generated("test.Ünïcode", "π"), 5));
    assertEquals(List.of("名前", "été"), drain(compiled.generated("test.Ünïcode", "名前"), 5));
  }

  @Test
  void coroutinesWhoseNamesDifferOnlyInCase() {
    // Both would naturally get a state machine class named FooStateMachine.
    String source = HEADER + "\n"
        + "final class Cases {\n"
        + "  @Coroutine\n"
        + "  static void foo(Yield<String, Void> co) {\n"
        + "    co.yield(\"lower\");\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void Foo(Yield<String, Void> co) {\n"
        + "    co.yield(\"upper\");\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Cases", source);
    assertEquals(List.of("lower"), drain(compiled.generated("test.Cases", "foo"), 5));
    assertEquals(List.of("upper"), drain(compiled.generated("test.Cases", "Foo"), 5));
  }

  @Test
  void overloadedCoroutines() {
    String source = HEADER + "\n"
        + "final class Overloads {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co) {\n"
        + "    co.yield(\"none\");\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co, int n) {\n"
        + "    co.yield(\"int \" + n);\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co, String s) {\n"
        + "    co.yield(\"string \" + s);\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Overloads", source);
    Class<?> factory = compiled.load("test.OverloadsCoroutines");
    assertEquals(List.of("none"), invokeFactory(factory, new Class<?>[] {}));
    assertEquals(List.of("int 4"), invokeFactory(factory, new Class<?>[] {int.class}, 4));
    assertEquals(List.of("string s"),
        invokeFactory(factory, new Class<?>[] {String.class}, "s"));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> invokeFactory(Class<?> factory, Class<?>[] types, Object... args) {
    try {
      Method m = factory.getDeclaredMethod("m", types);
      m.setAccessible(true);
      return drain((Generator<Object, Object, Object>) m.invoke(null, args), 5);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Locals and parameters named like the generated code's own, in a body with try regions. */
  @Test
  void namesOfGeneratedLocalsInABodyWithTryRegions() {
    String source = HEADER + "\n"
        + "final class Locals {\n"
        + "  @Coroutine\n"
        + "  static String m(Yield<String, String> co, int at, int running) {\n"
        + "    String error = \"e\";\n"
        + "    int value = 1;\n"
        + "    int yielded = 2;\n"
        + "    int delegated = 3;\n"
        + "    try {\n"
        + "      String got = co.yield(error + at + running);\n"
        + "      if (got == null) {\n"
        + "        throw new IllegalStateException(\"none\");\n"
        + "      }\n"
        + "      error = got;\n"
        + "    } catch (IllegalStateException at2) {\n"
        + "      error = at2.getMessage();\n"
        + "      co.yield(error);\n"
        + "    } finally {\n"
        + "      co.yield(\"finally \" + (value + yielded + delegated));\n"
        + "    }\n"
        + "    return error;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Locals", source);
    assertEquals(List.of(
            "next -> yielded e78 [SUSPENDED]",
            "next -> yielded none [SUSPENDED]",
            "next -> yielded finally 6 [SUSPENDED]",
            "next -> StopIteration(none) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Locals", "m", 7, 8),
            "next", "next", "next", "next"));
    compiled.assertMatchesReference("test.Locals", "m", new Object[] {7, 8},
        "next", "send:ok", "next", "next");
  }

  /**
   * Statically imported members named like what a state machine inherits or declares (enter,
   * next, label, delegated, sent...): the generated code must still reach the imported ones.
   */
  @Test
  void staticImportsNamedLikeStateMachineMembers() {
    String source = "package test;\n"
        + "\n"
        + "import static test.Imported.Log.enter;\n"
        + "import static test.Imported.Log.*;\n"
        + "\n"
        + "import dev.jcoro.Coroutine;\n"
        + "import dev.jcoro.Generator;\n"
        + "import dev.jcoro.Yield;\n"
        + "\n"
        + "final class Imported {\n"
        + "  static final class Log {\n"
        + "    static final int label = 1;\n"
        + "    static final int delegated = 20;\n"
        + "    static final int sent = 300;\n"
        + "    static final int caught = 4000;\n"
        + "    static String enter(String s) { return \"enter \" + s; }\n"
        + "    static String leave(String s) { return \"leave \" + s; }\n"
        + "    static String next(int n) { return \"next \" + n; }\n"
        + "    static int route(int n) { return n * 10; }\n"
        + "    static int fail(int n) { return n * 100; }\n"
        + "    static int suspendAt(int n) { return n * 1000; }\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static String m(Yield<String, String> co, Generator<String, String, String> inner) {\n"
        + "    co.yield(enter(\"a\"));\n"
        + "    String r = co.yieldFrom(inner);\n"
        + "    co.yield(r + \" \" + (label + delegated + sent + caught));\n"
        + "    co.yield(\"\" + (route(1) + fail(2) + suspendAt(3)));\n"
        + "    return leave(next(2));\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static String inner(Yield<String, String> co) {\n"
        + "    return co.receive();\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Imported", source);
    assertEquals(List.of(
            "next -> yielded enter a [SUSPENDED]",
            "next -> yielded null [SUSPENDED]",
            "send:x -> yielded x 4321 [SUSPENDED]",
            "next -> yielded 3210 [SUSPENDED]",
            "next -> StopIteration(leave next 2) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Imported", "m",
                (Object) compiled.generated("test.Imported", "inner")),
            "next", "next", "send:x", "next", "next"));
  }

  @Test
  void parametersAndLocalsNamedLikeGeneratedMembers() {
    String source = HEADER + "\n"
        + "final class Names {\n"
        + "  @Coroutine\n"
        + "  static String m(Yield<Integer, Integer> co, int label, String caught, Object self,\n"
        + "      int resume, int dispatch) {\n"
        + "    int sent = 10;\n"
        + "    int complete = 20;\n"
        + "    int handler = 30;\n"
        + "    int pending = 40;\n"
        + "    int state = 50;\n"
        + "    int iterate = 60;\n"
        + "    int raisePending = 70;\n"
        + "    int takeCaught = 80;\n"
        + "    int delegate = 90;\n"
        + "    int value = 100;\n"
        + "    int error = 110;\n"
        + "    Integer got = co.yield(label);\n"
        + "    label = label + got;\n"
        + "    co.yield(dispatch + resume);\n"
        + "    co.yield(label);\n"
        + "    co.yield(sent + complete + handler + pending + state + iterate + raisePending\n"
        + "        + takeCaught + delegate + value + error);\n"
        + "    return caught + self + label + dispatch;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static int handleNamedLabel(Yield<Integer, Integer> label, int dispatch) {\n"
        + "    int caught = label.yield(dispatch);\n"
        + "    int resume = label.yield(caught + 1);\n"
        + "    return caught + resume;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Names", source);
    assertEquals(List.of(
            "next -> yielded 1 [SUSPENDED]",
            "send:5 -> yielded 5 [SUSPENDED]",
            "next -> yielded 6 [SUSPENDED]",
            "next -> yielded 660 [SUSPENDED]",
            "next -> StopIteration(cso63) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Names", "m", 1, "c", "so", 2, 3),
            "next", "send:5", "next", "next", "next"));
    assertEquals(List.of(
            "next -> yielded 7 [SUSPENDED]",
            "send:2 -> yielded 3 [SUSPENDED]",
            "send:4 -> StopIteration(6) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Names", "handleNamedLabel", 7),
            "next", "send:2", "send:4"));
  }

  @Test
  void instanceCoroutineWithAParameterNamedSelf() {
    String source = HEADER + "\n"
        + "final class Receiver {\n"
        + "  int base = 100;\n"
        + "\n"
        + "  @Coroutine\n"
        + "  int m(Yield<Integer, Void> co, int self) {\n"
        + "    co.yield(base + self);\n"
        + "    co.yield(this.base - self);\n"
        + "    return self;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Receiver", source);
    Object receiver;
    try {
      java.lang.reflect.Constructor<?> constructor =
          compiled.load("test.Receiver").getDeclaredConstructor();
      constructor.setAccessible(true);
      receiver = constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    assertEquals(List.of(
            "next -> yielded 105 [SUSPENDED]",
            "next -> yielded 95 [SUSPENDED]",
            "next -> StopIteration(5) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Receiver", "m", receiver, 5),
            "next", "next", "next"));
  }

  @Test
  void enclosingMembersNamedLikeStateMachineMembers() {
    // Unqualified in the body, these must keep meaning the enclosing class's members, not the
    // inherited members of dev.jcoro.StateMachine.
    String source = HEADER + "\n"
        + "final class Shadowed {\n"
        + "  static int label = 1000;\n"
        + "  static String caught = \"mine\";\n"
        + "\n"
        + "  static int sent() {\n"
        + "    return 7;\n"
        + "  }\n"
        + "\n"
        + "  static int complete(int v) {\n"
        + "    return v * 2;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Object, Void> co) {\n"
        + "    co.yield(label);\n"
        + "    co.yield(caught);\n"
        + "    co.yield(sent());\n"
        + "    co.yield(complete(21));\n"
        + "    label = label + 1;\n"
        + "    co.yield(label);\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Shadowed", source);
    assertEquals(List.of(1000, "mine", 7, 42, 1001),
        drain(compiled.generated("test.Shadowed", "m"), 10));
  }

  @Test
  void labelNamedDispatch() {
    String source = HEADER + "\n"
        + "final class Labels {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co) {\n"
        + "    int sum = 0;\n"
        + "    dispatch: for (int i = 0; ; i++) {\n"
        + "      resume: for (int j = 0; j < 3; j++) {\n"
        + "        if (j == 1) continue resume;\n"
        + "        co.yield(i * 10 + j);\n"
        + "        if (i == 2) break dispatch;\n"
        + "        if (j == 2) continue dispatch;\n"
        + "      }\n"
        + "    }\n"
        + "    // the same label on a loop without yields, copied as it is\n"
        + "    dispatch: while (true) {\n"
        + "      label: for (int k = 0; k < 10; k++) {\n"
        + "        sum += k;\n"
        + "        if (k == 3) break dispatch;\n"
        + "        if (k == 1) continue label;\n"
        + "      }\n"
        + "    }\n"
        + "    co.yield(sum);\n"
        + "    return sum;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Labels", source);
    assertEquals(List.of("iterate -> iterated [0, 2, 10, 12, 20, 6] [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Labels", "m"), "iterate"));
    sameAsReference(compiled, "test.Labels", "m", new Object[0], "next", "next", "next", "next",
        "next", "next", "next");
  }

  // ---------------------------------------------------------------- types

  @Test
  void genericWildcardParametersAcrossYields() {
    String source = HEADER
        + "import java.util.Iterator;\n"
        + "import java.util.List;\n"
        + "import java.util.Map;\n"
        + "\n"
        + "final class Wild {\n"
        + "  @Coroutine\n"
        + "  static double total(Yield<Number, Void> co, List<? extends Number> xs,\n"
        + "      Map<String, ? super Integer> sink) {\n"
        + "    double sum = 0;\n"
        + "    List<? extends Number> view = xs;\n"
        + "    for (Number n : view) {\n"
        + "      co.yield(n);\n"
        + "      sum += n.doubleValue();\n"
        + "      sink.put(\"count\", sink.size());\n"
        + "    }\n"
        + "    Map<String, ? super Integer> again = sink;\n"
        + "    co.yield(sum);\n"
        + "    again.put(\"last\", xs.size());\n"
        + "    return sum;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void iterators(Yield<Number, Void> co, List<? extends Number> xs) {\n"
        + "    Iterator<? extends Number> it = xs.iterator();\n"
        + "    while (it.hasNext()) {\n"
        + "      co.yield(it.next());\n"
        + "    }\n"
        + "    Iterator<? extends Number> again = xs.iterator();\n"
        + "    while (again.hasNext()) {\n"
        + "      co.yield(again.next());\n"
        + "    }\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static <T extends Comparable<? super T>> T max(Yield<T, Void> co,\n"
        + "      List<? extends T> items) {\n"
        + "    T best = null;\n"
        + "    for (T item : items) {\n"
        + "      if (best == null || item.compareTo(best) > 0) {\n"
        + "        best = item;\n"
        + "        co.yield(best);\n"
        + "      }\n"
        + "    }\n"
        + "    return best;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Wild", source);
    Map<String, Object> sink = new HashMap<>();
    assertEquals(List.of(
            "next -> yielded 1 [SUSPENDED]",
            "next -> yielded 2.5 [SUSPENDED]",
            "next -> yielded 3.5 [SUSPENDED]",
            "next -> StopIteration(3.5) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Wild", "total", List.of(1, 2.5), sink),
            "next", "next", "next", "next"));
    assertEquals(Map.of("count", 1, "last", 2), sink);
    assertEquals(List.of(1, 2.5, 1, 2.5),
        drain(compiled.generated("test.Wild", "iterators", List.of(1, 2.5)), 10));
    assertEquals(List.of(
            "next -> yielded b [SUSPENDED]",
            "next -> yielded d [SUSPENDED]",
            "next -> StopIteration(d) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Wild", "max", List.of("b", "a", "d", "c")),
            "next", "next", "next"));
  }

  @Test
  void annotatedLocalsAcrossYields() {
    String source = HEADER
        + "import java.lang.annotation.ElementType;\n"
        + "import java.lang.annotation.Target;\n"
        + "\n"
        + "final class Annotated {\n"
        + "  @Target(ElementType.LOCAL_VARIABLE)\n"
        + "  @interface OnLocal {}\n"
        + "\n"
        + "  @Target(ElementType.TYPE_USE)\n"
        + "  @interface Typed {}\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Integer> co) {\n"
        + "    @SuppressWarnings(\"unused\") int x = 1;\n"
        + "    final int y = 2;\n"
        + "    @OnLocal final int z = 3;\n"
        + "    final @OnLocal int w = 4;\n"
        + "    @Typed String s = \"four\";\n"
        + "    final @SuppressWarnings(\"unused\") Integer got = co.yield(x);\n"
        + "    co.yield(y + z);\n"
        + "    co.yield(w + s.length());\n"
        + "    return x + y + z + w + got;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Annotated", source);
    assertEquals(List.of(
            "next -> yielded 1 [SUSPENDED]",
            "send:10 -> yielded 5 [SUSPENDED]",
            "next -> yielded 8 [SUSPENDED]",
            "next -> StopIteration(20) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Annotated", "m"),
            "next", "send:10", "next", "next"));
  }

  @Test
  void localClassUsedAfterAYieldIsRefusedAnonymousClassesAreFine() {
    String source = HEADER
        + "import java.util.ArrayList;\n"
        + "import java.util.Comparator;\n"
        + "import java.util.List;\n"
        + "\n"
        + "final class Locals {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co, int n) {\n"
        + "    class Square {\n"
        + "      int of(int v) {\n"
        + "        return v * v;\n"
        + "      }\n"
        + "    }\n"
        + "    Comparator<Integer> reverse = new Comparator<Integer>() {\n"
        + "      @Override\n"
        + "      public int compare(Integer a, Integer b) {\n"
        + "        return b.compareTo(a);\n"
        + "      }\n"
        + "    };\n"
        + "    List<Integer> xs = new ArrayList<>();\n"
        + "    for (int i = 0; i < n; i++) {\n"
        + "      xs.add(new Square().of(i));\n"
        + "      co.yield(i);\n"
        + "    }\n"
        + "    xs.sort(reverse);\n"
        + "    co.yield(xs.get(0));\n"
        + "    return new Square().of(xs.size());\n"
        + "  }\n"
        + "}\n";
    // The local class is used in states the generated code reaches after leaving its block.
    Compilation compilation = rejected("test.Locals", source, "the local class `Square`");
    errorOnLine(compilation, lineOf(source, "class Square {"), "declare it as a nested class");
  }

  @Test
  void localClassInstanceLivingAcrossAYield() {
    // Valid Java; jcoro may give either support or one clear error on the line, saying what to do.
    String source = HEADER + "\n"
        + "final class LocalState {\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co, int n) {\n"
        + "    class Counter {\n"
        + "      int count;\n"
        + "\n"
        + "      int bump(int by) {\n"
        + "        count += by;\n"
        + "        return count;\n"
        + "      }\n"
        + "    }\n"
        + "    Counter c = new Counter();\n"
        + "    for (int i = 1; i <= n; i++) {\n"
        + "      co.yield(c.bump(i));\n"
        + "    }\n"
        + "    return c.count;\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = run("test.LocalState", source);
    assertNoInternalErrors(compilation);
    if (compilation.status() == Compilation.Status.SUCCESS) {
      CompiledSources compiled = CompiledSources.compile("test.LocalState", source);
      assertEquals(List.of("iterate -> iterated [1, 3, 6] [CLOSED]"),
          Transcript.of(() -> compiled.generated("test.LocalState", "m", 3), "iterate"));
    } else {
      List<Diagnostic<? extends JavaFileObject>> errors = errors(compilation);
      assertAll(
          () -> assertEquals(1, errors.size(), "one clear error:\n" + describe(compilation)),
          () -> assertTrue(errors.stream().allMatch(d -> d.getSource() != null
                  && !d.getSource().getName().endsWith("Coroutines.java")),
              "the error must be on the user's source:\n" + describe(compilation)
                  + "\n" + generatedAlone("test.LocalState", source)));
    }
  }

  @Test
  void varargsParameter() {
    String source = HEADER + "\n"
        + "final class Varargs {\n"
        + "  @Coroutine\n"
        + "  static int names(Yield<String, Void> co, String... names) {\n"
        + "    for (String name : names) {\n"
        + "      co.yield(name);\n"
        + "    }\n"
        + "    return names.length;\n"
        + "  }\n"
        + "\n"
        + "  @SafeVarargs\n"
        + "  @Coroutine\n"
        + "  static <T> void items(Yield<T, Void> co, int skip, T... items) {\n"
        + "    for (int i = skip; i < items.length; i++) {\n"
        + "      co.yield(items[i]);\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Varargs", source);
    Class<?> factory = compiled.load("test.VarargsCoroutines");
    Method names = Arrays.stream(factory.getDeclaredMethods())
        .filter(m -> m.getName().equals("names")).findFirst().orElseThrow();
    assertTrue(names.isVarArgs(), "the factory keeps the varargs parameter: " + names);
    assertEquals(List.of(
            "next -> yielded a [SUSPENDED]",
            "next -> yielded b [SUSPENDED]",
            "next -> StopIteration(2) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Varargs", "names",
            (Object) new String[] {"a", "b"}), "next", "next", "next"));
    assertEquals(List.of("next -> StopIteration(0) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Varargs", "names", (Object) new String[0]),
            "next"));
    assertEquals(List.of(2, 3),
        drain(compiled.generated("test.Varargs", "items", 1, new Object[] {1, 2, 3}), 5));
  }

  // ---------------------------------------------------------------- files and packages

  @Test
  void coroutineInTheDefaultPackage() {
    String source = ""
        + "import dev.jcoro.Coroutine;\n"
        + "import dev.jcoro.Yield;\n"
        + "import java.util.ArrayList;\n"
        + "import java.util.List;\n"
        + "\n"
        + "final class Plain {\n"
        + "  static int helper(int v) {\n"
        + "    return v + 100;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Integer> co, int start) {\n"
        + "    List<Integer> seen = new ArrayList<>();\n"
        + "    int got = co.yield(helper(start));\n"
        + "    seen.add(got);\n"
        + "    got = co.yield(seen.size());\n"
        + "    seen.add(got);\n"
        + "    return seen.get(0) + seen.get(1);\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("Plain", source);
    assertEquals(List.of(
            "next -> yielded 101 [SUSPENDED]",
            "send:5 -> yielded 1 [SUSPENDED]",
            "send:6 -> StopIteration(11) [CLOSED]"),
        Transcript.of(() -> compiled.generated("Plain", "m", 1), "next", "send:5", "send:6"));
  }

  @Test
  void coroutineInTheDefaultPackageUsingAMemberType() {
    String source = ""
        + "import dev.jcoro.Coroutine;\n"
        + "import dev.jcoro.Yield;\n"
        + "\n"
        + "final class NoPackage {\n"
        + "  enum Color { RED, GREEN }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Object, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    Color c = Color.GREEN;\n"
        + "    co.yield(Color.RED);\n"
        + "    co.yield(c);\n"
        + "  }\n"
        + "\n"
        + "  static final class Inner {\n"
        + "    @Coroutine\n"
        + "    static void n(Yield<Color, Void> co) {\n"
        + "      Color c = Color.RED;\n"
        + "      co.yield(c);\n"
        + "      co.yield(Color.GREEN);\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    // The generated file can't import from the unnamed package, and needs no import there: it
    // names the member type by its class, as javac resolves it in the user's file.
    CompiledSources compiled = clean("NoPackage", source);
    assertEquals(List.of("iterate -> iterated [1, RED, GREEN] [CLOSED]"),
        Transcript.of(() -> compiled.generated("NoPackage", "m"), "iterate"));
    assertEquals(List.of("iterate -> iterated [RED, GREEN] [CLOSED]"),
        Transcript.of(() -> compiled.generated("NoPackage$Inner", "n"), "iterate"));
  }

  @Test
  void twoClassesInOneFile() {
    String source = HEADER + "\n"
        + "final class First {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co) {\n"
        + "    co.yield(\"first\");\n"
        + "    co.yield(\"first again\");\n"
        + "  }\n"
        + "}\n"
        + "\n"
        + "final class Second {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co) {\n"
        + "    String s = \"second\";\n"
        + "    co.yield(s);\n"
        + "    co.yield(s + \" again\");\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void other(Yield<String, Void> co) {\n"
        + "    co.yield(\"other\");\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.First", source);
    assertEquals(List.of("first", "first again"),
        drain(compiled.generated("test.First", "m"), 5));
    assertEquals(List.of("second", "second again"),
        drain(compiled.generated("test.Second", "m"), 5));
    assertEquals(List.of("other"), drain(compiled.generated("test.Second", "other"), 5));
  }

  @Test
  void twoClassesInOneFileUsingEachOthersMembers() {
    // The body of Second reads a helper of Second: its generated class must reach Second, an
    // auxiliary class of First.java, without -Xlint:all's [auxiliaryclass] warning.
    String source = HEADER + "\n"
        + "final class Main {\n"
        + "  static final String PREFIX = \"main:\";\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co) {\n"
        + "    co.yield(PREFIX + Helper.twice(\"x\"));\n"
        + "  }\n"
        + "}\n"
        + "\n"
        + "final class Helper {\n"
        + "  static String twice(String s) {\n"
        + "    return s + s;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void n(Yield<String, Void> co) {\n"
        + "    co.yield(twice(\"y\"));\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Main", source);
    assertEquals(List.of("main:xx"), drain(compiled.generated("test.Main", "m"), 5));
    assertEquals(List.of("yy"), drain(compiled.generated("test.Helper", "n"), 5));
  }

  // ---------------------------------------------------------------- literals and comments

  @Test
  void stringAndCharLiteralsWithSpecialCharacters() {
    String source = HEADER + "\n"
        + "final class Literals {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co) {\n"
        + "    co.yield(\"$\");\n"
        + "    co.yield(\"a\\nb\");\n"
        + "    co.yield(\"say \\\"hi\\\"\");\n"
        + "    co.yield(\"{\");\n"
        + "    co.yield(\"}\");\n"
        + "    co.yield(\"$L $S $T $N $$ $1L %s %n\");\n"
        + "    String across = \"{ \\\"$x\\\" }\\n\";\n"
        + "    co.yield(\"x\"); // $L $ {\n"
        + "    co.yield(across);\n"
        + "    char brace = '{';\n"
        + "    char quote = '\"';\n"
        + "    char apostrophe = '\\'';\n"
        + "    char dollar = '$';\n"
        + "    co.yield(\"\" + brace + quote + apostrophe + dollar);\n"
        + "    co.yield(\"\\\\\");\n"
        + "    co.yield(\"\\u0024\\t\\u007b\");\n"
        + "    co.yield(\"\"\"\n"
        + "        tb { $ } \"quoted\" \\\"\"\"\n"
        + "        \"\"\");\n"
        + "    String afterTextBlock = \"\"\"\n"
        + "        $S\n"
        + "        \"\"\";\n"
        + "    co.yield(\"end\");\n"
        + "    co.yield(afterTextBlock);\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Literals", source);
    assertEquals(List.of(
            "$",
            "a\nb",
            "say \"hi\"",
            "{",
            "}",
            "$L $S $T $N $$ $1L %s %n",
            "x",
            "{ \"$x\" }\n",
            "{\"'$",
            "\\",
            "$\t{",
            "tb { $ } \"quoted\" \"\"\"\n",
            "end",
            "$S\n"),
        drain(compiled.generated("test.Literals", "m"), 20));
  }

  @Test
  void commentsThatLookLikeCodeAndCodeThatLooksLikeComments() {
    String source = HEADER + "\n"
        + "final class Comments {\n"
        + "  /** Javadoc with {@code $L} and a brace { and an escaped star-slash *&#47; */\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co) {\n"
        + "    // a line comment with */ in it, a \"quote and a {\n"
        + "    /* a block comment with // inside and a /* nested-looking opener */\n"
        + "    String url = \"http://example.com/*path*/\"; // '//' and '/*' in a string\n"
        + "    co.yield(url); /* trailing */ co.yield(\"// not a comment\");\n"
        + "    /** javadoc-looking { } $ $L $S */\n"
        + "    String s = \"/* not */ a comment\"; // } {\n"
        + "    co.yield(s); // */\n"
        + "    co.yield(\"*/\"); /* } */\n"
        + "    int x = 1 /* inline */ + /* another } */ 2; // comment with $L and $S and %s\n"
        + "    co.yield(\"x=\" + x); /*\n"
        + "      a multi-line comment after a yield, with } and $ and \" in it\n"
        + "    */\n"
        + "    co.yield(s /* inside the argument */ + url); // end\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Comments", source);
    assertEquals(List.of(
            "http://example.com/*path*/",
            "// not a comment",
            "/* not */ a comment",
            "*/",
            "x=3",
            "/* not */ a commenthttp://example.com/*path*/"),
        drain(compiled.generated("test.Comments", "m"), 10));
  }

  @Test
  void unicodeEscapesInSource() {
    // Escapes are translated before lexing: the processor must copy them as written or as
    // translated, never half of each.
    String source = HEADER + "\n"
        + "final class Escapes {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co) {\n"
        + "    String \\u0073 = \"s\";\n"
        + "    co.yield(\\u0073);\n"
        + "    co.yield(s + \"\\u0021\");\n"
        + "    co\\u002eyield(s + s);\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Escapes", source);
    assertEquals(List.of("s", "s!", "ss"), drain(compiled.generated("test.Escapes", "m"), 5));
  }

  @Test
  void manyCoroutinesInOneClass() {
    String methods = IntStream.range(0, 40).mapToObj(k -> ""
            + "  @Coroutine\n"
            + "  static int m" + k + "(Yield<Integer, Void> co) {\n"
            + "    int v = " + k + ";\n"
            + "    co.yield(v);\n"
            + "    return v + 1;\n"
            + "  }\n")
        .collect(Collectors.joining("\n"));
    String source = HEADER + "\n" + "final class ManyMethods {\n" + methods + "}\n";
    CompiledSources compiled = clean("test.ManyMethods", source);
    for (int k = 0; k < 40; k += 13) {
      int n = k;
      assertEquals(List.of("next -> yielded " + n + " [SUSPENDED]",
              "next -> StopIteration(" + (n + 1) + ") [CLOSED]"),
          Transcript.of(() -> compiled.generated("test.ManyMethods", "m" + n), "next", "next"));
    }
  }

  @Test
  void varLocalWithACapturedWildcardTypeAcrossAYield() {
    // javac types `var it` as Iterator<? extends Number> (the upward projection of its captured
    // type). jcoro gives the "give it an explicit type" error only when the type can't be read
    // from the initializer; either outcome is accepted here, but never a crash or bad code.
    String source = HEADER
        + "import java.util.List;\n"
        + "\n"
        + "final class VarWild {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Number, Void> co, List<? extends Number> xs) {\n"
        + "    var it = xs.iterator();\n"
        + "    while (it.hasNext()) {\n"
        + "      co.yield(it.next());\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = run("test.VarWild", source);
    assertNoInternalErrors(compilation);
    if (compilation.status() == Compilation.Status.SUCCESS) {
      CompiledSources compiled = clean("test.VarWild", source);
      assertEquals(List.of(1, 2.5),
          drain(compiled.generated("test.VarWild", "m", List.of(1, 2.5)), 5));
    } else {
      Compilation rejected = rejected("test.VarWild", source, "`var it` lives across a yield");
      assertEquals(1, errors(rejected).size(), describe(rejected));
      errorOnLine(rejected, lineOf(source, "var it"), "give it an explicit type");
    }
  }

  @Test
  void instanceCoroutineWithALocalNamedSelf() {
    // The generated class names the receiver `self`: a user's local `self` that stays a Java
    // local must not capture the instance field reads next to it.
    String source = HEADER + "\n"
        + "final class SelfLocal {\n"
        + "  int base = 100;\n"
        + "\n"
        + "  @Coroutine\n"
        + "  int m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    String self = \"abc\";\n"
        + "    int r = base + self.length();\n"
        + "    co.yield(r);\n"
        + "    return r;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.SelfLocal", source);
    Object receiver = newInstance(compiled, "test.SelfLocal");
    assertEquals(List.of(
            "next -> yielded 1 [SUSPENDED]",
            "next -> yielded 103 [SUSPENDED]",
            "next -> StopIteration(103) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.SelfLocal", "m", receiver),
            "next", "next", "next"));
  }

  private static Object newInstance(CompiledSources compiled, String className) {
    try {
      java.lang.reflect.Constructor<?> constructor =
          compiled.load(className).getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void identifiersWithDollarSigns() {
    // `$` is legal in identifiers; the generated class invents names like iterator$1 and self$2.
    String source = HEADER
        + "import java.util.List;\n"
        + "\n"
        + "final class Dollars {\n"
        + "  static int $static = 3;\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co, List<Integer> xs, int iterator$1) {\n"
        + "    int iterator$2 = 10;\n"
        + "    int self$2 = 20;\n"
        + "    int $ = 1;\n"
        + "    for (int x : xs) {\n"
        + "      co.yield(x + iterator$1);\n"
        + "      $ += x;\n"
        + "    }\n"
        + "    for (int y : xs) {\n"
        + "      co.yield(y * iterator$2);\n"
        + "    }\n"
        + "    co.yield(self$2 + $static);\n"
        + "    return $;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Dollars", source);
    assertEquals(List.of(
            "next -> yielded 1001 [SUSPENDED]",
            "next -> yielded 1002 [SUSPENDED]",
            "next -> yielded 10 [SUSPENDED]",
            "next -> yielded 20 [SUSPENDED]",
            "next -> yielded 23 [SUSPENDED]",
            "next -> StopIteration(4) [CLOSED]"),
        Transcript.of(() -> compiled.generated("test.Dollars", "m", List.of(1, 2), 1000),
            "next", "next", "next", "next", "next", "next"));
  }

  @Test
  void enclosingClassesNamedLikeTheRuntimeTypes() {
    // The generated files import dev.jcoro.Generator and dev.jcoro.StateMachine; the user's own
    // classes of those names, in the same package, must keep their meaning in copied code.
    String source = HEADER + "\n"
        + "final class Generator {\n"
        + "  static int helper() {\n"
        + "    return 5;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    int v = Generator.helper();\n"
        + "    co.yield(v);\n"
        + "    co.yield(StateMachine.twice(v));\n"
        + "  }\n"
        + "}\n"
        + "\n"
        + "final class StateMachine {\n"
        + "  static int twice(int v) {\n"
        + "    return 2 * v;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void n(Yield<Integer, Void> co) {\n"
        + "    co.yield(twice(1));\n"
        + "    co.yield(StateMachine.twice(2));\n"
        + "  }\n"
        + "}\n";
    // Two classes in one file also draw [auxiliaryclass] when another file names StateMachine:
    // the user's file is the only one that does.
    CompiledSources compiled = clean("test.Generator", source);
    assertEquals(List.of(5, 10), drain(compiled.generated("test.Generator", "m"), 5));
    assertEquals(List.of(2, 4), drain(compiled.generated("test.StateMachine", "n"), 5));
  }

  @Test
  void coroutinesInARecordAndAnEnum() {
    String source = HEADER + "\n"
        + "final class Holder {\n"
        + "  record Point(int x, int y) {\n"
        + "    @Coroutine\n"
        + "    static void corners(Yield<Point, Void> co, int size) {\n"
        + "      Point origin = new Point(0, 0);\n"
        + "      co.yield(origin);\n"
        + "      co.yield(new Point(size, size));\n"
        + "    }\n"
        + "  }\n"
        + "\n"
        + "  enum Color {\n"
        + "    RED, GREEN;\n"
        + "\n"
        + "    @Coroutine\n"
        + "    static void cycle(Yield<Color, Void> co, int n) {\n"
        + "      for (int i = 0; i < n; i++) {\n"
        + "        co.yield(values()[i % 2]);\n"
        + "      }\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Holder", source);
    assertEquals("[Point[x=0, y=0], Point[x=3, y=3]]",
        drain(compiled.generated("test.Holder$Point", "corners", 3), 5).toString());
    assertEquals("[RED, GREEN, RED]",
        drain(compiled.generated("test.Holder$Color", "cycle", 3), 5).toString());
  }

  @Test
  void brokenImportLines() {
    // The user's broken imports are reported once, on the user's file; copying them into the
    // generated file reports them again where the user can't fix them.
    String source = HEADER
        + "import java.util.Lisst;\n"
        + "import nonexistent.pkg.*;\n"
        + "\n"
        + "final class BrokenImports {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    co.yield(2);\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = rejected("test.BrokenImports", source, "cannot find symbol",
        "package nonexistent.pkg does not exist");
    errorOnLine(compilation, lineOf(source, "Lisst"), "cannot find symbol");
  }

  @Test
  void arraysAndNestedGenerics() {
    String source = HEADER
        + "import java.util.ArrayList;\n"
        + "import java.util.LinkedHashMap;\n"
        + "import java.util.List;\n"
        + "import java.util.Map;\n"
        + "\n"
        + "final class Shapes {\n"
        + "  @Coroutine\n"
        + "  static int[][] grid(Yield<int[], String[]> co, int[]... rows) {\n"
        + "    String[] words = co.yield(rows[0]);\n"
        + "    int[][] result = new int[][] {{words.length}, rows[1]};\n"
        + "    co.yield(result[0]);\n"
        + "    return result;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static <K extends Comparable<K>, V extends List<? super K>> Map<K, V> entries(\n"
        + "      Yield<Map.Entry<K, V>, K> co, Map<K, V> in) {\n"
        + "    for (Map.Entry<K, V> e : in.entrySet()) {\n"
        + "      K k = co.yield(e);\n"
        + "      e.getValue().add(k);\n"
        + "    }\n"
        + "    return in;\n"
        + "  }\n"
        + "}\n";
    CompiledSources compiled = clean("test.Shapes", source);
    Generator<Object, Object, Object> grid =
        compiled.generated("test.Shapes", "grid", (Object) new int[][] {{1, 2}, {3}});
    assertEquals("[1, 2]", Arrays.toString((int[]) grid.next()));
    assertEquals("[2]", Arrays.toString((int[]) grid.send(new String[] {"a", "b"})));
    StopIteration stop = assertThrows(StopIteration.class, grid::next);
    assertEquals("[[2], [3]]", Arrays.deepToString((int[][]) stop.value()));
    Map<String, List<Object>> in = new java.util.LinkedHashMap<>();
    in.put("a", new ArrayList<>());
    in.put("b", new ArrayList<>());
    Generator<Object, Object, Object> entries = compiled.generated("test.Shapes", "entries", in);
    assertEquals("a=[]", entries.next().toString());
    assertEquals("b=[]", entries.send("x").toString());
    assertThrows(StopIteration.class, () -> entries.send("y"));
    assertEquals("{a=[x], b=[y]}", in.toString());
  }
}
