package dev.jcoro.processor.analysis;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plans how an expression that yields is split at its yields, in the order Java evaluates it
 * (JLS 15.7). The lowering suspends at each yield in turn and evaluates the rest of the expression
 * once, after the last one. Two kinds of operand are evaluated earlier, where Java evaluates them:
 * a yield's own argument, when it suspends, and the test of a {@code ?:}, {@code &&} or
 * {@code ||} whose other operands yield: the lowering branches on it (a {@link Branch}) and
 * keeps the result as a flag that the rest of the expression reads in its place, so that only
 * the operand Java would evaluate is. A switch expression whose cases yield is a statement of its
 * own ({@link SwitchValue}). Every other operand Java evaluates before a suspension is
 * either a value that cannot change meanwhile (a literal, the receiver, a local that nothing in the
 * expression assigns, a lambda) or is {@link Keep kept}: evaluated before the suspension into a
 * field that the rest of the expression reads. That includes what JLS 15.26 evaluates before an
 * assignment's right side: the target's array, index and object, and a compound assignment's old
 * value.
 */
public final class EvaluationOrder {
  /** Where an expression can't be split: a form that has no place for a yield. */
  public record Problem(Tree tree) {}

  /** What a kept value is. */
  public enum SpillKind {
    /** An operand, evaluated before a later operand's yield. */
    VALUE,
    /** An assignment target's array or object, evaluated before the right side. */
    TARGET_PART,
    /** An assignment target's array index, evaluated before the right side, as an int. */
    INDEX,
    /** A compound assignment's old value, read before the right side (JLS 15.26.2). */
    OLD_VALUE
  }

  /** What the lowering does, in order, before it evaluates the rest of the expression. */
  public sealed interface Step permits Keep, Suspend, Branch, SwitchValue {}

  /**
   * Evaluates {@code tree} into a field, which the rest of the expression reads in its place.
   *
   * @param tree what is evaluated: yield-free, or with its yields already passed
   * @param kind what it is
   * @param compound for an old value, its compound assignment
   */
  public record Keep(ExpressionTree tree, SpillKind kind, CompoundAssignmentTree compound)
      implements Step {}

  /** Suspends at a yield, or delegates at a {@code yieldFrom}. */
  public record Suspend(MethodInvocationTree call) implements Step {}

  /**
   * Evaluates {@code test}, keeps it in a flag that the rest of the expression reads in its place,
   * and takes one of two paths: the arms of {@code ?:}, or the right side of {@code &&} (taken
   * when true) or {@code ||} (when false).
   */
  public record Branch(ExpressionTree node, ExpressionTree test, List<Step> whenTrue,
      List<Step> whenFalse) implements Step {}

  /**
   * Evaluates a switch expression whose cases yield, as a switch statement that stores the value
   * in a field the rest of the expression reads in its place; its selector's yields come before.
   */
  public record SwitchValue(SwitchExpressionTree tree) implements Step {}

  /** The steps, or the first problem. */
  public record Result(List<Step> steps, Problem problem) {}

  private final YieldCalls yieldCalls;
  private final NameResolution names;
  private final Predicate<String> isLocal;
  private final List<Operand> operands = new ArrayList<>();
  /** The points whose operands are being visited: they evaluate them themselves. */
  private final Deque<Point> open = new ArrayDeque<>();
  private final Arm top = new Arm(null);
  private Arm arm = top;
  private Problem problem;

  /** A path of evaluation: the whole expression, or one arm of a branch inside it. */
  private static final class Arm {
    final Arm parent;
    final List<Point> points = new ArrayList<>();
    /** Operands kept at the end of this arm, after its last point. */
    final List<Operand> keptAtEnd = new ArrayList<>();

    Arm(Arm parent) {
      this.parent = parent;
    }

    boolean isWithin(Arm other) {
      for (Arm a = this; a != null; a = a.parent) {
        if (a == other) {
          return true;
        }
      }
      return false;
    }
  }

  /** Where the lowering evaluates something before the end: a yield, or a branch's test. */
  private static final class Point {
    final Tree tree;
    final Arm arm;
    final List<Operand> keptBefore = new ArrayList<>();
    final Arm whenTrue;
    final Arm whenFalse;
    final ExpressionTree test;

    Point(Tree tree, Arm arm, ExpressionTree test) {
      this.tree = tree;
      this.arm = arm;
      this.test = test;
      this.whenTrue = test == null ? null : new Arm(arm);
      this.whenFalse = test == null ? null : new Arm(arm);
    }
  }

