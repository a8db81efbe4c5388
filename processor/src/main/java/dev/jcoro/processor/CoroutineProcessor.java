package dev.jcoro.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.Trees;
import dev.jcoro.processor.analysis.BodyChecker;
import dev.jcoro.processor.analysis.EnclosingScope;
import dev.jcoro.processor.analysis.TypeNames;
import dev.jcoro.processor.analysis.YieldCalls;
import dev.jcoro.processor.lower.Lowering;
import dev.jcoro.processor.lower.SourceText;
import dev.jcoro.processor.lower.StateMachineModel;
import dev.jcoro.processor.read.CoroutineMethod;
import dev.jcoro.processor.read.CoroutineReader;
import dev.jcoro.processor.write.CoroutinesWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/**
 * The jcoro annotation processor: for each class with {@code @Coroutine} methods, reads each method
 * ({@link CoroutineReader}), checks its body ({@link BodyChecker}), lowers it to a state machine
 * ({@link Lowering}) and writes the class's {@code ...Coroutines} file ({@link CoroutinesWriter}).
 * A method with a problem gets its errors and no code; the others of its class are still written.
 */
@AutoService(Processor.class)
public final class CoroutineProcessor extends AbstractProcessor {
  private final UnaryOperator<Filer> filers;
  private Trees trees;
  private ErrorReporter errors;

  /** The processor javac (or Gradle, or Maven) runs. */
  public CoroutineProcessor() {
    this(filer -> filer);
  }

