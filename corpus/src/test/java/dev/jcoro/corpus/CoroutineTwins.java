package dev.jcoro.corpus;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes a coroutine twin beside each method of a source file: the same method, renamed with
 * {@link #SUFFIX}, annotated {@code @Coroutine}, taking the handle first, with a yield before each
 * statement of its body. The file is read with javac's parser and edited by source position, so
 * the twin's code is the original's text.
 */
final class CoroutineTwins {
  static final String SUFFIX = "$co";
  static final String HANDLE = "jcoro$co";
  private static final String YIELD = HANDLE + ".yield(null); ";

  /** One twin: the method it copies, where its text stands in the new file, and its name. */
  record Twin(String className, String method, String twinName, boolean isStatic,
      int start, int end, MethodTree original) {}

  /** A source file with its twins. */
  record Twinned(String text, List<Twin> twins) {}

  private record Edit(int at, int end, String text, List<PendingTwin> twins) {
    Edit(int at, String text) {
      this(at, at, text, List.of());
    }
  }

  private CoroutineTwins() {}

  /**
   * {@code unit}'s text with a twin of each method that has a body, but those named in
   * {@code skipped} (as {@code Class.method@position}, the original's start), whose twins a
   * compilation refused.
   */
  static Twinned of(CompilationUnitTree unit, String text, SourcePositions positions,
      Set<String> skipped) {
    return of(unit, text, positions, skipped, false);
  }

  /**
   * The same; with {@code relaxed}, the file's private members become package-private too, so
   * that twins which use them are accepted and their generated code compiled (an exploration:
   * it may change which methods override which).
   */
  static Twinned of(CompilationUnitTree unit, String text, SourcePositions positions,
      Set<String> skipped, boolean relaxed) {
    List<Edit> edits = new ArrayList<>();
    new TreeScanner<Void, String>() {
      @Override
      public Void visitClass(ClassTree node, String outer) {
        String name = outer == null ? node.getSimpleName().toString()
            : outer + "." + node.getSimpleName();
        boolean isInterface = node.getKind() == Tree.Kind.INTERFACE;
        StringBuilder twins = new StringBuilder();
        List<PendingTwin> pending = new ArrayList<>();
        for (Tree member : node.getMembers()) {
          if (relaxed && !isInterface) {
            relax(member);
          }
          if (member instanceof ClassTree) {
            scan(member, name);
          } else if (member instanceof MethodTree) {
            MethodTree method = (MethodTree) member;
            String key = name + "." + method.getName() + "@" + positions.getStartPosition(unit, method);
            if (method.getBody() == null || method.getName().contentEquals("<init>")
                || skipped.contains(key)) {
              continue;
            }
            String twin = twin(method, isInterface, text, unit, positions);
            if (twin != null) {
              twins.append("\n");
              pending.add(new PendingTwin(name, method, key, twin, twins.length()));
              twins.append(twin).append("\n");
            }
          }
        }
        if (twins.length() > 0) {
          // Before the class's closing brace.
          int end = (int) positions.getEndPosition(unit, node) - 1;
          edits.add(new Edit(end, end, twins.toString(), pending));
        }
        return null;
      }

      /** Deletes the member's {@code private}. */
      private void relax(Tree member) {
        ModifiersTree modifiers = member instanceof MethodTree ? ((MethodTree) member).getModifiers()
            : member instanceof VariableTree ? ((VariableTree) member).getModifiers()
            : member instanceof ClassTree ? ((ClassTree) member).getModifiers() : null;
        if (modifiers == null || !modifiers.getFlags().contains(Modifier.PRIVATE)) {
          return;
        }
        int start = (int) positions.getStartPosition(unit, modifiers);
        int end = (int) positions.getEndPosition(unit, modifiers);
        java.util.regex.Matcher keyword =
            java.util.regex.Pattern.compile("\\bprivate\\b").matcher(text.substring(start, end));
        if (start >= 0 && keyword.find()) {
          edits.add(new Edit(start + keyword.start(), start + keyword.end(), "", List.of()));
        }
      }

      // Classes in method bodies and anonymous ones are not read: their methods have no twin.
      @Override
      public Void visitMethod(MethodTree node, String outer) {
        return null;
      }

      @Override
      public Void visitVariable(VariableTree node, String outer) {
        return null;
      }
    }.scan(unit, null);
    edits.sort(Comparator.comparingInt(Edit::at));
    StringBuilder out = new StringBuilder();
    List<Twin> twins = new ArrayList<>();
    int at = 0;
    for (Edit edit : edits) {
      out.append(text, at, edit.at());
      for (PendingTwin twin : edit.twins()) {
        int start = out.length() + twin.offset();
        twins.add(new Twin(twin.className(), twin.key(), twinName(twin.method()),
            twin.method().getModifiers().getFlags().contains(Modifier.STATIC),
            start, start + twin.text().length(), twin.method()));
      }
      out.append(edit.text());
      at = edit.end();
    }
    out.append(text.substring(at));
    return new Twinned(out.toString(), twins);
  }

  private record PendingTwin(
      String className, MethodTree method, String key, String text, int offset) {}

  static String twinName(MethodTree method) {
    return method.getName() + SUFFIX;
  }

  /** The twin of {@code method}, or null for one that can't have one. */
  private static String twin(MethodTree method, boolean inInterface, String text,
      CompilationUnitTree unit, SourcePositions positions) {
    if (method.getModifiers().getFlags().contains(Modifier.ABSTRACT)
        || method.getModifiers().getFlags().contains(Modifier.NATIVE)) {
      return null;
    }
    StringBuilder header = new StringBuilder();
    header.append(modifiers(method.getModifiers(), inInterface, text, unit, positions));
    if (!method.getTypeParameters().isEmpty()) {
      header.append('<').append(method.getTypeParameters().stream()
          .map(p -> source(p, text, unit, positions)).collect(Collectors.joining(", ")))
          .append("> ");
    }
    header.append(source(method.getReturnType(), text, unit, positions)).append(' ')
        .append(twinName(method)).append("(dev.jcoro.Yield<Object, Object> ").append(HANDLE);
    List<? extends VariableTree> parameters = method.getParameters();
    if (!parameters.isEmpty()) {
      int start = (int) positions.getStartPosition(unit, parameters.get(0));
      int end = (int) positions.getEndPosition(unit, parameters.get(parameters.size() - 1));
      header.append(", ").append(text, start, end);
    }
    header.append(')');
    if (!method.getThrows().isEmpty()) {
      header.append(" throws ").append(method.getThrows().stream()
          .map(t -> source(t, text, unit, positions)).collect(Collectors.joining(", ")));
    }
    return "  @dev.jcoro.Coroutine\n  " + header + " " + body(method.getBody(), text, unit, positions);
  }

  /** The twin's modifiers: not private (a coroutine can't be), not synchronized, no @Override. */
  private static String modifiers(ModifiersTree modifiers, boolean inInterface, String text,
      CompilationUnitTree unit, SourcePositions positions) {
    StringBuilder out = new StringBuilder();
    modifiers.getAnnotations().stream()
        .map(a -> source(a, text, unit, positions))
        .filter(a -> !a.matches("@(java\\.lang\\.)?(Override|SafeVarargs|FunctionalInterface)\\b.*"))
        .forEach(a -> out.append(a).append(' '));
    Set<Modifier> flags = modifiers.getFlags();
    for (Modifier flag : flags) {
      if (flag == Modifier.PRIVATE || flag == Modifier.SYNCHRONIZED || flag == Modifier.DEFAULT) {
        continue;
      }
      out.append(flag).append(' ');
    }
    if (inInterface && !flags.contains(Modifier.STATIC)) {
      out.append("default ");
    }
    return out.toString();
  }

  /** The body with a yield before each statement; bodies of non-block branches get braces. */
  private static String body(BlockTree body, String text, CompilationUnitTree unit,
      SourcePositions positions) {
    int base = (int) positions.getStartPosition(unit, body);
    int end = (int) positions.getEndPosition(unit, body);
    List<Edit> edits = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      private void before(Tree statement) {
        edits.add(new Edit((int) positions.getStartPosition(unit, statement), YIELD));
      }

      /** A branch that is a single statement becomes a block with a yield first. */
      private void branch(StatementTree statement) {
        if (statement == null || statement instanceof BlockTree) {
          scan(statement, null);
          return;
        }
        edits.add(new Edit((int) positions.getStartPosition(unit, statement), "{ " + YIELD));
        scan(statement, null);
        edits.add(new Edit((int) positions.getEndPosition(unit, statement), " }"));
      }

      @Override
      public Void visitBlock(BlockTree node, Void unused) {
        for (StatementTree statement : node.getStatements()) {
          before(statement);
          scan(statement, null);
        }
        return null;
      }

      @Override
      public Void visitCase(CaseTree node, Void unused) {
        if (node.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
          for (StatementTree statement : node.getStatements()) {
            before(statement);
            scan(statement, null);
          }
        } else if (node.getBody() instanceof StatementTree) {
          branch((StatementTree) node.getBody());
        }
        return null;
      }

      @Override
      public Void visitIf(IfTree node, Void unused) {
        scan(node.getCondition(), null);
        branch(node.getThenStatement());
        branch(node.getElseStatement());
        return null;
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree node, Void unused) {
        scan(node.getCondition(), null);
        branch(node.getStatement());
        return null;
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
        branch(node.getStatement());
        scan(node.getCondition(), null);
        return null;
      }

      @Override
      public Void visitForLoop(ForLoopTree node, Void unused) {
        scan(node.getInitializer(), null);
        scan(node.getCondition(), null);
        scan(node.getUpdate(), null);
        branch(node.getStatement());
        return null;
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
        scan(node.getExpression(), null);
        branch(node.getStatement());
        return null;
      }

      // No yield where a coroutine can't have one.
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        scan(node.getEnclosingExpression(), null);
        scan(node.getArguments(), null);
        return null;
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitSynchronized(SynchronizedTree node, Void unused) {
        return null;
      }
    }.scan(body, null);
    edits.sort(Comparator.comparingInt(Edit::at));
    StringBuilder out = new StringBuilder();
    int at = base;
    for (Edit edit : edits) {
      out.append(text, at, edit.at()).append(edit.text());
      at = edit.at();
    }
    out.append(text, at, end);
    return out.toString();
  }

  private static String source(Tree tree, String text, CompilationUnitTree unit,
      SourcePositions positions) {
    return text.substring((int) positions.getStartPosition(unit, tree),
        (int) positions.getEndPosition(unit, tree));
  }

}
