package dev.jcoro.processor.lower;

import javax.lang.model.element.VariableElement;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.jcoro.processor.Messages;
import dev.jcoro.processor.analysis.HintTypes;
import dev.jcoro.processor.analysis.LocalTypes;
import dev.jcoro.processor.analysis.NameResolution;
import dev.jcoro.processor.analysis.TypeTrees;
import dev.jcoro.processor.model.Code;
import dev.jcoro.processor.model.StateMachineModel;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * Where the body's locals live in the generated code: hoisted to fields (or to locals of
 * {@code resume}, the state locals the analysis allows), local constants as {@code static final}
 * fields, pattern variables kept for later states, local types moved into the state machine; the
 * scopes that say which field a name means where; the exact types of the locals declared again.
 */
final class Locals extends LoweringPart {
  /**
   * Names a hoisted local does not take: StateMachine's fields, the receiver, and the exception
   * {@code resume} routes (a local of resume is in scope of that catch clause).
   */
  private static final Set<String> RESERVED = Set.of("label", "caught", "error", CoroutineMethod.RECEIVER);

  final Map<String, StateMachineModel.Field> fields = new LinkedHashMap<>();
  final List<String> parameterFields = new ArrayList<>();
  /** The field holding the receiver of an instance coroutine; null for a static one. */
  String receiverField;
  /**
   * Hoisted locals that may be state locals: declared once, and not used where Java wants them
   * effectively final (lambdas, class bodies, case guards). A state local is a local of
   * {@code resume}, not a field: see {@link StateGraph}.
   */
  private final Set<String> candidates = new LinkedHashSet<>();
  /** The candidates to write as state locals; null for all of them. */
  private final Set<String> stateLocalsAsked;
  /** The last number each kind of field of the lowering's own took: kept$1, kept$2... */
  private final Map<String, Integer> numbers = new HashMap<>();
  int nextTemporary = 1;
  /** The records, enums and interfaces of the body, moved to the state machine, and their names. */
  final Map<ClassTree, String> movedTypes = new LinkedHashMap<>();
  /** Their declarations, as the generated class writes them. */
  final List<String> movedTypeCode = new ArrayList<>();
  /** The local classes reported as used after a yield: each is reported once. */
  final Set<String> reportedLocalClasses = new HashSet<>();
  /**
   * Hoisted locals in scope, innermost last: declaration to field. A local of the body that is
   * in none of them stays a Java local of the generated code.
   */
  final Deque<Map<Tree, String>> scopes = new ArrayDeque<>();
  /** The field {@link #assertionsField()} made, or null. */
  private String assertionsField;
  /** Set when a local's declared type does not resolve: nothing is generated, javac reports it. */
  boolean unresolvedType;

  Locals(Lowering lowering, Set<String> stateLocalsAsked) {
    super(lowering);
    this.stateLocalsAsked = stateLocalsAsked;
  }

  /** The receiver and the parameters after the handle, each in a field. */
  void hoistParameters() {
    if (method.isInstance()) {
      receiverField = localNames.freshName(CoroutineMethod.RECEIVER, generatedNames);
      fields.put(receiverField, new StateMachineModel.Field(receiverField,
          method.receiverType(), "The receiver, {@code this}."));
    }
    for (int i = 0; i < method.parameters().size(); i++) {
      VariableElement parameter = method.parameters().get(i);
      TypeName type = TypeName.get(parameter.asType());
      generatedNames.remove(parameter.getSimpleName().toString());
      // The first parameter is the handle.
      String field = hoist(method.tree().getParameters().get(i + 1), type);
      fields.put(field, new StateMachineModel.Field(field, type,
          "The parameter {@code " + parameter.getSimpleName() + "}."));
      parameterFields.add(field);
    }
  }

  /** The hoisted locals this pass writes as state locals. */
  List<String> stateLocals() {
    return candidates.stream().filter(this::isStateLocal).toList();
  }

  boolean isStateLocal(String field) {
    return candidates.contains(field) && (stateLocalsAsked == null || stateLocalsAsked.contains(field));
  }

