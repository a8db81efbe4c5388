package dev.jcoro.processor.lower;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import dev.jcoro.processor.analysis.NameResolution;
import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.LineMark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Copies a statement or expression that does not suspend into generated code, as the user wrote
 * it, with the edits its new home needs ({@link NameResolution} says what each name denotes): a
 * local moved to a field gets the field's name, a member of the enclosing classes is qualified with
 * its class or the receiver, a type is written as a {@link TypeMark} for JavaPoet, and a break,
 * continue or return that leaves the copied code becomes a jump of the state machine.
 */
final class NativeCopier extends TreeScanner<Void, Void> {

  /** What the copier asks of the lowering. */
  interface Context {
    /** The field (or state local) holding the local {@code declaration} declares, or null. */
    String hoistedField(Tree declaration);

    /** The final local that snapshots a hoisted local's field for a lambda or class body. */
    String captured(String field);

    /** A name for a local of the copied code that no name of the body or of generated code takes. */
    String freshLocal(String base);

    /** The receiver: what {@code this} becomes. */
    String self();

    /** What replaces {@code tree}, already evaluated (a yield's result, a kept value), or null. */
    Code replacement(Tree tree);

    /** The name a local class of the body has in the generated code. */
    String localType(ClassTree declaration);

    /** The statements that replace a break or continue leaving the copied code. */
    Code jump(Tree jump);

    /**
     * The statements that replace {@code return value;} ({@code value} null for a bare return),
     * {@code tree} being the returned expression.
     */
    Code returnWith(Code value, ExpressionTree tree);

    /** The statements that replace {@code yield value;} leaving a switch expression around it. */
    Code yieldValue(Code value);

    /** A boolean field: whether assertions are enabled for the body's top-level class. */
    String assertionsEnabled();
  }

  private record Edit(int start, int end, Code text) {}

  private final SourceText source;
  private final Context context;
  private final NameResolution names;
  private final int column;
  private final Tree root;
  /** Locals declared outside the copied code that are Java locals where it runs (a case's patterns). */
  private final Collection<? extends Tree> locals;
  private List<Edit> edits = new ArrayList<>();
  /** The trees replaced by their values so far: what they declare is gone from the copy. */
  private final List<Tree> replaced = new ArrayList<>();
  private final Set<String> labels = new HashSet<>();
  private int loops;
  private int breakables;
  private int nestedBodies;
  /** Switch expressions inside the copied code: a yield statement in one is its own. */
  private int switchExpressions;

  private NativeCopier(SourceText source, Context context, NameResolution names, Tree root,
      Collection<? extends Tree> locals) {
    this.source = source;
    this.context = context;
    this.names = names;
    this.root = root;
    this.locals = locals;
    this.column = source.indentation(root);
  }

  /**
   * The source of {@code tree}, edited for the generated class, its lines after the first shifted
   * left by the indentation of the line it starts on.
   */
  static Code copy(Tree tree, SourceText source, NameResolution names, Context context) {
    return copy(tree, source, names, context, List.of());
  }

  /** The same, where the locals {@code locals} declare are Java locals (a case's guard). */
  static Code copy(Tree tree, SourceText source, NameResolution names, Context context,
      Collection<? extends Tree> locals) {
    return new NativeCopier(source, context, names, tree, locals).render(tree);
  }

  private Code render(Tree tree) {
    List<Edit> outer = edits;
    edits = new ArrayList<>();
    scan(tree, null);
    List<Edit> mine = edits;
    edits = outer;
    mine.sort(Comparator.comparingInt(Edit::start));
    int start = source.start(tree);
    Code.Builder text = new Code.Builder();
    int at = start;
    for (Edit edit : mine) {
      text.add(original(at, edit.start()));
      text.add(edit.text().indented(text.lastLineIndent(), false));
      at = edit.end();
    }
    return text.add(original(at, source.end(tree))).build();
  }

