package dev.jcoro.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which jumps {@link JumpThreading} replaces, and with what. Behaviour is tested end to end by the
 * compile-and-run suites (every program there is threaded); these pin the rules.
 */
class JumpThreadingTest {
  private static final Map<String, String> FIELDS =
      Map.of("i", "int", "boxed", "Integer", "max", "T", "list", "java.util.List<String>");

  private static StateMachineModel.State state(int label, String code) {
    return new StateMachineModel.State(List.of(label), null, code);
  }

  private static List<String> thread(StateMachineModel.State... states) {
    return JumpThreading.thread(List.of(states), FIELDS, "dispatch").stream()
        .map(StateMachineModel.State::code)
        .toList();
  }

  @Test
  void aJumpToAYieldBecomesTheYieldWithTheFieldQualified() {
    List<String> code = thread(
        state(1, "int max = sent;\nthis.label = 2;\ncontinue dispatch;\n"),
        state(2, "this.label = 3;\nreturn max;\n"));
    // The local max at the jump would hide the field the copied yield means.
    assertEquals("int max = sent;\nthis.label = 3;\nreturn this.max;\n", code.get(0));
    assertEquals("this.label = 3;\nreturn max;\n", code.get(1));
  }

  /** A jump nested in copied Java may have a finally block to run on the way: it stays a jump. */
  @Test
  void onlyTopLevelJumpsAreReplaced() {
    String nested = "try {\n  if (x) {\n    this.label = 2;\n    continue dispatch;\n  }\n}"
        + " finally {\n  log();\n}\nthis.label = 2;\ncontinue dispatch;\n";
    List<String> code = thread(state(1, nested), state(2, "i++;\nthis.label = 3;\nreturn null;\n"));
    assertEquals(nested.replace("}\nthis.label = 2;\ncontinue dispatch;\n",
        "}\nthis.i++;\nthis.label = 3;\nreturn null;\n"), code.get(0));
  }

  @Test
  void clearsAndPrimitiveStepsComeAlongAndChainsAreFollowed() {
    List<String> code = thread(
        state(1, "foo();\nthis.label = 2;\ncontinue dispatch;\n"),
        state(2, "this.list = null;\ni++;\nthis.label = 3;\ncontinue dispatch;\n"),
        state(3, "return complete(i);\n"));
    assertEquals("foo();\nthis.list = null;\nthis.i++;\nreturn complete(this.i);\n", code.get(0));
    assertEquals("this.list = null;\ni++;\nreturn complete(this.i);\n", code.get(1));
  }

  @Test
  void codeThatCanThrowOrDeclaresIsNotCopied() {
    String boxedStep = "boxed++;\nthis.label = 3;\nreturn null;\n";
    String call = "this.label = 3;\nreturn compute();\n";
    String local = "int x = 1;\nthis.label = 3;\nreturn null;\n";
    for (String target : List.of(boxedStep, call, local)) {
      List<String> code = thread(state(1, "this.label = 2;\ncontinue dispatch;\n"), state(2, target));
      assertEquals("this.label = 2;\ncontinue dispatch;\n", code.get(0), target);
    }
  }

  @Test
  void aLoopOfJumpsStopsAfterAFewCopies() {
    List<String> code = thread(
        state(1, "this.label = 2;\ncontinue dispatch;\n"),
        state(2, "this.label = 1;\ncontinue dispatch;\n"));
    for (String each : code) {
      assertTrue(each.matches("this\\.label = [12];\ncontinue dispatch;\n"), each);
    }
  }
}
