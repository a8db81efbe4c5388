package dev.jcoro.processor;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports problems and keeps going (AutoValue's ErrorReporter): one error per problem, on the
 * element and, where there is one, on the offending tree so the message lands on its line.
 */
public final class ErrorReporter {
  private final Messager messager;
  private final Trees trees;
  private int errorCount;
  /** What was reported at which tree: a problem met twice (a local read in two places) shows once. */
  private final java.util.Set<java.util.List<Object>> reported = new java.util.HashSet<>();

  public ErrorReporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** Reports {@code message} on the declaration of {@code element}. */
  public void error(Element element, String message) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /** Reports {@code message} at {@code tree}, inside the method {@code element}. */
  public void error(Element element, TreePath methodPath, Tree tree, String message) {
    errorCount++;
    if (!reported.add(java.util.List.of(new IdentityKey(tree), message))) {
      return;
    }
    TreePath path = TreePath.getPath(methodPath.getCompilationUnit(), tree);
    if (path == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    } else {
      trees.printMessage(Diagnostic.Kind.ERROR, message, tree, methodPath.getCompilationUnit());
    }
  }

  /** A tree compared by identity. */
  private record IdentityKey(Tree tree) {
    @Override
    public boolean equals(Object other) {
      return other instanceof IdentityKey && ((IdentityKey) other).tree == tree;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(tree);
    }
  }

  /** How many errors were reported so far; callers compare counts to see whether a step failed. */
  public int errorCount() {
    return errorCount;
  }
}
