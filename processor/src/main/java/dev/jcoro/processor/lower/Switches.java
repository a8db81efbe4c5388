package dev.jcoro.processor.lower;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.jcoro.processor.analysis.CaseLabels;
import dev.jcoro.processor.analysis.PatternBindings;
import dev.jcoro.processor.model.Code;
import java.util.ArrayList;
import java.util.List;

/**
 * Switch statements and switch expressions whose cases suspend: a native switch on the selector
 * jumps to the state of the chosen case, as the source orders them (an old-style case falls
 * through into the next).
 */
final class Switches extends LoweringPart {
  Switches(Lowering lowering) {
    super(lowering);
  }

  /**
   * A switch statement that suspends: a native switch on the selector (evaluated once, matched by
   * Java itself) jumps to the state of the chosen case; the cases' statements follow one another
   * as in the source, so an old-style case falls through into the next.
   */
  void lowerSwitch(SwitchTree statement, List<String> names) {
    lowerCases(suspendIn(statement.getExpression(), statement), statement.getCases(), names, null);
  }

  /**
   * The cases of a switch that suspends, dispatched from a switch on {@code selector}; each case
   * is a state. For a switch expression, {@code valueField} holds its value: a case's expression
   * and its yield statements store it.
   */
  void lowerCases(Code selector, List<? extends CaseTree> cases, List<String> names,
      String valueField) {
    int end = newLabel();
    boolean rules = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    List<Integer> starts = new ArrayList<>();
    Code.Builder dispatchCode = new Code.Builder().add("switch (", selector, ") {\n");
    // An enhanced switch (with patterns, or case null) is exhaustive: nothing falls past it.
    boolean exhaustive = false;
    locals().pushScope();
    for (CaseTree c : cases) {
      int start = newLabel();
      starts.add(start);
      exhaustive |= CaseLabels.isDefault(c) || PatternBindings.isEnhanced(c);
      // The case's pattern variables, matched here, are kept for its states.
      List<VariableTree> bindings = PatternBindings.ofCase(c);
      Code stores = locals().keepBindings(bindings, caseHead(c));
      dispatchCode.add("  ", caseLabel(c, bindings), ":\n");
      dispatchCode.add(indent(indent(stores.plus(jumpThrough(states().finallies.size(), start)))), "\n");
    }
    dispatchCode.add("}");
    emit(dispatchCode.build());
    if (exhaustive) {
      states().current = null;
    } else {
      jumpTo(end);
    }
    states().targets.push(valueField == null
        ? new States.Target(names, States.TargetKind.SWITCH, end, -1, states().finallies.size())
        : new States.Target(names, States.TargetKind.SWITCH_EXPRESSION, end, -1, states().finallies.size(),
            new ArrayList<>(), valueField));
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      begin(starts.get(i), "line " + source.line(c) + ": " + source.firstLine(c));
      if (rules) {
        Tree body = c.getBody();
        if (body instanceof StatementTree) {
          statements().lowerScoped((StatementTree) body);
        } else if (valueField != null) {
          Code value = suspendIn((ExpressionTree) body, c);
          emit(ref(valueField), " = ", value, ";");
          expressions().clearKept();
        } else {
          statements().lowerExpression((ExpressionTree) body, c);
        }
        jumpTo(end);
      } else {
        lowerCaseGroup(c.getStatements());
      }
    }
    locals().popScope();
    states().popTarget();
    begin(end, null);
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
        statements().lowerHoistedDeclaration((VariableTree) statement);
      } else if (statement instanceof ClassTree) {
        statements().lowerLocalType((ClassTree) statement, statements, i);
      } else {
        statements().lowerStatement(statement);
      }
    }
  }
}
