package dev.jcoro.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.analysis.EvaluationOrder;
import dev.jcoro.processor.analysis.ExpressionTypes;
import dev.jcoro.processor.analysis.HintTypes;
import dev.jcoro.processor.analysis.LocalTypes;
import dev.jcoro.processor.analysis.PatternBindings;
import dev.jcoro.processor.analysis.SwitchResults;
import dev.jcoro.processor.analysis.YieldCalls;
import dev.jcoro.processor.model.Code;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Expressions that suspend, lowered in Java's evaluation order ({@link EvaluationOrder}): kept
 * operands, suspensions, delegations, branches of {@code ?:}, {@code &&} and {@code ||}, switch
 * expressions whose cases yield; what replaces each evaluated tree in the copied code.
 */
final class Expressions extends LoweringPart {
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
  /** The fields holding kept reference values of the statement being lowered. */
  private final List<String> keptReferences = new ArrayList<>();

  Expressions(Lowering lowering) {
    super(lowering);
  }

  /** What the copied code reads in place of {@code tree}, already evaluated; or null. */
  Code replacement(Tree tree) {
    TypedRead read = typedReads.remove(tree);
    if (read != null) {
      try {
        return Code.of(read.before(), copy(read.code()), read.after());
      } finally {
        typedReads.put(tree, read);
      }
    }
    return replacements.get(tree);
  }

  /** {@code before + code + after}, the code being {@code code}'s. */
  record TypedRead(String before, Tree code, String after) {}

