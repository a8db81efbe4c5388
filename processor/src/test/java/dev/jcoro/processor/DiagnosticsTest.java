package dev.jcoro.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jcoro.processor.testing.CompiledSources;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every error the processor reports (SPEC §5): each bad source gets exactly one error, saying what
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
        Messages.HANDLE_PARAMETER);
  }

  @Test
  void noParameters() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m() { " + MARK + "\n"
        + "  }\n"
        + "}\n",
        Messages.HANDLE_PARAMETER);
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
        Messages.HANDLE_PARAMETER);
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
        Messages.HANDLE_WILDCARD);
  }

  @Test
  void abstractMethod() {
    assertOneError("X", ""
        + "abstract class X {\n"
        + "  @Coroutine\n"
        + "  abstract void m(Yield<Void, Integer> co); " + MARK + "\n"
        + "}\n",
        Messages.NOT_A_BODY);
  }

  @Test
  void nativeMethod() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static native void m(Yield<Void, Integer> co); " + MARK + "\n"
        + "}\n",
        Messages.NOT_A_BODY);
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
        String.format(Messages.PRIVATE_METHOD, "X"));
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
        String.format(Messages.PRIVATE_ENCLOSING, "Hidden"));
  }

  @Test
  void localEnclosingClass() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  static void outer() {\n"
        + "    final class Local {\n"
        + "      @Coroutine\n"
        + "      static void m(Yield<Void, Integer> co) { " + MARK + "\n"
        + "        co.receive();\n"
        + "      }\n"
        + "    }\n"
        + "    Local.m(null);\n"
        + "  }\n"
        + "}\n",
        Messages.LOCAL_ENCLOSING);
  }

  @Test
  void instanceMethod() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  void printer(Yield<Void, Integer> co) { " + MARK + "\n"
        + "    co.receive();\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.INSTANCE_METHOD, "printer"));
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
        String.format(Messages.HANDLE_ESCAPES, "co"));
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
        String.format(Messages.HANDLE_ESCAPES, "co"));
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
        String.format(Messages.HANDLE_ESCAPES, "co"));
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
        String.format(Messages.HANDLE_ESCAPES, "co"));
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
        String.format(Messages.HANDLE_ESCAPES, "co"));
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
        String.format(Messages.HANDLE_ESCAPES, "co"));
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
        Messages.YIELD_IN_LAMBDA);
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
        Messages.YIELD_IN_LAMBDA);
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
        Messages.YIELD_IN_LAMBDA);
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
        Messages.YIELD_IN_SYNCHRONIZED);
  }

  @Test
  void yieldFromIsNotSupportedYet() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static Integer m(Yield<String, Void> co, Generator<String, Void, Integer> inner) {\n"
        + "    co.yield(\"start\");\n"
        + "    Integer result = co.yieldFrom(inner); " + MARK + "\n"
        + "    return result;\n"
        + "  }\n"
        + "}\n",
        Messages.YIELD_FROM_UNSUPPORTED);
  }

  @Test
  void yieldInAMethodCallArgument() {
    assertOneError("X", ""
        + "import java.util.List;\n"
        + "\n"
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co, List<Integer> list) {\n"
        + "    while (true) {\n"
        + "      list.add(co.receive()); " + MARK + "\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.YIELD_POSITION, "co.receive()"));
  }

  @Test
  void yieldAfterAnOperandThatMustBeKept() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  static int g() {\n"
        + "    return 1;\n"
        + "  }\n"
        + "\n"
        + "  static void f(int a, int b) {}\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Integer> co) {\n"
        + "    f(g(), co.receive()); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.YIELD_POSITION, "co.receive()"));
  }

  @Test
  void yieldInsideASwitchStatement() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co, int n) {\n"
        + "    switch (n) { " + MARK + "\n"
        + "      case 1:\n"
        + "        co.yield(\"one\");\n"
        + "        break;\n"
        + "      default:\n"
        + "        co.yield(\"many\");\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.UNSUPPORTED_STATEMENT, "a switch statement"));
  }

  @Test
  void yieldInsideTryWithResources() {
    assertOneError("X", ""
        + "import java.io.StringReader;\n"
        + "\n"
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) throws java.io.IOException {\n"
        + "    try (StringReader in = new StringReader(\"ab\")) { " + MARK + "\n"
        + "      co.yield(in.read());\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.UNSUPPORTED_STATEMENT, "try-with-resources"));
  }

  // ---------------------------------------------------------------- what the copied code can't do

  @Test
  void privateStaticFieldUsedAfterAYield() {
    Compilation compilation = assertOneError("X", ""
        + "final class X {\n"
        + "  private static int secret = 42;\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    System.out.println(secret); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.PRIVATE_MEMBER, "secret"));
    assertThat(compilation).hadErrorContaining("`secret` is private");
  }

  @Test
  void privateStaticMethodUsedAfterAYield() {
    Compilation compilation = assertOneError("X", ""
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
        String.format(Messages.PRIVATE_MEMBER, "helper"));
    assertThat(compilation).hadErrorContaining("`helper` is private");
  }

  @Test
  void varLocalAcrossAYield() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    var total = 10; " + MARK + "\n"
        + "    co.yield(total);\n"
        + "    System.out.println(total);\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.VAR_ACROSS_YIELD, "total"));
  }

  @Test
  void varLoopVariableAcrossAYield() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    for (var i = 0; i < 3; i++) { " + MARK + "\n"
        + "      co.yield(i);\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.VAR_ACROSS_YIELD, "i"));
  }

  @Test
  void multiCatchParameterInACatchBlockThatYields() {
    assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, Void> co) {\n"
        + "    try {\n"
        + "      co.yield(\"a\");\n"
        + "    } catch (IllegalStateException | IllegalArgumentException e) { " + MARK + "\n"
        + "      co.yield(e.getMessage());\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.UNION_CATCH_ACROSS_YIELD, "e"));
  }

  @Test
  void recursion() {
    Compilation compilation = assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void countdown(Yield<Integer, Void> co, int n) {\n"
        + "    co.yield(n);\n"
        + "    countdown(co, n - 1); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.RECURSION, "XCoroutines", "countdown"));
    assertThat(compilation).hadErrorContaining("XCoroutines.countdown(...)");
  }

  @Test
  void recursionWithTheHandleOnly() {
    Compilation compilation = assertOneError("X", ""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Void> co) {\n"
        + "    m(co); " + MARK + "\n"
        + "  }\n"
        + "}\n",
        String.format(Messages.RECURSION, "XCoroutines", "m"));
    assertThat(compilation).hadErrorContaining("XCoroutines.m(...)");
  }

  // ---------------------------------------------------------------- one method's failure stays its own

  @Test
  void aGoodMethodBesideABadOneIsStillGenerated() throws IOException {
    String source = HEADER
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
    assertThat(compilation).hadErrorContaining(Messages.YIELD_IN_LAMBDA)
        .inFile(file).onLine(markedLine(source));
    assertThat(compilation).generatedSourceFile("test.XCoroutines");
    String generated = compilation.generatedSourceFile("test.XCoroutines")
        .orElseThrow().getCharContent(true).toString();
    assertTrue(generated.contains("static Generator<Integer, Void, Void> good(int limit)"),
        generated);
    assertTrue(generated.contains("GoodStateMachine"), generated);
    assertFalse(generated.contains(" bad("), generated);
    assertFalse(generated.contains("BadStateMachine"), generated);
    assertEquals(List.of("test.XCoroutines"), generatedSourceNames(compilation));
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
    assertThat(compilation).hadErrorContaining(String.format(Messages.HANDLE_ESCAPES, "co"))
        .inFile(file).onLine(markedLine(source));
    assertThat(compilation).hadErrorContaining(String.format(Messages.PRIVATE_METHOD, "X"))
        .inFile(file).onLine(lineOf(source, "private static void second"));
    assertEquals(List.of(), generatedSourceNames(compilation));
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Compiles {@code body} (after the package and import header) and asserts one error, containing
   * {@code message}, on the line marked {@code // <--}, and that nothing was generated.
   */
  private static Compilation assertOneError(String className, String body, String message) {
    String source = HEADER + body;
    JavaFileObject file = JavaFileObjects.forSourceString("test." + className, source);
    Compilation compilation = CompiledSources.javac(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLine(markedLine(source));
    assertEquals(List.of(), generatedSourceNames(compilation),
        "nothing is generated for a rejected method");
    return compilation;
  }

  private static List<String> generatedSourceNames(Compilation compilation) {
    return compilation.generatedSourceFiles().stream()
        .map(f -> f.getName().replaceAll("^.*/SOURCE_OUTPUT/", "").replaceAll("\\.java$", "")
            .replace('/', '.'))
        .sorted()
        .collect(Collectors.toList());
  }

  /** The 1-based number of the one line marked {@code // <--}. */
  private static int markedLine(String source) {
    return lineOf(source, MARK);
  }

  private static int lineOf(String source, String text) {
    String[] lines = source.split("\n", -1);
    List<Integer> found = IntStream.range(0, lines.length)
        .filter(i -> lines[i].contains(text))
        .boxed()
        .collect(Collectors.toList());
    assertEquals(1, found.size(), "exactly one line must contain " + text);
    return found.get(0) + 1;
  }
}
