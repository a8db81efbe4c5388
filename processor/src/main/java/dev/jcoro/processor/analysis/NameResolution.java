package dev.jcoro.processor.analysis;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.jcoro.processor.ErrorReporter;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * What each name in a coroutine body denotes, read once before the lowering: a local of the body
 * (by its declaration), a member of the classes around it, a type, the receiver. The lowering
 * copies the body's code into another class, which must write each name by what it denotes and
 * not by its spelling (Java's scoping, hiding, inheritance and flow-scoped pattern variables are
 * followed here). The names that class can't reach (private, protected in another package, an
 * enclosing instance's) are reported here, once each.
 */
public final class NameResolution {
  /** How the generated class writes a name. */
  public sealed interface Meaning {}

  /** A local variable or parameter of the body proper (not of a lambda or class body in it). */
  public record BodyLocal(Tree declaration, String name) implements Meaning {}

  /** A static member: written {@code Owner.name}. */
  public record StaticMember(ClassName owner) implements Meaning {}

  /** A member of the receiver: written {@code self.name}. */
  public record ReceiverMember() implements Meaning {}

  /** A type, written as JavaPoet chooses (imported or qualified). */
  public record TypeRef(ClassName type) implements Meaning {}

  /** A class, record, enum or interface declared in the body proper. */
  public record LocalType(ClassTree declaration) implements Meaning {}

  /** {@code this} or {@code Outer.this} naming the receiver: written {@code self}. */
  public record Receiver() implements Meaning {}

  /** {@code new Inner()} of an inner class of the receiver's class: {@code self.new Inner()}. */
  public record InnerCreation(String simpleName) implements Meaning {}

  private final CoroutineMethod method;
  private final Names names;
  private final ErrorReporter errors;
  private final ExpressionTypes expressionTypes;
  private final Map<Tree, Meaning> meanings = new IdentityHashMap<>();
  /** The references to each local of the body, by its declaration, in source order. */
  private final Map<Tree, List<Tree>> uses = new IdentityHashMap<>();
  private final Set<String> unresolved = new TreeSet<>();
  private final Set<Element> reported = new HashSet<>();
  private final BodyScopes scopes;
  private final int errorsBefore;
  /** The user's code is wrong in a way javac reports (an instance member in a static context). */
  private boolean failed;
  /** A call by simple name may choose a static method and is written on the receiver. */
  private boolean staticThroughReceiver;

  private NameResolution(CoroutineMethod method, Names names, LocalTypes locals,
      javax.lang.model.util.Types types, ErrorReporter errors) {
    this.method = method;
    this.names = names;
    this.errors = errors;
    this.errorsBefore = errors.errorCount();
    this.expressionTypes = new ExpressionTypes(method, names, this, locals, types);
    this.scopes = new BodyScopes(names);
  }

  /** Resolves every name in {@code method}'s body. */
  public static NameResolution of(CoroutineMethod method, Names names, LocalTypes locals,
      javax.lang.model.util.Types types, ErrorReporter errors) {
    NameResolution resolution = new NameResolution(method, names, locals, types, errors);
    resolution.resolveBody();
    return resolution;
  }

  /** The types of the body's expressions, read with these names' meanings. */
  public ExpressionTypes expressionTypes() {
    return expressionTypes;
  }

  /** How the generated code writes {@code tree}; null when as written. */
  public Meaning meaning(Tree tree) {
    return meanings.get(tree);
  }

  /** The trees that refer to the local {@code declaration} declares, in source order. */
  public List<Tree> usesOf(Tree declaration) {
    return uses.getOrDefault(declaration, List.of());
  }

  /** Simple names that resolve to nothing javac knows yet (a type another processor generates). */
  public Set<String> unresolvedNames() {
    return unresolved;
  }

  /** Whether a name can't be written in the generated class: errors were reported, or javac will. */
  public boolean failed() {
    return failed || errors.errorCount() != errorsBefore;
  }

  /** Whether a call may reach a static method through the receiver ({@code self.m()}). */
  public boolean callsStaticThroughReceiver() {
    return staticThroughReceiver;
  }

  private void resolveBody() {
    BodyScopes.Frame parameters = scopes.push(BodyScopes.Kind.METHOD);
    for (VariableTree parameter : method.tree().getParameters()) {
      parameters.variables.put(parameter.getName().toString(), parameter);
    }
    new NameScanner(this, scopes, names).scan(method.tree().getBody(), null);
    scopes.pop();
  }

  // ---------------------------------------------------------------- what the scan records

  /** Records how the generated code writes {@code tree}. */
  void put(Tree tree, Meaning meaning) {
    meanings.put(tree, meaning);
  }

  /** Records code javac rejects on its own (an instance member in a static context). */
  void fail() {
    failed = true;
  }

  /** Reports {@code message} at {@code node}. */
  void report(Tree node, String message) {
    errors.error(method.element(), method.path(), node, message);
  }

