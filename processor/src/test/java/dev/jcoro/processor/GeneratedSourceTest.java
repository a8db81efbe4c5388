package dev.jcoro.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.jcoro.Generator;
import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the generated files (docs/design.md, "The generated code"): their names, the
 * {@code @Generated} marker, the factories' signatures, priming, and the comment naming the original
 * line beside each resumption point; and that they compile cleanly under {@code -Xlint:all}.
 */
class GeneratedSourceTest {
  private static final String SOURCE = String.join("\n",
      /*  1 */ "package test;",
      /*  2 */ "",
      /*  3 */ "import dev.jcoro.Coroutine;",
      /*  4 */ "import dev.jcoro.Yield;",
      /*  5 */ "",
      /*  6 */ "final class Outer {",
      /*  7 */ "  @Coroutine(primed = true)",
      /*  8 */ "  static void averager(Yield<Double, Integer> co, int window, String name) {",
      /*  9 */ "    double total = 0;",
      /* 10 */ "    int count = 0;",
      /* 11 */ "    while (count < window) {",
      /* 12 */ "      int value = co.yield(count == 0 ? 0.0 : total / count);",
      /* 13 */ "      total += value;",
      /* 14 */ "      count++;",
      /* 15 */ "    }",
      /* 16 */ "    System.out.println(name + \": \" + total / count);",
      /* 17 */ "  }",
      /* 18 */ "",
      /* 19 */ "  @Coroutine",
      /* 20 */ "  static <T extends Comparable<T>> T runningMax(Yield<T, T> co, T start) {",
      /* 21 */ "    T max = start;",
      /* 22 */ "    while (true) {",
      /* 23 */ "      T next = co.yield(max);",
      /* 24 */ "      if (next == null) {",
      /* 25 */ "        return max;",
      /* 26 */ "      }",
      /* 27 */ "      if (next.compareTo(max) > 0) {",
      /* 28 */ "        max = next;",
      /* 29 */ "      }",
      /* 30 */ "    }",
      /* 31 */ "  }",
      /* 32 */ "",
      /* 33 */ "  static final class Inner {",
      /* 34 */ "    @Coroutine",
      /* 35 */ "    static String echo(Yield<String, String> co) {",
      /* 36 */ "      String first = co.receive();",
      /* 37 */ "      co.yield(first.toUpperCase());",
      /* 38 */ "      return first;",
      /* 39 */ "    }",
      /* 40 */ "  }",
      /* 41 */ "}",
      "");

  private static CompiledSources compiled;
  private static String outer;
  private static String inner;

  @BeforeAll
  static void compile() throws IOException {
    // Asserts a successful compilation with no warnings and no errors under -Xlint:all.
    compiled = CompiledSources.compile("test.Outer", SOURCE);
    outer = generated("test.OuterCoroutines");
    inner = generated("test.Outer_InnerCoroutines");
  }

  private static String generated(String name) throws IOException {
    Compilation compilation = compiled.compilation();
    assertThat(compilation).generatedSourceFile(name);
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void compilesCleanlyUnderXlintAll() {
    Compilation compilation = compiled.compilation();
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(), compilation.errors());
    assertEquals(List.of(), compilation.warnings());
  }

  @Test
  void oneFilePerEnclosingTypeInItsPackage() {
    List<String> names = compiled.compilation().generatedSourceFiles().stream()
        .map(f -> f.getName().replaceAll("^.*/SOURCE_OUTPUT/", ""))
        .sorted()
        .collect(Collectors.toList());
    assertEquals(List.of("test/OuterCoroutines.java", "test/Outer_InnerCoroutines.java"), names);
    assertTrue(outer.startsWith("package test;"), outer);
    assertTrue(inner.startsWith("package test;"), inner);
    assertTrue(outer.contains("final class OuterCoroutines {"), outer);
    assertTrue(inner.contains("final class Outer_InnerCoroutines {"), inner);
  }

  /**
   * jcoro's own {@code @Generated}, not {@code javax.annotation.processing}'s, which a modular
   * user would have to read module {@code java.compiler} for; on the factory class and on each
   * state machine, which are class files of their own to coverage tools.
   */
  @Test
  void markedGenerated() {
    String generated = "@Generated(\"dev.jcoro.processor.CoroutineProcessor\")";
    for (String file : List.of(outer, inner)) {
      assertTrue(file.contains("\nimport dev.jcoro.Generated;\n"), file);
      assertFalse(file.contains("javax.annotation"), file);
      assertTrue(file.contains(generated + "\nfinal class "), file);
    }
    assertTrue(outer.contains(generated + "\n  private static final class AveragerStateMachine "), outer);
    assertTrue(outer.contains(generated + "\n  private static final class RunningMaxStateMachine<"), outer);
    assertTrue(inner.contains(generated + "\n  private static final class EchoStateMachine "), inner);
  }

