package dev.jcoro.processor.analysis;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.List;

/**
 * JLS 14.22 "can complete normally" for the statements copied unchanged into generated code: javac
 * rejects a statement after one that cannot complete normally, so the lowering must know where to
 * stop emitting its own jumps.
 */
public final class Completion {
  private Completion() {}

  public static boolean canCompleteNormally(StatementTree statement) {
    switch (statement.getKind()) {
      case BLOCK:
        return canCompleteNormally(((BlockTree) statement).getStatements());
      case RETURN:
      case THROW:
      case BREAK:
      case CONTINUE:
      case YIELD:
        return false;
      case IF: {
        IfTree tree = (IfTree) statement;
        return tree.getElseStatement() == null
            || canCompleteNormally(tree.getThenStatement())
            || canCompleteNormally(tree.getElseStatement());
      }
      case LABELED_STATEMENT: {
        LabeledStatementTree tree = (LabeledStatementTree) statement;
        String label = tree.getLabel().toString();
        boolean completes = tree.getStatement() instanceof DoWhileLoopTree
            ? doWhileCompletes((DoWhileLoopTree) tree.getStatement(), label)
            : canCompleteNormally(tree.getStatement());
        return completes || breaksOut(tree.getStatement(), label, tree.getStatement());
      }
      case WHILE_LOOP: {
        WhileLoopTree tree = (WhileLoopTree) statement;
        return !isConstantTrue(tree.getCondition()) || breaksOut(tree, null, tree);
      }
      case DO_WHILE_LOOP:
        return doWhileCompletes((DoWhileLoopTree) statement, null);
      case FOR_LOOP: {
        ForLoopTree tree = (ForLoopTree) statement;
        return (tree.getCondition() != null && !isConstantTrue(tree.getCondition()))
            || breaksOut(tree, null, tree);
      }
      case ENHANCED_FOR_LOOP:
        return true;
      case SYNCHRONIZED:
        return canCompleteNormally(((SynchronizedTree) statement).getBlock());
      case TRY: {
        TryTree tree = (TryTree) statement;
        boolean ends = canCompleteNormally(tree.getBlock())
            || tree.getCatches().stream().anyMatch(c -> canCompleteNormally(c.getBlock()));
        return ends && (tree.getFinallyBlock() == null || canCompleteNormally(tree.getFinallyBlock()));
      }
      case SWITCH:
        return switchCanCompleteNormally((SwitchTree) statement);
      default:
        return true;
    }
  }

  /** A do statement (with its label, if any) can complete normally: JLS 14.22. */
  private static boolean doWhileCompletes(DoWhileLoopTree tree, String label) {
    boolean conditionReached = canCompleteNormally(tree.getStatement()) || continues(tree, label);
    return (conditionReached && !isConstantTrue(tree.getCondition())) || breaksOut(tree, null, tree);
  }

  public static boolean canCompleteNormally(List<? extends StatementTree> statements) {
    return statements.isEmpty() || canCompleteNormally(statements.get(statements.size() - 1));
  }

  private static boolean switchCanCompleteNormally(SwitchTree tree) {
    List<? extends CaseTree> cases = tree.getCases();
    // An enhanced switch (patterns, case null) is exhaustive, as one with a default is.
    boolean hasDefault = cases.stream()
        .anyMatch(c -> CaseLabels.isDefault(c) || PatternBindings.isEnhanced(c));
    if (!hasDefault || cases.isEmpty() || breaksOut(tree, null, tree)) {
      return true;
    }
    boolean arrows = cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    if (arrows) {
      for (CaseTree c : cases) {
        Tree body = c.getBody();
        if (!(body instanceof StatementTree) || body instanceof com.sun.source.tree.ExpressionStatementTree
            || canCompleteNormally((StatementTree) body)) {
          return true;
        }
      }
      return false;
    }
    List<? extends StatementTree> last = cases.get(cases.size() - 1).getStatements();
    return last == null || canCompleteNormally(last);
  }

