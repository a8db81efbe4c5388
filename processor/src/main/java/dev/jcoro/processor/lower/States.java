package dev.jcoro.processor.lower;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredHandler;
import dev.jcoro.processor.model.LoweredState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * The states being built: labels, the state code is emitted into, jumps (through the emulated
 * finally blocks on the way), the targets of break, continue and yield, the try regions; at the
 * end, the states threaded, the unreachable ones dropped, and their graph.
 */
final class States extends LoweringPart {
  /** Past this many resume points, javac's 64 KB limit on a method's code comes close. */
  private static final int MAX_STATES = 1500;
  static final String RETURN_FIELD = "returned$";

  final List<StateBuilder> states = new ArrayList<>();
  StateBuilder current;
  Region region;
  private int nextLabel = 1;
  int returnLabel = -1;
  /** Fields to clear when the state of a label begins: the locals of the statement it ends. */
  private final Map<Integer, List<String>> clearsAt = new HashMap<>();
  /** Flattened statements a break, continue or yield may target, innermost first. */
  final Deque<Target> targets = new ArrayDeque<>();
  /** Emulated finally blocks around the current position, outermost first. */
  final List<FinallyFrame> finallies = new ArrayList<>();
  /** The multi-catch clauses that yield around the current position, outermost first. */
  final List<LoweredState.UnionCatch> unionCatches = new ArrayList<>();
  /**
   * Hoisted locals captured by a lambda or class body in the code being copied, and the final
   * local that snapshots each just before that code: a lambda made in iteration i must see
   * iteration i's value, not the field's value when it runs.
   */
  final Map<String, String> snapshots = new LinkedHashMap<>();
  int nextSnapshot = 1;
  /** The lowered states as a graph, once they are built. */
  StateGraph graph;
  /** The user's line of the statement being lowered: what its emitted statements come from. */
  int line;
  /** The states and handlers, once built: threaded, and only those that run. */
  final List<LoweredState> loweredStates = new ArrayList<>();
  final List<LoweredHandler> loweredHandlers = new ArrayList<>();

  States(Lowering lowering) {
    super(lowering);
  }

  /** A resume point being built. */
  private static final class StateBuilder {
    final List<Integer> labels = new ArrayList<>();
    final String comment;
    final List<Code> code = new ArrayList<>();
    final Region region;
    final List<LoweredState.UnionCatch> unionCatches;

    StateBuilder(int label, String comment, Region region,
        List<LoweredState.UnionCatch> unionCatches) {
      labels.add(label);
      this.comment = comment;
      this.region = region;
      this.unionCatches = unionCatches;
    }
  }

  /**
   * A part of a try statement whose exceptions one handler receives: the handler stores the
   * exception in {@code field} and continues at {@code target}.
   */
  record Region(String comment, String field, int target) {}

  /** What a flattened statement is to break and continue. */
  enum TargetKind {
    /** Unlabeled break and continue reach it. */
    LOOP,
    /** Unlabeled break reaches it. */
    SWITCH,
    /** Only a labeled break reaches it. */
    BLOCK,
    /** A switch expression: its yield statements store {@code valueField} and leave it. */
    SWITCH_EXPRESSION
  }

  /** A flattened statement that break, continue or yield may target. */
  record Target(List<String> names, TargetKind kind, int breakLabel, int continueLabel,
      int finallyDepth, List<String> referenceFields, String valueField) {
    Target(List<String> names, TargetKind kind, int breakLabel, int continueLabel,
        int finallyDepth) {
      this(names, kind, breakLabel, continueLabel, finallyDepth, new ArrayList<>(), null);
    }
  }

  /** An emulated finally block: its entry and its completion record. */
  record FinallyFrame(int entry, String jumpField, String thrownField) {}

  int newLabel() {
    return nextLabel++;
  }