  /**
   * A yield-free part of the expression, evaluated with the point it is an operand of (or at the
   * end, for none); a target's part or an old value may be kept, where a plain operand may not
   * have to be.
   */
  private static final class Operand {
    final Tree tree;
    final Point context;
    final Arm arm;
    final SpillKind spill;
    final CompoundAssignmentTree compound;
    boolean anchored;

    Operand(Tree tree, Point context, Arm arm, SpillKind spill,
        CompoundAssignmentTree compound) {
      this.tree = tree;
      this.context = context;
      this.arm = arm;
      this.spill = spill;
      this.compound = compound;
    }
  }

  private EvaluationOrder(YieldCalls yieldCalls, NameResolution names, Predicate<String> isLocal) {
    this.yieldCalls = yieldCalls;
    this.names = names;
    this.isLocal = isLocal;
  }

  public static Result analyze(ExpressionTree expression, YieldCalls yields, NameResolution names,
      Predicate<String> isLocal) {
    EvaluationOrder order = new EvaluationOrder(yields, names, isLocal);
    order.visit(expression);
    if (order.problem != null) {
      return new Result(List.of(), order.problem);
    }
    return new Result(order.steps(order.top, assignedLocals(expression)), null);
  }

  private void fail(Tree tree) {
    if (problem == null) {
      problem = new Problem(tree);
    }
  }

  private void operand(Tree tree) {
    operand(tree, SpillKind.VALUE, null);
  }

  private void operand(Tree tree, SpillKind spill, CompoundAssignmentTree compound) {
    if (tree != null) {
      operands.add(new Operand(tree, open.peek(), arm, spill, compound));
    }
  }

  private void visit(Tree tree) {
    if (tree == null || problem != null) {
      return;
    }
    if (!yieldCalls.containsYield(tree)) {
      operand(tree);
      return;
    }
    switch (tree.getKind()) {
      case METHOD_INVOCATION: {
        MethodInvocationTree call = (MethodInvocationTree) tree;
        if (yieldCalls.kindOf(call) != null) {
          Point point = new Point(call, arm, null);
          open.push(point);
          call.getArguments().forEach(this::visit);
          open.pop();
          reach(point);
          return;
        }
        if (call.getMethodSelect() instanceof MemberSelectTree) {
          visit(((MemberSelectTree) call.getMethodSelect()).getExpression());
        }
        call.getArguments().forEach(this::visit);
        return;
      }
      case PARENTHESIZED:
        visit(((ParenthesizedTree) tree).getExpression());
        return;
      case TYPE_CAST:
        visit(((TypeCastTree) tree).getExpression());
        return;
      case INSTANCE_OF:
        visit(((InstanceOfTree) tree).getExpression());
        return;
      case MEMBER_SELECT:
        visit(((MemberSelectTree) tree).getExpression());
        return;
      case ARRAY_ACCESS:
        visit(((ArrayAccessTree) tree).getExpression());
        visit(((ArrayAccessTree) tree).getIndex());
        return;
      case NEW_CLASS: {
        NewClassTree creation = (NewClassTree) tree;
        if (creation.getClassBody() != null && yieldCalls.containsYield(creation.getClassBody())) {
          fail(tree);
          return;
        }
        visit(creation.getEnclosingExpression());
        creation.getArguments().forEach(this::visit);
        return;
      }
      case NEW_ARRAY:
        ((NewArrayTree) tree).getDimensions().forEach(this::visit);
        if (((NewArrayTree) tree).getInitializers() != null) {
          ((NewArrayTree) tree).getInitializers().forEach(this::visit);
        }
        return;
      case ASSIGNMENT: {
        AssignmentTree assignment = (AssignmentTree) tree;
        target(assignment.getVariable(), null, assignment.getExpression());
        visit(assignment.getExpression());
        return;
      }
      case CONDITIONAL_AND:
      case CONDITIONAL_OR: {
        BinaryTree binary = (BinaryTree) tree;
        if (!yieldCalls.containsYield(binary.getRightOperand())) {
          visit(binary.getLeftOperand());
          operand(binary.getRightOperand());
          return;
        }
        Point branch = branch(binary, binary.getLeftOperand());
        visitIn(tree.getKind() == Tree.Kind.CONDITIONAL_AND ? branch.whenTrue : branch.whenFalse,
            binary.getRightOperand());
        return;
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree conditional = (ConditionalExpressionTree) tree;
        if (!yieldCalls.containsYield(conditional.getTrueExpression())
            && !yieldCalls.containsYield(conditional.getFalseExpression())) {
          visit(conditional.getCondition());
          operand(conditional.getTrueExpression());
          operand(conditional.getFalseExpression());
          return;
        }
        Point branch = branch(conditional, conditional.getCondition());
        visitIn(branch.whenTrue, conditional.getTrueExpression());
        visitIn(branch.whenFalse, conditional.getFalseExpression());
        return;
      }
      default:
        if (tree instanceof CompoundAssignmentTree) {
          CompoundAssignmentTree assignment = (CompoundAssignmentTree) tree;
          target(assignment.getVariable(), assignment, assignment.getExpression());
          visit(assignment.getExpression());
        } else if (tree instanceof BinaryTree) {
          visit(((BinaryTree) tree).getLeftOperand());
          visit(((BinaryTree) tree).getRightOperand());
        } else if (tree instanceof UnaryTree) {
          visit(((UnaryTree) tree).getExpression());
        } else if (tree.getKind() == Tree.Kind.SWITCH_EXPRESSION) {
          switchExpression((SwitchExpressionTree) tree);
        } else {
          fail(tree);
        }
    }
  }

