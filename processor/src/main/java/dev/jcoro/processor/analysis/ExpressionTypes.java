package dev.jcoro.processor.analysis;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The static types of the expressions the lowering must keep across a suspension (an assignment's
 * array, index, object and old value), where the exported API gives them without attributing the
 * body: a local's type as javac attributes it ({@link LocalTypes}), a member's from its element,
 * an array's component, a method's return type when every candidate of the call's arity returns
 * the same type. Null where it can't tell: the caller then refuses the expression clearly.
 */
public final class ExpressionTypes {
  private final CoroutineMethod method;
  private final Names names;
  private final NameResolution resolution;
  private final LocalTypes locals;
  private final Types types;

  public ExpressionTypes(CoroutineMethod method, Names names, NameResolution resolution,
      LocalTypes locals, Types types) {
    this.method = method;
    this.names = names;
    this.resolution = resolution;
    this.locals = locals;
    this.types = types;
  }

  /** The names of the classes around the body. */
  public Names names() {
    return names;
  }

  /** The static type of {@code expression}, or null where it can't be read. */
  public TypeMirror typeOf(ExpressionTree expression) {
    switch (expression.getKind()) {
      case PARENTHESIZED:
        return typeOf(((ParenthesizedTree) expression).getExpression());
      case IDENTIFIER:
        return identifier((IdentifierTree) expression);
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) expression);
      case ARRAY_ACCESS: {
        TypeMirror array = typeOf(((ArrayAccessTree) expression).getExpression());
        return array instanceof ArrayType ? ((ArrayType) array).getComponentType() : null;
      }
      case METHOD_INVOCATION:
        return invocation((MethodInvocationTree) expression);
      case TYPE_CAST: {
        Tree type = ((TypeCastTree) expression).getType();
        if (type instanceof PrimitiveTypeTree) {
          return types.getPrimitiveType(((PrimitiveTypeTree) type).getPrimitiveTypeKind());
        }
        TypeElement element = typeElement(type);
        return element == null || !element.getTypeParameters().isEmpty()
            ? null : element.asType();
      }
      case INT_LITERAL:
        return types.getPrimitiveType(TypeKind.INT);
      case LONG_LITERAL:
        return types.getPrimitiveType(TypeKind.LONG);
      case FLOAT_LITERAL:
        return types.getPrimitiveType(TypeKind.FLOAT);
      case DOUBLE_LITERAL:
        return types.getPrimitiveType(TypeKind.DOUBLE);
      case BOOLEAN_LITERAL:
        return types.getPrimitiveType(TypeKind.BOOLEAN);
      case CHAR_LITERAL:
        return types.getPrimitiveType(TypeKind.CHAR);
      case STRING_LITERAL:
        return string();
      case ASSIGNMENT:
        return typeOf(((com.sun.source.tree.AssignmentTree) expression).getVariable());
      case NEW_CLASS: {
        com.sun.source.tree.NewClassTree creation = (com.sun.source.tree.NewClassTree) expression;
        TypeElement created = creation.getClassBody() == null
            ? typeElement(creation.getIdentifier()) : null;
        return created == null || !created.getTypeParameters().isEmpty() ? null : created.asType();
      }
      case CONDITIONAL_EXPRESSION: {
        com.sun.source.tree.ConditionalExpressionTree conditional =
            (com.sun.source.tree.ConditionalExpressionTree) expression;
        TypeMirror first = typeOf(conditional.getTrueExpression());
        TypeMirror second = typeOf(conditional.getFalseExpression());
        return first != null && second != null && types.isSameType(first, second) ? first : null;
      }
      default:
        if (expression instanceof com.sun.source.tree.CompoundAssignmentTree) {
          return typeOf(((com.sun.source.tree.CompoundAssignmentTree) expression).getVariable());
        }
        if (expression instanceof com.sun.source.tree.UnaryTree) {
          return unary((com.sun.source.tree.UnaryTree) expression);
        }
        if (expression instanceof com.sun.source.tree.BinaryTree) {
          return binary((com.sun.source.tree.BinaryTree) expression);
        }
        if (expression instanceof com.sun.source.tree.InstanceOfTree) {
          return types.getPrimitiveType(TypeKind.BOOLEAN);
        }
        return null;
    }
  }

  private TypeMirror string() {
    TypeElement string = names.typeElement("java.lang.String");
    return string == null ? null : string.asType();
  }

  /** The type of a unary operation (JLS 15.14, 15.15). */
  private TypeMirror unary(com.sun.source.tree.UnaryTree unary) {
    TypeMirror operand = typeOf(unary.getExpression());
    if (operand == null) {
      return null;
    }
    switch (unary.getKind()) {
      case LOGICAL_COMPLEMENT:
        return types.getPrimitiveType(TypeKind.BOOLEAN);
      case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
        return operand;
      default:
        return promoted(operand, null);
    }
  }

  /** The type of a binary operation (JLS 15.17 to 15.24). */
  private TypeMirror binary(com.sun.source.tree.BinaryTree binary) {
    switch (binary.getKind()) {
      case LESS_THAN: case GREATER_THAN: case LESS_THAN_EQUAL: case GREATER_THAN_EQUAL:
      case EQUAL_TO: case NOT_EQUAL_TO: case CONDITIONAL_AND: case CONDITIONAL_OR:
        return types.getPrimitiveType(TypeKind.BOOLEAN);
      default:
        break;
    }
    TypeMirror left = typeOf(binary.getLeftOperand());
    TypeMirror right = typeOf(binary.getRightOperand());
    if (left == null || right == null) {
      return null;
    }
    TypeMirror string = string();
    if (binary.getKind() == Tree.Kind.PLUS
        && (types.isSameType(left, string) || types.isSameType(right, string))) {
      return string;
    }
    switch (binary.getKind()) {
      case LEFT_SHIFT: case RIGHT_SHIFT: case UNSIGNED_RIGHT_SHIFT:
        return promoted(left, null);
      case AND: case OR: case XOR:
        if (unboxed(left).getKind() == TypeKind.BOOLEAN) {
          return types.getPrimitiveType(TypeKind.BOOLEAN);
        }
        return promoted(left, right);
      default:
        return promoted(left, right);
    }
  }

  /** Numeric promotion (JLS 5.6) of one operand, or of two; null if one is not numeric. */
  private TypeMirror promoted(TypeMirror first, TypeMirror second) {
    TypeKind kind = numericKind(first);
    if (second != null) {
      TypeKind other = numericKind(second);
      if (kind == null || other == null) {
        return null;
      }
      kind = widest(kind, other);
    }
    if (kind == null) {
      return null;
    }
    return types.getPrimitiveType(kind == TypeKind.BYTE || kind == TypeKind.SHORT
        || kind == TypeKind.CHAR ? TypeKind.INT : kind);
  }

  private TypeKind numericKind(TypeMirror type) {
    TypeKind kind = unboxed(type).getKind();
    switch (kind) {
      case BYTE: case SHORT: case CHAR: case INT: case LONG: case FLOAT: case DOUBLE:
        return kind;
      default:
        return null;
    }
  }

  private static TypeKind widest(TypeKind first, TypeKind second) {
    for (TypeKind kind : new TypeKind[] {TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.LONG}) {
      if (first == kind || second == kind) {
        return kind;
      }
    }
    return TypeKind.INT;
  }

  private TypeMirror unboxed(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return type;
    }
    try {
      return types.unboxedType(type);
    } catch (IllegalArgumentException notABox) {
      return type;
    }
  }

  /**
   * Whether {@code candidate} may be applicable to {@code arguments} (JLS 15.12.2: arity, and each
   * argument whose type can be read convertible to its parameter); unknown types count as fitting.
   */
  public boolean mayApply(ExecutableElement candidate, List<? extends ExpressionTree> arguments) {
    List<? extends VariableElement> parameters = candidate.getParameters();
    int count = parameters.size();
    int given = arguments.size();
    if (candidate.isVarArgs() ? given < count - 1 : given != count) {
      return false;
    }
    for (int i = 0; i < given; i++) {
      TypeMirror argument = typeOf(arguments.get(i));
      if (argument == null || argument.getKind() == TypeKind.ERROR) {
        continue;
      }
      TypeMirror parameter = parameters.get(Math.min(i, count - 1)).asType();
      boolean fits = fits(argument, parameter);
      if (!fits && candidate.isVarArgs() && i >= count - 1 && parameter instanceof ArrayType) {
        fits = fits(argument, ((ArrayType) parameter).getComponentType());
      }
      if (!fits) {
        return false;
      }
    }
    return true;
  }

  private boolean fits(TypeMirror argument, TypeMirror parameter) {
    try {
      return types.isAssignable(types.erasure(argument), types.erasure(parameter));
    } catch (IllegalArgumentException unknown) {
      return true;
    }
  }

  /** Whether {@code tree}, a name, denotes a type rather than a value. */
  public boolean denotesType(ExpressionTree tree) {
    return typeElement(tree) != null
        || tree instanceof MemberSelectTree && names.typeElement(tree.toString()) != null
        && resolution.meaning(leftmost(tree)) == null;
  }

  /** The first name of a qualified name. */
  private static Tree leftmost(Tree tree) {
    Tree head = tree;
    while (head instanceof MemberSelectTree) {
      head = ((MemberSelectTree) head).getExpression();
    }
    return head;
  }

  /** The element a type written as a (qualified) name denotes, or null. */
  private TypeElement typeElement(Tree type) {
    NameResolution.Meaning meaning = resolution.meaning(type);
    if (meaning instanceof NameResolution.TypeRef) {
      return names.typeElement(((NameResolution.TypeRef) meaning).type().canonicalName());
    }
    if (type instanceof MemberSelectTree) {
      TypeElement owner = typeElement(((MemberSelectTree) type).getExpression());
      return owner == null ? null
          : names.memberTypeOf(owner, ((MemberSelectTree) type).getIdentifier().toString());
    }
    return null;
  }

  private TypeMirror identifier(IdentifierTree identifier) {
    NameResolution.Meaning meaning = resolution.meaning(identifier);
    if (meaning instanceof NameResolution.Receiver) {
      return names.enclosingTypes().get(0).asType();
    }
    if (meaning instanceof NameResolution.BodyLocal) {
      Tree declaration = ((NameResolution.BodyLocal) meaning).declaration();
      List<? extends VariableTree> parameters = method.tree().getParameters();
      for (int i = 0; i < parameters.size(); i++) {
        if (parameters.get(i) == declaration) {
          return method.element().getParameters().get(i).asType();
        }
      }
      return declaration instanceof VariableTree
          ? locals.typeOf((VariableTree) declaration, resolution.usesOf(declaration))
          : null;
    }
    if (meaning instanceof NameResolution.StaticMember
        || meaning instanceof NameResolution.ReceiverMember) {
      Names.Field field = names.field(identifier.getName().toString());
      return field == null ? null : memberType(field.searchClass().asType(), field.element());
    }
    return null;
  }

  private TypeMirror memberSelect(MemberSelectTree select) {
    String name = select.getIdentifier().toString();
    TypeElement type = typeElement(select.getExpression());
    if (type != null) {
      VariableElement field = names.fieldOf(type, name);
      return field == null || !field.getModifiers().contains(Modifier.STATIC)
          ? null : field.asType();
    }
    TypeMirror owner = typeOf(select.getExpression());
    if (owner instanceof ArrayType) {
      return name.equals("length") ? types.getPrimitiveType(TypeKind.INT) : null;
    }
    if (!(owner instanceof DeclaredType)) {
      return null;
    }
    VariableElement field = names.fieldOf((TypeElement) ((DeclaredType) owner).asElement(), name);
    return field == null ? null : memberType(owner, field);
  }

  private TypeMirror invocation(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    List<ExecutableElement> candidates;
    TypeMirror owner;
    if (select instanceof IdentifierTree) {
      Names.Methods found = names.methods(((IdentifierTree) select).getName().toString());
      if (found == null) {
        return null;
      }
      candidates = found.candidates();
      owner = found.searchClass().asType();
    } else if (select instanceof MemberSelectTree) {
      MemberSelectTree member = (MemberSelectTree) select;
      TypeElement type = typeElement(member.getExpression());
      owner = type != null ? type.asType() : typeOf(member.getExpression());
      if (!(owner instanceof DeclaredType)) {
        return null;
      }
      candidates = names.methodsOf(
          (TypeElement) ((DeclaredType) owner).asElement(), member.getIdentifier().toString());
    } else {
      return null;
    }
    TypeMirror result = null;
    int arity = call.getArguments().size();
    List<ExecutableElement> applicable = new ArrayList<>();
    for (ExecutableElement candidate : candidates) {
      int count = candidate.getParameters().size();
      if (count == arity || candidate.isVarArgs() && arity >= count - 1) {
        applicable.add(candidate);
      }
    }
    for (ExecutableElement candidate : applicable) {
      if (!candidate.getTypeParameters().isEmpty()) {
        // Its return type is inferred at the call: not read here.
        return null;
      }
      TypeMirror returned = memberType(owner, candidate);
      if (returned instanceof javax.lang.model.type.ExecutableType) {
        returned = ((javax.lang.model.type.ExecutableType) returned).getReturnType();
      }
      if (result != null && !types.isSameType(result, returned)) {
        return null;
      }
      result = returned;
    }
    return result;
  }

  /** The type of {@code member} as a member of {@code owner}, type arguments substituted. */
  private TypeMirror memberType(TypeMirror owner, Element member) {
    if (owner instanceof DeclaredType && member.getKind() != ElementKind.ENUM_CONSTANT
        && !member.getModifiers().contains(Modifier.STATIC)) {
      try {
        return types.asMemberOf((DeclaredType) owner, member);
      } catch (IllegalArgumentException notAMember) {
        return member.asType();
      }
    }
    return member.asType();
  }
}
