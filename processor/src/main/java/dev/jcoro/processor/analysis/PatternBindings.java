package dev.jcoro.processor.analysis;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Where pattern variables are in scope (JLS 6.3.1, 6.3.2): which ones a condition introduces
 * when it is true or false, and which ones a statement introduces into the rest of its block.
 */
public final class PatternBindings {
  private PatternBindings() {}

  /** The pattern variables {@code condition} introduces when it is {@code whenTrue}. */
  public static List<VariableTree> of(ExpressionTree condition, boolean whenTrue) {
    ExpressionTree tree = condition;
    while (tree instanceof ParenthesizedTree) {
      tree = ((ParenthesizedTree) tree).getExpression();
    }
    List<VariableTree> found = new ArrayList<>();
    switch (tree.getKind()) {
      case LOGICAL_COMPLEMENT:
        return of(((UnaryTree) tree).getExpression(), !whenTrue);
      case CONDITIONAL_AND:
        if (whenTrue) {
          found.addAll(of(((BinaryTree) tree).getLeftOperand(), true));
          found.addAll(of(((BinaryTree) tree).getRightOperand(), true));
        }
        return found;
      case CONDITIONAL_OR:
        if (!whenTrue) {
          found.addAll(of(((BinaryTree) tree).getLeftOperand(), false));
          found.addAll(of(((BinaryTree) tree).getRightOperand(), false));
        }
        return found;
      case INSTANCE_OF:
        if (whenTrue) {
          found.addAll(inPattern(((InstanceOfTree) tree).getPattern()));
        }
        return found;
      default:
        return found;
    }
  }

  /** The variables a pattern declares, those of nested record patterns included. */
  public static List<VariableTree> inPattern(Tree pattern) {
    List<VariableTree> found = new ArrayList<>();
    if (pattern == null) {
      return found;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        found.add(node);
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }
    }.scan(pattern, null);
    return found;
  }

  /** The variables the patterns of a case's labels declare. */
  public static List<VariableTree> ofCase(CaseTree tree) {
    List<VariableTree> found = new ArrayList<>();
    for (CaseLabels.Label label : CaseLabels.of(tree)) {
      if (label.kind() == CaseLabels.Kind.PATTERN) {
        found.addAll(inPattern(label.tree()));
      }
    }
    return found;
  }

  /** Whether a case has a pattern or {@code null} label: its switch is an enhanced one. */
  public static boolean isEnhanced(CaseTree tree) {
    for (CaseLabels.Label label : CaseLabels.of(tree)) {
      if (label.kind() == CaseLabels.Kind.PATTERN
          || label.kind() == CaseLabels.Kind.CONSTANT
          && label.tree().getKind() == Tree.Kind.NULL_LITERAL) {
        return true;
      }
    }
    return false;
  }

  /** The pattern variables {@code statement} introduces into the rest of its block (JLS 6.3.2). */
  public static List<VariableTree> introducedAfter(StatementTree statement) {
    StatementTree inner = statement;
    String label = null;
    while (inner instanceof LabeledStatementTree) {
      label = ((LabeledStatementTree) inner).getLabel().toString();
      inner = ((LabeledStatementTree) inner).getStatement();
    }
    switch (inner.getKind()) {
      case IF: {
        IfTree tree = (IfTree) inner;
        boolean thenCompletes = Completion.canCompleteNormally(tree.getThenStatement());
        if (tree.getElseStatement() == null) {
          return thenCompletes ? List.of() : of(tree.getCondition(), false);
        }
        boolean elseCompletes = Completion.canCompleteNormally(tree.getElseStatement());
        if (thenCompletes && !elseCompletes) {
          return of(tree.getCondition(), true);
        }
        if (!thenCompletes && elseCompletes) {
          return of(tree.getCondition(), false);
        }
        return List.of();
      }
      case WHILE_LOOP: {
        WhileLoopTree tree = (WhileLoopTree) inner;
        return breaks(tree, label) ? List.of() : of(tree.getCondition(), false);
      }
      case DO_WHILE_LOOP: {
        DoWhileLoopTree tree = (DoWhileLoopTree) inner;
        return breaks(tree, label) ? List.of() : of(tree.getCondition(), false);
      }
      case FOR_LOOP: {
        ForLoopTree tree = (ForLoopTree) inner;
        return tree.getCondition() == null || breaks(tree, label)
            ? List.of() : of(tree.getCondition(), false);
      }
      default:
        return List.of();
    }
  }

  /** Whether a break leaves {@code loop}: an unlabeled one of its own, or one with its label. */
  private static boolean breaks(Tree loop, String label) {
    return Completion.breaksOut(loop, null, loop)
        || label != null && Completion.breaksOut(loop, label, loop);
  }
}
