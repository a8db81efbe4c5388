package dev.jcoro.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which jumps {@link JumpThreading} replaces, and with what. Behaviour is tested end to end by the
 * compile-and-run suites (every program there is threaded); these pin the rules.
 */
class JumpThreadingTest {
  /** The numeric locals and fields. */
  private static final Set<String> NUMERIC = Set.of("i");

  private static LoweredState state(int label, Code... statements) {
    return new LoweredState(List.of(label), null, List.of(statements), List.of());
  }

  private static Code jump(int label) {
    return Code.of(new Code.Jump(label));
  }

  private static Code suspend(int label, Code value, boolean simple) {
    return Code.of(new Code.Suspend(label, value, simple));
  }

  private static Code local(String name) {
    return Code.of(new Code.Local(name, false));
  }

  private static List<String> thread(Set<String> stateLocals, LoweredState... states) {
    Code.Names names = new Code.Names(stateLocals, "at", "dispatch", false);
    return JumpThreading.thread(List.of(states), NUMERIC, Set.of()).stream()
        .map(state -> state.print(names))
        .toList();
  }

  @Test
  void aJumpToAYieldBecomesTheYieldWithTheFieldQualified() {
    List<String> code = thread(Set.of(),
        state(1, Code.of("int max = sent;"), jump(2)),
        state(2, suspend(3, local("max"), true)));
    // The local max at the jump would hide the field the copied yield means.
    assertEquals("int max = sent;\nreturn suspendAt(3, this.max);\n", code.get(0));
    assertEquals("return suspendAt(3, max);\n", code.get(1));
  }

  /** A state local is a local of resume, in scope at every jump: copied as it is. */
  @Test
  void aStateLocalInTheYieldIsNotQualified() {
    List<String> code = thread(Set.of("boxed"),
        state(1, Code.of(new Code.Assign("boxed", Code.of("sent"))), jump(2)),
        state(2, suspend(3, local("boxed"), true)));
    assertEquals("boxed = sent;\nreturn suspendAt(3, boxed);\n", code.get(0));
  }

  /** A jump nested in copied Java may have a finally block to run on the way: it stays a jump. */
  @Test
  void aJumpInCopiedJavaStaysAJump() {
    Code nested = Code.of("try {\n  if (x) {\n    ", new Code.Jump(2, true), "\n  }\n} finally {\n"
        + "  log();\n}\n", new Code.Jump(2));
    List<String> code = thread(Set.of(), state(1, nested),
        state(2, Code.of(new Code.Step("i", "++", false)), suspend(3, Code.of("null"), true)));
    assertEquals("try {\n  if (x) {\n    at = 2;\n    continue dispatch;\n  }\n} finally {\n"
        + "  log();\n}\nthis.i++;\nreturn suspendAt(3, null);\n", code.get(0));
  }

  /** The lowering's own jump inside its own if (a loop's exit): replaced, at its indentation. */
  @Test
  void aJumpOfTheLoweringInsideAnIfIsReplaced() {
    Code exit = Code.of("if (!(", local("i"), " < 3)) {\n  ", new Code.Jump(2), "\n}");
    List<String> code = thread(Set.of(), state(1, exit, suspend(4, local("i"), true)),
        state(2, Code.of(new Code.Clear("list")), Code.of(new Code.Complete(Code.of("null"), true))));
    assertEquals("if (!(i < 3)) {\n  this.list = null;\n  return complete(null);\n}\n"
        + "return suspendAt(4, i);\n", code.get(0));
  }

  /** A local constant is a static field: {@code this.} would draw javac's warning. */
  @Test
  void aConstantIsNotQualified() {
    Code.Names names = new Code.Names(Set.of(), "at", "dispatch", false);
    List<String> code = JumpThreading.thread(
            List.of(state(1, jump(2)), state(2, suspend(3, local("WORD"), true))),
            NUMERIC, Set.of("WORD")).stream()
        .map(state -> state.print(names))
        .toList();
    assertEquals("return suspendAt(3, WORD);\n", code.get(0));
  }

  @Test
  void clearsAndNumericStepsComeAlongAndChainsAreFollowed() {
    List<String> code = thread(Set.of(),
        state(1, Code.of("foo();"), jump(2)),
        state(2, Code.of(new Code.Clear("list")), Code.of(new Code.Step("i", "++", false)),
            jump(3)),
        state(3, Code.of(new Code.Complete(local("i"), true))));
    assertEquals("foo();\nthis.list = null;\nthis.i++;\nreturn complete(this.i);\n", code.get(0));
    assertEquals("this.list = null;\ni++;\nreturn complete(this.i);\n", code.get(1));
  }

  @Test
  void codeThatCanThrowOrDeclaresIsNotCopied() {
    List<Code[]> targets = List.of(
        // A step of a boxed local can throw (null).
        new Code[] {Code.of(new Code.Step("boxed", "++", false)), suspend(3, Code.of("null"), true)},
        new Code[] {suspend(3, Code.of("compute()"), false)},
        new Code[] {Code.of("int x = 1;"), suspend(3, Code.of("null"), true)});
    for (Code[] target : targets) {
      List<String> code = thread(Set.of(), state(1, jump(2)), state(2, target));
      assertEquals("at = 2;\ncontinue dispatch;\n", code.get(0));
    }
  }

  @Test
  void aLoopOfJumpsStopsAfterAFewCopies() {
    List<String> code = thread(Set.of(), state(1, jump(2)), state(2, jump(1)));
    for (String each : code) {
      assertTrue(each.matches("at = [12];\ncontinue dispatch;\n"), each);
    }
  }

  private static List<String> threadLoopTops(java.util.Map<Integer, Integer> regions,
      LoweredState... states) {
    Code.Names names = new Code.Names(Set.of(), "at", "dispatch", false);
    return JumpThreading.threadLoopTops(List.of(states), regions).stream()
        .map(state -> state.print(names))
        .toList();
  }

  private static LoweredState loopTop() {
    return state(1, Code.of("if (!(", local("i"), " < n)) {\n  return complete(null);\n}"),
        suspend(4, local("i"), true));
  }

  /** The loop is entered without a trip round the switch: the jump to its top becomes the top. */
  @Test
  void aJumpToALoopTopAfterAssignmentsBecomesTheTop() {
    List<String> code = threadLoopTops(java.util.Map.of(),
        state(0, Code.of(new Code.Assign("i", Code.of("0"))), jump(1)), loopTop());
    assertEquals("this.i = 0;\nif (!(i < n)) {\n  return complete(null);\n}\n"
        + "return suspendAt(4, i);\n", code.get(0));
  }

  /** A local the state declares could hide a name of the condition; another region, its throws. */
  @Test
  void notAfterADeclarationNorIntoAnotherRegion() {
    String jumped = "int i = 2;\nat = 1;\ncontinue dispatch;\n";
    assertEquals(jumped, threadLoopTops(java.util.Map.of(),
        state(0, Code.of("int i = 2;"), jump(1)), loopTop()).get(0));
    assertEquals("at = 1;\ncontinue dispatch;\n", threadLoopTops(java.util.Map.of(1, 0),
        state(0, jump(1)), loopTop()).get(0));
  }
}