  /** How the generated code reads or assigns a hoisted local: a field, or a state local. */
  static Code.Local ref(String field) {
    return new Code.Local(field, true);
  }

  /** {@code base$n}, numbered in the order the lowering asks. */
  String numbered(String base) {
    return base + "$" + numbers.merge(base, 1, Integer::sum);
  }

  /** A field of the generated code's own, under a name no declaration in the body uses. */
  String field(String base, TypeName type, String description) {
    String name = localNames.freshName(base, generatedNames);
    fields.put(name, new StateMachineModel.Field(name, type, description));
    return name;
  }

  /**
   * Hoists a local: to a field, or (when {@code mayBeStateLocal} and the analysis agrees) to a
   * local of {@code resume}. Locals of the same name and type in sibling scopes share a field;
   * another type gets a numbered name, and references are renamed as they are copied.
   */
  String hoist(VariableTree declaration, TypeName type) {
    return hoist(declaration, type, false, false);
  }

  /** Hoists a declared local; it may be a state local if its name is declared once. */
  String hoistLocal(VariableTree variable, TypeName type) {
    String name = variable.getName().toString();
    return hoist(variable, type, !localNames.isDeclaredTwice(name)
        && !localNames.isInNestedCode(name), false);
  }

  /**
   * @param renamed whether the field must not take the local's own name: a pattern variable
   *     stays a Java local in the state that matches it, where its name must keep meaning the
   *     field
   */
  String hoist(VariableTree declaration, TypeName type, boolean mayBeStateLocal,
      boolean renamed) {
    String name = declaration.getName().toString();
    String candidate = renamed ? name + "$2" : name;
    for (int n = renamed ? 3 : 2; ; n++) {
      StateMachineModel.Field existing = fields.get(candidate);
      boolean reserved = RESERVED.contains(candidate)
          || !candidate.equals(name) && localNames.isDeclaredAnywhere(candidate)
          || existing == null && generatedNames.contains(candidate);
      if (!reserved && existing == null) {
        fields.put(candidate, new StateMachineModel.Field(candidate, type,
            "The local {@code " + name + "}, kept across suspensions."));
        generatedNames.add(candidate);
        break;
      }
      if (!reserved && existing.type().equals(type) && !inScope(candidate)
          && existing.constant() == null && existing.description().startsWith("The local")) {
        break;
      }
      candidate = name + "$" + n;
    }
    scopes.peekLast().put(declaration, candidate);
    if (mayBeStateLocal) {
      candidates.add(candidate);
    }
    if (!type.isPrimitive() && !isStateLocal(candidate)) {
      for (States.Target target : states().targets) {
        if (!target.referenceFields().contains(candidate)) {
          target.referenceFields().add(candidate);
        }
      }
    }
    return candidate;
  }

  /** Whether {@code tree} names a factory class jcoro generates ({@code XCoroutines}). */
  private static boolean mentionsAFactory(Tree tree) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        found[0] |= node.getName().toString().endsWith("Coroutines");
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  /** Hoists a local constant to a {@code static final} field of its own, holding its value. */
  void hoistConstant(VariableTree variable, TypeName type, Object value) {
    String name = variable.getName().toString();
    String candidate = name;
    for (int n = 2; fields.containsKey(candidate) || RESERVED.contains(candidate)
        || !candidate.equals(name) && localNames.isDeclaredAnywhere(candidate)
        || generatedNames.contains(candidate); n++) {
      candidate = name + "$" + n;
    }
    fields.put(candidate, new StateMachineModel.Field(candidate, type,
        "The local constant {@code " + name + "}.", constantCode(value, type)));
    generatedNames.add(candidate);
    scopes.peekLast().put(variable, candidate);
  }

