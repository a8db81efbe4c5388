package dev.jcoro.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.jcoro.processor.ErrorReporter;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.analysis.HintTypes;
import dev.jcoro.processor.analysis.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a {@code @Coroutine} method's declaration and checks its signature. */
public final class CoroutineReader {
  private static final String YIELD = "dev.jcoro.Yield";
  private static final String COROUTINE = "dev.jcoro.Coroutine";

  private final Trees trees;
  private final Types types;
  private final Elements elements;
  private final ErrorReporter errors;

  public CoroutineReader(Trees trees, Types types, Elements elements, ErrorReporter errors) {
    this.trees = trees;
    this.types = types;
    this.elements = elements;
    this.errors = errors;
  }

  /**
   * Returns the method's descriptor, or empty after reporting why it can't be a coroutine.
   *
   * @param knownPath the method's tree path where the caller has it, else null
   */
  public Optional<CoroutineMethod> read(Element annotated, TreePath knownPath) {
    if (annotated.getKind() != ElementKind.METHOD) {
      errors.error(annotated, Messages.NOT_A_BODY);
      return Optional.empty();
    }
    ExecutableElement method = (ExecutableElement) annotated;
    TypeElement enclosing = (TypeElement) method.getEnclosingElement();
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
      errors.error(method, Messages.NOT_A_BODY);
      return Optional.empty();
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      // The generated class's name: Outer_InnerCoroutines for Outer.Inner.
      errors.error(method, String.format(Messages.PRIVATE_METHOD,
          String.join("_", ClassName.get(enclosing).simpleNames())));
      return Optional.empty();
    }
    for (Element type = enclosing; type instanceof TypeElement; type = type.getEnclosingElement()) {
      NestingKind nesting = ((TypeElement) type).getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        errors.error(method, Messages.LOCAL_ENCLOSING);
        return Optional.empty();
      }
      if (type.getModifiers().contains(Modifier.PRIVATE)) {
        errors.error(method, String.format(Messages.PRIVATE_ENCLOSING, type.getSimpleName()));
        return Optional.empty();
      }
    }
    List<? extends VariableElement> parameters = method.getParameters();
    // A type javac can't resolve is reported by javac on the user's line: generate nothing.
    if (hasErrorType(method.getReturnType())
        || parameters.stream().anyMatch(p -> hasErrorType(p.asType()))
        || method.getThrownTypes().stream().anyMatch(CoroutineReader::hasErrorType)) {
      return Optional.empty();
    }
    TypeMirror handleType = parameters.isEmpty() ? null : parameters.get(0).asType();
    if (!isYield(handleType)) {
      errors.error(parameters.isEmpty() ? method : parameters.get(0), handleMisplaced(method));
      return Optional.empty();
    }
    List<? extends TypeMirror> typeArguments = ((DeclaredType) handleType).getTypeArguments();
    if (typeArguments.size() != 2) {
      errors.error(parameters.get(0), Messages.HANDLE_PARAMETER);
      return Optional.empty();
    }
    if (typeArguments.stream().anyMatch(t -> t.getKind() == TypeKind.WILDCARD)) {
      // Each wildcard as its bound: what the coroutine yields or is sent.
      List<String> bounds = new ArrayList<>();
      for (TypeMirror argument : typeArguments) {
        WildcardType wildcard = argument instanceof WildcardType ? (WildcardType) argument : null;
        TypeMirror bound = wildcard == null ? argument
            : wildcard.getExtendsBound() != null ? wildcard.getExtendsBound()
            : wildcard.getSuperBound();
        bounds.add(bound == null ? "Object" : written(bound));
      }
      errors.error(parameters.get(0), String.format(Messages.HANDLE_WILDCARD,
          "Yield<" + String.join(", ", bounds) + "> " + parameters.get(0).getSimpleName()));
      return Optional.empty();
    }
    // The factory and the state machine, another class of the package, name these types.
    List<Element> signature = new ArrayList<>(List.of(method));
    signature.addAll(parameters);
    for (Element part : signature) {
      TypeMirror type = part == method ? method.getReturnType() : part.asType();
      TypeElement unreachable = unreachable(type, new java.util.HashSet<>());
      if (unreachable == null && part == method) {
        for (TypeMirror thrown : method.getThrownTypes()) {
          unreachable = unreachable == null ? unreachable(thrown, new java.util.HashSet<>()) : unreachable;
        }
      }
      if (unreachable == null && part == method) {
        for (TypeParameterElement variable : method.getTypeParameters()) {
          unreachable = unreachable(variable.asType(), new java.util.HashSet<>());
          if (unreachable != null) {
            break;
          }
        }
      }
      if (unreachable != null) {
        errors.error(part, String.format(Messages.UNREACHABLE_SIGNATURE_TYPE,
            unreachable.getSimpleName()));
        return Optional.empty();
      }
    }
    TreePath path = knownPath != null ? knownPath : trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree)
        || ((MethodTree) path.getLeaf()).getBody() == null) {
      errors.error(method, String.format(Messages.NO_SOURCE, method.getSimpleName()));
      return Optional.empty();
    }
    boolean instance = !modifiers.contains(Modifier.STATIC);
    List<TypeVariableName> typeVariables = new ArrayList<>();
    if (instance) {
      // The receiver's type arguments become the factory's and the state machine's: those of
      // its class and, for an inner class, of the classes whose instances enclose it.
      List<TypeElement> receivers = new ArrayList<>();
      for (TypeElement type = enclosing; type != null;
          type = Names.isInner(type) ? (TypeElement) type.getEnclosingElement() : null) {
        receivers.add(0, type);
      }
      for (TypeElement receiver : receivers) {
        for (TypeParameterElement typeParameter : receiver.getTypeParameters()) {
          typeVariables.add(TypeVariableName.get(typeParameter));
        }
      }
    }
    for (TypeParameterElement typeParameter : method.getTypeParameters()) {
      typeVariables.add(TypeVariableName.get(typeParameter));
    }
    TypeName receiverType = instance ? TypeName.get(enclosing.asType()) : null;
    TypeName returnType = method.getReturnType().getKind() == TypeKind.VOID
        ? TypeName.get(Void.class)
        : TypeName.get(method.getReturnType()).box();
    Optional<TypeMirror> thrown = thrownType(method);
    if (thrown.isPresent() && !types.isAssignable(thrown.get(), type("java.lang.Exception"))) {
      errors.error(method, String.format(Messages.THROWS_THROWABLE, written(thrown.get())));
      return Optional.empty();
    }
    return Optional.of(new CoroutineMethod(
        method,
        enclosing,
        path,
        parameters.get(0).getSimpleName().toString(),
        TypeName.get(typeArguments.get(0)),
        TypeName.get(typeArguments.get(1)),
        returnType,
        typeVariables,
        List.copyOf(parameters.subList(1, parameters.size())),
        receiverType,
        thrown.map(TypeName::get).orElse(null),
        isPrimed(method)));
  }

  /**
   * The checked exception the generator's methods declare: the one the method declares, or the
   * closest common superclass of several; empty when it declares none.
   */
  private Optional<TypeMirror> thrownType(ExecutableElement method) {
    TypeMirror runtimeException = type("java.lang.RuntimeException");
    TypeMirror error = type("java.lang.Error");
    TypeMirror common = null;
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (types.isAssignable(thrown, runtimeException) || types.isAssignable(thrown, error)) {
        continue;
      }
      if (common == null) {
        common = thrown;
        continue;
      }
      while (!types.isAssignable(thrown, common)) {
        // A class's first direct supertype is its superclass; a type variable's, its bound.
        common = types.directSupertypes(common).get(0);
      }
    }
    return Optional.ofNullable(common);
  }

  private TypeMirror type(String name) {
    return elements.getTypeElement(name).asType();
  }

  /**
   * Why {@code method}'s first parameter is not the handle, naming the handle as declared where
   * there is one: an array or varargs of Yield, or a Yield further on.
   */
  private static String handleMisplaced(ExecutableElement method) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      return Messages.HANDLE_PARAMETER;
    }
    VariableElement first = parameters.get(0);
    if (first.asType() instanceof ArrayType
        && isYield(((ArrayType) first.asType()).getComponentType())) {
      return String.format(Messages.HANDLE_ARRAY,
          written(((ArrayType) first.asType()).getComponentType()) + " " + first.getSimpleName());
    }
    for (VariableElement handle : parameters) {
      if (isYield(handle.asType())) {
        List<String> reordered = new ArrayList<>(List.of(written(handle.asType()) + " "
            + handle.getSimpleName()));
        for (int i = 0; i < parameters.size(); i++) {
          VariableElement parameter = parameters.get(i);
          if (parameter != handle) {
            TypeMirror type = parameter.asType();
            boolean varargs = method.isVarArgs() && i == parameters.size() - 1;
            reordered.add((varargs ? written(((ArrayType) type).getComponentType()) + "..."
                : written(type)) + " " + parameter.getSimpleName());
          }
        }
        return String.format(Messages.HANDLE_NOT_FIRST, handle.getSimpleName(),
            method.getSimpleName() + "(" + String.join(", ", reordered) + ")");
      }
    }
    return Messages.HANDLE_PARAMETER;
  }

  /** {@code type} as the user writes it, with simple names. */
  private static String written(TypeMirror type) {
    String denoted = HintTypes.denoted(type);
    return denoted != null ? denoted : type.toString();
  }

  private static boolean hasErrorType(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return true;
      case DECLARED:
        return ((DeclaredType) type).getTypeArguments().stream()
            .anyMatch(CoroutineReader::hasErrorType);
      case ARRAY:
        return hasErrorType(((javax.lang.model.type.ArrayType) type).getComponentType());
      case WILDCARD: {
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) type;
        return wildcard.getExtendsBound() != null && hasErrorType(wildcard.getExtendsBound())
            || wildcard.getSuperBound() != null && hasErrorType(wildcard.getSuperBound());
      }
      default:
        return false;
    }
  }

  /**
   * A type {@code type} names that another class of the package can't: a private one (or one
   * nested in a private class), or a protected member type of a class of another package.
   */
  private static TypeElement unreachable(TypeMirror type, java.util.Set<TypeMirror> seen) {
    if (!seen.add(type)) {
      return null;
    }
    switch (type.getKind()) {
      case DECLARED: {
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        PackageElement pkg = null;
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
          if (e instanceof PackageElement) {
            pkg = (PackageElement) e;
          }
        }
        for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
          if (e.getModifiers().contains(Modifier.PRIVATE)) {
            return element;
          }
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          TypeElement inner = unreachable(argument, seen);
          if (inner != null) {
            return inner;
          }
        }
        TypeMirror outer = declared.getEnclosingType();
        return outer.getKind() == TypeKind.DECLARED ? unreachable(outer, seen) : null;
      }
      case ARRAY:
        return unreachable(((javax.lang.model.type.ArrayType) type).getComponentType(), seen);
      case WILDCARD: {
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) type;
        TypeMirror bound = wildcard.getExtendsBound() != null
            ? wildcard.getExtendsBound() : wildcard.getSuperBound();
        return bound == null ? null : unreachable(bound, seen);
      }
      case TYPEVAR:
        return unreachable(((javax.lang.model.type.TypeVariable) type).getUpperBound(), seen);
      case INTERSECTION:
        for (TypeMirror bound : ((javax.lang.model.type.IntersectionType) type).getBounds()) {
          TypeElement inner = unreachable(bound, seen);
          if (inner != null) {
            return inner;
          }
        }
        return null;
      default:
        return null;
    }
  }

  /** {@code @Coroutine(primed = ...)}, read from the annotation mirror (no class needed). */
  private static boolean isPrimed(ExecutableElement method) {
    for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(COROUTINE)) {
        for (var entry : annotation.getElementValues().entrySet()) {
          if (entry.getKey().getSimpleName().contentEquals("primed")) {
            return Boolean.TRUE.equals(entry.getValue().getValue());
          }
        }
      }
    }
    return false;
  }

  private static boolean isYield(TypeMirror type) {
    return type != null
        && type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(YIELD);
  }
}
