package dev.jcoro.processor.lower;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.jcoro.processor.ErrorReporter;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.analysis.ExpressionTypes;
import dev.jcoro.processor.analysis.HintTypes;
import dev.jcoro.processor.analysis.LocalNames;
import dev.jcoro.processor.analysis.LocalTypes;
import dev.jcoro.processor.analysis.NameResolution;
import dev.jcoro.processor.analysis.YieldCalls;
import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.StateMachineModel;
import dev.jcoro.processor.model.LoweredHandler;
import dev.jcoro.processor.model.LoweredState;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers a coroutine body to a {@link StateMachineModel}, in the manner of regenerator and
 * TypeScript's generator transform: statements that contain a yield are split into numbered states
 * joined by explicit jumps ({@code at = k; continue dispatch;}); statements that don't are
 * copied as they are. The states are built of {@link Code} parts, which the passes read
 * ({@link JumpThreading}, {@link StateGraph}) before Java is printed from them, once.
 *
 * <p>The parts of the lowering: {@link Statements} (and {@link Switches}, {@link TryStatements})
 * split statements, {@link Expressions} split expressions in Java's evaluation order,
 * {@link Locals} decides where each local lives, {@link States} builds the states and their jumps,
 * {@link Copies} copies what does not suspend. A local used beyond the state that declares it is
 * hoisted: to a local of {@code resume} if no resumption reads it before assigning it (the graph
 * of the lowered states says; the body is lowered again with the others as fields), else to a
 * field.
 */
public final class Lowering {
  /**
   * The most passes of the lowering: the last makes every candidate a field, which is right
   * without the analysis.
   */
  private static final int MAX_PASSES = 3;

  final CoroutineMethod method;
  final YieldCalls yields;
  final SourceText source;
  final NameResolution names;
  final LocalTypes localTypes;
  final ExpressionTypes expressionTypes;
  final LocalNames localNames;
  private final ErrorReporter errors;
  private final int errorsBefore;
  final Set<String> generatedNames = new HashSet<>();
  final String dispatch;
  final String pendingLocal;
  final String sentParameter;
  final String atParameter;
  final String runningLocal;
  final String closingLocal;
  final String delegatedLocal;
  final String suppressedLocal;
  final String resultLocal;
  /** Lint warnings that exact generated code gives: see {@link StateMachineModel}. */
  final Set<String> suppressedWarnings = new TreeSet<>();

  final States states;
  final Locals locals;
  final Copies copies;
  final Expressions expressions;
  final Statements statements;
  final Switches switches;
  final TryStatements tries;

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
    this.states = new States(this);
    this.locals = new Locals(this, stateLocalsAsked);
    this.copies = new Copies(this);
    this.expressions = new Expressions(this);
    this.statements = new Statements(this);
    this.switches = new Switches(this);
    this.tries = new TryStatements(this);
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
      if (errors.errorCount() != lowering.errorsBefore || lowering.locals.unresolvedType) {
        return Optional.empty();
      }
      List<String> locals = lowering.locals.stateLocals();
      Set<String> live = lowering.states.graph.liveWhereAResumptionBegins();
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

  private void lowerBody() {
    if (names.callsStaticThroughReceiver()) {
      suppressedWarnings.add("static");
    }
    locals.pushScope();
    locals.hoistParameters();
    states.begin(0, "start of " + method.name() + "()");
    statements.lowerStatements(method.tree().getBody().getStatements());
    if (states.current != null) {
      states.emitEnd(states.returnWith(null, null));
    }
    if (states.returnLabel >= 0) {
      states.region = null;
      states.begin(states.returnLabel, "return through finally blocks");
      states.emitEnd(new Code.Complete(Code.of(new Code.Local(States.RETURN_FIELD, true)), true));
    }
    locals.popScope();
    states.build();
  }

  private static List<Integer> ascending(List<Integer> labels) {
    return labels.stream().sorted().toList();
  }

  /**
   * The final model, printed: the state locals {@code locals} are locals of {@code resume}, not
   * fields.
   */
  private StateMachineModel model(List<String> stateLocals) {
    Code.Names printing = new Code.Names(Set.copyOf(stateLocals), atParameter, dispatch,
        source.marksLines());
    // Labels are numbered as the lowering makes them, not in body order: the cases are written in
    // ascending order for readers, but for a state placed before the one it jumps to.
    CaseOrder.Ordered ordered = CaseOrder.order(states.loweredStates, states.loweredHandlers);
    if (ordered.fallsThrough()) {
      suppressedWarnings.add("fallthrough");
    }
    List<StateMachineModel.State> printed = new ArrayList<>();
    for (LoweredState state : ordered.states()) {
      printed.add(new StateMachineModel.State(
          ascending(state.labels()), state.comment(), state.print(printing)));
    }
    List<StateMachineModel.Handler> handlers = new ArrayList<>();
    for (LoweredHandler handler : states.loweredHandlers) {
      handlers.add(new StateMachineModel.Handler(
          ascending(handler.labels()), handler.comment(), handler.code()));
    }
    handlers.sort(Comparator.comparingInt(handler -> handler.labels().get(0)));
    List<StateMachineModel.Field> kept = new ArrayList<>();
    List<StateMachineModel.Field> resumeLocals = new ArrayList<>();
    for (StateMachineModel.Field field : locals.fields.values()) {
      (stateLocals.contains(field.name()) ? resumeLocals : kept).add(field);
    }
    return new StateMachineModel(kept, resumeLocals, locals.receiverField,
        List.copyOf(locals.parameterFields), printed, handlers, dispatch, sentParameter,
        atParameter, runningLocal, Set.copyOf(suppressedWarnings),
        List.copyOf(locals.movedTypeCode), Set.copyOf(locals.movedTypes.values()),
        source.marksLines());
  }

  /** Reports that {@code tree} holds a yield where the lowering has no place for it. */
  void yieldPositionError(Tree tree) {
    Tree call = firstYield(tree);
    // The local's type as the user writes it: the sent type, or what the delegation returns.
    String type = HintTypes.of(method.sentType());
    if (call instanceof MethodInvocationTree && yields.kindOf(call) == YieldCalls.Kind.YIELD_FROM) {
      MethodInvocationTree delegation = (MethodInvocationTree) call;
      TypeMirror delegate = delegation.getArguments().size() == 1
          ? expressionTypes.typeOf(delegation.getArguments().get(0)) : null;
      TypeMirror result = delegate == null ? null : expressionTypes.yieldFromResult(delegate);
      String denoted = result == null ? null : HintTypes.denoted(result);
      type = denoted == null ? "var" : denoted;
    }
    error(call, String.format(Messages.YIELD_POSITION, type, source.of(call)));
  }

  /** Reports {@code message} on the method itself. */
  void errorOnMethod(String message) {
    errors.error(method.element(), message);
  }

  void error(Tree tree, String message) {
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
}