  /**
   * Original text, its lines after the first shifted left by the copy's indentation. In a copied
   * statement, each of them starts, after its indentation, with the mark of its user's line.
   */
  private String original(int from, int to) {
    String[] lines = source.text(from, to).split("\n", -1);
    boolean marks = source.marksLines() && root instanceof StatementTree;
    int line = marks ? source.lineAt(from) : 0;
    StringBuilder text = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String copied = lines[i];
      int strip = 0;
      while (strip < column && strip < copied.length() && Character.isWhitespace(copied.charAt(strip))) {
        strip++;
      }
      text.append('\n');
      int content = strip;
      while (content < copied.length() && Character.isWhitespace(copied.charAt(content))) {
        content++;
      }
      if (marks && content < copied.length()) {
        text.append(copied, strip, content).append(LineMark.of(line + i)).append(copied, content,
            copied.length());
      } else {
        text.append(copied, strip, copied.length());
      }
    }
    return text.toString();
  }

  private void replace(Tree tree, Object text) {
    edits.add(new Edit(source.start(tree), source.end(tree), Code.of(text)));
  }

  /** Whether {@code declaration} is inside the code being copied: its local stays a Java local. */
  private boolean declaredInCopy(Tree declaration) {
    return within(declaration, root)
        && replaced.stream().noneMatch(value -> within(declaration, value))
        || locals.contains(declaration);
  }

  private boolean within(Tree tree, Tree outer) {
    return source.start(tree) >= source.start(outer) && source.end(tree) <= source.end(outer);
  }

  /** How a name the resolution gave a meaning is written here; null to leave it as written. */
  private Object written(Tree node, String name) {
    NameResolution.Meaning meaning = names.meaning(node);
    if (meaning instanceof NameResolution.BodyLocal) {
      Tree declaration = ((NameResolution.BodyLocal) meaning).declaration();
      if (declaredInCopy(declaration)) {
        return null;
      }
      String field = context.hoistedField(declaration);
      if (field == null) {
        return null;
      }
      if (nestedBodies > 0) {
        return context.captured(field);
      }
      // Written even when the name is the same: the passes read which locals each state uses.
      return new Code.Local(field, false);
    }
    if (meaning instanceof NameResolution.StaticMember) {
      return source.mark(((NameResolution.StaticMember) meaning).owner()) + "." + name;
    }
    if (meaning instanceof NameResolution.ReceiverMember) {
      return context.self() + "." + name;
    }
    if (meaning instanceof NameResolution.TypeRef) {
      return source.mark(((NameResolution.TypeRef) meaning).type());
    }
    if (meaning instanceof NameResolution.LocalType) {
      String local = context.localType(((NameResolution.LocalType) meaning).declaration());
      return local.equals(name) ? null : local;
    }
    if (meaning instanceof NameResolution.Receiver) {
      return context.self();
    }
    return null;
  }

  /** A tree the lowering already evaluated (a yield, a kept value) is replaced by its value. */
  @Override
  public Void scan(Tree tree, Void unused) {
    Code replacement = tree == null ? null : context.replacement(tree);
    if (replacement != null) {
      replace(tree, replacement);
      replaced.add(tree);
      return null;
    }
    return super.scan(tree, null);
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    Object text = written(node, node.getName().toString());
    if (text != null) {
      replace(node, text);
    }
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    scan(node.getTypeArguments(), null);
    scan(node.getMethodSelect(), null);
    scan(node.getArguments(), null);
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree node, Void unused) {
    if (names.meaning(node) instanceof NameResolution.Receiver) {
      replace(node, context.self());
      return null;
    }
    return super.visitMemberSelect(node, null);
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    NameResolution.Meaning meaning = names.meaning(node);
    if (meaning instanceof NameResolution.InnerCreation) {
      // `new Inner()` needs the receiver as its enclosing instance: `self.new Inner()`.
      edits.add(new Edit(source.start(node), source.start(node), Code.of(context.self() + ".")));
      Tree created = node.getIdentifier();
      if (created instanceof ParameterizedTypeTree) {
        replace(((ParameterizedTypeTree) created).getType(),
            ((NameResolution.InnerCreation) meaning).simpleName());
        scan(((ParameterizedTypeTree) created).getTypeArguments(), null);
      } else {
        replace(created, ((NameResolution.InnerCreation) meaning).simpleName());
      }
    } else {
      scan(node.getEnclosingExpression(), null);
      scan(node.getIdentifier(), null);
    }
    scan(node.getTypeArguments(), null);
    scan(node.getArguments(), null);
    if (node.getClassBody() != null) {
      nested(() -> scanClassBody(node.getClassBody()));
    }
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
    scan(node.getInitializer(), null);
    scan(node.getCondition(), null);
    loop(() -> {
      scan(node.getUpdate(), null);
      scan(node.getStatement(), null);
    });
    return null;
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
    scan(node.getVariable(), null);
    scan(node.getExpression(), null);
    loop(() -> scan(node.getStatement(), null));
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
      scan(node.getCases(), null);
    } finally {
      breakables--;
    }
    return null;
  }

  @Override
  public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
    scan(node.getExpression(), null);
    breakables++;
    switchExpressions++;
    try {
      scan(node.getCases(), null);
    } finally {
      breakables--;
      switchExpressions--;
    }
    return null;
  }

  /**
   * An assert runs where assertions are enabled for the user's top-level class, not for the
   * generated one it now stands in (JLS 14.10).
   */
  @Override
  public Void visitAssert(AssertTree node, Void unused) {
    Code detail = node.getDetail() == null ? Code.empty() : render(node.getDetail());
    replace(node, Code.of("if (" + context.assertionsEnabled() + " && !(",
        render(node.getCondition()), ")) {\n  throw new AssertionError(", detail, ");\n}"));
    return null;
  }

  @Override
  public Void visitYield(YieldTree node, Void unused) {
    if (nestedBodies > 0 || switchExpressions > 0) {
      return super.visitYield(node, null);
    }
    replace(node, context.yieldValue(render(node.getValue())));
    return null;
  }

  @Override
  public Void visitTry(TryTree node, Void unused) {
    Code.Builder finals = new Code.Builder();
    for (Tree resource : node.getResources()) {
      String field = hoistedResource(resource);
      if (field != null) {
        // `try (r)` wants an effectively final local, which a hoisted local is not: one is
        // declared just before the try statement, in a block around both.
        String copy = context.freshLocal(((IdentifierTree) resource).getName() + "$resource");
        finals.add("final var " + copy + " = ", new Code.Local(field, false), "; ");
        replace(resource, copy);
      } else {
        scan(resource, null);
      }
    }
    scan(node.getBlock(), null);
    scan(node.getCatches(), null);
    scan(node.getFinallyBlock(), null);
    Code declarations = finals.build();
    if (!declarations.isEmpty()) {
      edits.add(new Edit(source.start(node), source.start(node), Code.of("{ ", declarations)));
      edits.add(new Edit(source.end(node), source.end(node), Code.of(" }")));
    }
    return null;
  }

  /** The field a resource {@code try (r)} reads when {@code r} is a hoisted local, or null. */
  private String hoistedResource(Tree resource) {
    if (nestedBodies > 0 || !(resource instanceof IdentifierTree)) {
      return null;
    }
    NameResolution.Meaning meaning = names.meaning(resource);
    if (!(meaning instanceof NameResolution.BodyLocal)
        || declaredInCopy(((NameResolution.BodyLocal) meaning).declaration())) {
      return null;
    }
    return context.hoistedField(((NameResolution.BodyLocal) meaning).declaration());
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    nested(() -> {
      scan(node.getParameters(), null);
      scan(node.getBody(), null);
    });
    return null;
  }

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    String name = node.getSimpleName().toString();
    if (node == root && !name.isEmpty() && !context.localType(node).equals(name)) {
      // A local type moved to the state machine under another name: its declaration renamed.
      int at = nameStart(node, name);
      if (at >= 0) {
        edits.add(new Edit(at, at + name.length(), Code.of(context.localType(node))));
      }
    }
    nested(() -> {
      scan(node.getModifiers(), null);
      scan(node.getTypeParameters(), null);
      scan(node.getExtendsClause(), null);
      scan(node.getImplementsClause(), null);
      scanClassBody(node);
    });
    return null;
  }

  /** Where the name of the class {@code node} declares starts in the source, or -1. */
  private int nameStart(ClassTree node, String name) {
    int from = Math.max(source.start(node), source.end(node.getModifiers()));
    String text = source.text(from, source.end(node));
    for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      boolean wordStart = at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1));
      int end = at + name.length();
      boolean wordEnd = end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
      if (wordStart && wordEnd) {
        return from + at;
      }
    }
    return -1;
  }

  private void scanClassBody(ClassTree node) {
    for (Tree member : node.getMembers()) {
      scan(member, null);
    }
  }

  /** Inside a lambda or class body: its jumps and returns are its own. */
  private void nested(Runnable body) {
    int savedLoops = loops;
    int savedBreakables = breakables;
    int savedSwitchExpressions = switchExpressions;
    Set<String> savedLabels = new HashSet<>(labels);
    nestedBodies++;
    switchExpressions = 0;
    loops = 1;
    breakables = 1;
    labels.clear();
    try {
      body.run();
    } finally {
      nestedBodies--;
      loops = savedLoops;
      breakables = savedBreakables;
      switchExpressions = savedSwitchExpressions;
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
    Code value = node.getExpression() == null ? null : render(node.getExpression());
    replace(node, context.returnWith(value, node.getExpression()));
    return null;
  }
}
