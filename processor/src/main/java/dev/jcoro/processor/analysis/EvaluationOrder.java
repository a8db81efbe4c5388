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
 * Orders the yields of one expression as Java evaluates them (JLS 15.7), and checks that the
 * expression can be split at them. The lowering suspends at each yield in turn and evaluates the
 * rest of the expression once, after the last one. Every operand Java evaluates before a
 * suspension is either a value that cannot change meanwhile (a literal, the receiver, a local that
 * nothing in the expression assigns, a lambda) or is {@link Spill spilled}: evaluated before the
 * suspension into a field that the rest of the expression reads. That includes what JLS 15.26
 * evaluates before an assignment's right side: the target's array, index and object, and a
 * compound assignment's old value. A yield that Java evaluates only conditionally is refused.
 */
public final class EvaluationOrder {
  /** Why an expression can't be split. */
  public enum ProblemKind {
    /** An operand evaluated before a yield would have to be kept. */
    UNSTABLE_OPERAND,
    /** The yield is evaluated only on one side of {@code &&}, {@code ||} or {@code ?:}. */
    CONDITIONAL,
    /** The yield is in an arm of a switch expression. */
    SWITCH_EXPRESSION,
    /** The yield is in another expression form. */
    UNSUPPORTED
  }

  /** Why an expression can't be split, and where. */
  public record Problem(Tree tree, ProblemKind kind) {}

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

  /**
   * A value Java evaluates before a suspension and the rest of the expression uses after it: kept
   * in a field, assigned before suspending at the yield numbered {@code beforeYield}.
   *
   * @param tree what is evaluated
   * @param kind what it is
   * @param beforeYield the index, in {@link Result#yields()}, of the first yield it outlives
   * @param compound for an old value, its compound assignment
   */
  public record Spill(ExpressionTree tree, SpillKind kind, int beforeYield,
      CompoundAssignmentTree compound) {}

  /** The yields in evaluation order and the values to keep across them, or the first problem. */
  public record Result(List<MethodInvocationTree> yields, List<Spill> spills, Problem problem) {}

  private final YieldCalls yieldCalls;
  private final NameResolution names;
  private final Predicate<String> isLocal;
  private final List<MethodInvocationTree> yields = new ArrayList<>();
  private final List<Operand> operands = new ArrayList<>();
  private final Deque<MethodInvocationTree> open = new ArrayDeque<>();
  private Problem problem;

  /**
   * A yield-free part of the expression, and the yield whose argument evaluates it (or null); a
   * target's part or an old value may be kept, where a plain operand must be stable.
   */
  private static final class Operand {
    final Tree tree;
    final MethodInvocationTree context;
    final SpillKind spill;
    final CompoundAssignmentTree compound;
    boolean mustBeStable;
    int firstYield = -1;

    Operand(Tree tree, MethodInvocationTree context, SpillKind spill,
        CompoundAssignmentTree compound) {
      this.tree = tree;
      this.context = context;
      this.spill = spill;
      this.compound = compound;
    }
  }

  private final List<Spill> spills = new ArrayList<>();

  private EvaluationOrder(YieldCalls yieldCalls, NameResolution names, Predicate<String> isLocal) {
    this.yieldCalls = yieldCalls;
    this.names = names;
    this.isLocal = isLocal;
  }

  public static Result analyze(ExpressionTree expression, YieldCalls yields, NameResolution names,
      Predicate<String> isLocal) {
    EvaluationOrder order = new EvaluationOrder(yields, names, isLocal);
    order.visit(expression);
    if (order.problem == null) {
      order.checkOperands(expression);
    }
    return new Result(List.copyOf(order.yields), List.copyOf(order.spills), order.problem);
  }

  private void fail(Tree tree, ProblemKind kind) {
    if (problem == null) {
      problem = new Problem(tree, kind);
    }
  }

  private void operand(Tree tree) {
    operand(tree, SpillKind.VALUE, null);
  }

  private void operand(Tree tree, SpillKind spill, CompoundAssignmentTree compound) {
    if (tree != null) {
      operands.add(new Operand(tree, open.peek(), spill, compound));
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
          open.push(call);
          call.getArguments().forEach(this::visit);
          open.pop();
          suspend(call);
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
          fail(tree, ProblemKind.UNSUPPORTED);
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
        visit(binary.getLeftOperand());
        if (yieldCalls.containsYield(binary.getRightOperand())) {
          fail(binary.getRightOperand(), ProblemKind.CONDITIONAL);
        }
        operand(binary.getRightOperand());
        return;
      }
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree conditional = (ConditionalExpressionTree) tree;
        visit(conditional.getCondition());
        if (yieldCalls.containsYield(conditional.getTrueExpression())
            || yieldCalls.containsYield(conditional.getFalseExpression())) {
          fail(conditional, ProblemKind.CONDITIONAL);
        }
        operand(conditional.getTrueExpression());
        operand(conditional.getFalseExpression());
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
          fail(tree, ProblemKind.SWITCH_EXPRESSION);
        } else {
          fail(tree, ProblemKind.UNSUPPORTED);
        }
    }
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
      part(((ArrayAccessTree) target).getExpression(), SpillKind.TARGET_PART, right);
      part(((ArrayAccessTree) target).getIndex(), SpillKind.INDEX, right);
    } else if (target instanceof MemberSelectTree) {
      part(((MemberSelectTree) target).getExpression(), SpillKind.TARGET_PART, right);
    } else if (!(target instanceof IdentifierTree)) {
      fail(variable, ProblemKind.UNSUPPORTED);
      return;
    }
    if (compound != null) {
      operand(target, SpillKind.OLD_VALUE, compound);
    }
  }

  /** A part of a target: kept if a yield on the right follows it. */
  private void part(ExpressionTree part, SpillKind kind, ExpressionTree right) {
    if (!yieldCalls.containsYield(part)) {
      operand(part, kind, null);
    } else if (yieldCalls.containsYield(right)) {
      // Its value would have to be kept after its own yield and across the right side's.
      fail(part, ProblemKind.UNSTABLE_OPERAND);
    } else {
      visit(part);
    }
  }

  /**
   * Suspending at {@code call}: every operand evaluated before it whose evaluation the lowering
   * postpones past this suspension (to the end, or to an enclosing yield) must be stable.
   */
  private void suspend(MethodInvocationTree call) {
    for (Operand operand : operands) {
      if (operand.context != call && (operand.context == null || open.contains(operand.context))) {
        operand.mustBeStable = true;
        if (operand.firstYield < 0) {
          operand.firstYield = yields.size();
        }
      }
    }
    yields.add(call);
  }

  private void checkOperands(ExpressionTree root) {
    Set<String> assigned = assignedLocals(root);
    for (Operand operand : operands) {
      if (operand.mustBeStable && !isStable(operand.tree, assigned)) {
        spills.add(new Spill((ExpressionTree) operand.tree, operand.spill, operand.firstYield,
            operand.compound));
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
