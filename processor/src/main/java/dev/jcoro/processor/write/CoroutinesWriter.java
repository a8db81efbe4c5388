package dev.jcoro.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.jcoro.processor.model.StateMachineModel;
import dev.jcoro.processor.lower.TypeMark;
import dev.jcoro.processor.read.CoroutineMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Writes {@code OuterCoroutines}: one static factory per coroutine of {@code Outer}, and for each a
 * nested state-machine class extending {@code dev.jcoro.StateMachine}.
 */
public final class CoroutinesWriter {
  private static final ClassName GENERATOR = ClassName.get("dev.jcoro", "Generator");
  private static final ClassName THROWING_GENERATOR = ClassName.get("dev.jcoro", "ThrowingGenerator");
  private static final ClassName STATE_MACHINE = ClassName.get("dev.jcoro", "StateMachine");
  /**
   * jcoro's own {@code @Generated}: {@code javax.annotation.processing.Generated} is in module
   * {@code java.compiler}, which a modular user would have to require for the generated files.
   */
  private static final ClassName GENERATED = ClassName.get("dev.jcoro", "Generated");
  private static final String PROCESSOR = "dev.jcoro.processor.CoroutineProcessor";

  /** A coroutine ready to be written. */
  public record LoweredCoroutine(CoroutineMethod method, StateMachineModel model) {}

  /**
   * The imports of the generated file besides JavaPoet's own, which import every type the copied
   * code names by what it denotes.
   *
   * @param lines the user's imports that may bring in names javac does not know yet (a class
   *     another processor generates), which the copied code keeps as written
   * @param unresolvedNames those names: JavaPoet must not import another type under one of them
   * @param auxiliary whether the source file declares more than one top-level class, which the
   *     copied code may name from this other file
   */
  public record Imports(List<String> lines, Set<String> unresolvedNames, boolean auxiliary) {}

  private CoroutinesWriter() {}