  /**
   * A local type moved into the state machine is a class file of its own, marked too; one named
   * {@code Generated} takes that simple name inside the state machine, so the mark is qualified.
   */
  @Test
  void movedLocalTypesAreMarkedGenerated() throws IOException {
    String source = String.join("\n",
        "package test;",
        "",
        "import dev.jcoro.Coroutine;",
        "import dev.jcoro.Yield;",
        "",
        "final class Local {",
        "  @Coroutine",
        "  static void pairs(Yield<String, Void> co, int n) {",
        "    record Pair(int left, int right) {}",
        "    record Generated(Pair pair) {}",
        "    for (int i = 0; i < n; i++) {",
        "      Generated made = new Generated(new Pair(i, -i));",
        "      co.yield(made.pair().left() + \"/\" + made.pair().right());",
        "    }",
        "  }",
        "}",
        "");
    CompiledSources local = CompiledSources.compile("test.Local", source);
    String text = local.compilation().generatedSourceFile("test.LocalCoroutines").orElseThrow()
        .getCharContent(true).toString();
    String mark = "(\"dev.jcoro.processor.CoroutineProcessor\")";
    assertTrue(text.contains("    @dev.jcoro.Generated" + mark + "\n    record Pair(int left, int right) {"),
        text);
    assertTrue(text.contains("    @dev.jcoro.Generated" + mark + "\n    record Generated(Pair pair) {"),
        text);
    assertEquals(List.of("iterate -> iterated [0/0, 1/-1] [CLOSED]"),
        Transcript.of(() -> local.generated("test.Local", "pairs", 2), "iterate"));
  }

  /**
   * The cases of the dispatch switch and of the try-region table come in ascending order of their
   * labels, which the lowering numbers as it makes them, not in body order.
   */
  @Test
  void caseLabelsInAscendingOrder() throws IOException {
    String source = String.join("\n",
        "package test;",
        "",
        "import dev.jcoro.Coroutine;",
        "import dev.jcoro.Yield;",
        "import java.util.List;",
        "",
        "final class Labels {",
        "  @Coroutine",
        "  static void reader(Yield<String, String> co, List<String> lines) {",
        "    int read = 0;",
        "    try {",
        "      while (true) {",
        "        for (String line : lines) {",
        "          String command = co.yield(line);",
        "          switch (command == null ? \"\" : command) {",
        "            case \"skip\":",
        "              continue;",
        "            case \"twice\": {",
        "              co.yield(line);",
        "              break;",
        "            }",
        "            default:",
        "              read++;",
        "          }",
        "        }",
        "      }",
        "    } finally {",
        "      System.out.println(\"closed after \" + read);",
        "    }",
        "  }",
        "}",
        "");
    CompiledSources labels = CompiledSources.compile("test.Labels", source);
    String text = labels.compilation().generatedSourceFile("test.LabelsCoroutines").orElseThrow()
        .getCharContent(true).toString();
    String resume = text.substring(text.indexOf(" resume("), text.indexOf(" handler("));
    String handler = text.substring(text.indexOf(" handler("));
    for (String method : List.of(resume, handler)) {
      // The dispatch switch: the first label of each case group; the table: every label.
      List<Integer> cases = new java.util.ArrayList<>();
      java.util.regex.Matcher label = java.util.regex.Pattern
          .compile(method == resume ? "\n\\s*case (\\d+):" : "case (\\d+):").matcher(method);
      while (label.find()) {
        cases.add(Integer.parseInt(label.group(1)));
      }
      assertTrue(cases.size() >= 5, method);
      assertEquals(cases.stream().sorted().distinct().collect(Collectors.toList()), cases, text);
    }
    // The cases ascend but where one falls through into the state it jumps to: a state that only
    // jumps back to the loop's condition (the end of the yield's iteration) is one of its labels.
    assertTrue(resume.contains("case 6: case 13: { // line 13: for (String line : lines) {"), resume);
    // The order changes nothing: a case ends in a jump, a return or a throw, or falls through.
    List<String> transcript = labels.assertMatchesReference("test.Labels", "reader",
        new Object[] {List.of("a", "b")}, "next", "send:skip", "send:twice", "send:x", "send:y",
        "send:z", "close");
    assertTrue(transcript.contains("  | closed after 2"), String.join("\n", transcript));
  }