  /** A constant's value as a Java constant expression of {@code type}. */
  private static String constantCode(Object value, TypeName type) {
    if (value instanceof String) {
      return com.palantir.javapoet.CodeBlock.of("$S", value).toString();
    }
    if (value instanceof Character) {
      // Not a unicode escape: javac reads those before the literal, where a line feed ends it.
      char c = (Character) value;
      return c >= ' ' && c <= '~' && c != '\'' && c != '\\' ? "'" + c + "'" : "(char) " + (int) c;
    }
    if (value instanceof Float) {
      float f = (Float) value;
      return Float.isNaN(f) ? "Float.NaN"
          : Float.isInfinite(f) ? (f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY")
          : Float.toString(f) + "f";
    }
    if (value instanceof Double) {
      double d = (Double) value;
      return Double.isNaN(d) ? "Double.NaN"
          : Double.isInfinite(d) ? (d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY")
          : Double.toString(d) + "d";
    }
    if (value instanceof Long) {
      return value + "L";
    }
    if (type.equals(TypeName.BYTE) || type.equals(TypeName.SHORT) || type.equals(TypeName.CHAR)) {
      return "(" + type + ") " + value;
    }
    return String.valueOf(value);
  }

  private boolean inScope(String fieldName) {
    return scopes.stream().anyMatch(scope -> scope.containsValue(fieldName));
  }

  /** The field (or state local) holding the local {@code declaration} declares, or null. */
  String hoistedField(Tree declaration) {
    var iterator = scopes.descendingIterator();
    while (iterator.hasNext()) {
      String field = iterator.next().get(declaration);
      if (field != null) {
        return field;
      }
    }
    return null;
  }

  /** The hoisted field a reference to a local of the body reads, or null. */
  String hoistedFieldOf(Tree reference) {
    NameResolution.Meaning meaning = names.meaning(reference);
    return meaning instanceof NameResolution.BodyLocal
        ? hoistedField(((NameResolution.BodyLocal) meaning).declaration())
        : null;
  }

  void pushScope() {
    scopes.addLast(new HashMap<>());
  }

  /**
   * Ends a scope; on the way out of it, the reference-typed fields of its locals are cleared so the
   * generator does not keep their values reachable.
   */
  void popScope() {
    Map<Tree, String> scope = scopes.removeLast();
    if (states().current == null) {
      return;
    }
    for (String field : new java.util.TreeSet<>(scope.values())) {
      if (!fields.get(field).type().isPrimitive() && fields.get(field).constant() == null
          && !parameterFields.contains(field) && !isStateLocal(field)) {
        emit(new Code.Clear(field));
      }
    }
  }

  /** The hoisted locals and fields of a numeric type, which jump threading may step. */
  Set<String> numericFields() {
    Set<String> numeric = new HashSet<>();
    fields.forEach((name, field) -> {
      if (field.type().isPrimitive() && !field.type().equals(TypeName.BOOLEAN)) {
        numeric.add(name);
      }
    });
    return numeric;
  }

  /** The local constants, {@code static final} fields: {@code this.} does not qualify them. */
  Set<String> constantFields() {
    Set<String> constants = new HashSet<>();
    fields.forEach((name, field) -> {
      if (field.constant() != null) {
        constants.add(name);
      }
    });
    return constants;
  }

  /** The name a local type of the body has as a member of the state machine, or null. */
  String movedName(javax.lang.model.element.TypeElement local) {
    for (Map.Entry<ClassTree, String> moved : movedTypes.entrySet()) {
      if (moved.getKey().getSimpleName().contentEquals(local.getSimpleName())) {
        return moved.getValue();
      }
    }
    return null;
  }

  /** Whether a local is declared {@code var}: its type is javac's to infer. */
  static boolean isVar(VariableTree variable) {
    return variable.getType() == null || variable.getType().toString().equals("var");
  }

  /**
   * The exact type of a local the lowering declares again (as a field, or a local of
   * {@code resume}), as javac attributes it; {@code var} locals included.
   */
  TypeName typeOf(VariableTree variable) {
    TypeMirror type = localTypes.typeOf(variable, names.usesOf(variable));
    if (type == null) {
      // javac could not attribute the method up to the local: its type as written, resolved.
      TypeName written = isVar(variable) ? null
          : new TypeTrees(names, expressionTypes.names(), movedTypes::get).of(variable.getType());
      if (written == null) {
        error(variable, String.format(Messages.TYPE_NOT_READ, variable.getName()));
        return ClassName.OBJECT;
      }
      return written;
    }
    // The local types the declaration names are those it means; a `var` can only mean the
    // local types of its name in scope, found by name.
    Map<String, String> named = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (names.meaning(node) instanceof NameResolution.LocalType) {
          ClassTree declaration = ((NameResolution.LocalType) names.meaning(node)).declaration();
          named.put(declaration.getSimpleName().toString(),
              movedTypes.get(declaration));
        }
        return null;
      }
    }.scan(variable.getType(), null);
    LocalTypes.Denoted denoted = LocalTypes.denote(type, element -> named.containsKey(
        element.getSimpleName().toString())
        ? named.get(element.getSimpleName().toString())
        : movedName(element));
    if (denoted.problem() == LocalTypes.Problem.UNRESOLVED && isVar(variable)
        && variable.getInitializer() != null) {
      // Its value may name a class generated in this round (a coroutine's factory), which
      // javac can't attribute yet: the value's type, as far as it can be read without it.
      TypeMirror value = expressionTypes.typeOf(variable.getInitializer());
      LocalTypes.Denoted read = value == null ? null : LocalTypes.denote(value, this::movedName);
      if (read != null && read.problem() == null) {
        return read.type();
      }
      if (mentionsAFactory(variable.getInitializer())) {
        // Not the user's mistake, which javac would report: refused, not silently dropped.
        error(variable, String.format(Messages.TYPE_NOT_READ, variable.getName()));
        return ClassName.OBJECT;
      }
    }
    if (denoted.problem() == LocalTypes.Problem.UNRESOLVED) {
      unresolvedType = true;
      return ClassName.OBJECT;
    }
    if (denoted.problem() != null) {
      String localClass = variable.getType() == null ? null : localNames.localClassIn(variable.getType());
      if (localClass == null) {
        error(variable, String.format(
            Messages.VAR_ACROSS_YIELD, variable.getName(), HintTypes.described(type)));
      } else if (reportedLocalClasses.add(localClass)) {
        error(variable, String.format(Messages.LOCAL_CLASS_ACROSS_YIELD, localClass));
      }
      return ClassName.OBJECT;
    }
    return denoted.type();
  }

