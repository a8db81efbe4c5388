package dev.jcoro.processor.lower;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Copies a statement or expression that does not suspend into generated code, as the user wrote
 * it, with the few edits the new home needs: a local moved to a renamed field gets the field's name,
 * a member of the enclosing class gets its class name, and a break, continue or return that leaves
 * the copied code becomes a jump of the state machine.
 */
final class NativeCopier extends TreeScanner<Void, Void> {

  /** What the copier asks of the lowering. */
  interface Context {
    /** The field holding the hoisted local {@code name} now in scope, or null. */
    String hoistedField(String name);

    /** The class or receiver to qualify an unqualified field reference with, or null. */
    String fieldOwner(IdentifierTree reference);

    /** The final local that snapshots a hoisted local's field for a lambda or class body. */
    String captured(String field);

    /** A name for a local of the copied code that no name of the body or of generated code takes. */
    String freshLocal(String base);

    /** What {@code this} (or {@code Outer.this}, naming the coroutine's class) becomes. */
    String self(Tree reference);

    /** The class to qualify an unqualified method call with, or null. */
    String methodOwner(IdentifierTree methodName);

    /** What replaces a yield already suspended at: its result. */
    String yieldValue(MethodInvocationTree call);

    /** The statements that replace a break or continue leaving the copied code. */
    String jump(Tree jump);

    /** The statements that replace {@code return value;} ({@code value} null for a bare return). */
    String returnWith(String value);
  }

  private record Edit(int start, int end, String text) {}

  private final SourceText source;
  private final Context context;
  private final int column;
  private List<Edit> edits = new ArrayList<>();
  private final Deque<Set<String>> locals = new ArrayDeque<>();
  private final Deque<Set<String>> localMethods = new ArrayDeque<>();
  private final Set<String> labels = new HashSet<>();
  private int loops;
  private int breakables;
  private int nestedBodies;
  private int classBodies;

  private NativeCopier(SourceText source, Context context, int column) {
    this.source = source;
    this.context = context;
    this.column = column;
    locals.push(new HashSet<>());
    localMethods.push(new HashSet<>());
  }

  /**
   * The source of {@code tree}, edited for the generated class, its lines after the first shifted
   * left by the indentation of the line it starts on.
   */
  static String copy(Tree tree, SourceText source, Context context) {
    return new NativeCopier(source, context, source.indentation(tree)).render(tree);
  }

  private String render(Tree tree) {
    List<Edit> outer = edits;
    edits = new ArrayList<>();
    scan(tree, null);
    List<Edit> mine = edits;
    edits = outer;
    mine.sort(Comparator.comparingInt(Edit::start));
    int start = source.start(tree);
    StringBuilder text = new StringBuilder();
    int at = start;
    for (Edit edit : mine) {
      appendOriginal(text, source.text(at, edit.start()));
      String indent = currentIndent(text);
      text.append(edit.text().replace("\n", "\n" + indent));
      at = edit.end();
    }
    appendOriginal(text, source.text(at, source.end(tree)));
    return text.toString();
  }

  private void appendOriginal(StringBuilder text, String original) {
    String[] lines = original.split("\n", -1);
    text.append(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int strip = 0;
      while (strip < column && strip < line.length() && Character.isWhitespace(line.charAt(strip))) {
        strip++;
      }
      text.append('\n').append(line, strip, line.length());
    }
  }

  private static String currentIndent(StringBuilder text) {
    int lineStart = text.lastIndexOf("\n") + 1;
    int end = lineStart;
    while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(lineStart, end);
  }

  private void replace(Tree tree, String text) {
    edits.add(new Edit(source.start(tree), source.end(tree), text));
  }

