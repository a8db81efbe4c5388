package dev.jcoro.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import dev.jcoro.processor.ErrorReporter;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.analysis.Completion;
import dev.jcoro.processor.analysis.CaseLabels;
import dev.jcoro.processor.analysis.EvaluationOrder;
import dev.jcoro.processor.analysis.ExpressionTypes;
import dev.jcoro.processor.analysis.LocalNames;
import dev.jcoro.processor.analysis.LocalTypes;
import dev.jcoro.processor.analysis.NameResolution;
import dev.jcoro.processor.analysis.PatternBindings;
import dev.jcoro.processor.analysis.TypeTrees;
import dev.jcoro.processor.analysis.YieldCalls;
import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LoweredHandler;
import dev.jcoro.processor.model.LoweredState;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers a coroutine body to a {@link StateMachineModel}, in the manner of regenerator and
 * TypeScript's generator transform: statements that contain a yield are split into numbered states
 * joined by explicit jumps ({@code at = k; continue dispatch;}); statements that don't are
 * copied as they are. A try statement that contains a yield becomes a region of the try table:
 * exceptions escaping its states are routed by {@code handler()} to a catch dispatcher that rethrows
 * them into the original catch clauses, and its finally block is emulated with a completion record
 * (where to jump, or what to rethrow, once the finally code ends) kept in fields, so that it survives
 * a suspension inside the finally block. A local used beyond the state that declares it is hoisted:
 * to a local of {@code resume} if no resumption reads it before assigning it ({@link StateGraph}
 * checks the lowered states, and the body is lowered again with the others as fields), else to a
 * field.
 */
public final class Lowering {
  private static final String RETURN_FIELD = "returned$";
  private static final ClassName THROWABLE = ClassName.get(Throwable.class);
  private static final ClassName AUTO_CLOSEABLE = ClassName.get(AutoCloseable.class);
  /**
   * Names a hoisted local does not take: StateMachine's fields, the receiver, and the exception
   * {@code resume} routes (a local of resume is in scope of that catch clause).
   */
  private static final Set<String> RESERVED =
      Set.of("label", "caught", "error", CoroutineMethod.RECEIVER);

  private final CoroutineMethod method;
  private final YieldCalls yields;
  private final SourceText source;
  private final NameResolution names;
  private final LocalTypes localTypes;
  private final ExpressionTypes expressionTypes;
  /** Set when a local's declared type does not resolve: nothing is generated, javac reports it. */
  private boolean unresolvedType;
  /** The field {@link #assertionsField()} made, or null. */
  private String assertionsField;
  private final ErrorReporter errors;
  private final LocalNames localNames;
  private final int errorsBefore;
  private final String dispatch;

  private final Map<String, StateMachineModel.Field> fields = new LinkedHashMap<>();
  private final List<String> parameterFields = new ArrayList<>();
  /** The field holding the receiver of an instance coroutine; null for a static one. */
  private String receiverField;
  private final List<StateBuilder> states = new ArrayList<>();
  private StateBuilder current;
  private Region region;
  private int nextLabel = 1;
  private int nextTemporary = 1;
  /** Names the generated code has taken, besides those the body declares. */
  private final Set<String> generatedNames = new HashSet<>();
  private final String pendingLocal;
  /** The parameter of {@code resume} that holds the value sent. */
  private final String sentParameter;
  /** The parameter of {@code resume} that holds the label running: jumps assign it. */
  private final String atParameter;
  /** The local holding the label running, by which an exception is routed. */
  private final String runningLocal;
  private final String closingLocal;
  /** The local holding what one step of a yieldFrom delegate returned. */
  private final String delegatedLocal;
  private final String suppressedLocal;
  /** The local a returned value is converted to the method's primitive return type in. */
  private final String resultLocal;
  private int returnLabel = -1;
  /**
   * Hoisted locals that may be state locals: declared once, and not used where Java wants them
   * effectively final (lambdas, class bodies, case guards). A state local is a local of
   * {@code resume}, not a field: see {@link StateGraph}.
   */
  private final Set<String> candidates = new LinkedHashSet<>();
  /** The candidates to write as state locals; null for all of them. */
  private final Set<String> stateLocalsAsked;
  /** The lowered states as a graph, once they are built. */
  private StateGraph graph;
  /** The states and handlers, once built: threaded, and only those that run. */
  private final List<LoweredState> loweredStates = new ArrayList<>();
  private final List<LoweredHandler> loweredHandlers = new ArrayList<>();

  /**
   * Hoisted locals captured by a lambda or class body in the code being copied, and the final
   * local that snapshots each just before that code: a lambda made in iteration i must see
   * iteration i's value, not the field's value when it runs.
   */
  private final Map<String, String> snapshots = new LinkedHashMap<>();
  private int nextSnapshot = 1;
  /**
   * What the copied code reads instead of a tree already evaluated: the results of the yields
   * suspended at so far.
   */
  private final Map<Tree, Code> replacements = new HashMap<>();
  /**
   * Values read through a runtime helper that takes the type of their code, never evaluated
   * there: the code is copied where the value is read (a lambda in it must see the locals there).
   */
  private final Map<Tree, TypedRead> typedReads = new HashMap<>();

  /** {@code before + code + after}, the code being {@code code}'s. */
  private record TypedRead(String before, Tree code, String after) {}
  /** The records, enums and interfaces of the body, moved to the state machine, and their names. */
  private final Map<ClassTree, String> movedTypes = new LinkedHashMap<>();
  /** Their declarations, as the generated class writes them. */
  private final List<String> movedTypeCode = new ArrayList<>();
  /** Lint warnings that exact generated code gives: see {@link StateMachineModel}. */
  private final Set<String> suppressedWarnings = new java.util.TreeSet<>();
  /** The fields holding kept reference values of the statement being lowered. */
  private final List<String> keptReferences = new ArrayList<>();
  /** The last number each kind of field of the lowering's own took: kept$1, kept$2... */
  private final Map<String, Integer> numbers = new HashMap<>();
  /** The local classes reported as used after a yield: each is reported once. */
  private final Set<String> reportedLocalClasses = new HashSet<>();
  /** The multi-catch clauses that yield around the current position, outermost first. */
  private final List<LoweredState.UnionCatch> unionCatches = new ArrayList<>();
  /**
   * Hoisted locals in scope, innermost last: declaration to field. A local of the body that is
   * in none of them stays a Java local of the generated code.
   */
  private final Deque<Map<Tree, String>> scopes = new ArrayDeque<>();
  /** Fields to clear when the state of a label begins: the locals of the statement it ends. */
  private final Map<Integer, List<String>> clearsAt = new HashMap<>();
  /** Flattened statements a break or continue may target, innermost first. */
  private final Deque<Target> targets = new ArrayDeque<>();
  /** Emulated finally blocks around the current position, outermost first. */
  private final List<FinallyFrame> finallies = new ArrayList<>();

  private Lowering(
      CoroutineMethod method,
      YieldCalls yields,
      SourceText source,
      NameResolution names,
      LocalTypes localTypes,
      ExpressionTypes expressionTypes,
      ErrorReporter errors,
      Set<String> stateLocalsAsked) {
    this.expressionTypes = expressionTypes;
    this.method = method;
    this.stateLocalsAsked = stateLocalsAsked;
    this.yields = yields;
    this.source = source;
    this.names = names;
    this.localTypes = localTypes;
    this.errors = errors;
    this.errorsBefore = errors.errorCount();
    this.localNames = LocalNames.of(method.tree().getBody());
    this.dispatch = localNames.freshLabel("dispatch");
    for (VariableElement parameter : method.parameters()) {
      generatedNames.add(parameter.getSimpleName().toString());
    }
    this.pendingLocal = localNames.freshName("pending", generatedNames);
    this.sentParameter = localNames.freshName("sent", generatedNames);
    this.atParameter = localNames.freshName("at", generatedNames);
    this.runningLocal = localNames.freshName("running", generatedNames);
    this.closingLocal = localNames.freshName("closing", generatedNames);
    this.delegatedLocal = localNames.freshName("delegated", generatedNames);
    this.suppressedLocal = localNames.freshName("suppressed", generatedNames);
    this.resultLocal = localNames.freshName("result", generatedNames);
  }

  /** Lowers the body, or reports why not and returns empty. */
  public static Optional<StateMachineModel> lower(
      CoroutineMethod method,
      YieldCalls yields,
      SourceText source,
      NameResolution names,
      LocalTypes localTypes,
      ExpressionTypes expressionTypes,
      ErrorReporter errors) {
    // First every candidate is a state local; the graph then says which of them a resumption may
    // read before assigning, and those become fields in the next pass.
    Set<String> asked = null;
    for (int pass = 1; ; pass++) {
      Lowering lowering = new Lowering(
          method, yields, source, names, localTypes, expressionTypes, errors, asked);
      lowering.lowerBody();
      // A type that doesn't resolve is the user's mistake: javac reports it on the user's line.
      if (errors.errorCount() != lowering.errorsBefore || lowering.unresolvedType) {
        return Optional.empty();
      }
      List<String> locals = lowering.stateLocals();
      Set<String> live = lowering.graph.liveWhereAResumptionBegins();
      if (live.isEmpty()) {
        return Optional.of(lowering.model(locals));
      }
      asked = new LinkedHashSet<>(locals);
      asked.removeAll(live);
      if (pass == MAX_PASSES - 1) {
        asked = Set.of();
      }
    }
  }

  /**
   * The most passes of the lowering: the last makes every candidate a field, which is right
   * without the analysis.
   */
  private static final int MAX_PASSES = 3;