  /**
   * The file of {@code enclosing}'s coroutines; {@code inheritedTypeNames} are the member types a
   * state machine inherits, which would capture a type of the same simple name; {@code docs}
   * writes the factories' javadoc.
   */
  public static JavaFile write(TypeElement enclosing, List<LoweredCoroutine> coroutines,
      Imports imports, Set<String> inheritedTypeNames, FactoryDocs docs) {
    ClassName factoryName = coroutines.get(0).method().factoryClassName();
    TypeSpec.Builder factory = TypeSpec.classBuilder(factoryName)
        .addAnnotation(generated())
        .addJavadoc(FactoryDocs.factoryClass(enclosing))
        .addModifiers(Modifier.FINAL)
        .addOriginatingElement(enclosing)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addJavadoc("Not instantiated: the factories of {@code $L}'s coroutines are static.\n",
                enclosing.getSimpleName())
            .build());
    if (enclosing.getModifiers().contains(Modifier.PUBLIC)) {
      factory.addModifiers(Modifier.PUBLIC);
    }
    if (imports.auxiliary()) {
      // The copied code may name a class declared beside another in its source file.
      factory.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "$S", "auxiliaryclass").build());
    }
    if (!imports.unresolvedNames().isEmpty()) {
      factory.alwaysQualify(imports.unresolvedNames().toArray(new String[0]));
    }
    Set<String> classNames = new HashSet<>();
    for (int i = 0; i < coroutines.size(); i++) {
      LoweredCoroutine coroutine = coroutines.get(i);
      String className = uniqueName(classNames, capitalize(coroutine.method().name()) + "StateMachine");
      factory.addMethod(factoryMethod(coroutine.method(), className, docs));
      factory.addType(stateMachine(coroutine, i, className, inheritedTypeNames));
    }
    JavaFile file = JavaFile.builder(factoryName.packageName(), factory.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    return file;
  }

  private static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }

  /**
   * {@code code}, the lowering's text with its types marked, as a code block: JavaPoet imports or
   * qualifies each type, except one whose simple name a member the state machine inherits
   * captures, which is written by its canonical name.
   */
  static CodeBlock code(String code, Set<String> captured) {
    CodeBlock.Builder block = CodeBlock.builder();
    for (Object part : TypeMark.parts(code)) {
      if (part instanceof ClassName) {
        ClassName type = (ClassName) part;
        if (captured.contains(type.topLevelClassName().simpleName())) {
          block.add("$L", type.canonicalName());
        } else {
          block.add("$T", type);
        }
      } else {
        block.add("$L", part);
      }
    }
    return block.build();
  }

  /**
   * {@code type}, with each class whose simple name a member the state machine inherits captures
   * written by its canonical name (JavaPoet writes a class of the same package by its simple
   * name, whatever the class it emits inherits).
   */
  static TypeName uncaptured(TypeName type, Set<String> captured) {
    if (type instanceof ClassName) {
      ClassName name = (ClassName) type;
      return captured.contains(name.topLevelClassName().simpleName()) && !name.packageName().isEmpty()
          ? ClassName.get("", name.canonicalName())
          : name;
    }
    if (type instanceof ParameterizedTypeName && ((ParameterizedTypeName) type).enclosingType() == null) {
      ParameterizedTypeName parameterized = (ParameterizedTypeName) type;
      TypeName[] arguments = parameterized.typeArguments().stream()
          .map(argument -> uncaptured(argument, captured)).toArray(TypeName[]::new);
      return ParameterizedTypeName.get(
          (ClassName) uncaptured(parameterized.rawType(), captured), arguments);
    }
    if (type instanceof com.palantir.javapoet.ArrayTypeName) {
      return com.palantir.javapoet.ArrayTypeName.of(uncaptured(
          ((com.palantir.javapoet.ArrayTypeName) type).componentType(), captured));
    }
    if (type instanceof com.palantir.javapoet.WildcardTypeName) {
      com.palantir.javapoet.WildcardTypeName wildcard = (com.palantir.javapoet.WildcardTypeName) type;
      return wildcard.lowerBounds().isEmpty()
          ? com.palantir.javapoet.WildcardTypeName.subtypeOf(
              uncaptured(wildcard.upperBounds().get(0), captured))
          : com.palantir.javapoet.WildcardTypeName.supertypeOf(
              uncaptured(wildcard.lowerBounds().get(0), captured));
    }
    return type;
  }

  /** The comment that marks the block holding the local types of a body. */
  private static final String LOCAL_TYPES = "jcoro: the records, enums and interfaces of the body";

  /**
   * The file's text: JavaPoet's output with the user's imports added after its own (but for one
   * that JavaPoet already wrote), and the line marks of {@code coroutines} (in the order
   * {@link #write} took them) made line tables.
   */
  public static String render(JavaFile file, Imports imports, List<LoweredCoroutine> coroutines) {
    String text = withImports(unwrapLocalTypes(file.toString()), imports);
    if (coroutines.stream().noneMatch(coroutine -> coroutine.model().lineMarks())) {
      // The source has a mark's character: no line is marked, and none of it is removed.
      return text;
    }
    List<LineTables.Origin> origins = new ArrayList<>();
    for (LoweredCoroutine coroutine : coroutines) {
      CoroutineMethod method = coroutine.method();
      String source = method.path().getCompilationUnit().getSourceFile().getName();
      String fileName = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
      origins.add(new LineTables.Origin(
          method.enclosingClassName().reflectionName(), method.name(), fileName));
    }
    return LineTables.apply(text, origins);
  }

  /** {@code text} with the user's imports added after JavaPoet's, each once. */
  private static String withImports(String text, Imports imports) {
    List<String> lines = List.of(text.split("\n", -1));
    int end = 0;
    while (end < lines.size() && !lines.get(end).startsWith("import ")) {
      end++;
    }
    if (end == lines.size()) {
      end = text.startsWith("package ") ? 1 : 0;
    }
    while (end < lines.size() && lines.get(end).startsWith("import ")) {
      end++;
    }
    Set<String> own = new HashSet<>(lines.subList(0, end));
    List<String> added = imports.lines().stream()
        .filter(line -> !own.contains(line))
        .distinct()
        .collect(Collectors.toList());
    if (added.isEmpty()) {
      return text;
    }
    List<String> out = new ArrayList<>(lines.subList(0, end));
    if (own.stream().noneMatch(line -> line.startsWith("import "))) {
      out.add("");
    }
    out.addAll(added);
    out.addAll(lines.subList(end, lines.size()));
    return String.join("\n", out);
  }

  /** The local types of a body as members: their block's braces and comment removed. */
  private static String unwrapLocalTypes(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].trim().equals("static {") && i + 1 < lines.length
          && lines[i + 1].trim().equals("// " + LOCAL_TYPES)) {
        String indent = lines[i].substring(0, lines[i].indexOf('s'));
        int end = i + 2;
        while (!lines[end].equals(indent + "}")) {
          end++;
        }
        for (int k = i + 2; k < end; k++) {
          String line = lines[k];
          out.append(line.startsWith(indent + "  ") ? indent + line.substring(indent.length() + 2) : line)
              .append('\n');
        }
        i = end;
        continue;
      }
      out.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
    }
    return out.toString();
  }

  private static MethodSpec factoryMethod(
      CoroutineMethod method, String className, FactoryDocs docs) {
    MethodSpec.Builder factory = MethodSpec.methodBuilder(method.name())
        .addModifiers(Modifier.STATIC)
        .addTypeVariables(method.typeVariables())
        .returns(generatorType(method))
        .addJavadoc(docs.factory(method, receiverParameter(method)));
    if (method.element().getModifiers().contains(Modifier.PUBLIC)
        || method.element().getModifiers().contains(Modifier.PROTECTED)) {
      factory.addModifiers(Modifier.PUBLIC);
    }
    if (method.element().getAnnotation(SafeVarargs.class) != null) {
      // The author vouched for the varargs array; the factory only hands it to the state machine.
      factory.addAnnotation(SafeVarargs.class);
      factory.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "$S", "varargs").build());
    }
    List<String> arguments = new ArrayList<>();
    if (method.isInstance()) {
      String receiver = receiverParameter(method);
      factory.addParameter(method.receiverType(), receiver);
      arguments.add(receiver);
    }
    for (VariableElement parameter : method.parameters()) {
      factory.addParameter(ParameterSpec.builder(
          TypeName.get(parameter.asType()), parameter.getSimpleName().toString()).build());
      arguments.add(parameter.getSimpleName().toString());
    }
    if (method.element().isVarArgs() && !method.parameters().isEmpty()) {
      factory.varargs(true);
    }
    // The type arguments written out: a diamond's inference fails where an argument's type has a
    // wildcard (javac captures it).
    String diamond = method.typeVariables().isEmpty() ? "" : method.typeVariables().stream()
        .map(variable -> variable.name()).collect(Collectors.joining(", ", "<", ">"));
    if (method.primed()) {
      factory.addStatement("$T coroutine = new $L$L($L)", generatorType(method),
          className, diamond, String.join(", ", arguments));
      factory.addStatement("coroutine.next()");
      if (method.thrownType() != null) {
        // Priming runs the body to its first suspension point.
        factory.addException(method.thrownType());
      }
      factory.addStatement("return coroutine");
    } else {
      factory.addStatement("return new $L$L($L)", className, diamond, String.join(", ", arguments));
    }
    return factory.build();
  }

  /** {@code Generator<Y, S, R>}, or {@code ThrowingGenerator<Y, S, R, X>} for a body that throws X. */
  private static TypeName generatorType(CoroutineMethod method) {
    return method.thrownType() == null
        ? ParameterizedTypeName.get(
            GENERATOR, method.yieldType(), method.sentType(), method.returnType())
        : ParameterizedTypeName.get(THROWING_GENERATOR, method.yieldType(), method.sentType(),
            method.returnType(), method.thrownType());
  }

  private static TypeSpec stateMachine(
      LoweredCoroutine coroutine, int index, String className, Set<String> inherited) {
    CoroutineMethod method = coroutine.method();
    StateMachineModel model = coroutine.model();
    Set<String> captured = new java.util.TreeSet<>(inherited);
    captured.addAll(model.localTypeNames());
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        // Marked too: coverage tools read the mark on each class file, nested ones included.
        .addAnnotation(generated())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addTypeVariables(method.typeVariables())
        .superclass(ParameterizedTypeName.get(STATE_MACHINE,
            uncaptured(method.yieldType(), captured), uncaptured(method.sentType(), captured),
            uncaptured(method.returnType(), captured)))
        .addSuperinterface(uncaptured(generatorType(method), captured))
        .addJavadoc("The state machine of {@code $L.$L}: its locals that live across a"
                + " suspension are fields, and {@code resume} continues at the label it is given.\n",
            method.enclosingType().getSimpleName(), method.name());
    for (StateMachineModel.Field field : model.fields()) {
      FieldSpec.Builder spec = FieldSpec.builder(uncaptured(field.type(), captured), field.name(),
          Modifier.PRIVATE);
      if (field.constant() != null) {
        spec.addModifiers(Modifier.STATIC, Modifier.FINAL)
            .initializer(code(field.constant(), captured));
      }
      type.addField(spec
          .addJavadoc("$L ({@code $L.$L})\n", field.description(),
              method.enclosingType().getSimpleName(), method.name())
          .build());
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc("A new, not yet started {@code $L.$L}.\n",
            method.enclosingType().getSimpleName(), method.name());
    if (method.isInstance()) {
      String receiver = receiverParameter(method);
      constructor.addParameter(uncaptured(method.receiverType(), captured), receiver);
      constructor.addStatement("this.$L = $L", model.receiverField(), receiver);
    }
    for (int i = 0; i < method.parameters().size(); i++) {
      VariableElement parameter = method.parameters().get(i);
      String name = parameter.getSimpleName().toString();
      constructor.addParameter(uncaptured(TypeName.get(parameter.asType()), captured), name);
      constructor.addStatement("this.$L = $L", model.parameterFields().get(i), name);
    }
    if (method.isInstance() || !method.parameters().isEmpty()) {
      // Else the default constructor, private like the class, which the factory beside it calls.
      type.addMethod(constructor.build());
    }
    if (!model.localTypes().isEmpty()) {
      // JavaPoet has no member written as text: the types go in a block that render() unwraps.
      CodeBlock.Builder types = CodeBlock.builder().add("// $L\n", LOCAL_TYPES);
      for (String local : model.localTypes()) {
        // Moved here, each is a class file of its own, marked like the state machine; by its
        // canonical name where a moved type takes its simple name.
        types.add(captured.contains(GENERATED.simpleName()) ? "@$L($S)\n" : "@$T($S)\n",
                captured.contains(GENERATED.simpleName()) ? GENERATED.canonicalName() : GENERATED,
                PROCESSOR)
            .add(code(local, captured)).add("\n");
      }
      type.addStaticBlock(types.build());
    }
    type.addMethod(send(method, captured));
    type.addMethod(resume(method, model, index, captured));
    if (!model.handlers().isEmpty()) {
      type.addMethod(handler(method, model));
    }
    if (model.lineMarks()) {
      // Written after resume: the table's literal, filled in by render(), moves no line of resume.
      type.addMethod(MethodSpec.methodBuilder("lineTable")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PROTECTED)
          .returns(String.class)
          .addJavadoc("Where each line of {@code resume} comes from in {@code $L.$L}, for the stack"
              + " traces of exceptions that leave it.\n",
              method.enclosingType().getSimpleName(), method.name())
          .addStatement("return $L", LineTables.table(index))
          .build());
    }
    return type.build();
  }

  /**
   * {@code send} of this class, which calls its own {@code resume} directly: the protocol's steps
   * live in {@code StateMachine}, but a call to {@code resume} there would be one call site shared
   * by every coroutine class of the program, too polymorphic to inline, and one method met at
   * every stage of a pipeline, which the JIT stops inlining into itself.
   */
  private static MethodSpec send(CoroutineMethod method, Set<String> captured) {
    return MethodSpec.methodBuilder("send")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(uncaptured(method.yieldType(), captured))
        .addParameter(uncaptured(method.sentType(), captured), "value")
        .addJavadoc("Resumes {@code $L} with {@code value}.\n", method.name())
        .addStatement("return leave(resume(value, enter(value)))")
        .build();
  }

  private static MethodSpec resume(
      CoroutineMethod method, StateMachineModel model, int index, Set<String> captured) {
    String at = model.atParameter();
    boolean routes = !model.handlers().isEmpty();
    CodeBlock.Builder body = CodeBlock.builder();
    for (StateMachineModel.Field local : model.stateLocals()) {
      // No resumption reads it before assigning it: the initial value is never read.
      body.addStatement("$T $L = $L", uncaptured(local.type(), captured), local.name(),
          initialValue(local.type()));
    }
    String begin = model.lineMarks() ? LineTables.begin(index) : "";
    String end = model.lineMarks() ? LineTables.end() : "";
    // Without a jump between states (none left after threading and fall-through) nor a handler to
    // continue at, resume goes round the switch once: no dispatch loop.
    String jump = "continue " + model.dispatchLabel() + ";";
    boolean loops = routes || model.states().stream().anyMatch(state -> state.code().contains(jump));
    body.add(begin);
    if (loops) {
      body.add("$L: while (true) {\n", model.dispatchLabel()).indent();
    }
    String running = at;
    if (routes) {
      // A break out of copied Java sets the label before that Java's finally blocks run: what
      // they throw belongs to the state that was running.
      running = model.runningLocal();
      body.addStatement("int $L = $L", running, at);
    }
    body.add("try {\n").indent();
    body.add("switch ($L) {\n", running).indent();
    for (StateMachineModel.State state : model.states()) {
      String labels = state.labels().stream()
          .map(label -> "case " + label + ":")
          .collect(Collectors.joining(" "));
      body.add("$L {$L\n", labels, state.comment() == null ? "" : " // " + state.comment());
      body.indent().add(code(state.code(), captured)).unindent();
      body.add("}\n");
    }
    body.add("$Ldefault:\n", end).indent();
    body.addStatement(
        "throw new $T($S + $L)", IllegalStateException.class, "no resume point ", running);
    body.unindent();
    body.unindent().add("}\n");
    body.unindent().add("} catch ($T error) {\n", Throwable.class).indent();
    if (routes) {
      // An exception goes to the catch or finally code of the try region it escaped, in handler.
      body.addStatement("$L = route($L, error)", at, running);
    } else {
      // It ends the coroutine: thrown from here, without the checked exceptions javac would see.
      body.addStatement("throw fail(error)");
    }
    body.unindent().add("}\n");
    if (loops) {
      body.unindent().add("}\n");
    }
    MethodSpec.Builder resume = MethodSpec.methodBuilder("resume");
    // The body's code is copied here: the warnings its author suppressed stay suppressed.
    Set<String> warnings = new java.util.TreeSet<>();
    SuppressWarnings suppressed = method.element().getAnnotation(SuppressWarnings.class);
    if (suppressed != null) {
      warnings.addAll(List.of(suppressed.value()));
    }
    warnings.addAll(model.suppressedWarnings());
    if (!warnings.isEmpty()) {
      AnnotationSpec.Builder annotation = AnnotationSpec.builder(SuppressWarnings.class);
      for (String warning : warnings) {
        annotation.addMember("value", "$S", warning);
      }
      resume.addAnnotation(annotation.build());
    }
    return resume
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(uncaptured(method.yieldType(), captured))
        .addParameter(uncaptured(method.sentType(), captured), model.sentParameter())
        .addParameter(int.class, model.atParameter())
        .addJavadoc("Runs {@code $L} from label {@code $L} to its next suspension point.\n",
            method.name(), model.atParameter())
        .addCode(body.build())
        .build();
  }

  /** A value of {@code type}, which Java requires before a local is read in a later state. */
  private static String initialValue(TypeName type) {
    switch (type.toString()) {
      case "boolean":
        return "false";
      case "byte": case "short": case "char": case "int": case "long": case "float": case "double":
        return "0";
      default:
        return "null";
    }
  }

  private static MethodSpec handler(CoroutineMethod method, StateMachineModel model) {
    CodeBlock.Builder body = CodeBlock.builder();
    body.add("switch (label) {\n").indent();
    for (StateMachineModel.Handler handler : model.handlers()) {
      String labels = handler.labels().stream()
          .map(label -> "case " + label + ":")
          .collect(Collectors.joining(" "));
      body.add("$L // $L\n", labels, handler.comment());
      body.indent().add("$L\n", handler.code()).unindent();
    }
    body.add("default:\n").indent().addStatement("return -1").unindent();
    body.unindent().add("}\n");
    return MethodSpec.methodBuilder("handler")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(int.class)
        .addParameter(int.class, "label")
        .addParameter(Throwable.class, "error")
        .addJavadoc("The try regions of {@code $L.$L}: where an exception escaping {@code label} is"
            + " handled.\n", method.enclosingType().getSimpleName(), method.name())
        .addCode(body.build())
        .build();
  }

  /** {@code self}, unless a parameter of the method has that name. */
  private static String receiverParameter(CoroutineMethod method) {
    String name = CoroutineMethod.RECEIVER;
    while (true) {
      String candidate = name;
      if (method.parameters().stream().noneMatch(p -> p.getSimpleName().contentEquals(candidate))) {
        return name;
      }
      name = name + "$";
    }
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String uniqueName(Set<String> taken, String name) {
    String candidate = name;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = name + n;
    }
    return candidate;
  }
}
