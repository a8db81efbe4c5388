package dev.jcoro.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jcoro.processor.testing.SourceLines.lineOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jcoro.processor.testing.CompiledSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every error the processor reports (docs/semantics.md, "What jcoro refuses"): each bad source gets exactly one error, saying what
 * to write instead, on the offending line, which the source marks with {@code // <--}; and the
 * processor generates nothing for the rejected method.
 */
class DiagnosticsTest {
  private static final String MARK = "// <--";
  private static final String HEADER = "package test;\n"
      + "\n"
      + "import dev.jcoro.Coroutine;\n"
      + "import dev.jcoro.Generator;\n"
      + "import dev.jcoro.Yield;\n"
      + "\n";

  // ---------------------------------------------------------------- signatures

  @Test
  void firstParameterNotTheHandle() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(\n"
        + "      int n, " + MARK + "\n"
        + "      Yield<Void, Integer> co) {\n"
        + "    co.receive();\n"
        + "  }\n"
        + "}\n",
        "the handle `co` must be a @Coroutine method's first parameter",
        "`m(Yield<Void, Integer> co, int n)`");
  }

  @Test
  void noParameters() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m() { " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "first parameter must be the handle, Yield<Y, S>");
  }

  @Test
  void rawHandle() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  @SuppressWarnings(\"rawtypes\")\n"
        + "  static void m(\n"
        + "      Yield co) { " + MARK + "\n"
        + "    co.receive();\n"
        + "  }\n"
        + "}\n",
        "first parameter must be the handle, Yield<Y, S>");
  }

  @Test
  void wildcardHandle() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(\n"
        + "      Yield<?, Integer> co) { " + MARK + "\n"
        + "    co.receive();\n"
        + "  }\n"
        + "}\n",
        "the handle must name its types, without wildcards",
        "declare it `Yield<Object, Integer> co`");
  }

  @Test
  void abstractMethod() {
    assertOneError("X", ""
        + "abstract class X {\n"
        + "  @Coroutine\n"
        + "  abstract void m(Yield<Void, Integer> co); " + MARK + "\n"
        + "}\n",
        "@Coroutine needs a method with a body: it cannot be abstract or native");
  }

  @Test
  void nativeMethod() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static native void m(Yield<Void, Integer> co); " + MARK + "\n"
        + "}\n",
        "@Coroutine needs a method with a body: it cannot be abstract or native");
  }

  @Test
  void privateMethod() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  private static void m(Yield<Void, Integer> co) { " + MARK + "\n"
        + "    co.receive();\n"
        + "  }\n"
        + "\n"
        + "  static void use() {\n"
        + "    m(null);\n"
        + "  }\n"
        + "}\n",
        "a @Coroutine method cannot be private", "XCoroutines", "make it package-private");
  }

  @Test
  void privateEnclosingClass() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  private static final class Hidden {\n"
        + "    @Coroutine\n"
        + "    static void m(Yield<Void, Integer> co) { " + MARK + "\n"
        + "      co.receive();\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        "cannot be in a private class", "make Hidden package-private");
  }

  @Test
  void superInAnInstanceCoroutine() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  void printer(Yield<Void, Integer> co) {\n"
        + "    co.receive();\n"
        + "    System.out.println(super.toString()); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "`super` can't be reached from the generated class");
  }

  @Test
  void memberOfAnEnclosingInstance() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  int total;\n"
        + "\n"
        + "  final class Inner {\n"
        + "    @Coroutine\n"
        + "    void add(Yield<Void, Integer> co) {\n"
        + "      int value = co.receive();\n"
        + "      total += value; " + MARK + "\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        "`total` belongs to an enclosing instance", "pass what it needs as a parameter");
  }

  @Test
  void enclosingInstanceNamedWithThis() {
    // The inner class has an m() of its own: Outer.this.m() must not become a call of that one.
    assertOneError("X", ""
        + "final class X {\n"
        + "  String m() { return \"outer\"; }\n"
        + "\n"
        + "  final class Inner {\n"
        + "    String m() { return \"inner\"; }\n"
        + "\n"
        + "    @Coroutine\n"
        + "    void show(Yield<String, Void> co) {\n"
        + "      co.yield(m());\n"
        + "      co.yield(X.this.m()); " + MARK + "\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        "`X` belongs to an enclosing instance", "pass what it needs as a parameter");
  }

  // ---------------------------------------------------------------- the handle escaping

  @Test
  void handlePassedToAMethod() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  static void consume(Object o) {}\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    consume(co); " + MARK + "\n"
        + "    co.receive();\n"
        + "  }\n"
        + "}\n",
        "the handle `co` can only be the receiver of a yield", "it can't be passed, stored, captured or returned");
  }

  @Test
  void handleStoredInALocal() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    Yield<Void, Integer> alias = co; " + MARK + "\n"
        + "    alias.receive();\n"
        + "  }\n"
        + "}\n",
        "the handle `co` can only be the receiver of a yield", "it can't be passed, stored, captured or returned");
  }

  @Test
  void handleStoredInAField() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  static Yield<?, ?> saved;\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    co.receive();\n"
        + "    saved = co; " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "the handle `co` can only be the receiver of a yield", "it can't be passed, stored, captured or returned");
  }

  @Test
  void handleCapturedByALambda() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    Runnable show = () -> System.out.println(co); " + MARK + "\n"
        + "    co.receive();\n"
        + "    show.run();\n"
        + "  }\n"
        + "}\n",
        "the handle `co` can only be the receiver of a yield", "it can't be passed, stored, captured or returned");
  }

  @Test
  void handleReturned() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static Object m(Yield<Void, Integer> co) {\n"
        + "    co.receive();\n"
        + "    return co; " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "the handle `co` can only be the receiver of a yield", "it can't be passed, stored, captured or returned");
  }

  @Test
  void handleCompared() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    if (co == null) { " + MARK + "\n"
        + "      return;\n"
        + "    }\n"
        + "    co.receive();\n"
        + "  }\n"
        + "}\n",
        "the handle `co` can only be the receiver of a yield", "it can't be passed, stored, captured or returned");
  }

  // ---------------------------------------------------------------- yields out of place

  @Test
  void yieldInsideALambda() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    Runnable r = () -> co.receive(); " + MARK + "\n"
        + "    r.run();\n"
        + "  }\n"
        + "}\n",
        "a yield belongs to the coroutine body itself");
  }

  @Test
  void yieldInsideAnAnonymousClass() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    Runnable r = new Runnable() {\n"
        + "      @Override\n"
        + "      public void run() {\n"
        + "        co.receive(); " + MARK + "\n"
        + "      }\n"
        + "    };\n"
        + "    r.run();\n"
        + "  }\n"
        + "}\n",
        "a yield belongs to the coroutine body itself");
  }

  @Test
  void yieldInsideALocalClass() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    final class Reader {\n"
        + "      Integer read() {\n"
        + "        return co.receive(); " + MARK + "\n"
        + "      }\n"
        + "    }\n"
        + "    System.out.println(new Reader().read());\n"
        + "  }\n"
        + "}\n",
        "a yield belongs to the coroutine body itself");
  }

  @Test
  void yieldInsideSynchronized() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  static final Object LOCK = new Object();\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    synchronized (LOCK) {\n"
        + "      co.receive(); " + MARK + "\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        "a yield inside `synchronized` would hold the monitor across a suspension");
  }

  @Test
  void yieldAfterAnOperandWhoseTypeCantBeRead() {
    // `pick(List.of()).size()` is evaluated before the yield and must be kept: jcoro reads
    // neither its type nor whether it is a number or a reference (List.of()'s type is inferred
    // at the call).
    assertOneError("X", ""
        + "import java.util.List;\n"
        + "\n"
        + "final class X {\n"
        + "  static void f(int a, int b) {}\n"
        + "\n"
        + "  static <T> T pick(T value) {\n"
        + "    return value;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    f(pick(List.of()).size(), co.receive()); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "`pick(List.of()).size()` is evaluated before the yield and must be kept",
        "give it a local of its own");
  }

  @Test
  void switchExpressionWhoseTypeCantBeRead() {
    // Its value is kept while its cases yield: a String or an int, given to println(Object).
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, String> co, int n) {\n"
        + "    System.out.println(switch (n) { " + MARK + "\n"
        + "      case 1 -> co.yield(\"one\");\n"
        + "      default -> 0;\n"
        + "    });\n"
        + "  }\n"
        + "}\n",
        "the value of this switch expression is kept across a suspension",
        "(its results are `String` and `int`)", "assign it to a local of its own");
  }

  // ---------------------------------------------------------------- what the copied code can't do

  @Test
  void privateStaticFieldUsedAfterAYield() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  private static int secret = 42;\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    System.out.println(secret); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "`secret` is private", "make it package-private");
  }

  @Test
  void privateNestedTypeUsedInTheBody() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  private static final class Box {\n"
        + "    int n = 1;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    Box box = new Box(); " + MARK + "\n"
        + "    co.yield(box.n);\n"
        + "  }\n"
        + "}\n",
        "`Box` is private", "make it package-private");
  }

  @Test
  void privateFieldNamedThroughItsClass() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  private static int secret = 42;\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    System.out.println(X.secret); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "`secret` is private", "make it package-private");
  }

  @Test
  void privateStaticMethodUsedAfterAYield() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  private static int helper() {\n"
        + "    return 42;\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    System.out.println(helper()); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "`helper` is private", "make it package-private");
  }

  @Test
  void varLocalOfAnAnonymousClassAcrossAYield() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    var counter = new Object() { int n = 1; }; " + MARK + "\n"
        + "    co.yield(counter.n);\n"
        + "    System.out.println(counter.n);\n"
        + "  }\n"
        + "}\n",
        "`var counter` lives across a yield", "an anonymous class extending `Object`",
        "give it an explicit type");
  }

  @Test
  void varLocalOfAnIntersectionTypeAcrossAYield() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Object, Void> co, boolean flag) {\n"
        + "    var either = flag ? Integer.valueOf(1) : \"one\"; " + MARK + "\n"
        + "    co.yield(either);\n"
        + "    co.yield(either);\n"
        + "  }\n"
        + "}\n",
        "`var either` lives across a yield", "the intersection `", "give it an explicit type");
  }

  @Test
  void recursion() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void countdown(Yield<Integer, Void> co, int n) {\n"
        + "    co.yield(n);\n"
        + "    countdown(co, n - 1); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "a @Coroutine method can't call itself", "XCoroutines.countdown(...)");
  }

  @Test
  void recursionWithTheHandleOnly() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Void> co) {\n"
        + "    m(co); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "a @Coroutine method can't call itself", "XCoroutines.m(...)");
  }

  // ---------------------------------------------------------------- one method's failure stays its own

  @Test
  void aGoodMethodBesideABadOneIsStillGenerated() {
    // Without an import of Generator, which would make the factory name it in full.
    String source = HEADER.replace("import dev.jcoro.Generator;\n", "")
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void bad(Yield<Void, Integer> co) {\n"
        + "    Runnable r = () -> co.receive(); " + MARK + "\n"
        + "    r.run();\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void good(Yield<Integer, Void> co, int limit) {\n"
        + "    for (int i = 0; i < limit; i++) {\n"
        + "      co.yield(i);\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
    JavaFileObject file = JavaFileObjects.forSourceString("test.X", source);
    Compilation compilation = CompiledSources.javac(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertErrorOnLine(compilation, file, markedLine(source),
        "a yield belongs to the coroutine body itself");
    // compile-testing hides the generated files of a failed compilation: look at them on disk.
    Map<String, String> sources = generatedDespiteErrors(file);
    assertEquals(Set.of("test.XCoroutines"), sources.keySet());
    String generated = sources.get("test.XCoroutines");
    assertTrue(generated.contains("static Generator<Integer, Void, Void> good(int limit) {"),
        generated);
    assertTrue(generated.contains("GoodStateMachine"), generated);
    assertFalse(generated.contains(" bad("), generated);
    assertFalse(generated.contains("BadStateMachine"), generated);
  }

  @Test
  void everyBadMethodGetsItsOwnError() {
    String source = HEADER
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void first(Yield<Void, Integer> co) {\n"
        + "    Object o = co; " + MARK + "\n"
        + "    System.out.println(o);\n"
        + "  }\n"
        + "\n"
        + "  @Coroutine\n"
        + "  private static void second(Yield<Void, Integer> co) {\n"
        + "    co.receive();\n"
        + "  }\n"
        + "\n"
        + "  static void use() {\n"
        + "    second(null);\n"
        + "  }\n"
        + "}\n";
    JavaFileObject file = JavaFileObjects.forSourceString("test.X", source);
    Compilation compilation = CompiledSources.javac(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertErrorOnLine(compilation, file, markedLine(source),
        "the handle `co` can only be the receiver of a yield");
    assertErrorOnLine(compilation, file, lineOf(source, "private static void second"),
        "a @Coroutine method cannot be private");
    assertEquals(Map.of(), generatedDespiteErrors(file));
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Compiles {@code body} (after the package and import header) and asserts one error, containing
   * every one of {@code parts}, on the line marked {@code // <--}, and that nothing was generated.
   */
  private static void assertOneError(String className, String body, String... parts) {
    String source = HEADER + body;
    JavaFileObject file = JavaFileObjects.forSourceString("test." + className, source);
    Compilation compilation = CompiledSources.javac(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertErrorOnLine(compilation, file, markedLine(source), parts);
    assertEquals(Map.of(), generatedDespiteErrors(file),
        "nothing is generated for a rejected method");
  }

  private static void assertErrorOnLine(
      Compilation compilation, JavaFileObject file, int line, String... parts) {
    for (String part : parts) {
      assertThat(compilation).hadErrorContaining(part).inFile(file).onLine(line);
    }
  }

  /**
   * Compiles {@code sources} again with a new processor, writing to a temporary directory, and
   * returns the generated sources by qualified name: compile-testing's {@link Compilation} refuses
   * to show the generated files of a failed compilation.
   */
  private static Map<String, String> generatedDespiteErrors(JavaFileObject... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path root = null;
    try {
      root = Files.createTempDirectory("jcoro-diagnostics");
      Path generated = Files.createDirectory(root.resolve("generated"));
      Path classes = Files.createDirectory(root.resolve("classes"));
      try (StandardJavaFileManager files =
          javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
        files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
        files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
        JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostic -> { },
            List.of("-Xlint:all", "-Xlint:-processing"), null, List.of(sources));
        task.setProcessors(List.of(new CoroutineProcessor()));
        task.call();
      }
      Map<String, String> result = new TreeMap<>();
      try (Stream<Path> walk = Files.walk(generated)) {
        for (Path path : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
          String name = generated.relativize(path).toString()
              .replace(path.getFileSystem().getSeparator(), ".")
              .replaceAll("\\.java$", "");
          result.put(name, Files.readString(path));
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (root != null) {
        delete(root);
      }
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based number of the one line marked {@code // <--}. */
  private static int markedLine(String source) {
    return lineOf(source, MARK);
  }
}
