package dev.jcoro.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.jcoro.processor.ErrorReporter;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.read.CoroutineMethod;

/**
 * Rejects the uses of the handle that no state machine can honour, each with one error at its
 * line: the handle escaping, yields inside lambdas, class bodies or {@code synchronized}, a
 * coroutine calling itself, and {@code super}. Names the generated class can't reach are
 * reported by {@link NameResolution}; positions a yield may take, by the lowering.
 */
public final class BodyChecker extends TreePathScanner<Void, Void> {
  private final CoroutineMethod method;
  private final YieldCalls yields;
  private final ErrorReporter errors;
  private int nestedBodies;
  private int monitors;

  private BodyChecker(CoroutineMethod method, YieldCalls yields, ErrorReporter errors) {
    this.method = method;
    this.yields = yields;
    this.errors = errors;
  }

  /** Scans the body; returns whether it passed. */
  public static boolean check(CoroutineMethod method, YieldCalls yields, ErrorReporter errors) {
    int before = errors.errorCount();
    TreePath body = new TreePath(method.path(), method.tree().getBody());
    new BodyChecker(method, yields, errors).scan(body, null);
    return errors.errorCount() == before;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    YieldCalls.Kind kind = yields.kindOf(node);
    if (kind != null) {
      if (nestedBodies > 0) {
        report(node, Messages.YIELD_IN_LAMBDA);
      } else if (monitors > 0) {
        report(node, Messages.YIELD_IN_SYNCHRONIZED);
      }
      // The receiver is the handle, legitimately: only the arguments are scanned.
      scan(node.getArguments(), null);
      return null;
    }
    if (isSelfCall(node) && node.getArguments().stream().anyMatch(yields::isHandle)) {
      report(node, String.format(
          Messages.RECURSION, method.factoryClassName().simpleName(), method.name()));
      return null;
    }
    return super.visitMethodInvocation(node, null);
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    if (node.getName().contentEquals("super") && nestedBodies == 0) {
      report(node, Messages.SUPER_REFERENCE);
    } else if (yields.isHandle(node)) {
      report(node, String.format(Messages.HANDLE_ESCAPES, yields.handle()));
    }
    return null;
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    nestedBodies++;
    try {
      return super.visitLambdaExpression(node, null);
    } finally {
      nestedBodies--;
    }
  }

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    nestedBodies++;
    try {
      return super.visitClass(node, null);
    } finally {
      nestedBodies--;
    }
  }

  @Override
  public Void visitSynchronized(SynchronizedTree node, Void unused) {
    monitors++;
    try {
      return super.visitSynchronized(node, null);
    } finally {
      monitors--;
    }
  }

  private boolean isSelfCall(MethodInvocationTree node) {
    Tree select = node.getMethodSelect();
    String name = select instanceof IdentifierTree
        ? ((IdentifierTree) select).getName().toString()
        : select instanceof MemberSelectTree
            ? ((MemberSelectTree) select).getIdentifier().toString()
            : "";
    return name.equals(method.name());
  }

  private void report(Tree tree, String message) {
    errors.error(method.element(), method.path(), tree, message);
  }
}
