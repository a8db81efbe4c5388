package dev.jcoro.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.Trees;
import dev.jcoro.processor.analysis.BodyChecker;
import dev.jcoro.processor.analysis.EnclosingScope;
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
    for (Element element : annotated) {
      try {
        lower(element).ifPresent(lowered::add);
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
      CoroutinesWriter.Imports imports = imports(type, unit);
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

  private Optional<CoroutinesWriter.LoweredCoroutine> lower(Element element) {
    Optional<CoroutineMethod> read = new CoroutineReader(trees, errors).read(element);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    CoroutineMethod method = read.get();
    YieldCalls yields = new YieldCalls(method.handleName());
    EnclosingScope enclosing =
        new EnclosingScope(method.enclosingType(), processingEnv.getElementUtils(),
            method.isInstance() ? CoroutineMethod.RECEIVER : null);
    if (!BodyChecker.check(method, yields, errors, enclosing)) {
      return Optional.empty();
    }
    SourceText source = new SourceText(method.path().getCompilationUnit(), trees);
    Optional<StateMachineModel> model =
        Lowering.lower(method, yields, source, enclosing, errors);
    return model.map(m -> new CoroutinesWriter.LoweredCoroutine(method, m));
  }

  /** The user's imports, plus on-demand imports of the member types of the enclosing classes. */
  private CoroutinesWriter.Imports imports(TypeElement type, CompilationUnitTree unit) {
    List<String> lines = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (ImportTree tree : unit.getImports()) {
      lines.add("import " + (tree.isStatic() ? "static " : "") + tree.getQualifiedIdentifier() + ";");
      MemberSelectTree imported = (MemberSelectTree) tree.getQualifiedIdentifier();
      String simple = imported.getIdentifier().toString();
      if (tree.isStatic()) {
        continue;
      }
      if (simple.equals("*")) {
        String container = imported.getExpression().toString();
        memberNames(container).forEach(name -> names.putIfAbsent(name, container + "." + name));
      } else {
        names.put(simple, imported.toString());
      }
    }
    boolean namedPackage =
        !processingEnv.getElementUtils().getPackageOf(type).isUnnamed();
    for (Element outer = type; outer instanceof TypeElement && namedPackage;
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
    return new CoroutinesWriter.Imports(lines, names);
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
