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
    TreePath path = TreePath.getPath(methodPath.getCompilationUnit(), tree);
    if (path == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    } else {
      trees.printMessage(Diagnostic.Kind.ERROR, message, tree, methodPath.getCompilationUnit());
    }
  }

  /** How many errors were reported so far; callers compare counts to see whether a step failed. */
  public int errorCount() {
    return errorCount;
  }
}