  /** Whether the literal {@code true}, possibly parenthesized: the constant loops users write. */
  public static boolean isConstantTrue(ExpressionTree condition) {
    while (condition instanceof ParenthesizedTree) {
      condition = ((ParenthesizedTree) condition).getExpression();
    }
    return condition instanceof LiteralTree && Boolean.TRUE.equals(((LiteralTree) condition).getValue());
  }

  /**
   * Whether a break inside {@code body} exits {@code target}: a break with {@code label}, or an
   * unlabeled break not inside a nested loop or switch (when {@code label} is null).
   */
  public static boolean breaksOut(Tree body, String label, Tree target) {
    Boolean found = new JumpFinder(label, true).scanRoot(body, target);
    return found;
  }

  /** Whether a continue inside {@code loop} targets it: unlabeled at its level, or with its label. */
  private static boolean continues(Tree loop, String label) {
    return new JumpFinder(label, false).scanRoot(loop, loop);
  }

  /** Finds a break (or continue) that targets one statement. */
  private static final class JumpFinder extends TreeScanner<Boolean, Integer> {
    private final String label;
    private final boolean breaks;

    JumpFinder(String label, boolean breaks) {
      this.label = label;
      this.breaks = breaks;
    }

    boolean scanRoot(Tree body, Tree target) {
      // Depth counts nested breakable statements: inside the target itself it starts at 0.
      Boolean found = body == target ? scanChildren(target) : scan(body, 0);
      return found == Boolean.TRUE;
    }

    private Boolean scanChildren(Tree target) {
      if (target instanceof WhileLoopTree) {
        return scan(((WhileLoopTree) target).getStatement(), 0);
      }
      if (target instanceof DoWhileLoopTree) {
        return scan(((DoWhileLoopTree) target).getStatement(), 0);
      }
      if (target instanceof ForLoopTree) {
        return scan(((ForLoopTree) target).getStatement(), 0);
      }
      if (target instanceof EnhancedForLoopTree) {
        return scan(((EnhancedForLoopTree) target).getStatement(), 0);
      }
      if (target instanceof SwitchTree) {
        return scan(((SwitchTree) target).getCases(), 0);
      }
      return scan(target, 0);
    }

    @Override
    public Boolean reduce(Boolean a, Boolean b) {
      return a == Boolean.TRUE || b == Boolean.TRUE;
    }

    @Override
    public Boolean visitBreak(BreakTree node, Integer depth) {
      if (!breaks) {
        return false;
      }
      return node.getLabel() == null
          ? label == null && depth == 0
          : node.getLabel().contentEquals(label == null ? "" : label);
    }

    @Override
    public Boolean visitContinue(com.sun.source.tree.ContinueTree node, Integer depth) {
      if (breaks) {
        return false;
      }
      return node.getLabel() == null ? depth == 0 : node.getLabel().contentEquals(String.valueOf(label));
    }

    @Override
    public Boolean visitWhileLoop(WhileLoopTree node, Integer depth) {
      return super.visitWhileLoop(node, depth + 1);
    }

    @Override
    public Boolean visitDoWhileLoop(DoWhileLoopTree node, Integer depth) {
      return super.visitDoWhileLoop(node, depth + 1);
    }

    @Override
    public Boolean visitForLoop(ForLoopTree node, Integer depth) {
      return super.visitForLoop(node, depth + 1);
    }

    @Override
    public Boolean visitEnhancedForLoop(EnhancedForLoopTree node, Integer depth) {
      return super.visitEnhancedForLoop(node, depth + 1);
    }

    @Override
    public Boolean visitSwitch(SwitchTree node, Integer depth) {
      // A continue inside a switch still targets the enclosing loop.
      return super.visitSwitch(node, breaks ? depth + 1 : depth);
    }

    @Override
    public Boolean visitSwitchExpression(SwitchExpressionTree node, Integer depth) {
      return false;
    }

    @Override
    public Boolean visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
      return false;
    }

    @Override
    public Boolean visitClass(ClassTree node, Integer depth) {
      return false;
    }
  }
}
