package dev.jcoro.processor.lower;

import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredHandler;
import dev.jcoro.processor.model.LoweredState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lowered states as a graph: which states can run at all, and which state locals are live
 * where a resumption begins. A state local is a hoisted local the lowering wrote as a Java local
 * of {@code resume}: it keeps its value through jumps and routed exceptions, which stay in one
 * call, but not through a suspension. That is only right if no resumption can read it before
 * assigning it: at label 0, at a label a yield resumes, or where throwInto and close route to.
 *
 * <p>The graph is read from the states' parts, over-approximating on purpose: every jump and
 * suspension is an edge, a jump at the end of a finally block goes to every label stored for it,
 * an exception may leave any point of a state in a try region for its handler; every
 * {@link Code.Local} is a use. Only an {@link Code.Assign} that is a statement of its own, whose
 * value does not read the local, assigns it.
 */
final class StateGraph {
  /**
   * An edge: where it goes, the state locals assigned on the way before it leaves, and whether it
   * suspends (the label is where the next resumption begins).
   */
  private record Exit(int label, BitSet defined, boolean suspends) {}

  private final List<LoweredState> states;
  private final List<String> locals;
  private final Map<Integer, Integer> stateOfLabel = new HashMap<>();
  private final List<List<Exit>> exits = new ArrayList<>();
  /** Per state, the state locals it may read before assigning them. */
  private final List<BitSet> uses = new ArrayList<>();
  /** The labels stored in each field a finally block jumps through. */
  private final Map<String, Set<Integer>> stored = new HashMap<>();

  private StateGraph(List<LoweredState> states, List<LoweredHandler> handlers,
      List<String> locals) {
    this.states = states;
    this.locals = locals;
    for (LoweredState state : states) {
      state.statements().forEach(this::findStores);
    }
    for (int i = 0; i < states.size(); i++) {
      LoweredState state = states.get(i);
      for (int label : state.labels()) {
        stateOfLabel.put(label, i);
      }
      List<Exit> out = new ArrayList<>();
      BitSet used = new BitSet();
      // An exception can leave before anything is assigned.
      for (LoweredHandler handler : handlers) {
        if (state.labels().stream().anyMatch(handler.labels()::contains)) {
          out.add(new Exit(handler.target(), new BitSet(), false));
        }
      }
      BitSet defined = new BitSet();
      for (Code statement : state.statements()) {
        walk(statement, defined, used, out);
        int assigned = assignedLocal(statement);
        if (assigned >= 0) {
          defined.set(assigned);
        }
      }
      exits.add(out);
      uses.add(used);
    }
  }

  /**
   * Reads the graph of {@code states}.
   *
   * @param locals the state locals to find the liveness of
   */
  static StateGraph of(List<LoweredState> states, List<LoweredHandler> handlers,
      List<String> locals) {
    return new StateGraph(states, handlers, locals);
  }

  private void findStores(Code code) {
    for (Code.Part part : code.parts()) {
      if (part instanceof Code.StoreLabel) {
        Code.StoreLabel store = (Code.StoreLabel) part;
        stored.computeIfAbsent(store.field(), f -> new LinkedHashSet<>()).add(store.label());
      }
    }
  }

  /** The local a statement {@code local = value;} assigns, when the value does not read it. */
  private int assignedLocal(Code statement) {
    if (statement.parts().size() != 1 || !(statement.parts().get(0) instanceof Code.Assign)) {
      return -1;
    }
    Code.Assign assign = (Code.Assign) statement.parts().get(0);
    return assign.value().mentions(assign.local()) ? -1 : locals.indexOf(assign.local());
  }

  /** The uses and exits of {@code code}, in order; {@code defined} holds the locals assigned. */
  private void walk(Code code, BitSet defined, BitSet used, List<Exit> out) {
    for (Code.Part part : code.parts()) {
      if (part instanceof Code.Local) {
        use(((Code.Local) part).name(), defined, used);
      } else if (part instanceof Code.Clear) {
        use(((Code.Clear) part).local(), defined, used);
      } else if (part instanceof Code.Step) {
        use(((Code.Step) part).local(), defined, used);
      } else if (part instanceof Code.Assign) {
        walk(((Code.Assign) part).value(), defined, used, out);
      } else if (part instanceof Code.Complete) {
        walk(((Code.Complete) part).value(), defined, used, out);
      } else if (part instanceof Code.Suspend) {
        Code.Suspend suspend = (Code.Suspend) part;
        walk(suspend.value(), defined, used, out);
        out.add(new Exit(suspend.label(), (BitSet) defined.clone(), true));
      } else if (part instanceof Code.Jump) {
        out.add(new Exit(((Code.Jump) part).label(), (BitSet) defined.clone(), false));
      } else if (part instanceof Code.Goto) {
        out.add(new Exit(((Code.Goto) part).label(), (BitSet) defined.clone(), false));
      } else if (part instanceof Code.JumpVia) {
        for (int label : stored.getOrDefault(((Code.JumpVia) part).field(), Set.of())) {
          out.add(new Exit(label, (BitSet) defined.clone(), false));
        }
      }
    }
  }

  private void use(String name, BitSet defined, BitSet used) {
    int local = locals.indexOf(name);
    if (local >= 0 && !defined.get(local)) {
      used.set(local);
    }
  }

  /** The indexes of the states reachable from label 0. */
  BitSet reachable() {
    BitSet seen = new BitSet();
    Deque<Integer> work = new ArrayDeque<>();
    Integer start = stateOfLabel.get(0);
    if (start != null) {
      seen.set(start);
      work.add(start);
    }
    while (!work.isEmpty()) {
      for (Exit exit : exits.get(work.pop())) {
        Integer next = stateOfLabel.get(exit.label());
        if (next != null && !seen.get(next)) {
          seen.set(next);
          work.add(next);
        }
      }
    }
    return seen;
  }

  /** The state locals a resumption may read before assigning them. */
  Set<String> liveWhereAResumptionBegins() {
    List<BitSet> live = new ArrayList<>();
    for (BitSet used : uses) {
      live.add((BitSet) used.clone());
    }
    for (boolean changed = true; changed; ) {
      changed = false;
      for (int i = states.size() - 1; i >= 0; i--) {
        BitSet in = live.get(i);
        int before = in.cardinality();
        for (Exit exit : exits.get(i)) {
          Integer next = stateOfLabel.get(exit.label());
          if (next != null && !exit.suspends()) {
            BitSet through = (BitSet) live.get(next).clone();
            through.andNot(exit.defined());
            in.or(through);
          }
        }
        changed |= in.cardinality() != before;
      }
    }
    Set<String> liveLocals = new LinkedHashSet<>();
    for (int entry : resumptionEntries()) {
      live.get(entry).stream().forEach(local -> liveLocals.add(locals.get(local)));
    }
    return liveLocals;
  }

  /**
   * The states a call of {@code resume} can begin with: label 0's, and those of the labels a
   * reachable state suspends at. Where throwInto and close route an exception thrown in at such a
   * label is covered too: a state's live locals include those of its handler's labels.
   */
  private Set<Integer> resumptionEntries() {
    Set<Integer> entries = new LinkedHashSet<>();
    Integer start = stateOfLabel.get(0);
    if (start != null) {
      entries.add(start);
    }
    BitSet reachable = reachable();
    for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
      for (Exit exit : exits.get(i)) {
        Integer next = stateOfLabel.get(exit.label());
        if (exit.suspends() && next != null) {
          entries.add(next);
        }
      }
    }
    return entries;
  }
}
