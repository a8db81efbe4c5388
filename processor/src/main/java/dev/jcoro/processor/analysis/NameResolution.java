package dev.jcoro.processor.analysis;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.TreeScanner;
import dev.jcoro.processor.ErrorReporter;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
import javax.lang.model.element.VariableElement;
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

  private enum Context {
    /** A variable (or the receiver). */
    EXPRESSION,
    /** Before a dot in an expression: a variable, else a type, else a package (JLS 6.5.2). */
    AMBIGUOUS,
    TYPE,
    /** Before a dot in a type: a type, else a package. */
    PACKAGE_OR_TYPE
  }

  private enum FrameKind { BLOCK, CLASS_BODY, METHOD }

  /** One scope: what it declares in each of Java's namespaces. */
  private static final class Frame {
    final FrameKind kind;
    /** Inside a lambda or class body: its names are its own, and the copied code keeps them. */
    final boolean nested;
    final Map<String, Tree> variables = new HashMap<>();
    final Map<String, ClassTree> types = new HashMap<>();
    final Set<String> typeVariables = new HashSet<>();
    final Set<String> methods = new HashSet<>();
    /** For a class body: its supertypes, as elements or as local classes of the body. */
    final List<Object> supertypes = new ArrayList<>();

    Frame(FrameKind kind, boolean nested) {
      this.kind = kind;
      this.nested = nested;
    }
  }

  private final CoroutineMethod method;
  private final Names names;
  private final ErrorReporter errors;
  private final ExpressionTypes expressionTypes;
  private final Map<Tree, Meaning> meanings = new IdentityHashMap<>();
  /** The references to each local of the body, by its declaration, in source order. */
  private final Map<Tree, List<Tree>> uses = new IdentityHashMap<>();
  private final Set<String> unresolved = new TreeSet<>();
  private final Set<Element> reported = new HashSet<>();
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final int errorsBefore;
  /** The user's code is wrong in a way javac reports (an instance member in a static context). */
  private boolean failed;
  /** A call by simple name may choose a static method and is written on the receiver. */
  private boolean staticThroughReceiver;
  private Context context = Context.EXPRESSION;
  /** Inside a binding pattern: its variables are declared by the flow rules, not where they stand. */
  private boolean inPattern;
  private int nestedBodies;
  private int classBodies;

  private NameResolution(CoroutineMethod method, Names names, LocalTypes locals,
      javax.lang.model.util.Types types, ErrorReporter errors) {
    this.method = method;
    this.names = names;
    this.errors = errors;
    this.errorsBefore = errors.errorCount();
    this.expressionTypes = new ExpressionTypes(method, names, this, locals, types);
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

  // ---------------------------------------------------------------- scopes

  private void resolveBody() {
    Frame parameters = push(FrameKind.METHOD);
    for (VariableTree parameter : method.tree().getParameters()) {
      parameters.variables.put(parameter.getName().toString(), parameter);
    }
    new Scanner().scan(method.tree().getBody(), null);
    frames.pop();
  }

  private Frame push(FrameKind kind) {
    Frame frame = new Frame(kind, nestedBodies > 0);
    frames.push(frame);
    return frame;
  }

  private void declare(VariableTree variable) {
    frames.peek().variables.put(variable.getName().toString(), variable);
  }

  private void declareAll(List<VariableTree> variables) {
    variables.forEach(this::declare);
  }

  // ---------------------------------------------------------------- resolving a name

  private void resolveIdentifier(IdentifierTree node) {
    String name = node.getName().toString();
    if (name.equals("this")) {
      if (classBodies == 0 && names.isInstance()) {
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
    for (Frame frame : frames) {
      Tree declaration = frame.variables.get(name);
      if (declaration != null) {
        if (!frame.nested) {
          meanings.put(node, new BodyLocal(declaration, name));
          uses.computeIfAbsent(declaration, d -> new ArrayList<>()).add(node);
        }
        return true;
      }
      if (frame.kind == FrameKind.CLASS_BODY && inheritsField(frame, name)) {
        return true;
      }
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
    for (Frame frame : frames) {
      ClassTree local = frame.types.get(name);
      if (local != null) {
        if (!frame.nested) {
          meanings.put(node, new LocalType(local));
        }
        return true;
      }
      if (frame.typeVariables.contains(name)) {
        return true;
      }
      if (frame.kind == FrameKind.CLASS_BODY && inheritsType(frame, name)) {
        return true;
      }
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
  private TypeElement typeOf(Tree tree) {
    Meaning meaning = meanings.get(tree);
    if (meaning instanceof TypeRef) {
      return names.typeElement(((TypeRef) meaning).type().canonicalName());
    }
    return null;
  }

  /** The class of the value {@code expression} evaluates to, where its type can be read. */
  private TypeElement typeOfValue(ExpressionTree expression) {
    TypeMirror type = expressionTypes.typeOf(expression);
    return type != null && type.getKind() == TypeKind.DECLARED
        ? (TypeElement) ((DeclaredType) type).asElement()
        : null;
  }

  /** Whether a qualifier names a package (the head of a qualified name), not a value. */
  private boolean isPackageName(ExpressionTree expression) {
    ExpressionTree head = expression;
    while (head instanceof MemberSelectTree) {
      head = ((MemberSelectTree) head).getExpression();
    }
    return head instanceof IdentifierTree && meanings.get(head) == null
        && resolveQuietly(((IdentifierTree) head).getName().toString());
  }

  /** Whether a name is neither a variable nor a type in scope: a package, then. */
  private boolean resolveQuietly(String name) {
    for (Frame frame : frames) {
      if (frame.variables.containsKey(name) || frame.types.containsKey(name)) {
        return false;
      }
    }
    return names.field(name) == null && names.type(name) == null;
  }

  /**
   * The class whose members {@code qualifier.name} names, where the generated class must reach
   * them too: a type, or the receiver's class.
   */
  private TypeElement ownerOf(Tree qualifier) {
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
  private boolean reachableOverloads(Tree node, List<ExecutableElement> candidates,
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

  private void resolveMethod(IdentifierTree node, List<? extends ExpressionTree> arguments) {
    int arity = arguments.size();
    String name = node.getName().toString();
    for (Frame frame : frames) {
      if (frame.kind == FrameKind.CLASS_BODY
          && (frame.methods.contains(name) || inheritsMethod(frame, name))) {
        return;
      }
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
  private boolean reachable(Tree node, Element member) {
    if (names.isReachable(member)) {
      return true;
    }
    reportOnce(node, member, member.getModifiers().contains(Modifier.PRIVATE)
        ? Messages.PRIVATE_MEMBER
        : Messages.PROTECTED_MEMBER);
    return false;
  }

  private void reportOnce(Tree node, Element member, String message) {
    if (reported.add(member)) {
      // A constructor goes by its class's name.
      Element named = member.getKind() == ElementKind.CONSTRUCTOR
          ? member.getEnclosingElement() : member;
      errors.error(method.element(), method.path(), node,
          String.format(message, named.getSimpleName()));
    }
  }

  // ---------------------------------------------------------------- class bodies in the body

  private boolean inheritsField(Frame frame, String name) {
    for (Object supertype : frame.supertypes) {
      if (supertype instanceof TypeElement
          ? names.inheritedBySubclass(names.fieldOf((TypeElement) supertype, name))
          : declares((ClassTree) supertype, name, Tree.Kind.VARIABLE)) {
        return true;
      }
    }
    return false;
  }

  private boolean inheritsMethod(Frame frame, String name) {
    for (Object supertype : frame.supertypes) {
      if (supertype instanceof TypeElement
          ? names.methodsOf((TypeElement) supertype, name).stream()
              .anyMatch(names::inheritedBySubclass)
          : declares((ClassTree) supertype, name, Tree.Kind.METHOD)) {
        return true;
      }
    }
    return false;
  }

  private boolean inheritsType(Frame frame, String name) {
    for (Object supertype : frame.supertypes) {
      if (supertype instanceof TypeElement
          ? names.inheritedBySubclass(names.memberTypeOf((TypeElement) supertype, name))
          : declares((ClassTree) supertype, name, Tree.Kind.CLASS)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a local class of the body declares a member of this kind and name (or inherits one). */
  private boolean declares(ClassTree type, String name, Tree.Kind kind) {
    for (Tree member : type.getMembers()) {
      if (kind == Tree.Kind.VARIABLE && member instanceof VariableTree
          && ((VariableTree) member).getName().contentEquals(name)
          || kind == Tree.Kind.METHOD && member instanceof MethodTree
          && ((MethodTree) member).getName().contentEquals(name)
          || kind == Tree.Kind.CLASS && member instanceof ClassTree
          && ((ClassTree) member).getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    // Its supertypes are an over-approximation's business: any member of Object, say.
    TypeElement object = names.typeElement("java.lang.Object");
    return kind == Tree.Kind.METHOD && object != null && !names.methodsOf(object, name).isEmpty();
  }

  /** The supertypes of a class body: what its extends and implements clauses resolve to. */
  private List<Object> supertypesOf(Tree.Kind kind, List<Tree> declared) {
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
  private TypeElement elementOf(Tree type) {
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
      for (Frame frame : frames) {
        if (frame.types.containsKey(((IdentifierTree) type).getName().toString())) {
          return null;
        }
      }
      return names.type(((IdentifierTree) type).getName().toString());
    }
    return null;
  }

  // ---------------------------------------------------------------- pattern variables

  /** The pattern variables of {@code condition}, when {@code whenTrue}, as a scope of their own. */
  private void withBindings(ExpressionTree condition, boolean whenTrue, Runnable body) {
    Frame frame = push(FrameKind.BLOCK);
    PatternBindings.of(condition, whenTrue).forEach(v -> frame.variables.put(v.getName().toString(), v));
    try {
      body.run();
    } finally {
      frames.pop();
    }
  }

  // ---------------------------------------------------------------- switch labels

  /** Whether a switch's selector is of an enum type: TRUE, FALSE, or null when unknown. */
  private Boolean selectorIsEnum(ExpressionTree selector) {
    TypeMirror type = expressionTypes.typeOf(selector);
    if (type == null) {
      return null;
    }
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getKind() == ElementKind.ENUM;
  }

  /**
   * Whether a bare name in a case label is an enum constant, which Java resolves against the
   * selector's enum and which must stay unqualified, rather than a constant variable.
   */
  private boolean isEnumConstantLabel(IdentifierTree label, Boolean selectorIsEnum) {
    if (selectorIsEnum != null) {
      return selectorIsEnum;
    }
    String name = label.getName().toString();
    for (Frame frame : frames) {
      Tree declaration = frame.variables.get(name);
      if (declaration instanceof VariableTree) {
        VariableTree variable = (VariableTree) declaration;
        return !(variable.getModifiers().getFlags().contains(Modifier.FINAL)
            && variable.getInitializer() != null);
      }
    }
    Names.Field field = names.field(name);
    return field == null || field.element().getConstantValue() == null;
  }

  // ---------------------------------------------------------------- the scan

  private final class Scanner extends TreeScanner<Void, Void> {
    private void in(Context inner, Tree tree) {
      Context saved = context;
      context = inner;
      try {
        scan(tree, null);
      } finally {
        context = saved;
      }
    }

    private void in(Context inner, Iterable<? extends Tree> trees) {
      if (trees != null) {
        for (Tree tree : trees) {
          in(inner, tree);
        }
      }
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      resolveIdentifier(node);
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
      String identifier = node.getIdentifier().toString();
      ExpressionTree expression = node.getExpression();
      switch (identifier) {
        case "this": {
          in(Context.TYPE, expression);
          TypeElement type = typeOf(expression);
          if (type != null) {
            int depth = names.enclosingTypes().indexOf(type);
            if (depth == 0 && names.isInstance()) {
              meanings.put(node, new Receiver());
            } else if (depth > 0) {
              reportOnce(node, type, Messages.OUTER_INSTANCE_MEMBER);
            }
          }
          return null;
        }
        case "class":
          in(Context.TYPE, expression);
          return null;
        case "super":
          in(Context.TYPE, expression);
          if (nestedBodies == 0) {
            errors.error(method.element(), method.path(), node, Messages.SUPER_REFERENCE);
          }
          return null;
        default:
          break;
      }
      boolean typeContext = context == Context.TYPE || context == Context.PACKAGE_OR_TYPE;
      in(typeContext ? Context.PACKAGE_OR_TYPE : Context.AMBIGUOUS, expression);
      TypeElement owner = ownerOf(expression);
      if (owner == null && !typeContext && classBodies == 0 && names.mayBeUnreachable(identifier)
          && !isPackageName(expression)) {
        // `other.secret`: a private field of another instance of the class.
        owner = typeOfValue(expression);
      }
      if (owner != null) {
        // A member named through its class: the generated class must reach it too.
        Element member = typeContext ? names.memberTypeOf(owner, identifier)
            : names.fieldOf(owner, identifier);
        if (member == null && !typeContext) {
          member = names.memberTypeOf(owner, identifier);
        }
        if (member != null) {
          reachable(node, member);
        }
      }
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      in(Context.TYPE, node.getTypeArguments());
      // The arguments first: an overload's reachability may depend on their types.
      in(Context.EXPRESSION, node.getArguments());
      ExpressionTree select = node.getMethodSelect();
      if (select instanceof IdentifierTree) {
        resolveMethod((IdentifierTree) select, node.getArguments());
      } else if (select instanceof MemberSelectTree) {
        MemberSelectTree member = (MemberSelectTree) select;
        in(Context.AMBIGUOUS, member.getExpression());
        TypeElement owner = ownerOf(member.getExpression());
        if (owner == null && classBodies == 0
            && names.mayBeUnreachable(member.getIdentifier().toString())
            && !isPackageName(member.getExpression())) {
          owner = typeOfValue(member.getExpression());
        }
        if (owner != null) {
          reachableOverloads(member,
              names.methodsOf(owner, member.getIdentifier().toString()), node.getArguments());
        }
      } else {
        in(Context.EXPRESSION, select);
      }
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void unused) {
      in(Context.EXPRESSION, node.getEnclosingExpression());
      in(Context.TYPE, node.getTypeArguments());
      in(Context.TYPE, node.getIdentifier());
      in(Context.EXPRESSION, node.getArguments());
      Tree created = node.getIdentifier() instanceof ParameterizedTypeTree
          ? ((ParameterizedTypeTree) node.getIdentifier()).getType()
          : node.getIdentifier();
      TypeElement type = elementOf(created);
      if (type != null && classBodies == 0 && names.isReachable(type)) {
        // A private constructor the call may choose can't be called from the generated class.
        reachableOverloads(node,
            javax.lang.model.util.ElementFilter.constructorsIn(type.getEnclosedElements()),
            node.getArguments());
      }
      if (node.getEnclosingExpression() == null && type != null && Names.isInner(type)) {
        innerCreation(node, type);
      }
      if (node.getClassBody() != null) {
        List<Tree> supertypes = new ArrayList<>();
        supertypes.add(node.getIdentifier());
        classBody(node.getClassBody(), supertypes);
      }
      return null;
    }

    /** {@code new Inner()}: its enclosing instance is the innermost one of a class that has it. */
    private void innerCreation(NewClassTree node, TypeElement inner) {
      List<TypeElement> enclosing = names.enclosingTypes();
      for (int depth = 0; depth < enclosing.size(); depth++) {
        TypeElement member = names.memberTypeOf(enclosing.get(depth), inner.getSimpleName().toString());
        if (inner.equals(member)) {
          if (depth == 0 && names.isInstance()) {
            meanings.put(node, new InnerCreation(inner.getSimpleName().toString()));
          } else if (names.isInstance()) {
            reportOnce(node, inner, Messages.OUTER_INSTANCE_MEMBER);
          } else {
            failed = true;
          }
          return;
        }
      }
    }

    @Override
    public Void visitNewArray(NewArrayTree node, Void unused) {
      in(Context.TYPE, node.getType());
      in(Context.EXPRESSION, node.getDimensions());
      in(Context.EXPRESSION, node.getInitializers());
      return null;
    }

    @Override
    public Void visitTypeCast(TypeCastTree node, Void unused) {
      in(Context.TYPE, node.getType());
      in(Context.EXPRESSION, node.getExpression());
      return null;
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree node, Void unused) {
      in(Context.EXPRESSION, node.getExpression());
      pattern(node.getPattern() != null ? node.getPattern() : node.getType());
      return null;
    }

    /** A pattern: its types are types, and its variables are declared by the flow rules. */
    private void pattern(Tree pattern) {
      boolean saved = inPattern;
      inPattern = true;
      try {
        in(Context.TYPE, pattern);
      } finally {
        inPattern = saved;
      }
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      annotations(node.getModifiers());
      in(Context.TYPE, node.getType());
      if (!inPattern) {
        in(Context.EXPRESSION, node.getInitializer());
      }
      return null;
    }

    @Override
    public Void visitParameterizedType(ParameterizedTypeTree node, Void unused) {
      in(Context.TYPE, node.getType());
      in(Context.TYPE, node.getTypeArguments());
      return null;
    }

    @Override
    public Void visitArrayType(ArrayTypeTree node, Void unused) {
      in(Context.TYPE, node.getType());
      return null;
    }

    @Override
    public Void visitWildcard(WildcardTree node, Void unused) {
      in(Context.TYPE, node.getBound());
      return null;
    }

    @Override
    public Void visitUnionType(UnionTypeTree node, Void unused) {
      in(Context.TYPE, node.getTypeAlternatives());
      return null;
    }

    @Override
    public Void visitIntersectionType(IntersectionTypeTree node, Void unused) {
      in(Context.TYPE, node.getBounds());
      return null;
    }

    @Override
    public Void visitTypeParameter(TypeParameterTree node, Void unused) {
      in(Context.TYPE, node.getAnnotations());
      in(Context.TYPE, node.getBounds());
      return null;
    }

    @Override
    public Void visitAnnotation(AnnotationTree node, Void unused) {
      in(Context.TYPE, node.getAnnotationType());
      for (ExpressionTree argument : node.getArguments()) {
        // `name = value`: the element's name is not a variable.
        in(Context.EXPRESSION, argument instanceof AssignmentTree
            ? ((AssignmentTree) argument).getExpression() : argument);
      }
      return null;
    }

    private void annotations(ModifiersTree modifiers) {
      if (modifiers != null) {
        in(Context.TYPE, modifiers.getAnnotations());
      }
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void unused) {
      in(Context.AMBIGUOUS, node.getQualifierExpression());
      in(Context.TYPE, node.getTypeArguments());
      TypeElement owner = ownerOf(node.getQualifierExpression());
      String name = node.getName().toString();
      if (owner != null && !name.equals("<init>")) {
        // Which overload a method reference means depends on its target type, which is not
        // read here: one the generated class can't reach might be the one.
        for (ExecutableElement candidate : names.methodsOf(owner, name)) {
          if (!reachable(node, candidate)) {
            break;
          }
        }
      }
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      nestedBodies++;
      Frame frame = push(FrameKind.METHOD);
      try {
        for (VariableTree parameter : node.getParameters()) {
          scan(parameter, null);
          frame.variables.put(parameter.getName().toString(), parameter);
        }
        in(Context.EXPRESSION, node.getBody());
      } finally {
        frames.pop();
        nestedBodies--;
      }
      return null;
    }

    // ------------------------------------------------------------ classes in the body

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      // A local class declaration; its name was declared by the enclosing block.
      List<Tree> supertypes = new ArrayList<>();
      if (node.getExtendsClause() != null) {
        supertypes.add(node.getExtendsClause());
      }
      supertypes.addAll(node.getImplementsClause());
      nestedBodies++;
      Frame typeParameters = push(FrameKind.METHOD);
      try {
        node.getTypeParameters()
            .forEach(p -> typeParameters.typeVariables.add(p.getName().toString()));
        annotations(node.getModifiers());
        in(Context.TYPE, node.getTypeParameters());
      } finally {
        frames.pop();
        nestedBodies--;
      }
      classBody(node, supertypes);
      return null;
    }

    /** A class body: its members' names shadow outer ones; its supertypes' members too. */
    private void classBody(ClassTree body, List<Tree> supertypeTrees) {
      nestedBodies++;
      classBodies++;
      Frame frame = push(FrameKind.CLASS_BODY);
      try {
        body.getTypeParameters().forEach(p -> frame.typeVariables.add(p.getName().toString()));
        in(Context.TYPE, supertypeTrees);
        frame.supertypes.addAll(supertypesOf(body.getKind(), supertypeTrees));
        for (Tree member : body.getMembers()) {
          if (member instanceof VariableTree) {
            String name = ((VariableTree) member).getName().toString();
            frame.variables.put(name, member);
            if (body.getKind() == Tree.Kind.RECORD) {
              frame.methods.add(name);
            }
          } else if (member instanceof MethodTree) {
            frame.methods.add(((MethodTree) member).getName().toString());
          } else if (member instanceof ClassTree) {
            frame.types.put(((ClassTree) member).getSimpleName().toString(), (ClassTree) member);
          }
        }
        if (body.getKind() == Tree.Kind.ENUM) {
          frame.methods.add("values");
          frame.methods.add("valueOf");
        }
        for (Tree member : body.getMembers()) {
          if (member instanceof VariableTree) {
            VariableTree field = (VariableTree) member;
            annotations(field.getModifiers());
            in(Context.TYPE, field.getType());
            in(Context.EXPRESSION, field.getInitializer());
          } else {
            scan(member, null);
          }
        }
      } finally {
        frames.pop();
        classBodies--;
        nestedBodies--;
      }
    }

    @Override
    public Void visitMethod(MethodTree node, Void unused) {
      Frame frame = push(FrameKind.METHOD);
      try {
        node.getTypeParameters().forEach(p -> frame.typeVariables.add(p.getName().toString()));
        annotations(node.getModifiers());
        in(Context.TYPE, node.getTypeParameters());
        in(Context.TYPE, node.getReturnType());
        for (VariableTree parameter : node.getParameters()) {
          scan(parameter, null);
          frame.variables.put(parameter.getName().toString(), parameter);
        }
        in(Context.TYPE, node.getThrows());
        in(Context.EXPRESSION, node.getDefaultValue());
        scan(node.getBody(), null);
      } finally {
        frames.pop();
      }
      return null;
    }

    // ------------------------------------------------------------ statements and scopes

    @Override
    public Void visitBlock(BlockTree node, Void unused) {
      push(FrameKind.BLOCK);
      try {
        statements(node.getStatements());
      } finally {
        frames.pop();
      }
      return null;
    }

    /** A block's statements: each declaration is in scope from itself to the end. */
    private void statements(List<? extends StatementTree> statements) {
      for (StatementTree statement : statements) {
        if (statement instanceof VariableTree) {
          declare((VariableTree) statement);
        } else if (statement instanceof ClassTree) {
          frames.peek().types.put(((ClassTree) statement).getSimpleName().toString(),
              (ClassTree) statement);
        }
        in(Context.EXPRESSION, statement);
        declareAll(PatternBindings.introducedAfter(statement));
      }
    }

    @Override
    public Void visitIf(IfTree node, Void unused) {
      in(Context.EXPRESSION, node.getCondition());
      withBindings(node.getCondition(), true, () -> in(Context.EXPRESSION, node.getThenStatement()));
      withBindings(node.getCondition(), false, () -> in(Context.EXPRESSION, node.getElseStatement()));
      return null;
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree node, Void unused) {
      in(Context.EXPRESSION, node.getCondition());
      withBindings(node.getCondition(), true, () -> in(Context.EXPRESSION, node.getStatement()));
      return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void unused) {
      push(FrameKind.BLOCK);
      try {
        for (StatementTree init : node.getInitializer()) {
          if (init instanceof VariableTree) {
            declare((VariableTree) init);
          }
          in(Context.EXPRESSION, init);
        }
        in(Context.EXPRESSION, node.getCondition());
        Runnable rest = () -> {
          in(Context.EXPRESSION, node.getUpdate());
          in(Context.EXPRESSION, node.getStatement());
        };
        if (node.getCondition() == null) {
          rest.run();
        } else {
          withBindings(node.getCondition(), true, rest);
        }
      } finally {
        frames.pop();
      }
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
      in(Context.EXPRESSION, node.getExpression());
      push(FrameKind.BLOCK);
      try {
        scan(node.getVariable(), null);
        declare(node.getVariable());
        in(Context.EXPRESSION, node.getStatement());
      } finally {
        frames.pop();
      }
      return null;
    }

    @Override
    public Void visitBinary(BinaryTree node, Void unused) {
      in(Context.EXPRESSION, node.getLeftOperand());
      if (node.getKind() == Tree.Kind.CONDITIONAL_AND) {
        withBindings(node.getLeftOperand(), true,
            () -> in(Context.EXPRESSION, node.getRightOperand()));
      } else if (node.getKind() == Tree.Kind.CONDITIONAL_OR) {
        withBindings(node.getLeftOperand(), false,
            () -> in(Context.EXPRESSION, node.getRightOperand()));
      } else {
        in(Context.EXPRESSION, node.getRightOperand());
      }
      return null;
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree node, Void unused) {
      in(Context.EXPRESSION, node.getCondition());
      withBindings(node.getCondition(), true,
          () -> in(Context.EXPRESSION, node.getTrueExpression()));
      withBindings(node.getCondition(), false,
          () -> in(Context.EXPRESSION, node.getFalseExpression()));
      return null;
    }

    @Override
    public Void visitTry(TryTree node, Void unused) {
      push(FrameKind.BLOCK);
      try {
        for (Tree resource : node.getResources()) {
          if (resource instanceof VariableTree) {
            declare((VariableTree) resource);
          }
          in(Context.EXPRESSION, resource);
        }
        scan(node.getBlock(), null);
      } finally {
        frames.pop();
      }
      for (CatchTree clause : node.getCatches()) {
        push(FrameKind.BLOCK);
        try {
          scan(clause.getParameter(), null);
          declare(clause.getParameter());
          scan(clause.getBlock(), null);
        } finally {
          frames.pop();
        }
      }
      scan(node.getFinallyBlock(), null);
      return null;
    }

    @Override
    public Void visitSwitch(SwitchTree node, Void unused) {
      switchBlock(node.getExpression(), node.getCases());
      return null;
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
      switchBlock(node.getExpression(), node.getCases());
      return null;
    }

    /**
     * A switch: one scope for the whole block (a local of one case group is in scope in the
     * next); each case's pattern variables in scope in its guard and body.
     */
    private void switchBlock(ExpressionTree selector, List<? extends CaseTree> cases) {
      in(Context.EXPRESSION, selector);
      Boolean isEnum = selectorIsEnum(selector);
      push(FrameKind.BLOCK);
      try {
        for (CaseTree c : cases) {
          Frame caseFrame = push(FrameKind.BLOCK);
          try {
            for (CaseLabels.Label label : CaseLabels.of(c)) {
              if (label.kind() == CaseLabels.Kind.PATTERN) {
                pattern(label.tree());
                PatternBindings.inPattern(label.tree())
                    .forEach(v -> caseFrame.variables.put(v.getName().toString(), v));
              } else if (label.kind() == CaseLabels.Kind.CONSTANT) {
                boolean enumConstant = label.tree() instanceof IdentifierTree
                    && isEnumConstantLabel((IdentifierTree) label.tree(), isEnum);
                if (!enumConstant) {
                  in(Context.EXPRESSION, label.tree());
                }
              }
            }
            in(Context.EXPRESSION, CaseLabels.guard(c));
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
              in(Context.EXPRESSION, c.getBody());
            }
          } finally {
            frames.pop();
          }
          if (c.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
            // Statements of a case group share the switch block's scope, and its patterns'.
            frames.peek().variables.putAll(caseFrame.variables);
            statements(c.getStatements());
          }
        }
      } finally {
        frames.pop();
      }
    }

    @Override
    public Void visitCase(CaseTree node, Void unused) {
      throw new AssertionError("cases are scanned with their switch");
    }

    @Override
    public Void visitLiteral(LiteralTree node, Void unused) {
      return null;
    }
  }
}
