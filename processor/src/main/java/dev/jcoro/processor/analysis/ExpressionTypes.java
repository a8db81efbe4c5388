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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
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
      case SWITCH_EXPRESSION:
        return switchExpression((com.sun.source.tree.SwitchExpressionTree) expression);
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

  /** Of a value whose type can't be read: whether it is a reference, a number or a boolean. */
  public enum ValueKind {
    REFERENCE,
    NUMBER,
    BOOLEAN,
    UNKNOWN
  }

  /**
   * What kind of value {@code expression} has, where its type may not be readable: a call whose
   * applicable methods all return a reference (a generic method's inferred type, say) returns a
   * reference.
   */
  public ValueKind valueKind(ExpressionTree expression) {
    TypeMirror type = typeOf(expression);
    if (type != null) {
      return kindOf(type);
    }
    switch (expression.getKind()) {
      case PARENTHESIZED:
        return valueKind(((ParenthesizedTree) expression).getExpression());
      case NEW_CLASS:
      case NEW_ARRAY:
      case STRING_LITERAL:
      case NULL_LITERAL:
      case LAMBDA_EXPRESSION:
      case MEMBER_REFERENCE:
        return ValueKind.REFERENCE;
      case TYPE_CAST:
        return ((TypeCastTree) expression).getType() instanceof PrimitiveTypeTree
            ? ValueKind.UNKNOWN : ValueKind.REFERENCE;
      case METHOD_INVOCATION: {
        Invocation invocation = candidates((MethodInvocationTree) expression);
        ValueKind kind = null;
        for (ExecutableElement candidate : invocation == null ? List.<ExecutableElement>of()
            : invocation.applicable()) {
          ValueKind returned = kindOf(candidate.getReturnType());
          if (kind != null && kind != returned) {
            return ValueKind.UNKNOWN;
          }
          kind = returned;
        }
        return kind == null ? ValueKind.UNKNOWN : kind;
      }
      case CONDITIONAL_EXPRESSION: {
        com.sun.source.tree.ConditionalExpressionTree conditional =
            (com.sun.source.tree.ConditionalExpressionTree) expression;
        ValueKind first = valueKind(conditional.getTrueExpression());
        return first == ValueKind.REFERENCE
            && valueKind(conditional.getFalseExpression()) == ValueKind.REFERENCE
            ? ValueKind.REFERENCE : ValueKind.UNKNOWN;
      }
      case LOGICAL_COMPLEMENT:
      case INSTANCE_OF:
      case LESS_THAN: case GREATER_THAN: case LESS_THAN_EQUAL: case GREATER_THAN_EQUAL:
      case EQUAL_TO: case NOT_EQUAL_TO: case CONDITIONAL_AND: case CONDITIONAL_OR:
        return ValueKind.BOOLEAN;
      case PLUS: {
        com.sun.source.tree.BinaryTree plus = (com.sun.source.tree.BinaryTree) expression;
        return valueKind(plus.getLeftOperand()) == ValueKind.NUMBER
            && valueKind(plus.getRightOperand()) == ValueKind.NUMBER
            ? ValueKind.NUMBER : ValueKind.UNKNOWN;
      }
      case UNARY_MINUS: case UNARY_PLUS: case BITWISE_COMPLEMENT:
      case MULTIPLY: case DIVIDE: case REMAINDER: case MINUS:
      case LEFT_SHIFT: case RIGHT_SHIFT: case UNSIGNED_RIGHT_SHIFT:
        // Numeric operators: their operands are numbers, or unboxed to numbers.
        return ValueKind.NUMBER;
      default:
        return ValueKind.UNKNOWN;
    }
  }

  private static ValueKind kindOf(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN:
        return ValueKind.BOOLEAN;
      case VOID:
      case ERROR:
      case NONE:
        return ValueKind.UNKNOWN;
      default:
        return type.getKind().isPrimitive() ? ValueKind.NUMBER : ValueKind.REFERENCE;
    }
  }

  /**
   * A standalone switch expression's type (JLS 15.28.1): its results' type if they share one,
   * boolean for booleans, the promoted type of numbers where it is double, float, long or int.
   */
  private TypeMirror switchExpression(com.sun.source.tree.SwitchExpressionTree tree) {
    List<TypeMirror> results = new ArrayList<>();
    for (ExpressionTree result : SwitchResults.of(tree)) {
      TypeMirror type = typeOf(result);
      if (type == null || type.getKind() == TypeKind.ERROR) {
        return null;
      }
      results.add(type);
    }
    if (results.isEmpty()) {
      return null;
    }
    if (results.stream().allMatch(type -> types.isSameType(type, results.get(0)))) {
      return results.get(0);
    }
    List<TypeMirror> unboxed = new ArrayList<>();
    for (TypeMirror type : results) {
      TypeMirror primitive = unboxed(type);
      if (primitive == null || !primitive.getKind().isPrimitive()) {
        return null;
      }
      unboxed.add(primitive);
    }
    if (unboxed.stream().allMatch(type -> type.getKind() == TypeKind.BOOLEAN)) {
      return types.getPrimitiveType(TypeKind.BOOLEAN);
    }
    if (unboxed.stream().anyMatch(type -> type.getKind() == TypeKind.BOOLEAN)) {
      return null;
    }
    for (TypeKind wide : List.of(TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.LONG)) {
      if (unboxed.stream().anyMatch(type -> type.getKind() == wide)) {
        return types.getPrimitiveType(wide);
      }
    }
    return unboxed.stream().allMatch(type -> type.getKind() == TypeKind.INT)
        ? types.getPrimitiveType(TypeKind.INT) : null;
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
      if (!(declaration instanceof VariableTree)) {
        return null;
      }
      VariableTree variable = (VariableTree) declaration;
      TypeMirror type = locals.typeOf(variable, resolution.usesOf(declaration));
      if ((type == null || type.getKind() == TypeKind.ERROR) && isVar(variable)
          && variable.getInitializer() != null) {
        // A `var` whose value names a class generated in this round: javac types it in the
        // next; its value's type, as far as it can be read here.
        return typeOf(variable.getInitializer());
      }
      return type;
    }
    if (meaning instanceof NameResolution.StaticMember
        || meaning instanceof NameResolution.ReceiverMember) {
      Names.Field field = names.field(identifier.getName().toString());
      return field == null ? null : memberType(field.searchClass().asType(), field.element());
    }
    return null;
  }

  private static boolean isVar(VariableTree variable) {
    Tree type = variable.getType();
    return type == null || type instanceof IdentifierTree
        && ((IdentifierTree) type).getName().contentEquals("var");
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

  /** The methods a call may invoke (by name and arity), and the type it searches them in. */
  private record Invocation(TypeMirror owner, List<ExecutableElement> applicable) {}

  private Invocation candidates(MethodInvocationTree call) {
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
    int arity = call.getArguments().size();
    List<ExecutableElement> applicable = new ArrayList<>();
    for (ExecutableElement candidate : candidates) {
      int count = candidate.getParameters().size();
      if (count == arity || candidate.isVarArgs() && arity >= count - 1) {
        applicable.add(candidate);
      }
    }
    return new Invocation(owner, applicable);
  }

  private TypeMirror invocation(MethodInvocationTree call) {
    Invocation invocation = candidates(call);
    if (invocation == null) {
      return null;
    }
    TypeMirror result = null;
    for (ExecutableElement candidate : invocation.applicable()) {
      TypeMirror member = memberType(invocation.owner(), candidate);
      if (!(member instanceof ExecutableType)) {
        return null;
      }
      TypeMirror returned = ((ExecutableType) member).getReturnType();
      if (!candidate.getTypeParameters().isEmpty()) {
        returned = inferred(candidate, (ExecutableType) member, call.getArguments());
      }
      if (returned == null || result != null && !types.isSameType(result, returned)) {
        return null;
      }
      result = returned;
    }
    return result;
  }

  /**
   * The return type of a call of the generic method {@code candidate}, where each of its type
   * variables is a parameter's whole type and takes the type of the arguments there (boxed), as
   * javac infers it from that lower bound (JLS 18.4); null for any other inference.
   */
  private TypeMirror inferred(ExecutableElement candidate, ExecutableType member,
      List<? extends ExpressionTree> arguments) {
    Map<Element, TypeMirror> bindings = new HashMap<>();
    List<? extends TypeMirror> parameters = member.getParameterTypes();
    for (TypeMirror parameter : parameters) {
      TypeMirror whole = candidate.isVarArgs() && parameter instanceof ArrayType
          && parameter == parameters.get(parameters.size() - 1)
          ? ((ArrayType) parameter).getComponentType() : parameter;
      if (whole.getKind() != TypeKind.TYPEVAR && mentionsAny(whole, candidate.getTypeParameters())) {
        // Another kind of constraint (List<T>): javac's inference, not read here.
        return null;
      }
    }
    for (int i = 0; i < arguments.size(); i++) {
      int index = Math.min(i, parameters.size() - 1);
      TypeMirror parameter = parameters.get(index);
      if (candidate.isVarArgs() && index == parameters.size() - 1
          && parameter instanceof ArrayType) {
        if (arguments.size() == parameters.size() && isArrayArgument(arguments.get(i))) {
          return null;
        }
        parameter = ((ArrayType) parameter).getComponentType();
      }
      if (parameter.getKind() != TypeKind.TYPEVAR) {
        continue;
      }
      Element variable = types.asElement(parameter);
      if (!candidate.getTypeParameters().contains(variable)) {
        continue;
      }
      TypeMirror argument = typeOf(arguments.get(i));
      if (argument == null || argument.getKind() == TypeKind.ERROR
          || argument.getKind() == TypeKind.NULL) {
        return null;
      }
      TypeMirror boxed = argument.getKind().isPrimitive()
          ? types.boxedClass((javax.lang.model.type.PrimitiveType) argument).asType() : argument;
      TypeMirror bound = bindings.putIfAbsent(variable, boxed);
      if (bound != null && !types.isSameType(bound, boxed)) {
        return null;
      }
    }
    return substituted(member.getReturnType(), bindings);
  }

  private boolean mentionsAny(TypeMirror type, List<? extends Element> variables) {
    switch (type.getKind()) {
      case TYPEVAR:
        return variables.contains(types.asElement(type));
      case ARRAY:
        return mentionsAny(((ArrayType) type).getComponentType(), variables);
      case DECLARED:
        return ((DeclaredType) type).getTypeArguments().stream()
            .anyMatch(argument -> mentionsAny(argument, variables));
      case WILDCARD: {
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) type;
        return wildcard.getExtendsBound() != null && mentionsAny(wildcard.getExtendsBound(), variables)
            || wildcard.getSuperBound() != null && mentionsAny(wildcard.getSuperBound(), variables);
      }
      default:
        return false;
    }
  }

  private boolean isArrayArgument(ExpressionTree argument) {
    TypeMirror type = typeOf(argument);
    return type == null || type.getKind() == TypeKind.ARRAY;
  }

  /** {@code type} with the variables {@code bindings} binds replaced; null for an unbound one. */
  private TypeMirror substituted(TypeMirror type, Map<Element, TypeMirror> bindings) {
    switch (type.getKind()) {
      case TYPEVAR: {
        Element variable = types.asElement(type);
        if (bindings.containsKey(variable)) {
          return bindings.get(variable);
        }
        // A variable of the method left unbound is inferred from elsewhere.
        return variable.getEnclosingElement() instanceof ExecutableElement ? null : type;
      }
      case ARRAY: {
        TypeMirror component = substituted(((ArrayType) type).getComponentType(), bindings);
        return component == null ? null : types.getArrayType(component);
      }
      case DECLARED: {
        DeclaredType declared = (DeclaredType) type;
        if (declared.getTypeArguments().isEmpty()) {
          return type;
        }
        if (declared.getEnclosingType().getKind() == TypeKind.DECLARED) {
          return null;
        }
        List<TypeMirror> arguments = new ArrayList<>();
        for (TypeMirror argument : declared.getTypeArguments()) {
          TypeMirror replaced = substituted(argument, bindings);
          if (replaced == null) {
            return null;
          }
          arguments.add(replaced);
        }
        return types.getDeclaredType((TypeElement) declared.asElement(),
            arguments.toArray(new TypeMirror[0]));
      }
      case WILDCARD: {
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          TypeMirror bound = substituted(wildcard.getExtendsBound(), bindings);
          return bound == null ? null : types.getWildcardType(bound, null);
        }
        if (wildcard.getSuperBound() != null) {
          TypeMirror bound = substituted(wildcard.getSuperBound(), bindings);
          return bound == null ? null : types.getWildcardType(null, bound);
        }
        return type;
      }
      default:
        return type.getKind().isPrimitive() || type.getKind() == TypeKind.VOID ? type : null;
    }
  }

  /**
   * What {@code co.yieldFrom(delegate)} returns, for a delegate of type {@code delegate}: the
   * overload Java picks (the most specific that applies) returns its own type (Void for an
   * Iterable or Iterator), or the type argument the delegate's type gives its R; null where it
   * can't tell.
   */
  public TypeMirror yieldFromResult(TypeMirror delegate) {
    TypeElement yield = names.typeElement("dev.jcoro.Yield");
    if (yield == null || !(delegate instanceof DeclaredType)) {
      return null;
    }
    ExecutableElement chosen = null;
    for (Element member : yield.getEnclosedElements()) {
      if (member.getKind() != ElementKind.METHOD
          || !member.getSimpleName().contentEquals("yieldFrom")
          || ((ExecutableElement) member).getParameters().size() != 1) {
        continue;
      }
      ExecutableElement candidate = (ExecutableElement) member;
      TypeMirror parameter = types.erasure(candidate.getParameters().get(0).asType());
      if (types.isAssignable(types.erasure(delegate), parameter) && (chosen == null
          || types.isSubtype(parameter, types.erasure(chosen.getParameters().get(0).asType())))) {
        chosen = candidate;
      }
    }
    if (chosen == null) {
      return null;
    }
    TypeMirror returned = chosen.getReturnType();
    if (returned.getKind() != TypeKind.TYPEVAR) {
      return returned;
    }
    // R stands as a type argument of the parameter's type (Generator<? extends Y, ? super S,
    // ? extends R>): its value is the delegate's argument there, seen as that type.
    DeclaredType parameter = (DeclaredType) chosen.getParameters().get(0).asType();
    int position = -1;
    for (int i = 0; i < parameter.getTypeArguments().size(); i++) {
      TypeMirror argument = parameter.getTypeArguments().get(i);
      TypeMirror bound = argument instanceof javax.lang.model.type.WildcardType
          ? ((javax.lang.model.type.WildcardType) argument).getExtendsBound() : argument;
      if (bound != null && types.isSameType(bound, returned)) {
        position = i;
      }
    }
    DeclaredType seen = supertypeOf(delegate, parameter.asElement());
    if (position < 0 || seen == null || seen.getTypeArguments().size() <= position) {
      return null;
    }
    TypeMirror result = seen.getTypeArguments().get(position);
    if (result instanceof javax.lang.model.type.WildcardType) {
      javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) result;
      return wildcard.getSuperBound() != null ? null
          : wildcard.getExtendsBound() != null ? wildcard.getExtendsBound()
          : names.typeElement("java.lang.Object").asType();
    }
    return result.getKind() == TypeKind.TYPEVAR || result.getKind() == TypeKind.DECLARED
        || result.getKind() == TypeKind.ARRAY ? result : null;
  }

  /** {@code type} seen as its supertype of class {@code element}, arguments substituted. */
  private DeclaredType supertypeOf(TypeMirror type, Element element) {
    if (!(type instanceof DeclaredType)) {
      return null;
    }
    if (((DeclaredType) type).asElement().equals(element)) {
      return (DeclaredType) type;
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      DeclaredType found = supertypeOf(supertype, element);
      if (found != null) {
        return found;
      }
    }
    return null;
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