  /**
   * Leaves a flattened statement: the reference fields of locals declared inside it are cleared
   * where it ends, whichever way control leaves it (normally or by a break).
   */
  void popTarget() {
    Target target = targets.pop();
    if (!target.referenceFields().isEmpty()) {
      clearsAt.put(target.breakLabel(), target.referenceFields());
    }
  }

  /** Starts the state for {@code label}; an open state before it jumps there. */
  void begin(int label, String comment) {
    if (current != null) {
      if (current.code.isEmpty() && current.region == region
          && current.unionCatches.equals(unionCatches)) {
        current.labels.add(label);
        clearFieldsEndingAt(label);
        return;
      }
      jumpTo(label);
    }
    current = new StateBuilder(label, comment, region, List.copyOf(unionCatches));
    states.add(current);
    clearFieldsEndingAt(label);
  }

  private void clearFieldsEndingAt(int label) {
    for (String field : clearsAt.getOrDefault(label, List.of())) {
      if (!locals().isStateLocal(field)) {
        emit(new Code.Clear(field));
      }
    }
  }

  /** Emits statements: strings, codes and parts, in order. */
  void emit(Object... pieces) {
    if (current == null) {
      // Only after a statement that cannot complete normally: keep javac's reachability rules.
      begin(newLabel(), null);
    }
    snapshots.forEach((field, local) -> current.code.add(
        Code.of("final var " + local + " = ", ref(field), ";").atLine(line)));
    snapshots.clear();
    current.code.add(Code.of(pieces).atLine(line));
  }

  /** Emits statements that end the current state. */
  void emitEnd(Object... pieces) {
    emit(pieces);
    current = null;
  }

  void jumpTo(int label) {
    if (current != null) {
      emitEnd(jumpThrough(finallies.size(), label));
    }
  }

  /**
   * The statements that jump to {@code label}, running on the way the emulated finally blocks
   * from depth {@code targetDepth} in: the innermost runs first and continues with the next outer.
   */
  Code jumpThrough(int targetDepth, int label) {
    Code.Builder code = new Code.Builder();
    int next = label;
    for (int i = targetDepth; i < finallies.size(); i++) {
      FinallyFrame frame = finallies.get(i);
      code.add(new Code.StoreLabel(frame.jumpField(), next), "\n");
      code.add("this." + frame.thrownField() + " = null;\n");
      next = frame.entry();
    }
    return code.add(new Code.Jump(next)).build();
  }

  /**
   * The statements that return {@code value}, the code of {@code tree}. Java converts a returned
   * value to the method's type (JLS 14.17, assignment conversion): {@code complete} takes the
   * boxed type, which a value of another primitive type does not convert to, so such a value is
   * first stored in a local of the method's primitive type.
   */
  Code returnWith(Code value, ExpressionTree tree) {
    TypeMirror declared = method.element().getReturnType();
    boolean converts = value != null && declared.getKind().isPrimitive()
        && !sameType(expressionTypes.typeOf(tree), declared);
    if (finallies.isEmpty()) {
      if (converts) {
        return Code.of(declared + " " + resultLocal + " = ", value, ";\n",
            new Code.Complete(Code.of(resultLocal), false));
      }
      Code returned = value == null ? Code.of("null") : value;
      return Code.of(new Code.Complete(returned, isSimple(returned)));
    }
    if (returnLabel < 0) {
      returnLabel = newLabel();
      // Of the method's own type: the store is the return's conversion.
      locals().field(RETURN_FIELD, declared.getKind().isPrimitive()
              ? TypeName.get(declared) : method.returnType(),
          "The value being returned while finally blocks run.");
    }
    Code store = value == null ? Code.empty() : Code.of("this." + RETURN_FIELD + " = ", value, ";\n");
    return store.plus(jumpThrough(0, returnLabel));
  }

  /**
   * Whether {@code value} is a literal or a field's or hoisted local's name: it can't throw, and
   * jump threading may copy it.
   */
  static boolean isSimple(Code value) {
    if (value.parts().size() != 1) {
      return false;
    }
    Code.Part part = value.parts().get(0);
    if (part instanceof Code.Local) {
      return true;
    }
    if (!(part instanceof Code.Text)) {
      return false;
    }
    String text = ((Code.Text) part).text();
    return text.equals("null") || text.equals("true") || text.equals("false")
        || !text.isEmpty() && text.chars().allMatch(Character::isDigit);
  }

