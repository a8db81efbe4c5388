package dev.jcoro.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.analysis.Completion;
import dev.jcoro.processor.analysis.LocalNames;
import dev.jcoro.processor.analysis.PatternBindings;
import dev.jcoro.processor.analysis.YieldCalls;
import dev.jcoro.processor.model.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Statements that suspend, split into states: blocks and declarations, expression statements,
 * if, the loops, labeled statements, assert, return, throw and yield; a statement that does not
 * suspend is copied.
 */
final class Statements extends LoweringPart {
  Statements(Lowering lowering) {
    super(lowering);
  }

  private void emitNative(StatementTree statement) {
    Code.Step step = statement instanceof ExpressionStatementTree
        ? expressions().stepOf(((ExpressionStatementTree) statement).getExpression()) : null;
    emit(step != null ? step : copy(statement));
    if (!Completion.canCompleteNormally(statement)) {
      states().current = null;
    }
  }

  void lowerStatements(List<? extends StatementTree> statements) {
    locals().pushScope();
    for (int i = 0; i < statements.size(); i++) {
      StatementTree statement = statements.get(i);
      states().line = (int) source.line(statement);
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
          boolean var = Locals.isVar(variable);
          Object type = var && yields.kindOf(unparenthesized(variable.getInitializer()))
                  == YieldCalls.Kind.YIELD_FROM
              ? source.code(locals().typeOf(variable))
              : var ? "var" : copy(variable.getType());
          Code value = suspendIn(variable.getInitializer(), variable);
          emit(modifiers(variable), type, " " + variable.getName() + " = ", value, ";");
          expressions().clearKept();
        } else {
          emitNative(variable);
        }
      } else {
        lowerStatement(statement);
        if (states().current != null && !yields.containsYield(statement)) {
          // `if (!(o instanceof T t)) return;` declares t for the rest of the block.
          List<VariableTree> introduced = new ArrayList<>();
          for (VariableTree binding : PatternBindings.introducedAfter(statement)) {
            if (usedAfterASuspension(binding.getName().toString(), statements, i)) {
              introduced.add(binding);
            }
          }
          Code stores = locals().keepBindings(introduced, statement);
          if (!stores.isEmpty()) {
            emit(stores.stripTrailing());
          }
        }
      }
    }
    locals().popScope();
  }

  /**
   * A class, record, enum or interface declared in a block that suspends. Records, enums and
   * interfaces are static: they capture nothing, so they move to the state machine as member
   * types and keep their meaning in every state. A local class captures its context: it is
   * copied as it is, and refused if it is used after a suspension.
   */
  void lowerLocalType(ClassTree type, List<? extends StatementTree> statements, int index) {
    String name = type.getSimpleName().toString();
    if (type.getKind() == Tree.Kind.RECORD || type.getKind() == Tree.Kind.ENUM
        || type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE) {
      String moved = name;
      for (int n = 2; locals().movedTypes.containsValue(moved); n++) {
        moved = name + "$" + n;
      }
      locals().movedTypes.put(type, moved);
      // Static: it reads no local of the body, so it prints alike whatever the locals become.
      locals().movedTypeCode.add(copy(type).print(new Code.Names(Set.of(), atParameter, dispatch, false)));
      return;
    }
    if (usedAfterASuspension(name, statements, index) && locals().reportedLocalClasses.add(name)) {
      error(type, String.format(Messages.LOCAL_CLASS_ACROSS_YIELD, name));
    }
    emitNative(type);
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

  void lowerHoistedDeclaration(VariableTree variable) {
    TypeName type = locals().typeOf(variable);
    ExpressionTree initializer = variable.getInitializer();
    Object constant = variable.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.FINAL)
        && initializer != null
        ? localTypes.constantValue(variable, names.usesOf(variable))
        : null;
    if (constant != null) {
      // A constant variable stays one (a case label may name it): a static final field.
      locals().hoistConstant(variable, type, constant);
      return;
    }
    String field = locals().hoistLocal(variable, type);
    if (initializer == null) {
      return;
    }
    // `int[] a = {1, 2}` is only legal in a declaration: as an assignment it needs `new int[]`.
    String creation = initializer instanceof NewArrayTree
        && ((NewArrayTree) initializer).getType() == null
        ? "new " + source.code(type) + " "
        : "";
    emitAssignment(field, Code.of(creation, suspendIn(initializer, variable)));
    expressions().clearKept();
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
      String field = locals().hoistedFieldOf(variable);
      return field != null && locals().isStateLocal(field) ? field : null;
    }
    return null;
  }

  void lowerStatement(StatementTree statement) {
    states().line = (int) source.line(statement);
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
        tries().lowerTry((TryTree) statement);
        break;
      case VARIABLE:
        lowerStatements(List.of(statement));
        break;
      case RETURN: {
        ExpressionTree value = ((ReturnTree) statement).getExpression();
        emitEnd(states().returnWith(suspendIn(value, statement), value));
        break;
      }
      case THROW:
        emitEnd("throw ", suspendIn(((ThrowTree) statement).getExpression(), statement), ";");
        break;
      case SWITCH:
        switches().lowerSwitch((SwitchTree) statement, List.of());
        break;
      case YIELD: {
        States.Target target = states().switchExpression();
        emit(ref(target.valueField()), " = ",
            suspendIn(((YieldTree) statement).getValue(), statement), ";");
        expressions().clearKept();
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
        lowering.yieldPositionError(statement);
        break;
    }
  }

  /** A jump directly in a split block is written without the braces a copied one needs. */
  private void lowerJumpOrNative(StatementTree statement) {
    if (statement instanceof ReturnTree) {
      ExpressionTree value = ((ReturnTree) statement).getExpression();
      emitEnd(states().returnWith(value == null ? null : copy(value), value));
    } else if (statement instanceof BreakTree || statement instanceof ContinueTree) {
      emitEnd(states().jump(statement));
    } else if (statement instanceof YieldTree && states().targets.stream()
        .anyMatch(target -> target.kind() == States.TargetKind.SWITCH_EXPRESSION)) {
      emitEnd(states().yieldValue(copy(((YieldTree) statement).getValue())));
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
  void lowerExpression(ExpressionTree expression, Tree statement) {
    String local = assignedStateLocal(expression);
    if (local != null) {
      ExpressionTree value = ((AssignmentTree) unparenthesized(expression)).getExpression();
      emitAssignment(local, suspendIn(value, statement));
      return;
    }
    Code text = suspendIn(expression, statement);
    if (yields.kindOf(unparenthesized(expression)) == null) {
      Code.Step step = expressions().stepOf(expression);
      emit(step != null ? step : Code.of(text, ";"));
    }
    expressions().clearKept();
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
    Code text = expressions().condition(condition, statement);
    Code whenFalse = locals().keepBindings(PatternBindings.of(condition, false), condition);
    Code whenTrue = locals().keepBindings(PatternBindings.of(condition, true), condition);
    emit("if (!", text, ") {\n", indent(whenFalse.plus(jumpThrough(states().finallies.size(), label))),
        "\n}");
    if (!whenTrue.isEmpty()) {
      emit(whenTrue.stripTrailing());
    }
  }

  /**
   * {@code assert condition : detail;} evaluates its operands only where assertions are enabled
   * for the top-level class (JLS 14.10), which is the user's, not the generated one.
   */
  private void lowerAssert(AssertTree statement) {
    int end = newLabel();
    emit("if (!" + locals().assertionsField() + ") {\n", indent(jumpThrough(states().finallies.size(), end)),
        "\n}");
    Code condition = expressions().condition(statement.getCondition(), statement);
    if (statement.getDetail() == null) {
      emit("if (!", condition, ") {\n  throw new AssertionError();\n}");
      expressions().clearKept();
    } else {
      emit("if (", condition, ") {\n", indent(jumpThrough(states().finallies.size(), end)), "\n}");
      expressions().clearKept();
      emitEnd("throw new AssertionError(", suspendIn(statement.getDetail(), statement), ");");
    }
    begin(end, null);
  }

  void lowerScoped(StatementTree statement) {
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
    states().line = (int) source.line(loop.getCondition());
    Code whenFalse = locals().keepBindings(PatternBindings.of(loop.getCondition(), false), loop.getCondition());
    emit("if ", expressions().condition(loop.getCondition(), loop), " {\n",
        indent(jumpThrough(states().finallies.size(), top)), "\n}");
    if (!whenFalse.isEmpty()) {
      emit(whenFalse.stripTrailing());
    }
    jumpTo(end);
    begin(end, null);
  }

  private void lowerFor(ForLoopTree loop, List<String> names) {
    locals().pushScope();
    for (StatementTree init : loop.getInitializer()) {
      if (init instanceof VariableTree) {
        VariableTree variable = (VariableTree) init;
        String field = locals().hoistLocal(variable, locals().typeOf(variable));
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
      states().line = (int) source.line(step);
      lowerExpression(step.getExpression(), step);
    }
    jumpTo(top);
    locals().popScope();
    begin(end, null);
  }

  private void lowerEnhancedFor(EnhancedForLoopTree loop, List<String> names) {
    Code iterable = suspendIn(loop.getExpression(), loop);
    locals().pushScope();
    VariableTree variable = loop.getVariable();
    TypeName type = locals().typeOf(variable);
    String iterator = locals().field("iterator$" + locals().nextTemporary++,
        ParameterizedTypeName.get(ClassName.get(java.util.Iterator.class),
            WildcardTypeName.subtypeOf(type.box())),
        "The iterator of the for loop at line " + source.line(loop) + ".");
    emit("this." + iterator + " = iterate(", iterable, ");");
    String element = locals().hoist(variable, type);
    int top = newLabel();
    int end = newLabel();
    begin(top, "line " + source.line(loop) + ": " + source.firstLine(loop));
    emit("if (!this." + iterator + ".hasNext()) {\n", indent(jumpThrough(states().finallies.size(), end)),
        "\n}");
    emit("this." + element + " = this." + iterator + ".next();");
    loopBody(loop.getStatement(), names, end, top);
    jumpTo(top);
    locals().popScope();
    begin(end, null);
    emit(new Code.Clear(iterator));
  }

  private void loopBody(StatementTree body, List<String> names, int breakLabel, int continueLabel) {
    states().targets.push(new States.Target(names, States.TargetKind.LOOP, breakLabel, continueLabel, states().finallies.size()));
    lowerScoped(body);
    states().popTarget();
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
        switches().lowerSwitch((SwitchTree) body, names);
        return;
      default:
        int end = newLabel();
        states().targets.push(new States.Target(names, States.TargetKind.BLOCK, end, -1, states().finallies.size()));
        lowerScoped(body);
        states().popTarget();
        begin(end, null);
    }
  }
}
