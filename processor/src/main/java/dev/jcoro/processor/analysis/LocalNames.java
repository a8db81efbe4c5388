package dev.jcoro.processor.analysis;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The names a body declares: its locals (to spot reuse) and its statement labels (to avoid them). */
public final class LocalNames {
  private final Map<String, Integer> locals = new HashMap<>();
  private final Set<String> labels = new HashSet<>();
  /** The local classes (and records, enums, interfaces) the body declares. */
  private final Set<String> localClasses = new HashSet<>();
  /** Every name declared anywhere in the body, lambdas and class bodies included. */
  private final Set<String> everyName = new HashSet<>();
  /** Every simple name the body uses: a generated local must not hide what one of them means. */
  private final Set<String> mentioned = new HashSet<>();
  /**
   * Names declared or used inside a lambda or a class body, or used in a case label or guard:
   * where a local must be effectively final, or where a local of generated code could clash.
   */
  private final Set<String> inNestedCode = new HashSet<>();

  private LocalNames() {}

  public static LocalNames of(BlockTree body) {
    LocalNames names = new LocalNames();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        names.everyName.add(node.getName().toString());
        return super.visitVariable(node, null);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        names.everyName.add(node.getSimpleName().toString());
        if (!node.getSimpleName().isEmpty()) {
          names.localClasses.add(node.getSimpleName().toString());
        }
        return super.visitClass(node, null);
      }

      @Override
      public Void visitMethod(com.sun.source.tree.MethodTree node, Void unused) {
        names.everyName.add(node.getName().toString());
        return super.visitMethod(node, null);
      }

      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        names.mentioned.add(node.getName().toString());
        return null;
      }
    }.scan(body, null);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        names.locals.merge(node.getName().toString(), 1, Integer::sum);
        return super.visitVariable(node, null);
      }

      @Override
      public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
        names.labels.add(node.getLabel().toString());
        return super.visitLabeledStatement(node, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(body, null);
    new TreeScanner<Void, Void>() {
      private int depth;

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        depth++;
        super.visitLambdaExpression(node, null);
        depth--;
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        depth++;
        super.visitClass(node, null);
        depth--;
        return null;
      }

      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        if (depth > 0) {
          names.inNestedCode.add(node.getName().toString());
        }
        return super.visitVariable(node, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (depth > 0) {
          names.inNestedCode.add(node.getName().toString());
        }
        return null;
      }

      @Override
      public Void visitCase(CaseTree node, Void unused) {
        // What the case mentions outside its statements is in its labels or its guard (Java 21).
        Map<String, Integer> head = identifierCounts(node);
        List<Tree> body = new ArrayList<>();
        if (node.getStatements() != null) {
          body.addAll(node.getStatements());
        }
        if (node.getCaseKind() == CaseTree.CaseKind.RULE && node.getBody() != null) {
          body.add(node.getBody());
        }
        body.forEach(tree -> identifierCounts(tree).forEach((name, n) -> head.merge(name, -n, Integer::sum)));
        head.forEach((name, n) -> {
          if (n > 0) {
            names.inNestedCode.add(name);
          }
        });
        return super.visitCase(node, null);
      }
    }.scan(body, null);
    return names;
  }

  private static Map<String, Integer> identifierCounts(Tree tree) {
    Map<String, Integer> counts = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        counts.merge(node.getName().toString(), 1, Integer::sum);
        return null;
      }
    }.scan(tree, null);
    return counts;
  }

  /**
   * Whether a lambda or a class body in the body declares or uses {@code name}, or a case label
   * or guard uses it: a local of that name must stay effectively final.
   */
  public boolean isInNestedCode(String name) {
    return inNestedCode.contains(name);
  }

  /** A local class that {@code type} mentions, or null. */
  public String localClassIn(Tree type) {
    for (String name : localClasses) {
      if (mentions(type, name)) {
        return name;
      }
    }
    return null;
  }

  /** Whether any declaration in the body, lambdas and class bodies included, uses {@code name}. */
  public boolean isDeclaredAnywhere(String name) {
    return everyName.contains(name);
  }

  /** Whether two declarations in the body (outside lambdas and classes) use {@code name}. */
  public boolean isDeclaredTwice(String name) {
    return locals.getOrDefault(name, 0) > 1;
  }

  /** Whether the body declares a local (or a lambda or catch parameter) named {@code name}. */
  public boolean isDeclared(String name) {
    return locals.containsKey(name);
  }

  /**
   * {@code base}, or {@code base$}, {@code base$$}...: a name for generated code that no
   * declaration in the body (nor {@code taken}) uses, so no user name hides it or is hidden by it.
   */
  public String freshName(String base, Set<String> taken) {
    String name = base;
    while (everyName.contains(name) || mentioned.contains(name) || taken.contains(name)) {
      name = name + "$";
    }
    taken.add(name);
    return name;
  }

  /** {@code base}, or {@code base2}, {@code base3}...: a label the body does not use. */
  public String freshLabel(String base) {
    String label = base;
    for (int n = 2; labels.contains(label); n++) {
      label = base + n;
    }
    return label;
  }

  /** Whether {@code tree} mentions {@code name} as a simple name (over-approximates a use). */
  public static boolean mentions(Tree tree, String name) {
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return a == Boolean.TRUE || b == Boolean.TRUE;
      }

      @Override
      public Boolean visitIdentifier(IdentifierTree node, Void unused) {
        return node.getName().contentEquals(name);
      }
    }.scan(tree, null);
    return found == Boolean.TRUE;
  }
}