  /**
   * Suspends at each yield of {@code expression} in Java's evaluation order (a yield is
   * {@code return suspendAt(k, value);}; what throwInto or close pass is raised at label k by
   * the runtime, through the try-region table), branching where Java evaluates an operand only
   * conditionally; returns the expression's text with each yield replaced by its result, to be
   * evaluated right after the last resumption. Results other than the last are kept in fields.
   */
  Code suspendIn(ExpressionTree expression, Tree statement) {
    if (!yields.containsYield(expression)) {
      return copy(expression);
    }
    EvaluationOrder.Result order =
        EvaluationOrder.analyze(expression, yields, names, this::isLocal);
    if (order.problem() != null) {
      lowering.yieldPositionError(order.problem().tree());
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
        lowering.suppressedWarnings.add("cast");
      }
      replacements.put(compound, Code.of(copy(compound.getVariable()), " = " + cast + "(",
          evaluation.oldValues.get(compound), " " + OPERATORS.get(compound.getKind()) + " (",
          copy(compound.getExpression()), "))"));
    }
    return copy(expression);
  }

  /** The steps of one expression's {@link EvaluationOrder}, emitted in order. */
  final class Evaluation {
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
          String field = locals().field(locals().numbered("delegated"), ClassName.OBJECT,
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
      emitEnd(new Code.Suspend(resume, value, States.isSimple(value)));
      begin(resume, "line " + source.line(call) + ": " + source.firstLine(statement));
      if (last) {
        replacements.put(call, received(call, Code.of(sentParameter)));
        return;
      }
      String sent = locals().field(locals().numbered("sent"), method.sentType(),
          "A yield's result, kept while line " + source.line(statement) + " goes on.");
      emit("this." + sent + " = " + sentParameter + ";");
      replacements.put(call, received(call, Code.of(new Code.Local(sent, true))));
    }

    /**
     * The value {@code call} received: where the statement unboxes it ({@code int v =
     * co.receive();}), checked by the runtime, so that the null of a {@code next()} fails with a
     * message that says where and what to do instead.
     */
    private Code received(MethodInvocationTree call, Code value) {
      String primitive = unboxedTo(call);
      return primitive == null ? value
          : Code.of("received(", value, ", " + source.line(call) + ", \"" + primitive + "\", \""
              + ((ClassName) method.sentType()).simpleName() + "\")");
    }

    /**
     * The primitive type the statement unboxes {@code call}'s value to, or null: a declaration's,
     * an assignment's or a compound assignment's target, or the method's return type.
     */
    private String unboxedTo(MethodInvocationTree call) {
      if (!method.sentType().isBoxedPrimitive()) {
        return null;
      }
      if (statement instanceof VariableTree) {
        VariableTree variable = (VariableTree) statement;
        return variable.getInitializer() != null && unparenthesized(variable.getInitializer()) == call
            && variable.getType() != null && variable.getType().getKind() == Tree.Kind.PRIMITIVE_TYPE
            ? variable.getType().toString() : null;
      }
      if (statement instanceof ReturnTree) {
        TypeMirror returned = method.element().getReturnType();
        ExpressionTree value = ((ReturnTree) statement).getExpression();
        return value != null && unparenthesized(value) == call && returned.getKind().isPrimitive()
            ? returned.toString() : null;
      }
      if (!(statement instanceof ExpressionStatementTree)) {
        return null;
      }
      ExpressionTree whole = ((ExpressionStatementTree) statement).getExpression();
      ExpressionTree target;
      ExpressionTree value;
      if (whole instanceof AssignmentTree) {
        target = ((AssignmentTree) whole).getVariable();
        value = ((AssignmentTree) whole).getExpression();
      } else if (whole instanceof CompoundAssignmentTree) {
        target = ((CompoundAssignmentTree) whole).getVariable();
        value = ((CompoundAssignmentTree) whole).getExpression();
      } else {
        return null;
      }
      if (unparenthesized(value) != call) {
        return null;
      }
      TypeMirror type = expressionTypes.typeOf(target);
      return type != null && type.getKind().isPrimitive() ? type.toString() : null;
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
      String field = locals().field(locals().numbered("switch"), type,
          "The value of the switch expression on line " + source.line(tree) + ".");
      // Its cases are statements of their own: the values this expression keeps stay kept.
      List<String> outerKept = new ArrayList<>(keptReferences);
      keptReferences.clear();
      switches().lowerCases(copy(unparenthesized(tree.getExpression())), tree.getCases(), List.of(), field);
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
      String flag = locals().field(locals().numbered("test"), TypeName.BOOLEAN, "The test of the "
          + (branch.node() instanceof ConditionalExpressionTree ? "?:" : "&& or ||")
          + " on line " + source.line(branch.node()) + ", whose other operands yield.");
      Code whenTrue = locals().keepBindings(PatternBindings.of(test, true), test);
      Code whenFalse = locals().keepBindings(PatternBindings.of(test, false), test);
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
        emit("if (this." + flag + ") {\n", indent(jumpThrough(states().finallies.size(), end)), "\n}");
        if (!run(branch.whenFalse(), false)) {
          return false;
        }
      } else {
        int otherwise = branch.whenFalse().isEmpty() ? end : newLabel();
        emit("if (!this." + flag + ") {\n", indent(jumpThrough(states().finallies.size(), otherwise)),
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
  static final Map<Tree.Kind, String> OPERATORS = Map.ofEntries(
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
      LocalTypes.Denoted denoted = mirror == null ? null : LocalTypes.denote(mirror, locals()::movedName);
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
    String field = locals().field(locals().numbered("kept"), type,
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
  void clearKept() {
    if (states().current != null) {
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

  /** A condition's code, after suspending at the yields it contains. */
  Code condition(ExpressionTree condition, Tree statement) {
    Code text = suspendIn(condition, statement);
    return condition instanceof ParenthesizedTree ? text : Code.of("(", text, ")");
  }

  /**
   * {@code x++;} or {@code x--;} of a hoisted local, as a part jump threading can copy; null for
   * any other expression.
   */
  Code.Step stepOf(ExpressionTree expression) {
    ExpressionTree value = unparenthesized(expression);
    if ((value.getKind() == Tree.Kind.POSTFIX_INCREMENT
        || value.getKind() == Tree.Kind.POSTFIX_DECREMENT)
        && ((UnaryTree) value).getExpression() instanceof IdentifierTree) {
      String field = locals().hoistedFieldOf(((UnaryTree) value).getExpression());
      if (field != null) {
        return new Code.Step(field,
            value.getKind() == Tree.Kind.POSTFIX_INCREMENT ? "++" : "--", false);
      }
    }
    return null;
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
      return locals().typeOf((VariableTree) statement);
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
  private TypeName denoted(TypeMirror type, SwitchExpressionTree at) {
    LocalTypes.Denoted denoted = type == null ? null : LocalTypes.denote(type, locals()::movedName);
    if (denoted == null || denoted.problem() != null) {
      if (at != null) {
        error(at, String.format(Messages.SWITCH_VALUE_TYPE, resultTypes(at)));
      }
      return null;
    }
    return denoted.type();
  }

  /**
   * The types of a switch expression's results, for the message: {@code  (its results are
   * `String` and `int`)}, or nothing where one of them can't be read.
   */
  private String resultTypes(SwitchExpressionTree tree) {
    List<String> types = new ArrayList<>();
    for (ExpressionTree result : SwitchResults.of(tree)) {
      TypeMirror type = expressionTypes.typeOf(result);
      if (type == null || type.getKind() == TypeKind.ERROR) {
        return "";
      }
      String described = HintTypes.described(type);
      if (!types.contains(described)) {
        types.add(described);
      }
    }
    if (types.isEmpty()) {
      return "";
    }
    String last = types.remove(types.size() - 1);
    return " (its results are " + (types.isEmpty() ? "" : String.join(", ", types) + " and ")
        + last + ")";
  }
}
