package dev.jcoro.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * The scopes of a coroutine body, innermost first: what each declares in Java's namespaces
 * (variables, types, methods), and what a class body declared in the body inherits. A name found
 * here is the body's own; one that is not is looked up around the body ({@link Names}).
 */
final class BodyScopes {
  /** What a scope is. */
  enum Kind { BLOCK, CLASS_BODY, METHOD }

  /** A name found in the body: its declaration, or null for a member a class body inherits. */
  record Found(Tree declaration, boolean nested) {}

  /** One scope: what it declares in each namespace. */
  static final class Frame {
    final Kind kind;
    /** Inside a lambda or class body: its names are its own, and the copied code keeps them. */
    final boolean nested;
    final Map<String, Tree> variables = new HashMap<>();
    final Map<String, ClassTree> types = new HashMap<>();
    final Set<String> typeVariables = new HashSet<>();
    final Set<String> methods = new HashSet<>();
    /** For a class body: its supertypes, as elements or as local classes of the body. */
    final List<Object> supertypes = new ArrayList<>();

    Frame(Kind kind, boolean nested) {
      this.kind = kind;
      this.nested = nested;
    }
  }

  private final Names names;
  private final Deque<Frame> frames = new ArrayDeque<>();
  private int nestedBodies;
  private int classBodies;

  BodyScopes(Names names) {
    this.names = names;
  }

  Frame push(Kind kind) {
    Frame frame = new Frame(kind, nestedBodies > 0);
    frames.push(frame);
    return frame;
  }

  void pop() {
    frames.pop();
  }

  Frame top() {
    return frames.peek();
  }

  void declare(VariableTree variable) {
    frames.peek().variables.put(variable.getName().toString(), variable);
  }

  void declareAll(List<VariableTree> variables) {
    variables.forEach(this::declare);
  }

  void declareType(ClassTree type) {
    frames.peek().types.put(type.getSimpleName().toString(), type);
  }

  /** Runs {@code body} inside a lambda or class body, whose names are its own. */
  void nested(Runnable body) {
    nestedBodies++;
    try {
      body.run();
    } finally {
      nestedBodies--;
    }
  }

  /** Runs {@code body} inside a class body, where {@code this} is that class's. */
  void classBody(Runnable body) {
    classBodies++;
    try {
      nested(body);
    } finally {
      classBodies--;
    }
  }

  boolean inNestedBody() {
    return nestedBodies > 0;
  }

  boolean inClassBody() {
    return classBodies > 0;
  }

  /** Runs {@code body} in a scope of the pattern variables {@code condition} introduces. */
  void withBindings(ExpressionTree condition, boolean whenTrue, Runnable body) {
    Frame frame = push(Kind.BLOCK);
    PatternBindings.of(condition, whenTrue)
        .forEach(v -> frame.variables.put(v.getName().toString(), v));
    try {
      body.run();
    } finally {
      pop();
    }
  }

  // ---------------------------------------------------------------- lookups

  /** The variable named {@code name} in the body's scopes, or null. */
  Found variable(String name) {
    for (Frame frame : frames) {
      Tree declaration = frame.variables.get(name);
      if (declaration != null) {
        return new Found(declaration, frame.nested);
      }
      if (frame.kind == Kind.CLASS_BODY && inheritsField(frame, name)) {
        return new Found(null, true);
      }
    }
    return null;
  }

  /** The type named {@code name} in the body's scopes (a local class or a type variable), or null. */
  Found type(String name) {
    for (Frame frame : frames) {
      ClassTree local = frame.types.get(name);
      if (local != null) {
        return new Found(local, frame.nested);
      }
      if (frame.typeVariables.contains(name)
          || frame.kind == Kind.CLASS_BODY && inheritsType(frame, name)) {
        return new Found(null, true);
      }
    }
    return null;
  }

  /** Whether a class body in the body declares or inherits a method named {@code name}. */
  boolean classBodyMethod(String name) {
    for (Frame frame : frames) {
      if (frame.kind == Kind.CLASS_BODY
          && (frame.methods.contains(name) || inheritsMethod(frame, name))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} is a variable or a type the body declares in scope. */
  boolean declares(String name) {
    for (Frame frame : frames) {
      if (frame.variables.containsKey(name) || frame.types.containsKey(name)) {
        return true;
      }
    }
    return false;
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
}
