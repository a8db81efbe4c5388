package dev.jcoro.processor.lower;

import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredHandler;
import dev.jcoro.processor.model.LoweredState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of the dispatch switch's cases: ascending labels, except that a state whose last
 * statement jumps to another state is placed just before it and falls through into it, without
 * its {@code at = k; continue dispatch;}. A loop's back edge is preferred (the end of a loop body
 * falls into the loop's condition): it runs once per iteration, and a fall-through costs neither
 * the jump nor the switch. Both states must be in the same try region: an exception in the second
 * is routed by the label the first started at. A state that was only that jump is left out, its
 * labels given to the state it jumped to.
 */
final class CaseOrder {
  private CaseOrder() {}

  /** The states in the order of the switch, and whether any of them falls through. */
  record Ordered(List<LoweredState> states, boolean fallsThrough) {}

  static Ordered order(List<LoweredState> states, List<LoweredHandler> handlers) {
    Map<Integer, Integer> regionOf = regions(handlers);
    Map<Integer, Integer> stateOf = new HashMap<>();
    for (int i = 0; i < states.size(); i++) {
      for (int label : states.get(i).labels()) {
        stateOf.put(label, i);
      }
    }
    // Candidate edges: from a state ending in a jump to another state of the same region.
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      LoweredState state = states.get(i);
      List<Code> statements = state.statements();
      if (statements.isEmpty() || !state.unionCatches().isEmpty()) {
        continue;
      }
      int target = JumpThreading.topLevelJump(statements.get(statements.size() - 1));
      Integer next = target < 0 ? null : stateOf.get(target);
      if (next == null || next == i || !states.get(next).unionCatches().isEmpty()
          || !regionOf.getOrDefault(first(state), -1)
              .equals(regionOf.getOrDefault(first(states.get(next)), -1))) {
        continue;
      }
      edges.add(new int[] {i, next});
    }
    // Back edges first (a jump to an earlier label: a loop's), then in label order.
    edges.sort(Comparator.<int[]>comparingInt(edge ->
            first(states.get(edge[1])) < first(states.get(edge[0])) ? 0 : 1)
        .thenComparingInt(edge -> first(states.get(edge[0]))));
    int[] successor = new int[states.size()];
    int[] predecessor = new int[states.size()];
    Arrays.fill(successor, -1);
    Arrays.fill(predecessor, -1);
    for (int[] edge : edges) {
      int from = edge[0];
      int to = edge[1];
      if (successor[from] >= 0 || predecessor[to] >= 0 || reaches(successor, to, from)) {
        continue;
      }
      successor[from] = to;
      predecessor[to] = from;
    }
    List<Integer> heads = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      if (predecessor[i] < 0) {
        heads.add(i);
      }
    }
    // Chains in the order of their smallest labels.
    heads.sort(Comparator.comparingInt(head -> {
      int smallest = Integer.MAX_VALUE;
      for (int i = head; i >= 0; i = successor[i]) {
        smallest = Math.min(smallest, first(states.get(i)));
      }
      return smallest;
    }));
    List<LoweredState> ordered = new ArrayList<>();
    boolean fallsThrough = false;
    for (int head : heads) {
      // The labels of states that were only a jump: they become labels of the state they jumped to.
      List<Integer> merged = new ArrayList<>();
      String mergedComment = null;
      for (int i = head; i >= 0; i = successor[i]) {
        LoweredState state = states.get(i);
        List<Integer> labels = new ArrayList<>(merged);
        labels.addAll(state.labels());
        String comment = state.comment() != null ? state.comment() : mergedComment;
        List<Code> statements = new ArrayList<>(state.statements());
        if (successor[i] >= 0) {
          Code last = JumpThreading.withoutFinalJump(statements.remove(statements.size() - 1));
          if (!last.isEmpty()) {
            statements.add(last);
          }
          if (statements.isEmpty()) {
            merged = labels;
            mergedComment = comment;
            continue;
          }
          fallsThrough = true;
        }
        merged = new ArrayList<>();
        mergedComment = null;
        ordered.add(new LoweredState(labels, comment, statements, state.unionCatches()));
      }
    }
    return new Ordered(ordered, fallsThrough);
  }

  /**
   * The try region of each label inside one: the index of its row in {@code handlers}. Two
   * states of one region route an exception alike, so code may move between them.
   */
  static Map<Integer, Integer> regions(List<LoweredHandler> handlers) {
    Map<Integer, Integer> regionOf = new HashMap<>();
    for (int i = 0; i < handlers.size(); i++) {
      for (int label : handlers.get(i).labels()) {
        regionOf.put(label, i);
      }
    }
    return regionOf;
  }

  /** Whether following the chosen successors from {@code from} reaches {@code to}. */
  private static boolean reaches(int[] successor, int from, int to) {
    for (int i = from; i >= 0; i = successor[i]) {
      if (i == to) {
        return true;
      }
    }
    return false;
  }

  private static int first(LoweredState state) {
    return state.labels().stream().mapToInt(Integer::intValue).min().orElse(0);
  }
}
