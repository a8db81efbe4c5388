package dev.jcoro.processor.analysis;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels of a {@code case}, on every JDK: constants, patterns (Java 21) and {@code default}.
 * The processor is built for Java 17, whose tree API has no pattern labels; the trees of a newer
 * javac are read through the methods of the public tree interfaces, by name.
 */
public final class CaseLabels {
  private CaseLabels() {}

  /** What a label is. */
  public enum Kind {
    /** A constant expression, an enum constant or {@code null}. */
    CONSTANT,
    /** A type or record pattern. */
    PATTERN,
    /** {@code default}. */
    DEFAULT
  }

  /** One label: for a constant, its expression; for a pattern, the pattern; else null. */
  public record Label(Kind kind, Tree tree) {}

  private static final Method GET_LABELS = method(CaseTree.class, "getLabels");
  private static final Method GET_GUARD = method(CaseTree.class, "getGuard");
  private static final Method CONSTANT_EXPRESSION =
      method("com.sun.source.tree.ConstantCaseLabelTree", "getConstantExpression");
  private static final Method PATTERN = method("com.sun.source.tree.PatternCaseLabelTree", "getPattern");

  /** The labels of {@code tree}, in source order. */
  public static List<Label> of(CaseTree tree) {
    List<Label> labels = new ArrayList<>();
    if (GET_LABELS == null) {
      for (ExpressionTree expression : tree.getExpressions()) {
        labels.add(new Label(Kind.CONSTANT, expression));
      }
      if (labels.isEmpty()) {
        labels.add(new Label(Kind.DEFAULT, null));
      }
      return labels;
    }
    for (Object label : (List<?>) invoke(GET_LABELS, tree)) {
      Tree labelTree = (Tree) label;
      String kind = labelTree.getKind().name();
      if (kind.equals("DEFAULT_CASE_LABEL")) {
        labels.add(new Label(Kind.DEFAULT, null));
      } else if (kind.equals("CONSTANT_CASE_LABEL")) {
        labels.add(new Label(Kind.CONSTANT, (Tree) invoke(CONSTANT_EXPRESSION, labelTree)));
      } else if (kind.equals("PATTERN_CASE_LABEL")) {
        labels.add(new Label(Kind.PATTERN, (Tree) invoke(PATTERN, labelTree)));
      } else if (labelTree instanceof ExpressionTree) {
        labels.add(new Label(Kind.CONSTANT, labelTree));
      } else {
        labels.add(new Label(Kind.PATTERN, labelTree));
      }
    }
    return labels;
  }

  /** Whether {@code tree} has a {@code default} label (alone or as {@code case null, default}). */
  public static boolean isDefault(CaseTree tree) {
    return of(tree).stream().anyMatch(label -> label.kind() == Kind.DEFAULT);
  }

  /** The {@code when} guard of {@code tree} (Java 21), or null. */
  public static ExpressionTree guard(CaseTree tree) {
    return GET_GUARD == null ? null : (ExpressionTree) invoke(GET_GUARD, tree);
  }

  private static Method method(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException absent) {
      return null;
    }
  }

  private static Method method(String type, String name) {
    try {
      return method(Class.forName(type, false, CaseTree.class.getClassLoader()), name);
    } catch (ClassNotFoundException absent) {
      return null;
    }
  }

  private static Object invoke(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read a case label with " + method, e);
    }
  }
}