  /** The hoisted locals this pass writes as state locals. */
  private List<String> stateLocals() {
    return candidates.stream().filter(this::isStateLocal).toList();
  }

  private boolean isStateLocal(String field) {
    return candidates.contains(field) && (stateLocalsAsked == null || stateLocalsAsked.contains(field));
  }

  /** How the generated code reads or assigns a hoisted local: a field, or a state local. */
  private static Code.Local ref(String field) {
    return new Code.Local(field, true);
  }

  /**
   * The final model, printed: the state locals {@code locals} are locals of {@code resume}, not
   * fields.
   */
  private StateMachineModel model(List<String> locals) {
    Code.Names printing = new Code.Names(Set.copyOf(locals), atParameter, dispatch);
    List<StateMachineModel.State> printed = new ArrayList<>();
    for (LoweredState state : loweredStates) {
      printed.add(new StateMachineModel.State(
          state.labels(), state.comment(), state.print(printing)));
    }
    List<StateMachineModel.Handler> handlers = new ArrayList<>();
    for (LoweredHandler handler : loweredHandlers) {
      handlers.add(new StateMachineModel.Handler(
          handler.labels(), handler.comment(), handler.code()));
    }
    List<StateMachineModel.Field> kept = new ArrayList<>();
    List<StateMachineModel.Field> stateLocals = new ArrayList<>();
    for (StateMachineModel.Field field : fields.values()) {
      (locals.contains(field.name()) ? stateLocals : kept).add(field);
    }
    return new StateMachineModel(kept, stateLocals, receiverField, List.copyOf(parameterFields),
        printed, handlers, dispatch, sentParameter, atParameter, runningLocal,
        Set.copyOf(suppressedWarnings), List.copyOf(movedTypeCode), Set.copyOf(movedTypes.values()));
  }

  // ---------------------------------------------------------------- states and jumps

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
  private record Region(String comment, String field, int target) {}

  /** What a flattened statement is to break and continue. */
  private enum TargetKind {
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
  private record Target(List<String> names, TargetKind kind, int breakLabel, int continueLabel,
      int finallyDepth, List<String> referenceFields, String valueField) {
    Target(List<String> names, TargetKind kind, int breakLabel, int continueLabel,
        int finallyDepth) {
      this(names, kind, breakLabel, continueLabel, finallyDepth, new ArrayList<>(), null);
    }
  }

  /** An emulated finally block: its entry and its completion record. */
  private record FinallyFrame(int entry, String jumpField, String thrownField) {}

  private int newLabel() {
    return nextLabel++;
  }

  /**
   * Leaves a flattened statement: the reference fields of locals declared inside it are cleared
   * where it ends, whichever way control leaves it (normally or by a break).
   */
  private void popTarget() {
    Target target = targets.pop();
    if (!target.referenceFields().isEmpty()) {
      clearsAt.put(target.breakLabel(), target.referenceFields());
    }
  }

  /** Starts the state for {@code label}; an open state before it jumps there. */
  private void begin(int label, String comment) {
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
      if (!isStateLocal(field)) {
        emit(new Code.Clear(field));
      }
    }
  }

  /** Emits statements: strings, codes and parts, in order. */
  private void emit(Object... pieces) {
    if (current == null) {
      // Only after a statement that cannot complete normally: keep javac's reachability rules.
      begin(newLabel(), null);
    }
    snapshots.forEach((field, local) -> current.code.add(
        Code.of("final var " + local + " = ", ref(field), ";")));
    snapshots.clear();
    current.code.add(Code.of(pieces));
  }

  /** Emits statements that end the current state. */
  private void emitEnd(Object... pieces) {
    emit(pieces);
    current = null;
  }

  private void jumpTo(int label) {
    if (current != null) {
      emitEnd(jumpThrough(finallies.size(), label));
    }
  }

