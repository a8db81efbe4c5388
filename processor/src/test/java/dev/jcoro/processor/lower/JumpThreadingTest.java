package dev.jcoro.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
    return JumpThreading.thread(List.of(states), FIELDS, Set.of(), "at", "dispatch").stream()
        .map(StateMachineModel.State::code)
        .toList();
  }

  @Test
  void aJumpToAYieldBecomesTheYieldWithTheFieldQualified() {
    List<String> code = thread(
        state(1, "int max = sent;\nat = 2;\ncontinue dispatch;\n"),
        state(2, "return suspendAt(3, max);\n"));
    // The local max at the jump would hide the field the copied yield means.
    assertEquals("int max = sent;\nreturn suspendAt(3, this.max);\n", code.get(0));
    assertEquals("return suspendAt(3, max);\n", code.get(1));
  }

  /** A state local is a local of resume, in scope at every jump: copied as it is. */
  @Test
  void aStateLocalInTheYieldIsNotQualified() {
    List<String> code = JumpThreading.thread(List.of(
            state(1, "boxed = sent;\nat = 2;\ncontinue dispatch;\n"),
            state(2, "return suspendAt(3, boxed);\n")),
        FIELDS, Set.of("boxed"), "at", "dispatch").stream()
        .map(StateMachineModel.State::code)
        .toList();
    assertEquals("boxed = sent;\nreturn suspendAt(3, boxed);\n", code.get(0));
  }

  /** A jump nested in copied Java may have a finally block to run on the way: it stays a jump. */
  @Test
  void onlyTopLevelJumpsAreReplaced() {
    String nested = "try {\n  if (x) {\n    at = 2;\n    continue dispatch;\n  }\n}"
        + " finally {\n  log();\n}\nat = 2;\ncontinue dispatch;\n";
    List<String> code = thread(state(1, nested), state(2, "i++;\nreturn suspendAt(3, null);\n"));
    assertEquals(nested.replace("}\nat = 2;\ncontinue dispatch;\n",
        "}\nthis.i++;\nreturn suspendAt(3, null);\n"), code.get(0));
  }

  @Test
  void clearsAndPrimitiveStepsComeAlongAndChainsAreFollowed() {
    List<String> code = thread(
        state(1, "foo();\nat = 2;\ncontinue dispatch;\n"),
        state(2, "this.list = null;\ni++;\nat = 3;\ncontinue dispatch;\n"),
        state(3, "return complete(i);\n"));
    assertEquals("foo();\nthis.list = null;\nthis.i++;\nreturn complete(this.i);\n", code.get(0));
    assertEquals("this.list = null;\ni++;\nreturn complete(this.i);\n", code.get(1));
  }

  @Test
  void codeThatCanThrowOrDeclaresIsNotCopied() {
    String boxedStep = "boxed++;\nreturn suspendAt(3, null);\n";
    String call = "return suspendAt(3, compute());\n";
    String local = "int x = 1;\nreturn suspendAt(3, null);\n";
    for (String target : List.of(boxedStep, call, local)) {
      List<String> code = thread(state(1, "at = 2;\ncontinue dispatch;\n"), state(2, target));
      assertEquals("at = 2;\ncontinue dispatch;\n", code.get(0), target);
    }
  }

  @Test
  void aLoopOfJumpsStopsAfterAFewCopies() {
    List<String> code = thread(
        state(1, "at = 2;\ncontinue dispatch;\n"),
        state(2, "at = 1;\ncontinue dispatch;\n"));
    for (String each : code) {
      assertTrue(each.matches("at = [12];\ncontinue dispatch;\n"), each);
    }
  }
}