  private boolean isLocal(String name) {
    for (Set<String> scope : locals) {
      if (scope.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private void declare(String name) {
    locals.peek().add(name);
  }

  private void scoped(Runnable body) {
    locals.push(new HashSet<>());
    try {
      body.run();
    } finally {
      locals.pop();
    }
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    String name = node.getName().toString();
    if (name.equals("this")) {
      if (classBodies == 0) {
        replace(node, context.self(node));
      }
      return null;
    }
    if (isLocal(name)) {
      return null;
    }
    String field = context.hoistedField(name);
    if (field != null) {
      if (nestedBodies > 0) {
        replace(node, context.captured(field));
      } else if (!field.equals(name)) {
        replace(node, field);
      }
      return null;
    }
    String owner = context.fieldOwner(node);
    if (owner != null) {
      replace(node, owner + "." + name);
    }
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    String yieldValue = context.yieldValue(node);
    if (yieldValue != null) {
      replace(node, yieldValue);
      return null;
    }
    if (node.getMethodSelect() instanceof IdentifierTree) {
      IdentifierTree name = (IdentifierTree) node.getMethodSelect();
      boolean own = localMethods.stream().anyMatch(s -> s.contains(name.getName().toString()));
      String owner = own ? null : context.methodOwner(name);
      if (owner != null) {
        replace(name, owner + "." + name.getName());
      }
    } else {
      scan(node.getMethodSelect(), null);
    }
    scan(node.getArguments(), null);
    return null;
  }

  @Override
  public Void visitMemberSelect(com.sun.source.tree.MemberSelectTree node, Void unused) {
    if (node.getIdentifier().contentEquals("this") && classBodies == 0) {
      replace(node, context.self(node));
      return null;
    }
    return super.visitMemberSelect(node, null);
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    declare(node.getName().toString());
    scan(node.getInitializer(), null);
    return null;
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    scan(node.getEnclosingExpression(), null);
    scan(node.getArguments(), null);
    scan(node.getClassBody(), null);
    return null;
  }

  @Override
  public Void visitNewArray(NewArrayTree node, Void unused) {
    scan(node.getDimensions(), null);
    scan(node.getInitializers(), null);
    return null;
  }

  @Override
  public Void visitTypeCast(TypeCastTree node, Void unused) {
    scan(node.getExpression(), null);
    return null;
  }

  @Override
  public Void visitInstanceOf(InstanceOfTree node, Void unused) {
    scan(node.getExpression(), null);
    // A pattern's binding is in scope in the rest of the enclosing block, at most.
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void nothing) {
        declare(variable.getName().toString());
        return null;
      }
    }.scan(node.getType() == null ? null : node, null);
    return null;
  }

  @Override
  public Void visitAnnotation(AnnotationTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitBlock(BlockTree node, Void unused) {
    scoped(() -> super.visitBlock(node, null));
    return null;
  }

  @Override
  public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
    String label = node.getLabel().toString();
    boolean added = labels.add(label);
    scan(node.getStatement(), null);
    if (added) {
      labels.remove(label);
    }
    return null;
  }

  @Override
  public Void visitWhileLoop(WhileLoopTree node, Void unused) {
    scan(node.getCondition(), null);
    loop(() -> scan(node.getStatement(), null));
    return null;
  }

  @Override
  public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
    loop(() -> scan(node.getStatement(), null));
    scan(node.getCondition(), null);
    return null;
  }

  @Override
  public Void visitForLoop(ForLoopTree node, Void unused) {
    scoped(() -> {
      scan(node.getInitializer(), null);
      scan(node.getCondition(), null);
      loop(() -> {
        scan(node.getUpdate(), null);
        scan(node.getStatement(), null);
      });
    });
    return null;
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
    scan(node.getExpression(), null);
    scoped(() -> {
      declare(node.getVariable().getName().toString());
      loop(() -> scan(node.getStatement(), null));
    });
    return null;
  }

  private void loop(Runnable body) {
    loops++;
    breakables++;
    try {
      body.run();
    } finally {
      loops--;
      breakables--;
    }
  }

  @Override
  public Void visitSwitch(SwitchTree node, Void unused) {
    scan(node.getExpression(), null);
    breakables++;
    try {
      scoped(() -> scan(node.getCases(), null));
    } finally {
      breakables--;
    }
    return null;
  }