  /**
   * The statements that jump to {@code label}, running on the way the emulated finally blocks
   * from depth {@code targetDepth} in: the innermost runs first and continues with the next outer.
   */
  private Code jumpThrough(int targetDepth, int label) {
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
  private Code returnWith(Code value, ExpressionTree tree) {
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
      field(RETURN_FIELD, declared.getKind().isPrimitive()
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
  private static boolean isSimple(Code value) {
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

  private Code jump(Tree jump) {
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

  private static String name(javax.lang.model.element.Name name) {
    return name == null ? null : name.toString();
  }

  // ---------------------------------------------------------------- fields and scopes

  /** {@code base$n}, numbered in the order the lowering asks. */
  private String numbered(String base) {
    return base + "$" + numbers.merge(base, 1, Integer::sum);
  }

  /** A field of the generated code's own, under a name no declaration in the body uses. */
  private String field(String base, TypeName type, String description) {
    String name = localNames.freshName(base, generatedNames);
    fields.put(name, new StateMachineModel.Field(name, type, description));
    return name;
  }

  /**
   * Hoists a local: to a field, or (when {@code mayBeStateLocal} and the analysis agrees) to a
   * local of {@code resume}. Locals of the same name and type in sibling scopes share a field;
   * another type gets a numbered name, and references are renamed as they are copied.
   */
  private String hoist(VariableTree declaration, TypeName type) {
    return hoist(declaration, type, false, false);
  }

  /** Hoists a declared local; it may be a state local if its name is declared once. */
  private String hoistLocal(VariableTree variable, TypeName type) {
    String name = variable.getName().toString();
    return hoist(variable, type, !localNames.isDeclaredTwice(name)
        && !localNames.isInNestedCode(name), false);
  }

  /**
   * @param renamed whether the field must not take the local's own name: a pattern variable
   *     stays a Java local in the state that matches it, where its name must keep meaning the
   *     field
   */
  private String hoist(VariableTree declaration, TypeName type, boolean mayBeStateLocal,
      boolean renamed) {
    String name = declaration.getName().toString();
    String candidate = renamed ? name + "$2" : name;
    for (int n = renamed ? 3 : 2; ; n++) {
      StateMachineModel.Field existing = fields.get(candidate);
      boolean reserved = RESERVED.contains(candidate)
          || !candidate.equals(name) && localNames.isDeclaredAnywhere(candidate)
          || existing == null && generatedNames.contains(candidate);
      if (!reserved && existing == null) {
        fields.put(candidate, new StateMachineModel.Field(candidate, type,
            "The local {@code " + name + "}, kept across suspensions."));
        generatedNames.add(candidate);
        break;
      }
      if (!reserved && existing.type().equals(type) && !inScope(candidate)
          && existing.constant() == null && existing.description().startsWith("The local")) {
        break;
      }
      candidate = name + "$" + n;
    }
    scopes.peekLast().put(declaration, candidate);
    if (mayBeStateLocal) {
      candidates.add(candidate);
    }
    if (!type.isPrimitive() && !isStateLocal(candidate)) {
      for (Target target : targets) {
        if (!target.referenceFields().contains(candidate)) {
          target.referenceFields().add(candidate);
        }
      }
    }
    return candidate;
  }

  /** Whether {@code tree} names a factory class jcoro generates ({@code XCoroutines}). */
  private static boolean mentionsAFactory(Tree tree) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        found[0] |= node.getName().toString().endsWith("Coroutines");
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  /** Hoists a local constant to a {@code static final} field of its own, holding its value. */
  private void hoistConstant(VariableTree variable, TypeName type, Object value) {
    String name = variable.getName().toString();
    String candidate = name;
    for (int n = 2; fields.containsKey(candidate) || RESERVED.contains(candidate)
        || !candidate.equals(name) && localNames.isDeclaredAnywhere(candidate)
        || generatedNames.contains(candidate); n++) {
      candidate = name + "$" + n;
    }
    fields.put(candidate, new StateMachineModel.Field(candidate, type,
        "The local constant {@code " + name + "}.", constantCode(value, type)));
    generatedNames.add(candidate);
    scopes.peekLast().put(variable, candidate);
  }

  /** A constant's value as a Java constant expression of {@code type}. */
  private static String constantCode(Object value, TypeName type) {
    if (value instanceof String) {
      return com.palantir.javapoet.CodeBlock.of("$S", value).toString();
    }
    if (value instanceof Character) {
      // Not a unicode escape: javac reads those before the literal, where a line feed ends it.
      char c = (Character) value;
      return c >= ' ' && c <= '~' && c != '\'' && c != '\\' ? "'" + c + "'" : "(char) " + (int) c;
    }
    if (value instanceof Float) {
      float f = (Float) value;
      return Float.isNaN(f) ? "Float.NaN"
          : Float.isInfinite(f) ? (f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY")
          : Float.toString(f) + "f";
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return Double.isNaN(d) ? "Double.NaN"
          : Double.isInfinite(d) ? (d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY")
          : Double.toString(d) + "d";
    }
    if (value instanceof Long) {
      return value + "L";
    }
    if (type.equals(TypeName.BYTE) || type.equals(TypeName.SHORT) || type.equals(TypeName.CHAR)) {
      return "(" + type + ") " + value;
    }
    return String.valueOf(value);
  }

  private boolean sameType(TypeMirror type, TypeMirror other) {
    return type != null && type.getKind() == other.getKind() && type.getKind().isPrimitive();
  }

  private boolean inScope(String fieldName) {
    return scopes.stream().anyMatch(scope -> scope.containsValue(fieldName));
  }

  /** The field (or state local) holding the local {@code declaration} declares, or null. */
  private String hoistedField(Tree declaration) {
    var iterator = scopes.descendingIterator();
    while (iterator.hasNext()) {
      String field = iterator.next().get(declaration);
      if (field != null) {
        return field;
      }
    }
    return null;
  }

  /** The hoisted field a reference to a local of the body reads, or null. */
  private String hoistedFieldOf(Tree reference) {
    NameResolution.Meaning meaning = names.meaning(reference);
    return meaning instanceof NameResolution.BodyLocal
        ? hoistedField(((NameResolution.BodyLocal) meaning).declaration())
        : null;
  }

  private void pushScope() {
    scopes.addLast(new HashMap<>());
  }

  /**
   * Ends a scope; on the way out of it, the reference-typed fields of its locals are cleared so the
   * generator does not keep their values reachable.
   */
  private void popScope() {
    Map<Tree, String> scope = scopes.removeLast();
    if (current == null) {
      return;
    }
    for (String field : new java.util.TreeSet<>(scope.values())) {
      if (!fields.get(field).type().isPrimitive() && fields.get(field).constant() == null
          && !parameterFields.contains(field) && !isStateLocal(field)) {
        emit(new Code.Clear(field));
      }
    }
  }

  // ---------------------------------------------------------------- copying code that does not suspend

  private final NativeCopier.Context copierContext = new NativeCopier.Context() {
    @Override
    public String hoistedField(Tree declaration) {
      return Lowering.this.hoistedField(declaration);
    }

    @Override
    public String captured(String field) {
      return snapshots.computeIfAbsent(
          field, f -> localNames.freshName(f + "$captured" + nextSnapshot++, generatedNames));
    }

    @Override
    public String freshLocal(String base) {
      return localNames.freshName(base, generatedNames);
    }

    @Override
    public String self() {
      return receiverField == null ? "this" : receiverField;
    }

    @Override
    public Code replacement(Tree tree) {
      TypedRead read = typedReads.remove(tree);
      if (read != null) {
        try {
          return Code.of(read.before(), Lowering.this.copy(read.code()), read.after());
        } finally {
          typedReads.put(tree, read);
        }
      }
      return replacements.get(tree);
    }

    @Override
    public String localType(ClassTree declaration) {
      return movedTypes.getOrDefault(declaration, declaration.getSimpleName().toString());
    }

    @Override
    public Code jump(Tree jump) {
      return braced(Lowering.this.jump(jump));
    }

    @Override
    public Code returnWith(Code value, ExpressionTree tree) {
      return braced(Lowering.this.returnWith(value, tree));
    }

    @Override
    public String assertionsEnabled() {
      return assertionsField();
    }

    @Override
    public Code yieldValue(Code value) {
      return braced(Lowering.this.yieldValue(value));
    }
  };

  /** {@code { code }}, a block of its own. */
  private static Code braced(Code code) {
    return Code.of("{\n", indent(code), "\n}");
  }

  private static Code indent(Code code) {
    return code.indented("  ", true);
  }

  private Code copy(Tree tree) {
    return NativeCopier.copy(tree, source, names, copierContext);
  }

  /** {@code tree}'s code where the locals {@code locals} declare are Java locals. */
  private Code copy(Tree tree, List<? extends Tree> locals) {
    return NativeCopier.copy(tree, source, names, copierContext, locals);
  }

  private void emitNative(StatementTree statement) {
    Code.Step step = statement instanceof ExpressionStatementTree
        ? stepOf(((ExpressionStatementTree) statement).getExpression()) : null;
    emit(step != null ? step : copy(statement));
    if (!Completion.canCompleteNormally(statement)) {
      current = null;
    }
  }

  // ---------------------------------------------------------------- the body

  private void lowerBody() {
    if (names.callsStaticThroughReceiver()) {
      suppressedWarnings.add("static");
    }
    pushScope();
    if (method.isInstance()) {
      receiverField = localNames.freshName(CoroutineMethod.RECEIVER, generatedNames);
      fields.put(receiverField, new StateMachineModel.Field(receiverField,
          method.receiverType(), "The receiver, {@code this}."));
    }
    for (int i = 0; i < method.parameters().size(); i++) {
      VariableElement parameter = method.parameters().get(i);
      TypeName type = TypeName.get(parameter.asType());
      generatedNames.remove(parameter.getSimpleName().toString());
      // The first parameter is the handle.
      String field = hoist(method.tree().getParameters().get(i + 1), type);
      fields.put(field, new StateMachineModel.Field(field, type,
          "The parameter {@code " + parameter.getSimpleName() + "}."));
      parameterFields.add(field);
    }
    begin(0, "start of " + method.name() + "()");
    BlockTree body = method.tree().getBody();
    lowerStatements(body.getStatements());
    if (current != null) {
      emitEnd(returnWith(null, null));
    }
    if (returnLabel >= 0) {
      region = null;
      begin(returnLabel, "return through finally blocks");
      emitEnd(new Code.Complete(Code.of(new Code.Local(RETURN_FIELD, true)), true));
    }
    popScope();
    buildStates();
  }

  /** Past this many resume points, javac's 64 KB limit on a method's code comes close. */
  private static final int MAX_STATES = 1500;

  /** The states and handlers, threaded and reachable, and their graph. */
  private void buildStates() {
    if (states.size() > MAX_STATES) {
      errors.error(method.element(), String.format(Messages.TOO_LARGE, method.name(), states.size()));
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
    List<LoweredState> threaded = JumpThreading.thread(built, numericFields());
    // Threading leaves states no jump reaches any more; a state local may be unassigned in them.
    graph = StateGraph.of(threaded, handlers, stateLocals());
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

  /** The hoisted locals and fields of a numeric type, which jump threading may step. */
  private Set<String> numericFields() {
    Set<String> numeric = new HashSet<>();
    fields.forEach((name, field) -> {
      if (field.type().isPrimitive() && !field.type().equals(TypeName.BOOLEAN)) {
        numeric.add(name);
      }
    });
    return numeric;
  }


  private void lowerStatements(List<? extends StatementTree> statements) {
    pushScope();
    for (int i = 0; i < statements.size(); i++) {
      StatementTree statement = statements.get(i);
      if (statement instanceof ClassTree) {
        lowerLocalType((ClassTree) statement, statements, i);
      } else if (statement instanceof VariableTree) {
        VariableTree variable = (VariableTree) statement;
        if (needsField(variable, statements, i)) {
          lowerHoistedDeclaration(variable);
        } else if (yields.containsYield(variable.getInitializer())) {
          // Declared in the state that resumes: a Java local, as long as no later state reads it.
          // A `var` of a yieldFrom's value is written with its type: that value is read back
          // through a generic method, which would make `var` an Object.
          boolean var = isVar(variable);
          Object type = var && yields.kindOf(unparenthesized(variable.getInitializer()))
                  == YieldCalls.Kind.YIELD_FROM
              ? source.code(typeOf(variable))
              : var ? "var" : copy(variable.getType());
          Code value = suspendIn(variable.getInitializer(), variable);
          emit(modifiers(variable), type, " " + variable.getName() + " = ", value, ";");
          clearKept();
        } else {
          emitNative(variable);
        }
      } else {
        lowerStatement(statement);
        if (current != null && !yields.containsYield(statement)) {
          // `if (!(o instanceof T t)) return;` declares t for the rest of the block.
          List<VariableTree> introduced = new ArrayList<>();
          for (VariableTree binding : PatternBindings.introducedAfter(statement)) {
            if (usedAfterASuspension(binding.getName().toString(), statements, i)) {
              introduced.add(binding);
            }
          }
          Code stores = keepBindings(introduced, statement);
          if (!stores.isEmpty()) {
            emit(stores.stripTrailing());
          }
        }
      }
    }
    popScope();
  }

  /**
   * A class, record, enum or interface declared in a block that suspends. Records, enums and
   * interfaces are static: they capture nothing, so they move to the state machine as member
   * types and keep their meaning in every state. A local class captures its context: it is
   * copied as it is, and refused if it is used after a suspension.
   */
  private void lowerLocalType(ClassTree type, List<? extends StatementTree> statements, int index) {
    String name = type.getSimpleName().toString();
    if (type.getKind() == Tree.Kind.RECORD || type.getKind() == Tree.Kind.ENUM
        || type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE) {
      String moved = name;
      for (int n = 2; movedTypes.containsValue(moved); n++) {
        moved = name + "$" + n;
      }
      movedTypes.put(type, moved);
      // Static: it reads no local of the body, so it prints alike whatever the locals become.
      movedTypeCode.add(copy(type).print(new Code.Names(Set.of(), atParameter, dispatch)));
      return;
    }
    if (usedAfterASuspension(name, statements, index) && reportedLocalClasses.add(name)) {
      error(type, String.format(Messages.LOCAL_CLASS_ACROSS_YIELD, name));
    }
    emitNative(type);
  }

  /** The name a local type of the body has as a member of the state machine, or null. */
  private String movedName(javax.lang.model.element.TypeElement local) {
    for (Map.Entry<ClassTree, String> moved : movedTypes.entrySet()) {
      if (moved.getKey().getSimpleName().contentEquals(local.getSimpleName())) {
        return moved.getValue();
      }
    }
    return null;
  }

  private static String modifiers(VariableTree variable) {
    return variable.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.FINAL)
        ? "final "
        : "";
  }

  /**
   * Whether a local of a split block must become a field: it is used in or after a later statement
   * that suspends (its Java scope would end with the state), or its name is declared twice in the
   * body (two such locals could meet in one state).
   */
  private boolean needsField(VariableTree variable, List<? extends StatementTree> block, int index) {
    if (localNames.isDeclaredTwice(variable.getName().toString())) {
      return true;
    }
    return usedAfterASuspension(variable.getName().toString(), block, index);
  }

  /** Whether {@code name} is mentioned in or after the first statement after {@code index} that suspends. */
  private boolean usedAfterASuspension(String name, List<? extends StatementTree> block, int index) {
    for (int k = index + 1; k < block.size(); k++) {
      if (yields.containsYield(block.get(k))) {
        for (int j = k; j < block.size(); j++) {
          if (LocalNames.mentions(block.get(j), name)) {
            return true;
          }
        }
        return false;
      }
    }
    return false;
  }

  /** Whether a local is declared {@code var}: its type is javac's to infer. */
  private static boolean isVar(VariableTree variable) {
    return variable.getType() == null || variable.getType().toString().equals("var");
  }

  /**
   * The exact type of a local the lowering declares again (as a field, or a local of
   * {@code resume}), as javac attributes it; {@code var} locals included.
   */
  private TypeName typeOf(VariableTree variable) {
    TypeMirror type = localTypes.typeOf(variable, names.usesOf(variable));
    if (type == null) {
      // javac could not attribute the method up to the local: its type as written, resolved.
      TypeName written = isVar(variable) ? null
          : new TypeTrees(names, expressionTypes.names(), movedTypes::get).of(variable.getType());
      if (written == null) {
        error(variable, String.format(Messages.TYPE_NOT_READ, variable.getName()));
        return ClassName.OBJECT;
      }
      return written;
    }
    // The local types the declaration names are those it means; a `var` can only mean the
    // local types of its name in scope, found by name.
    Map<String, String> named = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (names.meaning(node) instanceof NameResolution.LocalType) {
          ClassTree declaration = ((NameResolution.LocalType) names.meaning(node)).declaration();
          named.put(declaration.getSimpleName().toString(),
              movedTypes.get(declaration));
        }
        return null;
      }
    }.scan(variable.getType(), null);
    LocalTypes.Denoted denoted = LocalTypes.denote(type, element -> named.containsKey(
        element.getSimpleName().toString())
        ? named.get(element.getSimpleName().toString())
        : movedName(element));
    if (denoted.problem() == LocalTypes.Problem.UNRESOLVED && isVar(variable)
        && variable.getInitializer() != null) {
      // Its value may name a class generated in this round (a coroutine's factory), which
      // javac can't attribute yet: the value's type, as far as it can be read without it.
      TypeMirror value = expressionTypes.typeOf(variable.getInitializer());
      LocalTypes.Denoted read = value == null ? null : LocalTypes.denote(value, this::movedName);
      if (read != null && read.problem() == null) {
        return read.type();
      }
      if (mentionsAFactory(variable.getInitializer())) {
        // Not the user's mistake, which javac would report: refused, not silently dropped.
        error(variable, String.format(Messages.TYPE_NOT_READ, variable.getName()));
        return ClassName.OBJECT;
      }
    }
    if (denoted.problem() == LocalTypes.Problem.UNRESOLVED) {
      unresolvedType = true;
      return ClassName.OBJECT;
    }
    if (denoted.problem() != null) {
      String localClass = variable.getType() == null ? null : localNames.localClassIn(variable.getType());
      if (localClass == null) {
        error(variable, String.format(Messages.VAR_ACROSS_YIELD, variable.getName()));
      } else if (reportedLocalClasses.add(localClass)) {
        error(variable, String.format(Messages.LOCAL_CLASS_ACROSS_YIELD, localClass));
      }
      return ClassName.OBJECT;
    }
    return denoted.type();
  }

  private void lowerHoistedDeclaration(VariableTree variable) {
    TypeName type = typeOf(variable);
    ExpressionTree initializer = variable.getInitializer();
    Object constant = variable.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.FINAL)
        && initializer != null
        ? localTypes.constantValue(variable, names.usesOf(variable))
        : null;
    if (constant != null) {
      // A constant variable stays one (a case label may name it): a static final field.
      hoistConstant(variable, type, constant);
      return;
    }
    String field = hoistLocal(variable, type);
    if (initializer == null) {
      return;
    }
    // `int[] a = {1, 2}` is only legal in a declaration: as an assignment it needs `new int[]`.
    String creation = initializer instanceof NewArrayTree
        && ((NewArrayTree) initializer).getType() == null
        ? "new " + source.code(type) + " "
        : "";
    emitAssignment(field, Code.of(creation, suspendIn(initializer, variable)));
    clearKept();
  }

  /**
   * {@code field = value;}, a statement of its own: where the state assigns the local, for the
   * analysis of which locals live across a suspension (see {@link StateGraph}).
   */
  private void emitAssignment(String field, Code value) {
    emit(new Code.Assign(field, value));
  }

  /** The state local a statement {@code local = value;} assigns, or null. */
  private String assignedStateLocal(ExpressionTree expression) {
    ExpressionTree value = unparenthesized(expression);
    if (value.getKind() == Tree.Kind.ASSIGNMENT
        && ((AssignmentTree) value).getVariable() instanceof IdentifierTree) {
      IdentifierTree variable = (IdentifierTree) ((AssignmentTree) value).getVariable();
      String field = hoistedFieldOf(variable);
      return field != null && isStateLocal(field) ? field : null;
    }
    return null;
  }

  private void lowerStatement(StatementTree statement) {
    if (!yields.containsYield(statement)) {
      lowerJumpOrNative(statement);
      return;
    }
    switch (statement.getKind()) {
      case BLOCK:
        lowerStatements(((BlockTree) statement).getStatements());
        break;
      case EXPRESSION_STATEMENT:
        lowerExpressionStatement((ExpressionStatementTree) statement);
        break;
      case IF:
        lowerIf((IfTree) statement);
        break;
      case WHILE_LOOP:
        lowerWhile((WhileLoopTree) statement, List.of());
        break;
      case DO_WHILE_LOOP:
        lowerDoWhile((DoWhileLoopTree) statement, List.of());
        break;
      case FOR_LOOP:
        lowerFor((ForLoopTree) statement, List.of());
        break;
      case ENHANCED_FOR_LOOP:
        lowerEnhancedFor((EnhancedForLoopTree) statement, List.of());
        break;
      case LABELED_STATEMENT:
        lowerLabeled((LabeledStatementTree) statement);
        break;
      case TRY:
        lowerTry((TryTree) statement);
        break;
      case VARIABLE:
        lowerStatements(List.of(statement));
        break;
      case RETURN: {
        ExpressionTree value = ((ReturnTree) statement).getExpression();
        emitEnd(returnWith(suspendIn(value, statement), value));
        break;
      }
      case THROW:
        emitEnd("throw ", suspendIn(((ThrowTree) statement).getExpression(), statement), ";");
        break;
      case SWITCH:
        lowerSwitch((SwitchTree) statement, List.of());
        break;
      case YIELD: {
        Target target = switchExpression();
        emit(ref(target.valueField()), " = ",
            suspendIn(((YieldTree) statement).getValue(), statement), ";");
        clearKept();
        emitEnd(jumpThrough(target.finallyDepth(), target.breakLabel()));
        break;
      }
      case SYNCHRONIZED:
        // Reported by BodyChecker.
        break;
      case ASSERT:
        lowerAssert((AssertTree) statement);
        break;
      default:
        yieldPositionError(statement);
        break;
    }
  }

  /** A jump directly in a split block is written without the braces a copied one needs. */
  private void lowerJumpOrNative(StatementTree statement) {
    if (statement instanceof ReturnTree) {
      ExpressionTree value = ((ReturnTree) statement).getExpression();
      emitEnd(returnWith(value == null ? null : copy(value), value));
    } else if (statement instanceof BreakTree || statement instanceof ContinueTree) {
      emitEnd(jump(statement));
    } else if (statement instanceof YieldTree && targets.stream()
        .anyMatch(target -> target.kind() == TargetKind.SWITCH_EXPRESSION)) {
      emitEnd(yieldValue(copy(((YieldTree) statement).getValue())));
    } else if (statement instanceof ExpressionStatementTree
        && assignedStateLocal(((ExpressionStatementTree) statement).getExpression()) != null) {
      // Written by the lowering, so the analysis sees where the state assigns the local.
      lowerExpression(((ExpressionStatementTree) statement).getExpression(), statement);
    } else {
      emitNative(statement);
    }
  }

  private void lowerExpressionStatement(ExpressionStatementTree statement) {
    lowerExpression(statement.getExpression(), statement);
  }

  /** An expression evaluated for its effect: a yield by itself needs no statement after it. */
  private void lowerExpression(ExpressionTree expression, Tree statement) {
    String local = assignedStateLocal(expression);
    if (local != null) {
      ExpressionTree value = ((AssignmentTree) unparenthesized(expression)).getExpression();
      emitAssignment(local, suspendIn(value, statement));
      return;
    }
    Code text = suspendIn(expression, statement);
    if (yields.kindOf(unparenthesized(expression)) == null) {
      Code.Step step = stepOf(expression);
      emit(step != null ? step : Code.of(text, ";"));
    }
    clearKept();
  }

  /**
   * {@code x++;} or {@code x--;} of a hoisted local, as a part jump threading can copy; null for
   * any other expression.
   */
  private Code.Step stepOf(ExpressionTree expression) {
    ExpressionTree value = unparenthesized(expression);
    if ((value.getKind() == Tree.Kind.POSTFIX_INCREMENT
        || value.getKind() == Tree.Kind.POSTFIX_DECREMENT)
        && ((UnaryTree) value).getExpression() instanceof IdentifierTree) {
      String field = hoistedFieldOf(((UnaryTree) value).getExpression());
      if (field != null) {
        return new Code.Step(field,
            value.getKind() == Tree.Kind.POSTFIX_INCREMENT ? "++" : "--", false);
      }
    }
    return null;
  }

  /**
   * Suspends at each yield of {@code expression} in Java's evaluation order (a yield is
   * {@code return suspendAt(k, value);}; what throwInto or close pass is raised at label k by
   * the runtime, through the try-region table), branching where Java evaluates an operand only
   * conditionally; returns the expression's text with each yield replaced by its result, to be
   * evaluated right after the last resumption. Results other than the last are kept in fields.
   */
  private Code suspendIn(ExpressionTree expression, Tree statement) {
    if (!yields.containsYield(expression)) {
      return copy(expression);
    }
    EvaluationOrder.Result order =
        EvaluationOrder.analyze(expression, yields, names, this::isLocal);
    if (order.problem() != null) {
      yieldPositionError(order.problem().tree());
      return Code.of("null");
    }
    Evaluation evaluation = new Evaluation(expression, statement);
    if (!evaluation.run(order.steps(), true)) {
      return Code.of("null");
    }
    // A compound assignment whose old value was kept: E1 = (T) ((old) op (E2)), JLS 15.26.2;
    // the innermost first, as an outer one's right side contains it.
    for (int k = evaluation.compounds.size() - 1; k >= 0; k--) {
      CompoundAssignmentTree compound = evaluation.compounds.get(k);
      TypeName type = evaluation.targetTypes.get(compound);
      String cast = type.isPrimitive() || type.isBoxedPrimitive()
          || type.equals(ClassName.get(String.class)) || type.equals(ClassName.OBJECT)
          ? "(" + source.code(type) + ") " : "";
      if (!cast.isEmpty()) {
        // Where the operation already has the target's type, javac finds the cast redundant.
        suppressedWarnings.add("cast");
      }
      replacements.put(compound, Code.of(copy(compound.getVariable()), " = " + cast + "(",
          evaluation.oldValues.get(compound), " " + OPERATORS.get(compound.getKind()) + " (",
          copy(compound.getExpression()), "))"));
    }
    return copy(expression);
  }

  /** The steps of one expression's {@link EvaluationOrder}, emitted in order. */
  private final class Evaluation {
    final ExpressionTree expression;
    final Tree statement;
    final Map<CompoundAssignmentTree, Code> oldValues = new HashMap<>();
    final Map<CompoundAssignmentTree, TypeName> targetTypes = new HashMap<>();
    final List<CompoundAssignmentTree> compounds = new ArrayList<>();

    Evaluation(ExpressionTree expression, Tree statement) {
      this.expression = expression;
      this.statement = statement;
    }

    /**
     * Emits {@code steps}; {@code top} for the expression's own path, whose last yield's result is
     * read from the sent parameter, where every other result is kept in a field.
     */
    boolean run(List<EvaluationOrder.Step> steps, boolean top) {
      for (int i = 0; i < steps.size(); i++) {
        EvaluationOrder.Step step = steps.get(i);
        boolean last = top && i == steps.size() - 1;
        if (step instanceof EvaluationOrder.Keep) {
          EvaluationOrder.Keep keep = (EvaluationOrder.Keep) step;
          if (!keep(keep, statement, oldValues, targetTypes)) {
            return false;
          }
          if (keep.compound() != null) {
            compounds.add(keep.compound());
          }
        } else if (step instanceof EvaluationOrder.Suspend) {
          suspend(((EvaluationOrder.Suspend) step).call(), last);
        } else if (step instanceof EvaluationOrder.SwitchValue) {
          if (!switchValue(((EvaluationOrder.SwitchValue) step).tree())) {
            return false;
          }
        } else if (!branch((EvaluationOrder.Branch) step)) {
          return false;
        }
      }
      return true;
    }

    private void suspend(MethodInvocationTree call, boolean last) {
      if (yields.kindOf(call) == YieldCalls.Kind.YIELD_FROM) {
        delegate(call, statement);
        if (last && isWholeValue(call, expression)) {
          // Its type is inferred from where it stands, as the call's was.
          replacements.put(call, Code.of("delegateResult()"));
          return;
        }
        String result = "delegateResult()";
        if (!last) {
          String field = field(numbered("delegated"), ClassName.OBJECT,
              "A yieldFrom's result, kept until line " + source.line(statement) + " uses it.");
          result = "this." + field;
          emit(result + " = delegateResult();");
          keptReferences.add(field);
        }
        // Typed as the call was: the runtime's overloads mirror yieldFrom's, and the delegate's
        // code is never evaluated there.
        typedReads.put(call, new TypedRead("resultOf(" + result + ", false ? (",
            call.getArguments().get(0), ") : null)"));
        return;
      }
      Code value = yields.kindOf(call) == YieldCalls.Kind.YIELD
          ? copy(call.getArguments().get(0))
          : Code.of("null");
      int resume = newLabel();
      emitEnd(new Code.Suspend(resume, value, isSimple(value)));
      begin(resume, "line " + source.line(call) + ": " + source.firstLine(statement));
      if (last) {
        replacements.put(call, Code.of(sentParameter));
        return;
      }
      String sent = field(numbered("sent"), method.sentType(),
          "A yield's result, kept while line " + source.line(statement) + " goes on.");
      emit("this." + sent + " = " + sentParameter + ";");
      replacements.put(call, Code.of(new Code.Local(sent, true)));
    }

    /**
     * A switch expression whose cases yield, lowered as a switch statement whose cases store their
     * value in a field, of the type the expression has where it stands.
     */
    private boolean switchValue(SwitchExpressionTree tree) {
      TypeName type = switchType(tree, expression, statement);
      if (type == null) {
        return false;
      }
      String field = field(numbered("switch"), type,
          "The value of the switch expression on line " + source.line(tree) + ".");
      // Its cases are statements of their own: the values this expression keeps stay kept.
      List<String> outerKept = new ArrayList<>(keptReferences);
      keptReferences.clear();
      lowerCases(copy(unparenthesized(tree.getExpression())), tree.getCases(), List.of(), field);
      keptReferences.clear();
      keptReferences.addAll(outerKept);
      if (!type.isPrimitive()) {
        keptReferences.add(field);
      }
      replacements.put(tree, Code.of(new Code.Local(field, true)));
      return true;
    }

    /**
     * Evaluates a branch's test into a flag (storing the pattern variables each outcome
     * introduces, JLS 6.3.1) and emits the path it takes; both paths join after it.
     */
    private boolean branch(EvaluationOrder.Branch branch) {
      ExpressionTree test = branch.test();
      String flag = field(numbered("test"), TypeName.BOOLEAN, "The test of the "
          + (branch.node() instanceof ConditionalExpressionTree ? "?:" : "&& or ||")
          + " on line " + source.line(branch.node()) + ", whose other operands yield.");
      Code whenTrue = keepBindings(PatternBindings.of(test, true), test);
      Code whenFalse = keepBindings(PatternBindings.of(test, false), test);
      Code text = copy(test);
      if (whenTrue.isEmpty() && whenFalse.isEmpty()) {
        emit("this." + flag + " = ", text, ";");
      } else {
        emit("if (", text, ") {\n",
            indent(Code.of("this." + flag + " = true;\n", whenTrue)).stripTrailing(),
            "\n} else {\n",
            indent(Code.of("this." + flag + " = false;\n", whenFalse)).stripTrailing(), "\n}");
      }
      replacements.put(test, Code.of(new Code.Local(flag, true)));
      int end = newLabel();
      if (branch.whenTrue().isEmpty()) {
        emit("if (this." + flag + ") {\n", indent(jumpThrough(finallies.size(), end)), "\n}");
        if (!run(branch.whenFalse(), false)) {
          return false;
        }
      } else {
        int otherwise = branch.whenFalse().isEmpty() ? end : newLabel();
        emit("if (!this." + flag + ") {\n", indent(jumpThrough(finallies.size(), otherwise)),
            "\n}");
        if (!run(branch.whenTrue(), false)) {
          return false;
        }
        if (otherwise != end) {
          jumpTo(end);
          begin(otherwise, null);
          if (!run(branch.whenFalse(), false)) {
            return false;
          }
        }
      }
      begin(end, null);
      return true;
    }
  }

  /** The binary operator of each compound assignment. */
  private static final Map<Tree.Kind, String> OPERATORS = Map.ofEntries(
      Map.entry(Tree.Kind.PLUS_ASSIGNMENT, "+"), Map.entry(Tree.Kind.MINUS_ASSIGNMENT, "-"),
      Map.entry(Tree.Kind.MULTIPLY_ASSIGNMENT, "*"), Map.entry(Tree.Kind.DIVIDE_ASSIGNMENT, "/"),
      Map.entry(Tree.Kind.REMAINDER_ASSIGNMENT, "%"),
      Map.entry(Tree.Kind.LEFT_SHIFT_ASSIGNMENT, "<<"),
      Map.entry(Tree.Kind.RIGHT_SHIFT_ASSIGNMENT, ">>"),
      Map.entry(Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT, ">>>"),
      Map.entry(Tree.Kind.AND_ASSIGNMENT, "&"), Map.entry(Tree.Kind.XOR_ASSIGNMENT, "^"),
      Map.entry(Tree.Kind.OR_ASSIGNMENT, "|"));

  /**
   * Evaluates a value Java computes before a suspension into a field (JLS 15.26: an assignment's
   * array, index and object, and a compound assignment's old value), where the rest of the
   * expression reads it; returns false after reporting a value whose type can't be read.
   */
  private boolean keep(EvaluationOrder.Keep spill, Tree statement,
      Map<CompoundAssignmentTree, Code> oldValues, Map<CompoundAssignmentTree, TypeName> targetTypes) {
    TypeName type;
    // The value's code where the rest of the expression reads it, when it is not the field.
    String read = null;
    if (spill.kind() == EvaluationOrder.SpillKind.INDEX) {
      type = TypeName.INT;
    } else {
      TypeMirror mirror = expressionTypes.typeOf(spill.tree());
      LocalTypes.Denoted denoted = mirror == null ? null : LocalTypes.denote(mirror, this::movedName);
      if (denoted != null && denoted.problem() == null) {
        type = denoted.type();
      } else {
        // A type jcoro can't read or write (an inferred generic call, a captured wildcard):
        // javac gives it to the value where it is read, from the value's code, never evaluated
        // there. A number's code takes the type of `false ? value : 0`, a reference's that of
        // `false ? value : null`: the runtime's overloads of `kept` mirror those types.
        ExpressionTypes.ValueKind kind = spill.kind() == EvaluationOrder.SpillKind.OLD_VALUE
            ? ExpressionTypes.ValueKind.UNKNOWN : expressionTypes.valueKind(spill.tree());
        if (kind == ExpressionTypes.ValueKind.UNKNOWN) {
          error(spill.tree(), String.format(Messages.KEPT_VALUE_TYPE, source.of(spill.tree())));
          return false;
        }
        type = kind == ExpressionTypes.ValueKind.BOOLEAN ? TypeName.BOOLEAN : ClassName.OBJECT;
        if (kind != ExpressionTypes.ValueKind.BOOLEAN) {
          read = kind == ExpressionTypes.ValueKind.NUMBER ? "0" : "null";
        }
      }
    }
    String field = field(numbered("kept"), type,
        "A value line " + source.line(statement) + " evaluates before a suspension and uses after.");
    emit("this." + field + " = ", copy(spill.tree()), ";");
    if (!type.isPrimitive()) {
      keptReferences.add(field);
    }
    if (spill.kind() == EvaluationOrder.SpillKind.OLD_VALUE) {
      oldValues.put(spill.compound(), Code.of(new Code.Local(field, true)));
      targetTypes.put(spill.compound(), type);
    } else {
      if (read == null) {
        replacements.put(spill.tree(), Code.of(new Code.Local(field, true)));
      } else {
        typedReads.put(spill.tree(), new TypedRead("kept(this." + field + ", false ? (",
            spill.tree(), ") : " + read + ")"));
      }
    }
    return true;
  }

  /** Clears the kept values of the statement just emitted, so no garbage stays reachable. */
  private void clearKept() {
    if (current != null) {
      keptReferences.forEach(field -> emit(new Code.Clear(field)));
    }
    keptReferences.clear();
  }

  /**
   * {@code co.yieldFrom(d)}: one state starts the delegation, the next forwards each resumption to
   * the delegate and stays put while it yields.
   */
  private void delegate(MethodInvocationTree call, Tree statement) {
    Code delegate = copy(call.getArguments().get(0));
    int resume = newLabel();
    emit(new Code.Goto(resume));
    emit("delegateTo(", delegate, ");");
    // The first step is next(), whatever resumed this state: PEP 380.
    emit(sentParameter + " = null;");
    emitEnd("continue " + dispatch + ";");
    begin(resume, "line " + source.line(call) + ": " + source.firstLine(statement));
    emit("Object " + delegatedLocal + " = stepDelegate(" + sentParameter + ");\n"
        + "if (" + delegatedLocal + " != DELEGATE_RETURNED) {\n  ",
        new Code.Suspend(resume, Code.of("delegateYielded(" + delegatedLocal + ")"), false), "\n}");
    replacements.put(call, Code.of("delegateResult()"));
  }

  /**
   * Whether {@code call} is all of {@code expression} or the right side of an assignment, where
   * its result's type is inferred from where it stands.
   */
  private static boolean isWholeValue(MethodInvocationTree call, ExpressionTree expression) {
    ExpressionTree value = unparenthesized(expression);
    if (value instanceof AssignmentTree) {
      value = unparenthesized(((AssignmentTree) value).getExpression());
    }
    return value == call;
  }

  private boolean isLocal(String name) {
    return localNames.isDeclared(name)
        || method.parameters().stream().anyMatch(p -> p.getSimpleName().contentEquals(name));
  }

  private void lowerIf(IfTree statement) {
    int end = newLabel();
    int otherwise = statement.getElseStatement() == null ? end : newLabel();
    branchUnless(statement.getCondition(), statement, otherwise);
    lowerScoped(statement.getThenStatement());
    if (statement.getElseStatement() != null) {
      jumpTo(end);
      begin(otherwise, "line " + source.line(statement.getElseStatement()) + ": else");
      lowerScoped(statement.getElseStatement());
    }
    begin(end, null);
  }

  /**
   * Evaluates {@code condition} and jumps to {@code label} when it is false. The pattern variables
   * it introduces are kept in fields, each on its own path: those it introduces when false before
   * the jump, those when true for the code that follows (JLS 6.3.1).
   */
  private void branchUnless(ExpressionTree condition, Tree statement, int label) {
    // First the yields: a branch inside the condition stores the variables its test introduces.
    Code text = condition(condition, statement);
    Code whenFalse = keepBindings(PatternBindings.of(condition, false), condition);
    Code whenTrue = keepBindings(PatternBindings.of(condition, true), condition);
    emit("if (!", text, ") {\n", indent(whenFalse.plus(jumpThrough(finallies.size(), label))),
        "\n}");
    if (!whenTrue.isEmpty()) {
      emit(whenTrue.stripTrailing());
    }
  }

  /**
   * Hoists the pattern variables {@code bindings} that the body uses after {@code declaring} (the
   * condition or case label that matches them), and returns the statements that store them, to
   * run where they are in scope. The field never takes the variable's own name: the variable
   * stays a Java local there, and the name must mean the field.
   */
  private Code keepBindings(List<VariableTree> bindings, Tree declaring) {
    Code.Builder stores = new Code.Builder();
    for (VariableTree binding : bindings) {
      if (names.usesOf(binding).stream().allMatch(use -> source.start(use) < source.end(declaring))
          || hoistedField(binding) != null) {
        continue;
      }
      String field = hoist(binding, typeOf(binding), false, true);
      stores.add(ref(field), " = " + binding.getName() + ";\n");
    }
    return stores.build();
  }

  /** A condition's code, after suspending at the yields it contains. */
  private Code condition(ExpressionTree condition, Tree statement) {
    Code text = suspendIn(condition, statement);
    return condition instanceof ParenthesizedTree ? text : Code.of("(", text, ")");
  }

  /**
   * {@code assert condition : detail;} evaluates its operands only where assertions are enabled
   * for the top-level class (JLS 14.10), which is the user's, not the generated one.
   */
  private void lowerAssert(AssertTree statement) {
    int end = newLabel();
    emit("if (!" + assertionsField() + ") {\n", indent(jumpThrough(finallies.size(), end)),
        "\n}");
    Code condition = condition(statement.getCondition(), statement);
    if (statement.getDetail() == null) {
      emit("if (!", condition, ") {\n  throw new AssertionError();\n}");
      clearKept();
    } else {
      emit("if (", condition, ") {\n", indent(jumpThrough(finallies.size(), end)), "\n}");
      clearKept();
      emitEnd("throw new AssertionError(", suspendIn(statement.getDetail(), statement), ");");
    }
    begin(end, null);
  }

  /**
   * The field that says whether assertions are enabled for the top-level class around the body,
   * whose assert statements the state machine runs (JLS 14.10), read once, as javac does.
   */
  private String assertionsField() {
    if (assertionsField == null) {
      List<javax.lang.model.element.TypeElement> enclosing =
          expressionTypes.names().enclosingTypes();
      ClassName topLevel = ClassName.get(enclosing.get(enclosing.size() - 1));
      assertionsField = localNames.freshName("assertions$", generatedNames);
      fields.put(assertionsField, new StateMachineModel.Field(assertionsField, TypeName.BOOLEAN,
          "Whether assertions are enabled for {@code " + topLevel.simpleName() + "}, whose"
              + " assert statements these are.",
          source.mark(topLevel) + ".class.desiredAssertionStatus()"));
    }
    return assertionsField;
  }

  private void lowerScoped(StatementTree statement) {
    lowerStatements(statement instanceof BlockTree
        ? ((BlockTree) statement).getStatements()
        : List.of(statement));
  }

  private void lowerWhile(WhileLoopTree loop, List<String> names) {
    int top = newLabel();
    int end = newLabel();
    begin(top, "line " + source.line(loop) + ": " + source.firstLine(loop));
    if (!Completion.isConstantTrue(loop.getCondition())) {
      branchUnless(loop.getCondition(), loop, end);
    }
    loopBody(loop.getStatement(), names, end, top);
    jumpTo(top);
    begin(end, null);
  }

  private void lowerDoWhile(DoWhileLoopTree loop, List<String> names) {
    int top = newLabel();
    int test = newLabel();
    int end = newLabel();
    begin(top, "line " + source.line(loop) + ": do");
    loopBody(loop.getStatement(), names, end, test);
    begin(test, "line " + source.line(loop.getCondition()) + ": while " + source.firstLine(loop.getCondition()));
    Code whenFalse = keepBindings(PatternBindings.of(loop.getCondition(), false), loop.getCondition());
    emit("if ", condition(loop.getCondition(), loop), " {\n",
        indent(jumpThrough(finallies.size(), top)), "\n}");
    if (!whenFalse.isEmpty()) {
      emit(whenFalse.stripTrailing());
    }
    jumpTo(end);
    begin(end, null);
  }

  private void lowerFor(ForLoopTree loop, List<String> names) {
    pushScope();
    for (StatementTree init : loop.getInitializer()) {
      if (init instanceof VariableTree) {
        VariableTree variable = (VariableTree) init;
        String field = hoistLocal(variable, typeOf(variable));
        if (variable.getInitializer() != null) {
          emitAssignment(field, suspendIn(variable.getInitializer(), variable));
        }
      } else {
        lowerExpression(((ExpressionStatementTree) init).getExpression(), init);
      }
    }
    int top = newLabel();
    int update = newLabel();
    int end = newLabel();
    begin(top, "line " + source.line(loop) + ": " + source.firstLine(loop));
    if (loop.getCondition() != null) {
      branchUnless(loop.getCondition(), loop, end);
    }
    loopBody(loop.getStatement(), names, end, update);
    begin(update, null);
    for (ExpressionStatementTree step : loop.getUpdate()) {
      lowerExpression(step.getExpression(), step);
    }
    jumpTo(top);
    popScope();
    begin(end, null);
  }

  private void lowerEnhancedFor(EnhancedForLoopTree loop, List<String> names) {
    Code iterable = suspendIn(loop.getExpression(), loop);
    pushScope();
    VariableTree variable = loop.getVariable();
    TypeName type = typeOf(variable);
    String iterator = field("iterator$" + nextTemporary++,
        ParameterizedTypeName.get(ClassName.get(java.util.Iterator.class),
            WildcardTypeName.subtypeOf(type.box())),
        "The iterator of the for loop at line " + source.line(loop) + ".");
    emit("this." + iterator + " = iterate(", iterable, ");");
    String element = hoist(variable, type);
    int top = newLabel();
    int end = newLabel();
    begin(top, "line " + source.line(loop) + ": " + source.firstLine(loop));
    emit("if (!this." + iterator + ".hasNext()) {\n", indent(jumpThrough(finallies.size(), end)),
        "\n}");
    emit("this." + element + " = this." + iterator + ".next();");
    loopBody(loop.getStatement(), names, end, top);
    jumpTo(top);
    popScope();
    begin(end, null);
    emit(new Code.Clear(iterator));
  }

  private void loopBody(StatementTree body, List<String> names, int breakLabel, int continueLabel) {
    targets.push(new Target(names, TargetKind.LOOP, breakLabel, continueLabel, finallies.size()));
    lowerScoped(body);
    popTarget();
  }

  private void lowerLabeled(LabeledStatementTree statement) {
    List<String> names = new ArrayList<>();
    StatementTree body = statement;
    while (body instanceof LabeledStatementTree) {
      names.add(((LabeledStatementTree) body).getLabel().toString());
      body = ((LabeledStatementTree) body).getStatement();
    }
    switch (body.getKind()) {
      case WHILE_LOOP:
        lowerWhile((WhileLoopTree) body, names);
        return;
      case DO_WHILE_LOOP:
        lowerDoWhile((DoWhileLoopTree) body, names);
        return;
      case FOR_LOOP:
        lowerFor((ForLoopTree) body, names);
        return;
      case ENHANCED_FOR_LOOP:
        lowerEnhancedFor((EnhancedForLoopTree) body, names);
        return;
      case SWITCH:
        lowerSwitch((SwitchTree) body, names);
        return;
      default:
        int end = newLabel();
        targets.push(new Target(names, TargetKind.BLOCK, end, -1, finallies.size()));
        lowerScoped(body);
        popTarget();
        begin(end, null);
    }
  }

  /**
   * A switch statement that suspends: a native switch on the selector (evaluated once, matched by
   * Java itself) jumps to the state of the chosen case; the cases' statements follow one another
   * as in the source, so an old-style case falls through into the next.
   */
  private void lowerSwitch(SwitchTree statement, List<String> names) {
    lowerCases(suspendIn(statement.getExpression(), statement), statement.getCases(), names, null);
  }

  /**
   * The cases of a switch that suspends, dispatched from a switch on {@code selector}; each case
   * is a state. For a switch expression, {@code valueField} holds its value: a case's expression
   * and its yield statements store it.
   */
  private void lowerCases(Code selector, List<? extends CaseTree> cases, List<String> names,
      String valueField) {
    int end = newLabel();
    boolean rules = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    List<Integer> starts = new ArrayList<>();
    Code.Builder dispatchCode = new Code.Builder().add("switch (", selector, ") {\n");
    // An enhanced switch (with patterns, or case null) is exhaustive: nothing falls past it.
    boolean exhaustive = false;
    pushScope();
    for (CaseTree c : cases) {
      int start = newLabel();
      starts.add(start);
      exhaustive |= CaseLabels.isDefault(c) || PatternBindings.isEnhanced(c);
      // The case's pattern variables, matched here, are kept for its states.
      List<VariableTree> bindings = PatternBindings.ofCase(c);
      Code stores = keepBindings(bindings, caseHead(c));
      dispatchCode.add("  ", caseLabel(c, bindings), ":\n");
      dispatchCode.add(indent(indent(stores.plus(jumpThrough(finallies.size(), start)))), "\n");
    }
    dispatchCode.add("}");
    emit(dispatchCode.build());
    if (exhaustive) {
      current = null;
    } else {
      jumpTo(end);
    }
    targets.push(valueField == null
        ? new Target(names, TargetKind.SWITCH, end, -1, finallies.size())
        : new Target(names, TargetKind.SWITCH_EXPRESSION, end, -1, finallies.size(),
            new ArrayList<>(), valueField));
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      begin(starts.get(i), "line " + source.line(c) + ": " + source.firstLine(c));
      if (rules) {
        Tree body = c.getBody();
        if (body instanceof StatementTree) {
          lowerScoped((StatementTree) body);
        } else if (valueField != null) {
          Code value = suspendIn((ExpressionTree) body, c);
          emit(ref(valueField), " = ", value, ";");
          clearKept();
        } else {
          lowerExpression((ExpressionTree) body, c);
        }
        jumpTo(end);
      } else {
        lowerCaseGroup(c.getStatements());
      }
    }
    popScope();
    popTarget();
    begin(end, null);
  }

  /**
   * {@code yield value;} in a switch expression the lowering flattened: stores the value and
   * leaves the switch, through the finally blocks in between.
   */
  private Code yieldValue(Code value) {
    Target target = switchExpression();
    return Code.of(ref(target.valueField()), " = ", value, ";\n",
        jumpThrough(target.finallyDepth(), target.breakLabel()));
  }

  /** The innermost switch expression the lowering flattened. */
  private Target switchExpression() {
    return targets.stream().filter(target -> target.kind() == TargetKind.SWITCH_EXPRESSION)
        .findFirst().orElseThrow(() -> new IllegalStateException("yield outside a switch"));
  }

  /**
   * The type of a switch expression's value where it stands: the declared local, the assigned
   * variable, the method's return type, or else its standalone type (JLS 15.28.1). Null after
   * reporting one it can't read.
   */
  private TypeName switchType(SwitchExpressionTree tree, ExpressionTree expression,
      Tree statement) {
    ExpressionTree whole = unparenthesized(expression);
    if (statement instanceof VariableTree && whole == tree) {
      return typeOf((VariableTree) statement);
    }
    if (whole instanceof AssignmentTree
        && unparenthesized(((AssignmentTree) whole).getExpression()) == tree) {
      return denoted(expressionTypes.typeOf(((AssignmentTree) whole).getVariable()), tree);
    }
    if (statement instanceof ReturnTree && whole == tree) {
      return TypeName.get(method.element().getReturnType());
    }
    return denoted(expressionTypes.typeOf(tree), tree);
  }

  /** {@code type} as the generated code writes it; null (reported on {@code at}) if it can't. */
  private TypeName denoted(TypeMirror type, Tree at) {
    LocalTypes.Denoted denoted = type == null ? null : LocalTypes.denote(type, this::movedName);
    if (denoted == null || denoted.problem() != null) {
      if (at != null) {
        error(at, Messages.SWITCH_VALUE_TYPE);
      }
      return null;
    }
    return denoted.type();
  }

  /**
   * A case's labels for the dispatch switch: {@code default}, or {@code case} and the labels
   * (constants, enum constants, patterns with their guard) as the resolution writes them.
   */
  /** The last tree of a case's head: its guard, or its last label. */
  private static Tree caseHead(CaseTree c) {
    ExpressionTree guard = CaseLabels.guard(c);
    if (guard != null) {
      return guard;
    }
    List<CaseLabels.Label> labels = CaseLabels.of(c);
    Tree last = labels.get(labels.size() - 1).tree();
    return last != null ? last : c;
  }

  private Code caseLabel(CaseTree c, List<VariableTree> bindings) {
    List<Code> labels = new ArrayList<>();
    boolean isDefault = false;
    for (CaseLabels.Label label : CaseLabels.of(c)) {
      if (label.kind() == CaseLabels.Kind.DEFAULT) {
        isDefault = true;
      } else {
        labels.add(copy(label.tree()));
      }
    }
    if (labels.isEmpty()) {
      return Code.of("default");
    }
    Code text = Code.of("case ", Code.join(", ", labels), isDefault ? ", default" : "");
    ExpressionTree guard = CaseLabels.guard(c);
    return guard == null ? text : text.plus(" when ", copy(guard, bindings));
  }

  /** The statements of one old-style case: the switch block is one scope, so no scope of its own. */
  private void lowerCaseGroup(List<? extends StatementTree> statements) {
    for (int i = 0; i < statements.size(); i++) {
      StatementTree statement = statements.get(i);
      if (statement instanceof VariableTree) {
        // A local of a switch block may be assigned in one case and read in the next: hoisted.
        lowerHoistedDeclaration((VariableTree) statement);
      } else if (statement instanceof ClassTree) {
        lowerLocalType((ClassTree) statement, statements, i);
      } else {
        lowerStatement(statement);
      }
    }
  }

  // ---------------------------------------------------------------- try statements

  private void lowerTry(TryTree statement) {
    if (!statement.getResources().isEmpty()
        && statement.getCatches().isEmpty() && statement.getFinallyBlock() == null) {
      pushScope();
      lowerResources(statement, 0);
      popScope();
      return;
    }
    long line = source.line(statement);
    int after = newLabel();
    Region outer = region;
    FinallyFrame frame = null;
    Region finallyRegion = outer;
    if (statement.getFinallyBlock() != null) {
      int id = nextTemporary++;
      frame = new FinallyFrame(newLabel(),
          field("finally" + id + "$next", TypeName.INT,
              "Where the finally block at line " + line + " jumps when it ends."),
          field("finally" + id + "$thrown", THROWABLE,
              "What the finally block at line " + line + " rethrows when it ends."));
      finallyRegion = new Region("catch blocks of the try at line " + line,
          frame.thrownField(), frame.entry());
    }
    int dispatcher = statement.getCatches().isEmpty() ? -1 : newLabel();
    Region tryRegion = dispatcher >= 0
        ? new Region("try block at line " + line, "caught", dispatcher)
        : new Region("try block at line " + line, finallyRegion.field(), finallyRegion.target());

    int tryStart = newLabel();
    int depth = finallies.size();
    region = tryRegion;
    begin(tryStart, "line " + line + ": try");
    if (frame != null) {
      finallies.add(frame);
    }
    if (statement.getResources().isEmpty()) {
      lowerScoped(statement.getBlock());
    } else {
      // JLS 14.20.3.2: the resources are closed before the catch and finally blocks run.
      pushScope();
      lowerResources(statement, 0);
      popScope();
    }
    if (current != null) {
      emitEnd(jumpThrough(depth, after));
    }

    if (dispatcher >= 0) {
      region = frame != null ? finallyRegion : outer;
      lowerCatches(statement, dispatcher, after, depth);
    }
    if (frame != null) {
      finallies.remove(finallies.size() - 1);
      region = outer;
      begin(frame.entry(), "line " + source.line(statement.getFinallyBlock()) + ": finally");
      lowerScoped(statement.getFinallyBlock());
      endFinally(frame);
    }
    region = outer;
    begin(after, null);
  }

  /** The end of an emulated finally block: rethrow what is pending, or take the pending jump. */
  private void endFinally(FinallyFrame frame) {
    if (current != null) {
      emit("if (this." + frame.thrownField() + " != null) {\n"
          + "  Throwable " + pendingLocal + " = this." + frame.thrownField() + ";\n"
          + "  this." + frame.thrownField() + " = null;\n"
          + "  throw " + pendingLocal + ";\n"
          + "}");
      emitEnd(new Code.JumpVia(frame.jumpField()));
    }
  }

  /**
   * The resources from {@code index} on, then the block: each resource is a try/finally of its own
   * (JLS 14.20.3.1) whose emulated finally closes it, adding a close failure to the primary
   * exception as a suppressed one.
   */
  private void lowerResources(TryTree statement, int index) {
    List<? extends Tree> resources = statement.getResources();
    if (index == resources.size()) {
      lowerStatements(statement.getBlock().getStatements());
      return;
    }
    Tree resource = resources.get(index);
    int id = nextTemporary++;
    String closeable = field("resource" + id, AUTO_CLOSEABLE,
        "The resource at line " + source.line(resource) + ", closed when its block ends.");
    if (resource instanceof VariableTree) {
      VariableTree variable = (VariableTree) resource;
      TypeName type = typeOf(variable);
      Code value = suspendIn(variable.getInitializer(), variable);
      String field = hoist(variable, type);
      emit("this." + closeable + " = this." + field + " = ", value, ";");
    } else {
      emit("this." + closeable + " = ", suspendIn((ExpressionTree) resource, resource), ";");
    }
    FinallyFrame frame = new FinallyFrame(newLabel(),
        field("resource" + id + "$next", TypeName.INT, "Where closing the resource jumps when done."),
        field("resource" + id + "$thrown", THROWABLE,
            "The exception closing the resource rethrows, with close failures suppressed."));
    Region outer = region;
    int depth = finallies.size();
    int after = newLabel();
    region = new Region("resource at line " + source.line(resource), frame.thrownField(),
        frame.entry());
    begin(newLabel(), "line " + source.line(resource) + ": " + source.firstLine(resource));
    finallies.add(frame);
    lowerResources(statement, index + 1);
    if (current != null) {
      emitEnd(jumpThrough(depth, after));
    }
    finallies.remove(finallies.size() - 1);
    region = outer;
    begin(frame.entry(), "close " + source.firstLine(resource));
    String thrown = "this." + frame.thrownField();
    emit("AutoCloseable " + closingLocal + " = this." + closeable + ";\n"
        + "this." + closeable + " = null;\n"
        + "if (" + closingLocal + " != null) {\n"
        + "  if (" + thrown + " != null) {\n"
        + "    try {\n"
        + "      " + closingLocal + ".close();\n"
        + "    } catch (Throwable " + suppressedLocal + ") {\n"
        + "      " + thrown + ".addSuppressed(" + suppressedLocal + ");\n"
        + "    }\n"
        + "  } else {\n"
        + "    " + closingLocal + ".close();\n"
        + "  }\n"
        + "}");
    endFinally(frame);
    begin(after, null);
  }

  /**
   * The catch dispatcher rethrows the routed exception into the original catch clauses, so Java
   * itself picks the clause; a clause that yields stores its parameter and jumps to its own states.
   */
  private void lowerCatches(TryTree statement, int dispatcher, int after, int depth) {
    begin(dispatcher, "line " + source.line(statement.getCatches().get(0)) + ": catch");
    Code.Builder code = new Code.Builder().add("try {\n  throw takeCaught();\n}");
    Map<CatchTree, Integer> splitCatches = new LinkedHashMap<>();
    Map<CatchTree, String> parameterFields = new HashMap<>();
    for (CatchTree clause : statement.getCatches()) {
      VariableTree parameter = clause.getParameter();
      code.add(" catch (", copy(parameter), ") {\n");
      if (yields.containsYield(clause.getBlock())) {
        int start = newLabel();
        splitCatches.put(clause, start);
        boolean union = parameter.getType() instanceof UnionTypeTree;
        pushScope();
        String field = hoist(parameter, union ? THROWABLE : typeOf(parameter));
        scopes.removeLast();
        parameterFields.put(clause, field);
        code.add("  this." + field + " = " + parameter.getName() + ";\n");
        code.add(indent(jumpThrough(finallies.size(), start)), "\n}");
      } else {
        Code body = Code.join("\n", clause.getBlock().getStatements().stream()
            .map(this::copy).toList());
        code.add(indent(body));
        if (Completion.canCompleteNormally(clause.getBlock())) {
          code.add("\n", indent(jumpThrough(depth, after)));
        }
        code.add("\n}");
      }
    }
    emitEnd(code.build());
    for (Map.Entry<CatchTree, Integer> split : splitCatches.entrySet()) {
      CatchTree clause = split.getKey();
      VariableTree parameter = clause.getParameter();
      String field = parameterFields.get(clause);
      boolean union = parameter.getType() instanceof UnionTypeTree;
      pushScope();
      if (union) {
        // The clause's own parameter, declared again around the state's code: a Java local.
        unionCatches.add(new LoweredState.UnionCatch(copy(parameter), field));
      } else {
        scopes.peekLast().put(parameter, field);
      }
      begin(split.getValue(), "line " + source.line(clause) + ": " + source.firstLine(clause));
      lowerScoped(clause.getBlock());
      popScope();
      if (union && current != null) {
        emit(new Code.Clear(field));
      }
      if (current != null) {
        emitEnd(jumpThrough(depth, after));
      }
      if (union) {
        unionCatches.remove(unionCatches.size() - 1);
      }
    }
  }

  // ---------------------------------------------------------------- errors

  private void yieldPositionError(Tree tree) {
    Tree call = firstYield(tree);
    // The sent type as the user writes it: simple names.
    String type = call instanceof MethodInvocationTree
        && yields.kindOf(call) == YieldCalls.Kind.YIELD_FROM
        ? "var" : method.sentType().toString().replaceAll("(?:[a-z_][\\w$]*\\.)+(?=[A-Z])", "");
    error(call, String.format(Messages.YIELD_POSITION, type, source.of(call)));
  }


  private void error(Tree tree, String message) {
    errors.error(method.element(), method.path(), tree, message);
  }

  private Tree firstYield(Tree tree) {
    Tree[] found = new Tree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (found[0] == null && yields.kindOf(node) != null) {
          found[0] = node;
        }
        return super.visitMethodInvocation(node, null);
      }
    }.scan(tree, null);
    return found[0] == null ? tree : found[0];
  }

  private static ExpressionTree unparenthesized(ExpressionTree expression) {
    while (expression instanceof ParenthesizedTree) {
      expression = ((ParenthesizedTree) expression).getExpression();
    }
    return expression;
  }
}
