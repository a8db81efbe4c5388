package dev.jcoro.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WildcardTree;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A type as written in the body, turned into what JavaPoet writes, from the names' meanings: the
 * fallback where javac can't attribute the body up to a local ({@link LocalTypes}), which happens.
 */
public final class TypeTrees {
  private final NameResolution resolution;
  private final Names names;
  private final Function<ClassTree, String> localTypes;

  /** {@code localTypes} names the local types of the body as the generated class declares them. */
  public TypeTrees(NameResolution resolution, Names names, Function<ClassTree, String> localTypes) {
    this.resolution = resolution;
    this.names = names;
    this.localTypes = localTypes;
  }

  /** The type {@code tree} denotes, or null where it can't be read. */
  public TypeName of(Tree tree) {
    if (tree == null) {
      return null;
    }
    switch (tree.getKind()) {
      case PRIMITIVE_TYPE:
        return primitive((PrimitiveTypeTree) tree);
      case ARRAY_TYPE: {
        TypeName component = of(((ArrayTypeTree) tree).getType());
        return component == null ? null : ArrayTypeName.of(component);
      }
      case ANNOTATED_TYPE:
        return of(((AnnotatedTypeTree) tree).getUnderlyingType());
      case PARAMETERIZED_TYPE: {
        ParameterizedTypeTree parameterized = (ParameterizedTypeTree) tree;
        List<TypeName> arguments = new ArrayList<>();
        for (Tree argument : parameterized.getTypeArguments()) {
          TypeName type = of(argument);
          if (type == null) {
            return null;
          }
          arguments.add(type);
        }
        TypeName raw = of(parameterized.getType());
        if (raw instanceof ParameterizedTypeName && arguments.isEmpty()) {
          return raw;
        }
        if (raw instanceof ParameterizedTypeName) {
          // An inner class of a generic class: its outer type arguments are the enclosing one's.
          ParameterizedTypeName inner = (ParameterizedTypeName) raw;
          return inner.enclosingType() == null ? null
              : inner.enclosingType().nestedClass(inner.rawType().simpleName(), arguments);
        }
        return raw instanceof ClassName
            ? ParameterizedTypeName.get((ClassName) raw, arguments.toArray(new TypeName[0]))
            : null;
      }
      case UNBOUNDED_WILDCARD:
        return WildcardTypeName.subtypeOf(Object.class);
      case EXTENDS_WILDCARD: {
        TypeName bound = of(((WildcardTree) tree).getBound());
        return bound == null ? null : WildcardTypeName.subtypeOf(bound);
      }
      case SUPER_WILDCARD: {
        TypeName bound = of(((WildcardTree) tree).getBound());
        return bound == null ? null : WildcardTypeName.supertypeOf(bound);
      }
      case IDENTIFIER:
      case MEMBER_SELECT:
        return named(tree);
      default:
        return null;
    }
  }

  private static TypeName primitive(PrimitiveTypeTree tree) {
    switch (tree.getPrimitiveTypeKind()) {
      case BOOLEAN: return TypeName.BOOLEAN;
      case BYTE: return TypeName.BYTE;
      case SHORT: return TypeName.SHORT;
      case CHAR: return TypeName.CHAR;
      case INT: return TypeName.INT;
      case LONG: return TypeName.LONG;
      case FLOAT: return TypeName.FLOAT;
      case DOUBLE: return TypeName.DOUBLE;
      default: return null;
    }
  }

  /** A type written by name: a type variable, a local type, a class. */
  private TypeName named(Tree tree) {
    NameResolution.Meaning meaning = resolution.meaning(tree);
    if (meaning instanceof NameResolution.LocalType) {
      String name = localTypes.apply(((NameResolution.LocalType) meaning).declaration());
      return name == null ? null : ClassName.get("", name);
    }
    TypeElement element = null;
    if (meaning instanceof NameResolution.TypeRef) {
      element = names.typeElement(((NameResolution.TypeRef) meaning).type().canonicalName());
    } else if (tree instanceof IdentifierTree) {
      String name = ((IdentifierTree) tree).getName().toString();
      return names.isTypeVariable(name) ? TypeVariableName.get(name) : null;
    } else if (tree instanceof MemberSelectTree) {
      MemberSelectTree select = (MemberSelectTree) tree;
      TypeName owner = named(select.getExpression());
      TypeElement ownerElement = owner instanceof ClassName
          ? names.typeElement(((ClassName) owner).canonicalName()) : null;
      element = ownerElement != null
          ? names.memberTypeOf(ownerElement, select.getIdentifier().toString())
          : names.typeElement(select.toString());
    }
    if (element == null) {
      return null;
    }
    if (Names.isInner(element)) {
      // Written by its simple name inside a generic class, an inner class's type is that class's
      // as the body sees it: Outer<T>.Inner.
      TypeElement outer = (TypeElement) element.getEnclosingElement();
      TypeMirror outerType = outer.asType();
      if (outerType instanceof DeclaredType
          && !((DeclaredType) outerType).getTypeArguments().isEmpty()) {
        TypeName enclosing = LocalTypes.denote(outerType, e -> null).type();
        if (enclosing instanceof ParameterizedTypeName) {
          return ((ParameterizedTypeName) enclosing).nestedClass(element.getSimpleName().toString());
        }
      }
    }
    return ClassName.get(element);
  }
}