  /**
   * A switch expression: a selector that yields is evaluated first, like an operand; cases that
   * yield make it a point of its own, evaluated as a statement.
   */
  private void switchExpression(SwitchExpressionTree tree) {
    if (tree.getCases().stream().noneMatch(yieldCalls::containsYield)) {
      visit(tree.getExpression());
      operand(tree);
      return;
    }
    Point point = new Point(tree, arm, null);
    open.push(point);
    visit(tree.getExpression());
    open.pop();
    reach(point);
  }

  /** A branch on {@code test}: the test is evaluated, with its own yields, before either path. */
  private Point branch(ExpressionTree node, ExpressionTree test) {
    Point branch = new Point(node, arm, test);
    open.push(branch);
    visit(test);
    open.pop();
    reach(branch);
    return branch;
  }

  private void visitIn(Arm path, Tree tree) {
    Arm outer = arm;
    arm = path;
    visit(tree);
    arm = outer;
  }

  /**
   * The target of an assignment (JLS 15.26): its array and index, or its object, are evaluated
   * before the right side, and so is the old value of a {@code compound} assignment. A name is a
   * place, not a value, unless it is also read.
   */
  private void target(ExpressionTree variable, CompoundAssignmentTree compound,
      ExpressionTree right) {
    ExpressionTree target = variable;
    while (target instanceof ParenthesizedTree) {
      target = ((ParenthesizedTree) target).getExpression();
    }
    if (target instanceof ArrayAccessTree) {
      part(((ArrayAccessTree) target).getExpression(), SpillKind.TARGET_PART);
      part(((ArrayAccessTree) target).getIndex(), SpillKind.INDEX);
    } else if (target instanceof MemberSelectTree) {
      part(((MemberSelectTree) target).getExpression(), SpillKind.TARGET_PART);
    } else if (!(target instanceof IdentifierTree)) {
      fail(variable);
      return;
    }
    if (compound != null) {
      operand(target, SpillKind.OLD_VALUE, compound);
    }
  }

  /**
   * A part of a target. One that yields is evaluated after its yields, and its value is kept
   * like an operand's when the right side yields too.
   */
  private void part(ExpressionTree part, SpillKind kind) {
    if (yieldCalls.containsYield(part)) {
      visit(part);
    }
    operand(part, kind, null);
  }

  /**
   * Reaches {@code point}: every operand evaluated before it whose evaluation the lowering would
   * postpone past it (to the end, or to an enclosing yield) is anchored where it must be kept if
   * it can change: before the point on the same path, or at the end of its own arm when the point
   * follows the branch that arm belongs to. An operand of another arm of a branch that is still
   * being visited is on another path and is left alone.
   */
  private void reach(Point point) {
    for (Operand operand : operands) {
      if (operand.anchored || operand.context == point
          || operand.context != null && !open.contains(operand.context)) {
        continue;
      }
      if (point.arm.isWithin(operand.arm)) {
        point.keptBefore.add(operand);
        operand.anchored = true;
      } else if (operand.arm.isWithin(point.arm)) {
        operand.arm.keptAtEnd.add(operand);
        operand.anchored = true;
      }
    }
    point.arm.points.add(point);
  }

