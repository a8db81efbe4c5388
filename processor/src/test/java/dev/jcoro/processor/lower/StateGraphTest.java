package dev.jcoro.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules {@link StateGraph} reads the lowered code by: what ends a state local's liveness, what
 * carries it between states, and which states are reachable. Behaviour is tested end to end by
 * StateLocalsTest and the fuzzer.
 */
class StateGraphTest {
  private static final String DEFINES = StateGraph.DEFINES;

  private static StateMachineModel.State state(int label, String code) {
    return new StateMachineModel.State(List.of(label), null, code);
  }

  private static Set<String> live(List<StateMachineModel.Handler> handlers,
      StateMachineModel.State... states) {
    return StateGraph.of(List.of(states), handlers, "at", List.of("x", "y"))
        .liveWhereAResumptionBegins();
  }

  @Test
  void aLocalAssignedBeforeEveryReadAfterAYieldIsNotLive() {
    assertEquals(Set.of(), live(List.of(),
        state(0, DEFINES + "x\nx = 1;\nreturn suspendAt(1, x);\n"),
        state(1, DEFINES + "x\nx = sent;\nat = 2;\ncontinue dispatch;\n"),
        // Reached by a jump: x keeps its value within one call of resume.
        state(2, "return suspendAt(1, x);\n")));
  }

  @Test
  void aReadBeforeTheAssignmentInAResumedStateIsLive() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, DEFINES + "x\nx = 1;\nreturn suspendAt(1, x);\n"),
        state(1, "print(x);\n" + DEFINES + "x\nx = sent;\nreturn suspendAt(1, x);\n")));
  }

  @Test
  void liveThroughAJumpToAStateThatReadsIt() {
    assertEquals(Set.of("y"), live(List.of(),
        state(0, DEFINES + "y\ny = 1;\nreturn suspendAt(1, null);\n"),
        state(1, "at = 2;\ncontinue dispatch;\n"),
        state(2, "print(y);\nreturn complete(null);\n")));
  }

  /** A jump taken before the assignment carries what its target reads. */
  @Test
  void anAssignmentAfterAJumpDoesNotCoverIt() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, "return suspendAt(1, null);\n"),
        state(1, "if (c) {\n  at = 2;\n  continue dispatch;\n}\n" + DEFINES + "x\nx = 1;\n"
            + "return suspendAt(1, x);\n"),
        state(2, "return complete(x);\n")));
  }

  /** An exception thrown in at a suspended label goes to the handler, which reads the local. */
  @Test
  void liveWhereTheHandlerGoes() {
    List<StateMachineModel.Handler> handlers = List.of(
        new StateMachineModel.Handler(List.of(1), "try", "this.caught = error;\nreturn 3;"));
    assertEquals(Set.of("x"), live(handlers,
        state(0, DEFINES + "x\nx = 1;\nreturn suspendAt(1, null);\n"),
        state(1, DEFINES + "x\nx = sent;\nreturn complete(x);\n"),
        state(3, "return complete(x);\n")));
  }

  /** A finally block ends by jumping through its field: to every label stored in it. */
  @Test
  void liveThroughTheJumpAtTheEndOfAFinallyBlock() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, "return suspendAt(1, null);\n"),
        state(1, "this.finally1$next = 4;\nat = 2;\ncontinue dispatch;\n"),
        state(2, "at = this.finally1$next;\ncontinue dispatch;\n"),
        state(4, "return complete(x);\n")));
  }

  /** A mention counts as a read even where it is not one: the analysis errs towards fields. */
  @Test
  void anyMentionIsARead() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, "return suspendAt(1, null);\n"),
        state(1, "x = sent;\nreturn suspendAt(1, x);\n")));
  }

  @Test
  void statesNoJumpReachesAreUnreachable() {
    BitSet reachable = StateGraph.of(List.of(
        state(0, "return suspendAt(2, null);\n"),
        state(1, "return suspendAt(2, null);\n"),
        state(2, "at = 3;\ncontinue dispatch;\n"),
        state(3, "return complete(null);\n")), List.of(), "at", List.of()).reachable();
    assertEquals("{0, 2, 3}", reachable.toString());
  }
}
