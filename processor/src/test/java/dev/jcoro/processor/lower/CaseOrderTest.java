package dev.jcoro.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredHandler;
import dev.jcoro.processor.model.LoweredState;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which states {@link CaseOrder} lets fall through into the state they jump to, and the order of
 * the cases. That falling through runs as the jump did is tested end to end by the
 * compile-and-run suites and the fuzzer; these pin the rules.
 */
class CaseOrderTest {
  private static LoweredState state(int label, Code... statements) {
    return new LoweredState(List.of(label), null, List.of(statements), List.of());
  }

  private static Code jump(int label) {
    return Code.of(new Code.Jump(label));
  }

  private static Code text(String text) {
    return Code.of(text);
  }

  private static String order(List<LoweredHandler> handlers, LoweredState... states) {
    Code.Names names = new Code.Names(Set.of(), "at", "dispatch", false);
    return CaseOrder.order(List.of(states), handlers).states().stream()
        .map(state -> state.labels().stream().sorted().toList() + ":"
            + state.print(names).replaceAll("\\s+", " ").trim())
        .collect(Collectors.joining(" | "));
  }

  /** A loop: the end of its body falls into its condition rather than the entry doing so. */
  @Test
  void theBackEdgeFallsThrough() {
    String order = order(List.of(),
        state(0, text("i = 0;"), jump(1)),
        state(1, text("if (i >= n) {\n  return complete(null);\n}"), text("return suspendAt(4, i);")),
        state(4, text("i++;"), jump(1)));
    assertEquals("[0]:i = 0; at = 1; continue dispatch; | [4]:i++; | "
        + "[1]:if (i >= n) { return complete(null); } return suspendAt(4, i);", order);
  }

  @Test
  void aStateThatOnlyJumpsBecomesALabelOfItsTarget() {
    String order = order(List.of(),
        state(0, text("return suspendAt(3, null);")),
        state(2, text("return suspendAt(2, null);")),
        state(3, jump(2)));
    assertEquals("[0]:return suspendAt(3, null); | [2, 3]:return suspendAt(2, null);", order);
  }

  /** In another try region an exception would be routed by the first state's label. */
  @Test
  void notIntoAnotherTryRegion() {
    List<LoweredHandler> handlers = List.of(new LoweredHandler(List.of(2), "try", "caught", 5));
    String order = order(handlers,
        state(1, text("foo();"), jump(2)),
        state(2, text("return suspendAt(2, null);")),
        state(5, text("return complete(null);")));
    assertTrue(order.startsWith("[1]:foo(); at = 2; continue dispatch; | [2]:"), order);
    assertFalse(CaseOrder.order(List.of(state(1, text("foo();"), jump(2)),
        state(2, text("return suspendAt(2, null);"))), handlers).fallsThrough());
  }

  /** Only a jump at the end of the state, not one inside its code, lets it fall through. */
  @Test
  void onlyTheFinalJump() {
    String order = order(List.of(),
        state(1, text("if (x) {\n  "), jump(2), text("\n}"), text("return suspendAt(1, null);")),
        state(2, text("return complete(null);")));
    assertEquals("[1]:if (x) { at = 2; continue dispatch; } return suspendAt(1, null); | "
        + "[2]:return complete(null);", order);
  }

  @Test
  void aCycleOfJumpsKeepsOneJump() {
    String order = order(List.of(), state(1, text("a();"), jump(2)), state(2, text("b();"), jump(1)));
    assertTrue(order.contains("continue dispatch;"), order);
  }
}