  /** The steps of {@code path}, keeping the anchored operands that can change. */
  private List<Step> steps(Arm path, Set<String> assigned) {
    List<Step> steps = new ArrayList<>();
    for (Point point : path.points) {
      keep(point.keptBefore, assigned, steps);
      if (point.tree instanceof SwitchExpressionTree) {
        steps.add(new SwitchValue((SwitchExpressionTree) point.tree));
      } else if (point.test == null) {
        steps.add(new Suspend((MethodInvocationTree) point.tree));
      } else {
        steps.add(new Branch((ExpressionTree) point.tree, point.test,
            steps(point.whenTrue, assigned), steps(point.whenFalse, assigned)));
      }
    }
    keep(path.keptAtEnd, assigned, steps);
    return steps;
  }

  private void keep(List<Operand> anchored, Set<String> assigned, List<Step> steps) {
    for (Operand operand : anchored) {
      if (!isStable(operand.tree, assigned)) {
        steps.add(new Keep((ExpressionTree) operand.tree, operand.spill, operand.compound));
      }
    }
  }

  private boolean isStable(Tree tree, Set<String> assigned) {
    switch (tree.getKind()) {
      case IDENTIFIER: {
        String name = ((IdentifierTree) tree).getName().toString();
        NameResolution.Meaning meaning = names.meaning(tree);
        if (meaning instanceof NameResolution.Receiver
            || meaning instanceof NameResolution.TypeRef
            || meaning instanceof NameResolution.LocalType) {
          // The receiver never changes; a type is no value at all.
          return true;
        }
        if (meaning instanceof NameResolution.StaticMember
            || meaning instanceof NameResolution.ReceiverMember) {
          return false;
        }
        return isLocal.test(name) && !assigned.contains(name);
      }
      case PARENTHESIZED:
        return isStable(((ParenthesizedTree) tree).getExpression(), assigned);
      case TYPE_CAST:
        return isStable(((TypeCastTree) tree).getExpression(), assigned);
      case UNARY_MINUS:
      case UNARY_PLUS:
      case LOGICAL_COMPLEMENT:
      case BITWISE_COMPLEMENT:
        return isStable(((UnaryTree) tree).getExpression(), assigned);
      case NEW_ARRAY: {
        // A new array of stable values: made again after the suspension, it is the same array
        // to everything that can see it.
        NewArrayTree array = (NewArrayTree) tree;
        for (Tree part : array.getDimensions()) {
          if (!isStable(part, assigned)) {
            return false;
          }
        }
        if (array.getInitializers() != null) {
          for (Tree part : array.getInitializers()) {
            if (!isStable(part, assigned)) {
              return false;
            }
          }
        }
        return true;
      }
      case MEMBER_SELECT:
        // `java.util.List` in `java.util.List.of(...)` is no value.
        return names.expressionTypes().denotesType((ExpressionTree) tree);
      case LAMBDA_EXPRESSION:
        // Made again after the suspension, it captures the same values: locals it may capture
        // are effectively final.
        return true;
      case MEMBER_REFERENCE:
        return isStable(((com.sun.source.tree.MemberReferenceTree) tree).getQualifierExpression(),
            assigned);
      default:
        if (tree.getKind().asInterface() == com.sun.source.tree.LiteralTree.class) {
          return true;
        }
        if (tree instanceof BinaryTree) {
          return isStable(((BinaryTree) tree).getLeftOperand(), assigned)
              && isStable(((BinaryTree) tree).getRightOperand(), assigned);
        }
        return false;
    }
  }

  /** Locals the expression assigns before its final store. */
  private static Set<String> assignedLocals(ExpressionTree root) {
    Set<String> names = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        if (node != root) {
          add(node.getVariable());
        }
        return super.visitAssignment(node, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        if (node != root) {
          add(node.getVariable());
        }
        return super.visitCompoundAssignment(node, null);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT:
          case PREFIX_DECREMENT:
          case POSTFIX_INCREMENT:
          case POSTFIX_DECREMENT:
            add(node.getExpression());
            break;
          default:
            break;
        }
        return super.visitUnary(node, null);
      }

      private void add(ExpressionTree variable) {
        if (variable instanceof IdentifierTree) {
          names.add(((IdentifierTree) variable).getName().toString());
        }
      }
    }.scan(root, null);
    return names;
  }
}
