package dev.jcoro.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Finds the suspension points of a body: calls {@code co.receive()}, {@code co.yield(v)} and
 * {@code co.yieldFrom(d)} on the handle {@code co}. Answers are cached per tree, since the lowering
 * asks about every statement on its way down.
 */
public final class YieldCalls {
  /** Which protocol call a suspension point makes. */
  public enum Kind {
    RECEIVE,
    YIELD,
    YIELD_FROM
  }

  private final String handle;
  private final Map<Tree, Boolean> containsYield = new IdentityHashMap<>();

  public YieldCalls(String handle) {
    this.handle = handle;
  }

  public String handle() {
    return handle;
  }

  /** The kind of suspension {@code tree} is, or null when it is not a call on the handle. */
  public Kind kindOf(Tree tree) {
    if (!(tree instanceof MethodInvocationTree)) {
      return null;
    }
    ExpressionTree select = ((MethodInvocationTree) tree).getMethodSelect();
    if (!(select instanceof MemberSelectTree)) {
      return null;
    }
    MemberSelectTree member = (MemberSelectTree) select;
    if (!isHandle(member.getExpression())) {
      return null;
    }
    switch (member.getIdentifier().toString()) {
      case "receive":
        return Kind.RECEIVE;
      case "yield":
        return Kind.YIELD;
      case "yieldFrom":
        return Kind.YIELD_FROM;
      default:
        return null;
    }
  }

  /** Whether {@code tree} is a plain reference to the handle parameter. */
  public boolean isHandle(Tree tree) {
    return tree instanceof IdentifierTree
        && ((IdentifierTree) tree).getName().contentEquals(handle);
  }

  /**
   * Whether {@code tree} suspends: it contains a yield outside any lambda or class body (those are
   * rejected by {@link BodyChecker} before lowering).
   */
  public boolean containsYield(Tree tree) {
    if (tree == null) {
      return false;
    }
    Boolean known = containsYield.get(tree);
    if (known == null) {
      known = new Finder().scan(tree, null) == Boolean.TRUE;
      containsYield.put(tree, known);
    }
    return known;
  }

  private final class Finder extends TreeScanner<Boolean, Void> {
    @Override
    public Boolean reduce(Boolean a, Boolean b) {
      return a == Boolean.TRUE || b == Boolean.TRUE;
    }

    @Override
    public Boolean visitMethodInvocation(MethodInvocationTree node, Void unused) {
      return kindOf(node) != null || super.visitMethodInvocation(node, null) == Boolean.TRUE;
    }

    @Override
    public Boolean visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      return false;
    }

    @Override
    public Boolean visitClass(ClassTree node, Void unused) {
      return false;
    }
  }
}
