package dev.jcoro.processor.analysis;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;

/** The result expressions of a switch expression (JLS 15.28.1): its arrows' and its yields'. */
public final class SwitchResults {
  private SwitchResults() {}

  public static List<ExpressionTree> of(SwitchExpressionTree tree) {
    List<ExpressionTree> results = new ArrayList<>();
    TreeScanner<Void, Void> yields = new TreeScanner<>() {
      @Override
      public Void visitYield(YieldTree node, Void unused) {
        results.add(node.getValue());
        return super.visitYield(node, null);
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
        // Its yields are its own.
        return scan(node.getExpression(), null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    };
    for (CaseTree c : tree.getCases()) {
      Tree body = c.getCaseKind() == CaseTree.CaseKind.RULE ? c.getBody() : null;
      if (body instanceof ExpressionTree) {
        results.add((ExpressionTree) body);
      } else if (body != null) {
        yields.scan(body, null);
      } else {
        yields.scan(c.getStatements(), null);
      }
    }
    return results;
  }
}
