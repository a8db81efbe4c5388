package dev.jcoro.processor.lower;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import dev.jcoro.processor.analysis.ExpressionTypes;
import dev.jcoro.processor.analysis.LocalNames;
import dev.jcoro.processor.analysis.LocalTypes;
import dev.jcoro.processor.analysis.NameResolution;
import dev.jcoro.processor.analysis.YieldCalls;
import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.List;
import java.util.Set;

/**
 * One part of a body's {@link Lowering}: what every part reads (the method, its analysis, the
 * names the generated code takes), the other parts, and the calls every part makes.
 */
abstract class LoweringPart {
  final Lowering lowering;
  final CoroutineMethod method;
  final YieldCalls yields;
  final SourceText source;
  final NameResolution names;
  final LocalTypes localTypes;
  final ExpressionTypes expressionTypes;
  final LocalNames localNames;
  /** Names the generated code has taken, besides those the body declares. */
  final Set<String> generatedNames;
  /** The Java label of the dispatch loop. */
  final String dispatch;
  /** The parameter of {@code resume} that holds the value sent. */
  final String sentParameter;
  /** The parameter of {@code resume} that holds the label running: jumps assign it. */
  final String atParameter;
  /** The local holding the label running, by which an exception is routed. */
  final String runningLocal;
  /** The local a finally block rethrows its pending exception from. */
  final String pendingLocal;
  /** The local holding a resource being closed. */
  final String closingLocal;
  /** The local holding what one step of a yieldFrom delegate returned. */
  final String delegatedLocal;
  /** The local a close failure is caught in, to be suppressed. */
  final String suppressedLocal;
  /** The local a returned value is converted to the method's primitive return type in. */
  final String resultLocal;

  LoweringPart(Lowering lowering) {
    this.lowering = lowering;
    this.method = lowering.method;
    this.yields = lowering.yields;
    this.source = lowering.source;
    this.names = lowering.names;
    this.localTypes = lowering.localTypes;
    this.expressionTypes = lowering.expressionTypes;
    this.localNames = lowering.localNames;
    this.generatedNames = lowering.generatedNames;
    this.dispatch = lowering.dispatch;
    this.sentParameter = lowering.sentParameter;
    this.atParameter = lowering.atParameter;
    this.runningLocal = lowering.runningLocal;
    this.pendingLocal = lowering.pendingLocal;
    this.closingLocal = lowering.closingLocal;
    this.delegatedLocal = lowering.delegatedLocal;
    this.suppressedLocal = lowering.suppressedLocal;
    this.resultLocal = lowering.resultLocal;
  }

  States states() {
    return lowering.states;
  }

  Locals locals() {
    return lowering.locals;
  }

  Copies copies() {
    return lowering.copies;
  }

  Expressions expressions() {
    return lowering.expressions;
  }

  Statements statements() {
    return lowering.statements;
  }

  Switches switches() {
    return lowering.switches;
  }

  TryStatements tries() {
    return lowering.tries;
  }

  // The calls every part makes.

  Code copy(Tree tree) {
    return copies().copy(tree);
  }

  Code copy(Tree tree, List<? extends Tree> locals) {
    return copies().copy(tree, locals);
  }

  void emit(Object... pieces) {
    states().emit(pieces);
  }

  void emitEnd(Object... pieces) {
    states().emitEnd(pieces);
  }

  int newLabel() {
    return states().newLabel();
  }

  void begin(int label, String comment) {
    states().begin(label, comment);
  }

  void jumpTo(int label) {
    states().jumpTo(label);
  }

  Code jumpThrough(int targetDepth, int label) {
    return states().jumpThrough(targetDepth, label);
  }

  Code suspendIn(ExpressionTree expression, Tree statement) {
    return expressions().suspendIn(expression, statement);
  }

  void error(Tree tree, String message) {
    lowering.error(tree, message);
  }

  static Code.Local ref(String field) {
    return Locals.ref(field);
  }

  static Code indent(Code code) {
    return States.indent(code);
  }

  static Code braced(Code code) {
    return States.braced(code);
  }

  static ExpressionTree unparenthesized(ExpressionTree expression) {
    while (expression instanceof ParenthesizedTree) {
      expression = ((ParenthesizedTree) expression).getExpression();
    }
    return expression;
  }
}