  // ---------------------------------------------------------------- resolving a name

  /** Resolves a simple name read in {@code context}. */
  void resolveIdentifier(IdentifierTree node, NameScanner.Context context) {
    String name = node.getName().toString();
    if (name.equals("this")) {
      if (!scopes.inClassBody() && names.isInstance()) {
        meanings.put(node, new Receiver());
      }
      return;
    }
    if (name.equals("super")) {
      return;
    }
    switch (context) {
      case EXPRESSION:
        if (!resolveVariable(node, name)) {
          unresolved.add(name);
        }
        return;
      case AMBIGUOUS:
        if (!resolveVariable(node, name) && !resolveType(node, name) && !isPackage(name)) {
          unresolved.add(name);
        }
        return;
      case TYPE:
        if (!resolveType(node, name)) {
          unresolved.add(name);
        }
        return;
      case PACKAGE_OR_TYPE:
        if (!resolveType(node, name) && !isPackage(name)) {
          unresolved.add(name);
        }
        return;
      default:
        throw new AssertionError(context);
    }
  }

  /**
   * Whether a name that is neither a variable nor a type is taken for the first part of a package
   * name: one of a package javac knows, or (a package of the class path can't be listed) a
   * lower-case name, as package names are written.
   */
  private boolean isPackage(String name) {
    return names.elements().getPackageElement(name) != null
        || !names.elements().getAllPackageElements(name).isEmpty()
        || !name.isEmpty() && Character.isLowerCase(name.charAt(0));
  }

  /** A variable named {@code name}: returns whether one was found. */
  private boolean resolveVariable(Tree node, String name) {
    BodyScopes.Found local = scopes.variable(name);
    if (local != null) {
      if (local.declaration() != null && !local.nested()) {
        meanings.put(node, new BodyLocal(local.declaration(), name));
        uses.computeIfAbsent(local.declaration(), d -> new ArrayList<>()).add(node);
      }
      return true;
    }
    Names.Field field = names.field(name);
    if (field == null) {
      return false;
    }
    if (!reachable(node, field.element())) {
      return true;
    }
    if (field.isStatic()) {
      meanings.put(node, new StaticMember(ClassName.get(field.searchClass())));
    } else if (names.isInstance() && field.depth() == 0) {
      meanings.put(node, new ReceiverMember());
    } else if (names.isInstance()) {
      reportOnce(node, field.element(), Messages.OUTER_INSTANCE_MEMBER);
    } else {
      failed = true;
    }
    return true;
  }

  /** A type named {@code name}: returns whether one was found. */
  private boolean resolveType(Tree node, String name) {
    BodyScopes.Found local = scopes.type(name);
    if (local != null) {
      if (local.declaration() instanceof ClassTree && !local.nested()) {
        meanings.put(node, new LocalType((ClassTree) local.declaration()));
      }
      return true;
    }
    if (names.isTypeVariable(name)) {
      return true;
    }
    TypeElement type = names.type(name);
    if (type == null) {
      return false;
    }
    if (reachable(node, type)) {
      meanings.put(node, new TypeRef(ClassName.get(type)));
    }
    return true;
  }

  /** Whether the type a tree names resolves to {@code type}'s element (for {@code X.this}). */
  TypeElement typeOf(Tree tree) {
    Meaning meaning = meanings.get(tree);
    if (meaning instanceof TypeRef) {
      return names.typeElement(((TypeRef) meaning).type().canonicalName());
    }
    return null;
  }

  /** The class of the value {@code expression} evaluates to, where its type can be read. */
  TypeElement typeOfValue(ExpressionTree expression) {
    TypeMirror type = expressionTypes.typeOf(expression);
    return type != null && type.getKind() == TypeKind.DECLARED
        ? (TypeElement) ((DeclaredType) type).asElement()
        : null;
  }

  /** Whether a qualifier names a package (the head of a qualified name), not a value. */
  boolean isPackageName(ExpressionTree expression) {
    ExpressionTree head = expression;
    while (head instanceof MemberSelectTree) {
      head = ((MemberSelectTree) head).getExpression();
    }
    return head instanceof IdentifierTree && meanings.get(head) == null
        && resolveQuietly(((IdentifierTree) head).getName().toString());
  }

  /** Whether a name is neither a variable nor a type in scope: a package, then. */
  private boolean resolveQuietly(String name) {
    return !scopes.declares(name) && names.field(name) == null && names.type(name) == null;
  }

  /**
   * The class whose members {@code qualifier.name} names, where the generated class must reach
   * them too: a type, or the receiver's class.
   */
  TypeElement ownerOf(Tree qualifier) {
    if (meanings.get(qualifier) instanceof Receiver) {
      return names.enclosingTypes().get(0);
    }
    return typeOf(qualifier);
  }