  /** For tests: {@code filers} sees the files written, with their originating elements. */
  CoroutineProcessor(UnaryOperator<Filer> filers) {
    this.filers = filers;
  }

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    trees = Trees.instance(processingEnv);
    errors = new ErrorReporter(processingEnv.getMessager(), trees);
  }

  /** By name: the processor does not need jcoro-annotations on its own path to start. */
  static final String COROUTINE = "dev.jcoro.Coroutine";

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(COROUTINE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<TypeElement, List<Element>> byType = new LinkedHashMap<>();
    TypeElement coroutine = processingEnv.getElementUtils().getTypeElement(COROUTINE);
    if (coroutine == null) {
      return false;
    }
    for (Element element : round.getElementsAnnotatedWith(coroutine)) {
      Element enclosing = element.getEnclosingElement();
      if (enclosing instanceof TypeElement) {
        byType.computeIfAbsent((TypeElement) enclosing, t -> new ArrayList<>()).add(element);
      } else {
        errors.error(element, Messages.NOT_A_BODY);
      }
    }
    byType.forEach(this::processType);
    return true;
  }

  private void processType(TypeElement type, List<Element> annotated) {
    List<CoroutinesWriter.LoweredCoroutine> lowered = new ArrayList<>();
    EnclosingScope.MemberIndex members =
        new EnclosingScope.MemberIndex(processingEnv.getElementUtils());
    for (Element element : annotated) {
      try {
        lower(element, members).ifPresent(lowered::add);
      } catch (RuntimeException | StackOverflowError bug) {
        errors.error(element, String.format(Messages.INTERNAL_ERROR, element.getSimpleName(), bug));
      }
    }
    if (lowered.isEmpty()) {
      return;
    }
    try {
      CoroutineMethod first = lowered.get(0).method();
      CompilationUnitTree unit = first.path().getCompilationUnit();
      CoroutinesWriter.Imports imports =
          imports(type, unit, CoroutinesWriter.referencedSimpleNames(lowered));
      JavaFile file = CoroutinesWriter.write(type, lowered, imports);
      String name = first.factoryClassName().canonicalName();
      // One originating element per file, the class itself: Gradle's isolating contract.
      JavaFileObject source = filers.apply(processingEnv.getFiler()).createSourceFile(name, type);
      try (Writer writer = source.openWriter()) {
        writer.write(CoroutinesWriter.render(file, imports));
      }
    } catch (IOException | RuntimeException bug) {
      errors.error(type, String.format(Messages.INTERNAL_ERROR, type.getSimpleName(), bug));
    }
  }

  private Optional<CoroutinesWriter.LoweredCoroutine> lower(
      Element element, EnclosingScope.MemberIndex members) {
    Optional<CoroutineMethod> read = new CoroutineReader(trees, errors).read(element);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    CoroutineMethod method = read.get();
    YieldCalls yields = new YieldCalls(method.handleName());
    EnclosingScope enclosing =
        new EnclosingScope(method.enclosingType(), processingEnv.getElementUtils(), members,
            method.isInstance() ? CoroutineMethod.RECEIVER : null);
    if (!BodyChecker.check(method, yields, errors, enclosing)) {
      return Optional.empty();
    }
    SourceText source = new SourceText(method.path().getCompilationUnit(), trees);
    TypeNames typeNames = new TypeNames(method, method.path().getCompilationUnit(),
        processingEnv.getElementUtils(), enclosing);
    Optional<StateMachineModel> model =
        Lowering.lower(method, yields, source, enclosing, typeNames, errors);
    return model.map(m -> new CoroutinesWriter.LoweredCoroutine(method, m));
  }

  /**
   * The user's imports that resolve (javac reports the others in the user's file), plus on-demand
   * imports of the enclosing classes' member types; and every simple name the copied code may use
   * for a type, by Java's precedence: single-type imports, then the package, then on-demand imports.
   */
  private CoroutinesWriter.Imports imports(
      TypeElement type, CompilationUnitTree unit, Set<String> referencedNames) {
    Elements elements = processingEnv.getElementUtils();
    List<String> lines = new ArrayList<>();
    Map<String, String> singleType = new HashMap<>();
    Map<String, String> onDemand = new HashMap<>();
    for (ImportTree tree : unit.getImports()) {
      MemberSelectTree imported = (MemberSelectTree) tree.getQualifiedIdentifier();
      String container = imported.getExpression().toString();
      String simple = imported.getIdentifier().toString();
      boolean resolves = simple.equals("*")
          ? elements.getTypeElement(container) != null || elements.getPackageElement(container) != null
          : elements.getTypeElement(tree.isStatic() ? container : imported.toString()) != null;
      if (!resolves) {
        continue;
      }
      lines.add("import " + (tree.isStatic() ? "static " : "") + imported + ";");
      if (tree.isStatic()) {
        continue;
      }
      if (simple.equals("*")) {
        memberNames(container).forEach(name -> onDemand.putIfAbsent(name, container + "." + name));
      } else {
        singleType.put(simple, imported.toString());
      }
    }
    PackageElement pkg = elements.getPackageOf(type);
    Map<String, String> names = new HashMap<>(onDemand);
    // Only the names the generated code uses: listing the package would make javac compile
    // every source file it can find there.
    for (String simple : referencedNames) {
      String qualified = pkg.isUnnamed() ? simple : pkg.getQualifiedName() + "." + simple;
      if (elements.getTypeElement(qualified) != null) {
        names.put(simple, qualified);
      }
    }
    for (Element outer = type; outer instanceof TypeElement && !pkg.isUnnamed();
        outer = outer.getEnclosingElement()) {
      TypeElement enclosing = (TypeElement) outer;
      boolean hasMemberTypes = false;
      for (Element member : enclosing.getEnclosedElements()) {
        if (member.getKind().isClass() || member.getKind().isInterface()) {
          names.putIfAbsent(member.getSimpleName().toString(),
              ((TypeElement) member).getQualifiedName().toString());
          hasMemberTypes = true;
        }
      }
      if (hasMemberTypes) {
        lines.add("import " + enclosing.getQualifiedName() + ".*;");
      }
    }
    names.putAll(singleType);
    boolean auxiliary = unit.getTypeDecls().size() > 1;
    return new CoroutinesWriter.Imports(lines, names, auxiliary);
  }

  /** The simple names an on-demand import of {@code qualified} brings in. */
  private Set<String> memberNames(String qualified) {
    Set<String> names = new HashSet<>();
    Element container = processingEnv.getElementUtils().getTypeElement(qualified);
    if (container == null) {
      PackageElement pkg = processingEnv.getElementUtils().getPackageElement(qualified);
      container = pkg;
    }
    if (container != null) {
      for (Element member : container.getEnclosedElements()) {
        if (member.getKind() != ElementKind.PACKAGE) {
          names.add(member.getSimpleName().toString());
        }
      }
    }
    return names;
  }
}
