package dev.jcoro.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredHandler;
import dev.jcoro.processor.model.LoweredState;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules {@link StateGraph} reads the lowered states by: what ends a state local's liveness,
 * what carries it between states, and which states are reachable. Behaviour is tested end to end
 * by StateLocalsTest and the fuzzer.
 */
class StateGraphTest {
  private static LoweredState state(int label, Code... statements) {
    return new LoweredState(List.of(label), null, List.of(statements), List.of());
  }

  private static Code assign(String local, Object... value) {
    return Code.of(new Code.Assign(local, Code.of(value)));
  }

  private static Code suspend(int label, Object... value) {
    return Code.of(new Code.Suspend(label, Code.of(value), false));
  }

  private static Code jump(int label) {
    return Code.of(new Code.Jump(label));
  }

  private static Code local(String name) {
    return Code.of(new Code.Local(name, true));
  }

  private static Set<String> live(List<LoweredHandler> handlers, LoweredState... states) {
    return StateGraph.of(List.of(states), handlers, List.of("x", "y"))
        .liveWhereAResumptionBegins();
  }

  @Test
  void aLocalAssignedBeforeEveryReadAfterAYieldIsNotLive() {
    assertEquals(Set.of(), live(List.of(),
        state(0, assign("x", "1"), suspend(1, local("x"))),
        state(1, assign("x", "sent"), jump(2)),
        // Reached by a jump: x keeps its value within one call of resume.
        state(2, suspend(1, local("x")))));
  }

  @Test
  void aReadBeforeTheAssignmentInAResumedStateIsLive() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, assign("x", "1"), suspend(1, local("x"))),
        state(1, Code.of("print(", local("x"), ");"), assign("x", "sent"),
            suspend(1, local("x")))));
  }

  @Test
  void liveThroughAJumpToAStateThatReadsIt() {
    assertEquals(Set.of("y"), live(List.of(),
        state(0, assign("y", "1"), suspend(1, "null")),
        state(1, jump(2)),
        state(2, Code.of("print(", local("y"), ");"),
            Code.of(new Code.Complete(Code.of("null"), true)))));
  }

  /** A jump taken before the assignment carries what its target reads. */
  @Test
  void anAssignmentAfterAJumpDoesNotCoverIt() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, suspend(1, "null")),
        state(1, Code.of("if (c) {\n  ", new Code.Jump(2), "\n}"), assign("x", "1"),
            suspend(1, local("x"))),
        state(2, Code.of(new Code.Complete(local("x"), true)))));
  }

  /** An assignment whose value reads the local is a read, not the start of a new value. */
  @Test
  void anAssignmentThatReadsTheLocalIsARead() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, assign("x", "1"), suspend(1, "null")),
        state(1, assign("x", local("x"), " + 1"), suspend(1, local("x")))));
  }

  /** An exception thrown in at a suspended label goes to the handler, which reads the local. */
  @Test
  void liveWhereTheHandlerGoes() {
    List<LoweredHandler> handlers = List.of(new LoweredHandler(List.of(1), "try", "caught", 3));
    assertEquals(Set.of("x"), live(handlers,
        state(0, assign("x", "1"), suspend(1, "null")),
        state(1, assign("x", "sent"), Code.of(new Code.Complete(local("x"), true))),
        state(3, Code.of(new Code.Complete(local("x"), true)))));
  }

  /** A finally block ends by jumping through its field: to every label stored in it. */
  @Test
  void liveThroughTheJumpAtTheEndOfAFinallyBlock() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, suspend(1, "null")),
        state(1, Code.of(new Code.StoreLabel("finally1$next", 4), "\n", new Code.Jump(2))),
        state(2, Code.of(new Code.JumpVia("finally1$next"))),
        state(4, Code.of(new Code.Complete(local("x"), true)))));
  }

  /** A read in a statement that is not an assignment of its own keeps the local live. */
  @Test
  void anAssignmentInsideAStatementIsARead() {
    assertEquals(Set.of("x"), live(List.of(),
        state(0, suspend(1, "null")),
        state(1, Code.of("if (c) ", local("x"), " = sent;"), suspend(1, local("x")))));
  }

  @Test
  void statesNoJumpReachesAreUnreachable() {
    BitSet reachable = StateGraph.of(List.of(
        state(0, suspend(2, "null")),
        state(1, suspend(2, "null")),
        state(2, jump(3)),
        state(3, Code.of(new Code.Complete(Code.of("null"), true)))), List.of(), List.of())
        .reachable();
    assertEquals("{0, 2, 3}", reachable.toString());
  }
}