  /**
   * Whether the generated class can call what a call with {@code arguments} chooses among
   * {@code candidates}: no candidate that may apply is private (or protected in another
   * package), for javac would choose among the others there. Reports it (once) when not.
   */
  boolean reachableOverloads(Tree node, List<ExecutableElement> candidates,
      List<? extends ExpressionTree> arguments) {
    if (candidates.stream().allMatch(names::isReachable)) {
      return true;
    }
    for (ExecutableElement candidate : candidates) {
      // Types are read only here, where an overload the generated class can't call exists.
      if (!names.isReachable(candidate) && expressionTypes.mayApply(candidate, arguments)) {
        reachable(node, candidate);
        return false;
      }
    }
    return true;
  }

  /** Resolves a call {@code name(arguments)}. */
  void resolveMethod(IdentifierTree node, List<? extends ExpressionTree> arguments) {
    int arity = arguments.size();
    String name = node.getName().toString();
    if (scopes.classBodyMethod(name)) {
      return;
    }
    Names.Methods found = names.methods(name);
    if (found == null) {
      unresolved.add(name);
      return;
    }
    List<ExecutableElement> candidates = new ArrayList<>();
    for (ExecutableElement candidate : found.candidates()) {
      int count = candidate.getParameters().size();
      if (count == arity || candidate.isVarArgs() && arity >= count - 1) {
        candidates.add(candidate);
      }
    }
    if (candidates.isEmpty()) {
      candidates.addAll(found.candidates());
    }
    if (!reachableOverloads(node, candidates, arguments)) {
      return;
    }
    boolean anyStatic = candidates.stream()
        .anyMatch(c -> c.getModifiers().contains(Modifier.STATIC));
    boolean anyInstance = candidates.stream()
        .anyMatch(c -> !c.getModifiers().contains(Modifier.STATIC));
    if (found.staticImport() || !anyInstance) {
      meanings.put(node, new StaticMember(ClassName.get(found.searchClass())));
    } else if (names.isInstance() && found.depth() == 0) {
      meanings.put(node, new ReceiverMember());
      staticThroughReceiver |= anyStatic;
    } else if (anyStatic) {
      // An enclosing instance's method can't be reached; a static one is the only choice left.
      meanings.put(node, new StaticMember(ClassName.get(found.searchClass())));
    } else if (names.isInstance()) {
      reportOnce(node, candidates.get(0), Messages.OUTER_INSTANCE_MEMBER);
    } else {
      failed = true;
    }
  }

  /** Whether the generated class can reach {@code member}; reports it (once) when not. */
  boolean reachable(Tree node, Element member) {
    if (names.isReachable(member)) {
      return true;
    }
    reportOnce(node, member, member.getModifiers().contains(Modifier.PRIVATE)
        ? Messages.PRIVATE_MEMBER
        : Messages.PROTECTED_MEMBER);
    return false;
  }

  void reportOnce(Tree node, Element member, String message) {
    if (reported.add(member)) {
      // A constructor goes by its class's name.
      Element named = member.getKind() == ElementKind.CONSTRUCTOR
          ? member.getEnclosingElement() : member;
      errors.error(method.element(), method.path(), node,
          String.format(message, named.getSimpleName()));
    }
  }

  /** The supertypes of a class body: what its extends and implements clauses resolve to. */
  List<Object> supertypesOf(Tree.Kind kind, List<Tree> declared) {
    List<Object> supertypes = new ArrayList<>();
    for (Tree tree : declared) {
      Tree raw = tree instanceof ParameterizedTypeTree ? ((ParameterizedTypeTree) tree).getType() : tree;
      Meaning meaning = meanings.get(raw);
      if (meaning instanceof LocalType) {
        supertypes.add(((LocalType) meaning).declaration());
      } else if (raw instanceof IdentifierTree || raw instanceof MemberSelectTree) {
        TypeElement element = elementOf(raw);
        if (element != null) {
          supertypes.add(element);
        }
      }
    }
    String implicit = kind == Tree.Kind.RECORD ? "java.lang.Record"
        : kind == Tree.Kind.ENUM ? "java.lang.Enum"
        : "java.lang.Object";
    TypeElement base = names.typeElement(implicit);
    if (base != null) {
      supertypes.add(base);
    }
    return supertypes;
  }

  /** The element of a type written as a simple or qualified name, where it resolves. */
  TypeElement elementOf(Tree type) {
    Meaning meaning = meanings.get(type);
    if (meaning instanceof TypeRef) {
      return names.typeElement(((TypeRef) meaning).type().canonicalName());
    }
    if (type instanceof MemberSelectTree) {
      MemberSelectTree select = (MemberSelectTree) type;
      TypeElement owner = elementOf(select.getExpression());
      if (owner != null) {
        return names.memberTypeOf(owner, select.getIdentifier().toString());
      }
      return names.typeElement(select.toString());
    }
    if (type instanceof IdentifierTree) {
      String name = ((IdentifierTree) type).getName().toString();
      return scopes.type(name) != null ? null : names.type(name);
    }
    return null;
  }

}
