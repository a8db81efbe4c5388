package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.processor.testing.CompiledSources;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Locals that are not live across a yield stay Java locals of {@code resume}: the
 * generated code behaves as the reference does, and only the locals a resumption may read are
 * fields.
 */
class StateLocalsTest {
  private static final String CLASS = "programs.StateLocals";
  private static final List<String[]> SCRIPTS = List.of(
      new String[] {"next", "send:1", "send:2", "send:3", "next"},
      new String[] {"next", "send:5", "throw:IllegalArgumentException:x", "next"},
      new String[] {"next", "send:1", "close", "next"},
      new String[] {"next", "next", "next", "next", "next", "next"});
  private static CompiledSources compiled;
  private static String generated;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/StateLocals.java"));
    generated = compiled.compilation().generatedSourceFile("programs.StateLocalsCoroutines")
        .orElseThrow().getCharContent(true).toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"echo", "echoForever", "branches", "squares", "caughtAfterYield", "finallyAfterClose",
      "accumulates", "namedError", "markInText", "escapedName", "resourceReference"})
  void matchesTheReference(String method) {
    for (String[] script : SCRIPTS) {
      compiled.assertMatchesReference(CLASS, method, new Object[0], script);
    }
  }

  @Test
  void localsNoResumptionReadsFirstAreLocalsOfResume() {
    for (String[] local : List.of(
        new String[] {"Echo", "Integer value"},
        new String[] {"EchoForever", "Integer value"},
        new String[] {"Branches", "String text"},
        new String[] {"Squares", "int square"})) {
      String machine = stateMachine(local[0]);
      assertTrue(machine.contains(local[1] + " = "), machine);
      assertFalse(machine.contains("private " + local[1] + ";"), machine);
    }
  }

  @Test
  void localsAResumptionMayReadAreFields() {
    for (String[] field : List.of(
        new String[] {"Branches", "int n"},
        new String[] {"Squares", "int i"},
        new String[] {"CaughtAfterYield", "String where"},
        new String[] {"FinallyAfterClose", "String last"},
        new String[] {"Accumulates", "int total"},
        new String[] {"EscapedName", "int x"})) {
      String machine = stateMachine(field[0]);
      assertTrue(machine.contains("private " + field[1] + ";"), machine);
    }
  }

  /** States that jump threading left unreachable are not written: start, receive, yield. */
  @Test
  void unreachableStatesAreLeftOut() {
    String machine = stateMachine("EchoForever");
    assertEquals(3, machine.split("\\bcase \\d+:", -1).length - 1, machine);
  }

  /** A local a case guard reads must stay effectively final: a field (review). */
  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void aLocalACaseGuardReadsIsAField() throws IOException {
    String source = String.join("\n",
        "package guards;",
        "import dev.jcoro.Coroutine;",
        "import dev.jcoro.Yield;",
        "public class Guards {",
        "  @Coroutine",
        "  static String guarded(Yield<String, Integer> co, Object o) {",
        "    int min = 3;",
        "    co.yield(switch (o) { case String s when s.length() > min -> \"long\"; default -> \"short\"; });",
        "    return \"end\";",
        "  }",
        "}");
    CompiledSources guards = CompiledSources.compile("guards.Guards", source);
    for (Object o : List.of("a", "abcd", 7)) {
      guards.assertMatchesReference("guards.Guards", "guarded", new Object[] {o}, "next", "next");
    }
  }

  private static String stateMachine(String name) {
    int start = generated.indexOf("class " + name + "StateMachine");
    assertTrue(start >= 0, generated);
    int end = generated.indexOf(" class ", start + "class ".length());
    return generated.substring(start, end < 0 ? generated.length() : end);
  }
}
