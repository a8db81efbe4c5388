package dev.jcoro.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Types as a diagnostic's hint names them: as the user writes them, with simple names
 * ({@code Map.Entry<String, List<Integer>>}), and what they are where Java has no name for them.
 */
public final class HintTypes {
  private HintTypes() {}

  /** {@code type} as a user writes it, with simple names: {@code Map<String, List<Integer>>}. */
  public static String of(TypeName type) {
    if (type instanceof ClassName) {
      return String.join(".", ((ClassName) type).simpleNames());
    }
    if (type instanceof ParameterizedTypeName) {
      ParameterizedTypeName parameterized = (ParameterizedTypeName) type;
      StringBuilder text = new StringBuilder(of(parameterized.rawType())).append('<');
      for (int i = 0; i < parameterized.typeArguments().size(); i++) {
        text.append(i == 0 ? "" : ", ").append(of(parameterized.typeArguments().get(i)));
      }
      return text.append('>').toString();
    }
    if (type instanceof WildcardTypeName) {
      WildcardTypeName wildcard = (WildcardTypeName) type;
      return !wildcard.lowerBounds().isEmpty()
          ? "? super " + of(wildcard.lowerBounds().get(0))
          : wildcard.upperBounds().get(0).equals(ClassName.OBJECT)
              ? "?" : "? extends " + of(wildcard.upperBounds().get(0));
    }
    if (type instanceof ArrayTypeName) {
      return of(((ArrayTypeName) type).componentType()) + "[]";
    }
    return type.toString();
  }

  /** {@code type} as a user writes it, or null where Java has no name for it. */
  public static String denoted(TypeMirror type) {
    LocalTypes.Denoted denoted = LocalTypes.denote(type, local -> null);
    return denoted.problem() == null ? of(denoted.type()) : null;
  }

  /**
   * {@code type} in a sentence: {@code `List<String>`}, or what it is where Java has no name for
   * it ({@code an anonymous class extending `Object`}, {@code the intersection `Number &
   * Comparable`}).
   */
  public static String described(TypeMirror type) {
    String denoted = denoted(type);
    if (denoted != null) {
      return "`" + denoted + "`";
    }
    if (type.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
      if (element.getNestingKind() == NestingKind.ANONYMOUS) {
        return element.getInterfaces().isEmpty()
            ? "an anonymous class extending `" + erased(element.getSuperclass()) + "`"
            : "an anonymous class implementing `" + erased(element.getInterfaces().get(0)) + "`";
      }
    }
    if (type.getKind() == TypeKind.INTERSECTION) {
      // Each bound by its class: their own arguments are often intersections again.
      List<String> bounds = new ArrayList<>();
      for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
        bounds.add(erased(bound));
      }
      return "the intersection `" + String.join(" & ", bounds) + "`";
    }
    return "`" + type + "`";
  }

  /** A declared type's class, with simple names and without its arguments. */
  private static String erased(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return type.toString();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return element.getNestingKind() == NestingKind.TOP_LEVEL
        || element.getNestingKind() == NestingKind.MEMBER
        ? String.join(".", ClassName.get(element).simpleNames())
        : element.getSimpleName().toString();
  }
}