  @Override
  public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
    scan(node.getExpression(), null);
    breakables++;
    try {
      scoped(() -> scan(node.getCases(), null));
    } finally {
      breakables--;
    }
    return null;
  }

  @Override
  public Void visitCase(CaseTree node, Void unused) {
    // Case labels (enum constants, constants) are not expressions to rewrite: only the body is.
    if (node.getCaseKind() == CaseTree.CaseKind.RULE) {
      scan(node.getBody(), null);
    } else {
      scan(node.getStatements(), null);
    }
    return null;
  }

  @Override
  public Void visitTry(TryTree node, Void unused) {
    StringBuilder finals = new StringBuilder();
    scoped(() -> {
      for (Tree resource : node.getResources()) {
        String name = resource instanceof IdentifierTree
            ? ((IdentifierTree) resource).getName().toString()
            : null;
        String field = name == null || isLocal(name) || nestedBodies > 0
            ? null
            : context.hoistedField(name);
        if (field != null) {
          // `try (r)` wants an effectively final local, which a hoisted local is not: one is
          // declared just before the try statement, in a block around both.
          String copy = context.freshLocal(name + "$resource");
          finals.append("final var ").append(copy).append(" = ").append(field).append("; ");
          replace(resource, copy);
        } else {
          scan(resource, null);
        }
      }
      scan(node.getBlock(), null);
    });
    scan(node.getCatches(), null);
    scan(node.getFinallyBlock(), null);
    if (finals.length() > 0) {
      edits.add(new Edit(source.start(node), source.start(node), "{ " + finals));
      edits.add(new Edit(source.end(node), source.end(node), " }"));
    }
    return null;
  }

  @Override
  public Void visitCatch(CatchTree node, Void unused) {
    scoped(() -> {
      declare(node.getParameter().getName().toString());
      scan(node.getBlock(), null);
    });
    return null;
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    nested(() -> {
      for (VariableTree parameter : node.getParameters()) {
        declare(parameter.getName().toString());
      }
      scan(node.getBody(), null);
    });
    return null;
  }

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    Set<String> methods = new HashSet<>();
    localMethods.push(methods);
    classBodies++;
    try {
      nested(() -> {
        for (Tree member : node.getMembers()) {
          if (member instanceof VariableTree) {
            declare(((VariableTree) member).getName().toString());
          } else if (member instanceof MethodTree) {
            methods.add(((MethodTree) member).getName().toString());
          }
        }
        for (Tree member : node.getMembers()) {
          if (member instanceof VariableTree) {
            scan(((VariableTree) member).getInitializer(), null);
          } else {
            scan(member, null);
          }
        }
      });
    } finally {
      localMethods.pop();
      classBodies--;
    }
    return null;
  }

  @Override
  public Void visitMethod(MethodTree node, Void unused) {
    scoped(() -> {
      for (VariableTree parameter : node.getParameters()) {
        declare(parameter.getName().toString());
      }
      scan(node.getBody(), null);
    });
    return null;
  }

  /** Inside a lambda or class body: its jumps and returns are its own. */
  private void nested(Runnable body) {
    int savedLoops = loops;
    int savedBreakables = breakables;
    Set<String> savedLabels = new HashSet<>(labels);
    nestedBodies++;
    loops = 1;
    breakables = 1;
    labels.clear();
    locals.push(new HashSet<>());
    try {
      body.run();
    } finally {
      locals.pop();
      nestedBodies--;
      loops = savedLoops;
      breakables = savedBreakables;
      labels.addAll(savedLabels);
    }
  }

  @Override
  public Void visitBreak(BreakTree node, Void unused) {
    if (nestedBodies > 0) {
      return null;
    }
    boolean internal = node.getLabel() == null
        ? breakables > 0
        : labels.contains(node.getLabel().toString());
    if (!internal) {
      replace(node, context.jump(node));
    }
    return null;
  }

  @Override
  public Void visitContinue(ContinueTree node, Void unused) {
    if (nestedBodies > 0) {
      return null;
    }
    boolean internal = node.getLabel() == null
        ? loops > 0
        : labels.contains(node.getLabel().toString());
    if (!internal) {
      replace(node, context.jump(node));
    }
    return null;
  }

  @Override
  public Void visitReturn(ReturnTree node, Void unused) {
    if (nestedBodies > 0) {
      return super.visitReturn(node, null);
    }
    String value = node.getExpression() == null ? null : render(node.getExpression());
    replace(node, context.returnWith(value));
    return null;
  }
}