  Code jump(Tree jump) {
    String label = jump instanceof BreakTree
        ? name(((BreakTree) jump).getLabel())
        : name(((ContinueTree) jump).getLabel());
    boolean isBreak = jump instanceof BreakTree;
    for (Target target : targets) {
      boolean loop = target.kind() == TargetKind.LOOP;
      boolean matches = label != null
          ? target.names().contains(label)
          : loop || isBreak && target.kind() == TargetKind.SWITCH;
      if (matches && (isBreak || loop)) {
        return jumpThrough(target.finallyDepth(),
            isBreak ? target.breakLabel() : target.continueLabel());
      }
    }
    throw new IllegalStateException("no target for `" + source.of(jump) + "`");
  }

  static String name(javax.lang.model.element.Name name) {
    return name == null ? null : name.toString();
  }

  /**
   * {@code yield value;} in a switch expression the lowering flattened: stores the value and
   * leaves the switch, through the finally blocks in between.
   */
  Code yieldValue(Code value) {
    Target target = switchExpression();
    return Code.of(ref(target.valueField()), " = ", value, ";\n",
        jumpThrough(target.finallyDepth(), target.breakLabel()));
  }

  /** The innermost switch expression the lowering flattened. */
  Target switchExpression() {
    return targets.stream().filter(target -> target.kind() == TargetKind.SWITCH_EXPRESSION)
        .findFirst().orElseThrow(() -> new IllegalStateException("yield outside a switch"));
  }

  /** {@code { code }}, a block of its own. */
  static Code braced(Code code) {
    return Code.of("{\n", indent(code), "\n}");
  }

  static Code indent(Code code) {
    return code.indented("  ", true);
  }

  /** The states and handlers, threaded and reachable, and their graph. */
  void build() {
    if (states.size() > MAX_STATES) {
      lowering.errorOnMethod(String.format(Messages.TOO_LARGE, method.name(), states.size()));
    }
    List<LoweredState> built = new ArrayList<>();
    Map<Region, List<Integer>> regions = new LinkedHashMap<>();
    for (StateBuilder state : states) {
      built.add(new LoweredState(List.copyOf(state.labels), state.comment,
          List.copyOf(state.code), state.unionCatches));
      if (state.region != null) {
        regions.computeIfAbsent(state.region, r -> new ArrayList<>()).addAll(state.labels);
      }
    }
    List<LoweredHandler> handlers = new ArrayList<>();
    regions.forEach((r, labels) ->
        handlers.add(new LoweredHandler(labels, r.comment(), r.field(), r.target())));
    List<LoweredState> threaded = JumpThreading.threadLoopTops(
        JumpThreading.thread(built, locals().numericFields(), locals().constantFields()),
        CaseOrder.regions(handlers));
    // Threading leaves states no jump reaches any more; a state local may be unassigned in them.
    graph = StateGraph.of(threaded, handlers, locals().stateLocals());
    BitSet reachable = graph.reachable();
    Set<Integer> keptLabels = new HashSet<>();
    for (int i = 0; i < threaded.size(); i++) {
      if (reachable.get(i)) {
        loweredStates.add(threaded.get(i));
        keptLabels.addAll(threaded.get(i).labels());
      }
    }
    for (LoweredHandler handler : handlers) {
      List<Integer> labels = handler.labels().stream().filter(keptLabels::contains).toList();
      if (!labels.isEmpty()) {
        loweredHandlers.add(
            new LoweredHandler(labels, handler.comment(), handler.field(), handler.target()));
      }
    }
  }

  private boolean sameType(TypeMirror type, TypeMirror other) {
    return type != null && type.getKind() == other.getKind() && type.getKind().isPrimitive();
  }
}