  @Test
  void factorySignatures() {
    assertTrue(outer.contains(
        "static Generator<Double, Integer, Void> averager(int window, String name) {"), outer);
    assertTrue(outer.contains(
        "static <T extends Comparable<T>> Generator<T, T, T> runningMax(T start) {"), outer);
    assertTrue(inner.contains("static Generator<String, String, String> echo() {"), inner);
    // The handle is not a factory parameter.
    assertFalse(outer.contains("Yield<"), outer);
    assertFalse(inner.contains("Yield<"), inner);
  }

  @Test
  void primedFactoryCallsNext() {
    String averager = factoryBody(outer, "averager(int window, String name) {");
    assertTrue(averager.contains(".next();"), averager);
    String runningMax = factoryBody(outer, "runningMax(T start) {");
    assertFalse(runningMax.contains("next()"), runningMax);
    String echo = factoryBody(inner, "echo() {");
    assertFalse(echo.contains("next()"), echo);
  }

  @Test
  void eachResumptionPointNamesItsOriginalLine() {
    assertTrue(outer.contains(
        "// line 12: int value = co.yield(count == 0 ? 0.0 : total / count);"), outer);
    assertTrue(outer.contains("// line 23: T next = co.yield(max);"), outer);
    assertTrue(inner.contains("// line 36: String first = co.receive();"), inner);
    assertTrue(inner.contains("// line 37: co.yield(first.toUpperCase());"), inner);
  }

  @Test
  void oneStateMachineClassPerCoroutine() {
    assertTrue(outer.contains("class AveragerStateMachine"), outer);
    assertTrue(outer.contains("class RunningMaxStateMachine<T extends Comparable<T>>"), outer);
    assertTrue(inner.contains("class EchoStateMachine"), inner);
  }

  @Test
  void generatedFactoriesRun() {
    Generator<Double, Integer, Void> averager = compiled.generated("test.Outer", "averager", 2, "avg");
    assertEquals(Generator.State.SUSPENDED, averager.state());
    assertEquals(4.0, averager.send(4));

    Generator<Integer, Integer, Integer> max = compiled.generated("test.Outer", "runningMax", 3);
    assertEquals(3, max.next());
    assertEquals(5, max.send(5));
    assertEquals(5, max.send(1));

    Generator<String, String, String> echo = compiled.generated("test.Outer$Inner", "echo");
    assertEquals(null, echo.next());
    assertEquals("HI", echo.send("hi"));
  }

  /**
   * A resumption that loops back to a yield returns at once (jump threading): the state that only
   * yields is copied to the jumps to it, so no send of runningMax goes round the dispatch loop.
   */
  @Test
  void aJumpToAYieldIsReplacedByTheYield() {
    String runningMax = stateMachine(outer, "RunningMaxStateMachine");
    assertFalse(runningMax.contains("continue dispatch;"), runningMax);
    assertTrue(runningMax.contains("    max = next;\n"), runningMax);
    // The yield at line 23, copied to the end of the state that resumes there.
    assertTrue(runningMax.matches(
        "(?s).*max = next;\\s*}\\s*return suspendAt\\(\\d+, this\\.max\\);.*"), runningMax);
  }

  /** Each class calls its own resume from its own send, so the JIT sees one receiver per call. */
  @Test
  void eachStateMachineHasItsOwnSend() {
    for (String[] machine : List.of(
        new String[] {"AveragerStateMachine", "public Double send(Integer value) {"},
        new String[] {"RunningMaxStateMachine", "public T send(T value) {"})) {
      String text = stateMachine(outer, machine[0]);
      assertTrue(text.contains(machine[1] + "\n      return leave(resume(value, enter(value)));"),
          text);
      // next() is StateMachine's: it calls this send.
      assertFalse(text.contains(" next()"), text);
    }
  }

  /** The text of the state machine class {@code name}, to the next class. */
  private static String stateMachine(String text, String name) {
    int start = text.indexOf("class " + name);
    assertTrue(start >= 0, "no " + name + " in\n" + text);
    int end = text.indexOf("  private static final class ", start + 1);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /** The text of the factory whose signature ends with {@code signatureEnd}, to its closing brace. */
  private static String factoryBody(String text, String signatureEnd) {
    int start = text.indexOf(signatureEnd);
    assertTrue(start >= 0, "no factory " + signatureEnd + " in\n" + text);
    int end = text.indexOf("\n  }", start);
    return text.substring(start, end);
  }
}