  /**
   * The field that says whether assertions are enabled for the top-level class around the body,
   * whose assert statements the state machine runs (JLS 14.10), read once, as javac does.
   */
  String assertionsField() {
    if (assertionsField == null) {
      List<javax.lang.model.element.TypeElement> enclosing =
          expressionTypes.names().enclosingTypes();
      ClassName topLevel = ClassName.get(enclosing.get(enclosing.size() - 1));
      assertionsField = localNames.freshName("assertions$", generatedNames);
      fields.put(assertionsField, new StateMachineModel.Field(assertionsField, TypeName.BOOLEAN,
          "Whether assertions are enabled for {@code " + topLevel.simpleName() + "}, whose"
              + " assert statements these are.",
          source.mark(topLevel) + ".class.desiredAssertionStatus()"));
    }
    return assertionsField;
  }

  /**
   * Hoists the pattern variables {@code bindings} that the body uses after {@code declaring} (the
   * condition or case label that matches them), and returns the statements that store them, to
   * run where they are in scope. The field never takes the variable's own name: the variable
   * stays a Java local there, and the name must mean the field.
   */
  Code keepBindings(List<VariableTree> bindings, Tree declaring) {
    Code.Builder stores = new Code.Builder();
    for (VariableTree binding : bindings) {
      if (names.usesOf(binding).stream().allMatch(use -> source.start(use) < source.end(declaring))
          || hoistedField(binding) != null) {
        continue;
      }
      String field = hoist(binding, typeOf(binding), false, true);
      stores.add(ref(field), " = " + binding.getName() + ";\n");
    }
    return stores.build();
  }
}
