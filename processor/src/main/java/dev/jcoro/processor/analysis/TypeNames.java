package dev.jcoro.processor.analysis;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.util.Elements;

/**
 * Whether a type written in the body names a type javac knows, found the way the user's file finds
 * it: type variables, the enclosing classes and their member types, imports, the package,
 * {@code java.lang}. A field of a type that does not resolve would make javac report the user's
 * mistake in the generated file; the processor then writes nothing, and javac reports it on the
 * user's line. Unsure answers are "resolves".
 */
public final class TypeNames {
  private final Elements elements;
  private final EnclosingScope enclosing;
  private final Set<String> known = new HashSet<>();
  private final List<String> onDemand = new ArrayList<>();
  private final String packagePrefix;

  public TypeNames(CoroutineMethod method, CompilationUnitTree unit, Elements elements,
      EnclosingScope enclosing) {
    this.elements = elements;
    this.enclosing = enclosing;
    for (TypeParameterElement variable : method.element().getTypeParameters()) {
      known.add(variable.getSimpleName().toString());
    }
    for (Element type = method.enclosingType(); type instanceof TypeElement;
        type = type.getEnclosingElement()) {
      known.add(type.getSimpleName().toString());
      ((TypeElement) type).getTypeParameters()
          .forEach(variable -> known.add(variable.getSimpleName().toString()));
    }
    for (ImportTree tree : unit.getImports()) {
      MemberSelectTree imported = (MemberSelectTree) tree.getQualifiedIdentifier();
      String simple = imported.getIdentifier().toString();
      if (simple.equals("*")) {
        onDemand.add(imported.getExpression().toString());
      } else {
        known.add(simple);
      }
    }
    PackageElement pkg = elements.getPackageOf(method.enclosingType());
    this.packagePrefix = pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
  }

  /** Whether every simple type name in {@code type} resolves. */
  public boolean resolves(Tree type) {
    Boolean unresolved = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return a == Boolean.TRUE || b == Boolean.TRUE;
      }

      @Override
      public Boolean visitIdentifier(IdentifierTree node, Void unused) {
        return !resolves(node.getName().toString());
      }

      @Override
      public Boolean visitMemberSelect(MemberSelectTree node, Void unused) {
        // A qualified name: its package may not be checkable, so only a known type counts as proof.
        return false;
      }
    }.scan(type, null);
    return unresolved != Boolean.TRUE;
  }

  private boolean resolves(String simple) {
    if (known.contains(simple)
        || enclosing.isMemberType(simple)
        || elements.getTypeElement("java.lang." + simple) != null
        || elements.getTypeElement(packagePrefix + simple) != null) {
      return true;
    }
    for (String container : onDemand) {
      if (elements.getTypeElement(container + "." + simple) != null) {
        return true;
      }
    }
    return false;
  }
}
