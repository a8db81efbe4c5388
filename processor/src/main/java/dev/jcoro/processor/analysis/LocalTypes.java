package dev.jcoro.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * The exact types of the body's locals, {@code var} and pattern variables included, read where
 * javac attributes them: {@link Trees#getScope} at a statement in the local's scope attributes a
 * copy of the method up to there and lists the locals in scope with their types. Each call costs
 * an attribution of the method's prefix, so one call per block serves all of its locals.
 */
public final class LocalTypes {
  /** Why a type can't be a field's type. */
  public enum Problem {
    /** javac can't resolve a type the local's type names: javac reports it on the user's line. */
    UNRESOLVED,
    /** An anonymous class, an intersection, a captured wildcard: Java has no way to write it. */
    NOT_DENOTABLE
  }

  /** A local's type as JavaPoet writes it, or why it can't be written. */
  public record Denoted(TypeName type, Problem problem) {}

  private final Trees trees;
  private final CoroutineMethod method;
  private final Map<Tree, Map<String, Element>> scopes = new IdentityHashMap<>();
  /** Each local's element, once found. */
  private final Map<Tree, Element> found = new IdentityHashMap<>();

  public LocalTypes(Trees trees, CoroutineMethod method) {
    this.trees = trees;
    this.method = method;
  }

  /**
   * The type of the local {@code declaration} declares, whose references are {@code uses}; null
   * if javac lists it nowhere the processor asks.
   */
  public TypeMirror typeOf(VariableTree declaration, List<Tree> uses) {
    Element local = local(declaration, uses);
    return local == null ? null : local.asType();
  }

  /**
   * The value of the constant variable {@code declaration} declares (a {@code final} local with a
   * constant initializer, JLS 4.12.4), or null when it is not one.
   */
  public Object constantValue(VariableTree declaration, List<Tree> uses) {
    Element local = local(declaration, uses);
    return local instanceof javax.lang.model.element.VariableElement
        ? ((javax.lang.model.element.VariableElement) local).getConstantValue()
        : null;
  }

  private Element local(VariableTree declaration, List<Tree> uses) {
    Element known = found.get(declaration);
    if (known != null) {
      return known;
    }
    Element local = search(declaration, uses);
    if (local != null) {
      found.put(declaration, local);
    }
    return local;
  }

  private Element search(VariableTree declaration, List<Tree> uses) {
    for (Tree anchor : anchors(declaration, uses)) {
      // Searched from the method, not the unit: a file of many coroutines would make it quadratic.
      TreePath path = TreePath.getPath(method.path(), anchor);
      if (path == null) {
        continue;
      }
      Map<String, Element> locals = scopes.computeIfAbsent(path.getLeaf(), leaf -> {
        Map<String, Element> byName = new HashMap<>();
        try {
          for (Element local : trees.getScope(path).getLocalElements()) {
            byName.putIfAbsent(local.getSimpleName().toString(), local);
          }
        } catch (RuntimeException javacFailed) {
          // javac's attribution of a copy of the method can fail on valid code (an arm of ?:
          // calling a method): this anchor tells nothing.
        }
        return byName;
      });
      Element local = locals.get(declaration.getName().toString());
      if (local != null) {
        return local;
      }
    }
    return null;
  }

  /**
   * Where to ask for a local's scope, best first: the last statement of the block that declares
   * it (one attribution then serves every local of the block); the statement after a loop's,
   * catch clause's or resource's variable; for a pattern variable, the innermost statement around
   * a use that is not the one declaring it, or the first statement of its case.
   */
  private List<Tree> anchors(VariableTree declaration, List<Tree> uses) {
    List<Tree> anchors = new ArrayList<>();
    CompilationUnitTree unit = method.path().getCompilationUnit();
    TreePath declared = TreePath.getPath(method.path(), declaration);
    if (declared == null) {
      return anchors;
    }
    Tree parent = declared.getParentPath().getLeaf();
    List<? extends StatementTree> block = parent instanceof BlockTree
        ? ((BlockTree) parent).getStatements()
        : parent instanceof CaseTree ? ((CaseTree) parent).getStatements() : null;
    if (block != null && !block.isEmpty()) {
      anchors.add(block.get(block.size() - 1));
    } else if (parent instanceof EnhancedForLoopTree) {
      anchors.add(first(((EnhancedForLoopTree) parent).getStatement()));
    } else if (parent instanceof ForLoopTree) {
      anchors.add(first(((ForLoopTree) parent).getStatement()));
    } else if (parent instanceof CatchTree) {
      anchors.add(first(((CatchTree) parent).getBlock()));
    } else if (parent instanceof TryTree) {
      anchors.add(first(((TryTree) parent).getBlock()));
    }
    SourcePositions positions = trees.getSourcePositions();
    long start = positions.getStartPosition(unit, declaration);
    // A few uses are enough: each one's path costs a walk of the method.
    for (Tree use : uses.subList(0, Math.min(uses.size(), 3))) {
      for (TreePath p = TreePath.getPath(method.path(), use); p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        // A case is no statement to javac's getScope, which lists no local of its own there.
        if (leaf instanceof StatementTree && !(leaf instanceof CaseTree)
            && !(positions.getStartPosition(unit, leaf) <= start
                && start < positions.getEndPosition(unit, leaf))) {
          anchors.add(leaf);
          break;
        }
      }
    }
    for (TreePath p = declared.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof CaseTree) {
        CaseTree c = (CaseTree) p.getLeaf();
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
          Tree body = c.getBody();
          anchors.add(body instanceof StatementTree ? first((StatementTree) body) : body);
        } else if (!c.getStatements().isEmpty()) {
          anchors.add(c.getStatements().get(0));
        }
        break;
      }
      if (p.getLeaf() instanceof StatementTree) {
        break;
      }
    }
    return anchors;
  }

  private static Tree first(StatementTree statement) {
    if (statement instanceof BlockTree && !((BlockTree) statement).getStatements().isEmpty()) {
      return ((BlockTree) statement).getStatements().get(0);
    }
    return statement;
  }

  /**
   * {@code type} as JavaPoet writes it; {@code localTypes} names the local classes of the body
   * that the generated class declares again (null for one it does not).
   */
  public static Denoted denote(TypeMirror type, Function<TypeElement, String> localTypes) {
    Problem[] problem = new Problem[1];
    TypeName name = denote(type, localTypes, problem);
    return new Denoted(problem[0] == null ? name : null, problem[0]);
  }

  private static TypeName denote(
      TypeMirror type, Function<TypeElement, String> localTypes, Problem[] problem) {
    switch (type.getKind()) {
      case BOOLEAN: case BYTE: case SHORT: case CHAR: case INT: case LONG: case FLOAT: case DOUBLE:
        return TypeName.get(type);
      case ARRAY: {
        TypeName component = denote(((ArrayType) type).getComponentType(), localTypes, problem);
        return component == null ? null : ArrayTypeName.of(component);
      }
      case TYPEVAR: {
        String name = ((TypeVariable) type).asElement().getSimpleName().toString();
        if (name.contains("capture") || name.isEmpty()) {
          problem[0] = Problem.NOT_DENOTABLE;
          return null;
        }
        return TypeVariableName.get(name);
      }
      case WILDCARD: {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getSuperBound() != null) {
          TypeName bound = denote(wildcard.getSuperBound(), localTypes, problem);
          return bound == null ? null : WildcardTypeName.supertypeOf(bound);
        }
        if (wildcard.getExtendsBound() != null) {
          TypeName bound = denote(wildcard.getExtendsBound(), localTypes, problem);
          return bound == null ? null : WildcardTypeName.subtypeOf(bound);
        }
        return WildcardTypeName.subtypeOf(Object.class);
      }
      case DECLARED:
        return declared((DeclaredType) type, localTypes, problem);
      case ERROR:
        problem[0] = Problem.UNRESOLVED;
        return null;
      default:
        problem[0] = problem[0] == null ? Problem.NOT_DENOTABLE : problem[0];
        return null;
    }
  }

  private static TypeName declared(
      DeclaredType type, Function<TypeElement, String> localTypes, Problem[] problem) {
    TypeElement element = (TypeElement) type.asElement();
    List<TypeName> arguments = new ArrayList<>();
    for (TypeMirror argument : type.getTypeArguments()) {
      TypeName denoted = denote(argument, localTypes, problem);
      if (denoted == null) {
        return null;
      }
      arguments.add(denoted);
    }
    ClassName raw;
    if (element.getNestingKind() == NestingKind.ANONYMOUS) {
      problem[0] = Problem.NOT_DENOTABLE;
      return null;
    } else if (element.getNestingKind() == NestingKind.LOCAL) {
      String name = localTypes.apply(element);
      if (name == null) {
        problem[0] = Problem.NOT_DENOTABLE;
        return null;
      }
      // Declared again inside the generated class: its simple name, no import.
      raw = ClassName.get("", name);
    } else {
      raw = ClassName.get(element);
    }
    TypeMirror outer = type.getEnclosingType();
    if (outer instanceof DeclaredType && !((DeclaredType) outer).getTypeArguments().isEmpty()
        && element.getNestingKind() == NestingKind.MEMBER
        && element.getKind() == ElementKind.CLASS
        && !element.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
      TypeName enclosing = declared((DeclaredType) outer, localTypes, problem);
      if (!(enclosing instanceof ParameterizedTypeName)) {
        return null;
      }
      return ((ParameterizedTypeName) enclosing).nestedClass(
          element.getSimpleName().toString(), arguments);
    }
    return arguments.isEmpty() ? raw : ParameterizedTypeName.get(raw, arguments.toArray(new TypeName[0]));
  }
}
