package dev.jcoro.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.jcoro.processor.analysis.BodyChecker;
import dev.jcoro.processor.analysis.LocalTypes;
import dev.jcoro.processor.analysis.NameResolution;
import dev.jcoro.processor.analysis.Names;
import dev.jcoro.processor.analysis.YieldCalls;
import dev.jcoro.processor.lower.Lowering;
import dev.jcoro.processor.lower.SourceText;
import dev.jcoro.processor.model.StateMachineModel;
import dev.jcoro.processor.read.CoroutineMethod;
import dev.jcoro.processor.read.CoroutineReader;
import dev.jcoro.processor.write.CoroutinesWriter;
import dev.jcoro.processor.write.FactoryDocs;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
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
  /** Null where the compiler has no javac underneath (ECJ): then {@link #compiler} names it. */
  private Trees trees;
  private String compiler;
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
    boolean noJdkCompiler = false;
    try {
      trees = CompilerTrees.of(processingEnv);
    } catch (LinkageError missing) {
      noJdkCompiler = true;
    } catch (RuntimeException | AssertionError unusable) {
      // Trees.instance's own failure to reach javac's: as if there were none.
    }
    if (trees == null) {
      // Nothing of com.sun.source is touched from here on: it may not even be there.
      compiler = CompilerTrees.describe(processingEnv, noJdkCompiler);
      return;
    }
    errors = new ErrorReporter(processingEnv.getMessager(), trees);
  }

  /** By name: the processor does not need jcoro-annotations on its own path to start. */
  static final String COROUTINE = "dev.jcoro.Coroutine";

  /**
   * The mark on the files the processor writes. Claimed, like {@code @Coroutine}, so that javac's
   * {@code -Xlint:processing} does not report it, in the next round, as an annotation no processor
   * claimed.
   */
  static final String GENERATED = "dev.jcoro.Generated";

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(COROUTINE, GENERATED);
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
    if (trees == null) {
      // Without the bodies there is nothing to generate: say why on each method, instead of
      // leaving only the compiler's errors at uses of the factories that never appear.
      for (Element element : round.getElementsAnnotatedWith(coroutine)) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            String.format(Messages.NO_TREE_API, compiler), element);
      }
      return true;
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
    Set<String> unresolved = new TreeSet<>();
    Names.MemberIndex members = new Names.MemberIndex(processingEnv.getElementUtils());
    Map<Element, TreePath> methodPaths = methodPaths(type);
    for (Element element : annotated) {
      try {
        lower(element, methodPaths.get(element), members, unresolved).ifPresent(lowered::add);
      } catch (RuntimeException | StackOverflowError bug) {
        errors.error(element,
            String.format(Messages.INTERNAL_ERROR, element.getSimpleName(), describe(bug)));
      }
    }
    if (lowered.isEmpty()) {
      return;
    }
    try {
      CoroutineMethod first = lowered.get(0).method();
      CompilationUnitTree unit = first.path().getCompilationUnit();
      CoroutinesWriter.Imports imports = imports(unit, unresolved);
      JavaFile file = CoroutinesWriter.write(type, lowered, imports, inheritedTypeNames(members),
          // javac's Trees are its DocTrees too, found through a build tool's wrapper.
          new FactoryDocs(trees instanceof DocTrees ? (DocTrees) trees : null));
      String name = first.factoryClassName().canonicalName();
      // One originating element per file, the class itself: Gradle's isolating contract.
      JavaFileObject source = filers.apply(processingEnv.getFiler()).createSourceFile(name, type);
      try (Writer writer = source.openWriter()) {
        writer.write(CoroutinesWriter.render(file, imports, lowered));
      }
    } catch (IOException | RuntimeException bug) {
      errors.error(type, String.format(Messages.INTERNAL_ERROR, type.getSimpleName(), describe(bug)));
    }
  }

  /** A bug's exception and where in jcoro it was thrown: what a report needs. */
  private static String describe(Throwable bug) {
    for (StackTraceElement frame : bug.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.jcoro.")) {
        return bug + " at " + frame;
      }
    }
    return bug.toString();
  }

  /**
   * The path of each method declared in {@code type}, found once: {@code Trees.getPath} of an
   * element searches the compilation unit from its top, quadratic in a file of many coroutines.
   */
  private Map<Element, TreePath> methodPaths(TypeElement type) {
    Map<Element, TreePath> paths = new HashMap<>();
    TreePath classPath = trees.getPath(type);
    if (classPath != null && classPath.getLeaf() instanceof ClassTree) {
      for (Tree member : ((ClassTree) classPath.getLeaf()).getMembers()) {
        if (member instanceof MethodTree) {
          TreePath path = new TreePath(classPath, member);
          Element element = trees.getElement(path);
          if (element != null) {
            paths.put(element, path);
          }
        }
      }
    }
    return paths;
  }

  private Optional<CoroutinesWriter.LoweredCoroutine> lower(Element element, TreePath path,
      Names.MemberIndex members, Set<String> unresolved) {
    Optional<CoroutineMethod> read = new CoroutineReader(trees, processingEnv.getTypeUtils(),
        processingEnv.getElementUtils(), errors).read(element, path);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    CoroutineMethod method = read.get();
    YieldCalls yields = new YieldCalls(method.handleName());
    if (!BodyChecker.check(method, yields, errors)) {
      return Optional.empty();
    }
    CompilationUnitTree unit = method.path().getCompilationUnit();
    Names names = new Names(method, unit, processingEnv.getElementUtils(), members);
    LocalTypes locals = new LocalTypes(trees, method);
    NameResolution resolution =
        NameResolution.of(method, names, locals, processingEnv.getTypeUtils(), errors);
    if (resolution.failed()) {
      return Optional.empty();
    }
    SourceText source = new SourceText(unit, trees);
    Optional<StateMachineModel> model = Lowering.lower(
        method, yields, source, resolution, locals, resolution.expressionTypes(), errors);
    model.ifPresent(m -> unresolved.addAll(resolution.unresolvedNames()));
    return model.map(m -> new CoroutinesWriter.LoweredCoroutine(method, m));
  }

  /**
   * The member types the generated state machines inherit ({@code Generator.State}): they would
   * capture a type of the user's of the same simple name, which the writer then qualifies.
   */
  private Set<String> inheritedTypeNames(Names.MemberIndex members) {
    Set<String> inherited = new TreeSet<>();
    for (String supertype
        : List.of("dev.jcoro.StateMachine", "dev.jcoro.Generator", "dev.jcoro.ThrowingGenerator")) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(supertype);
      if (type != null) {
        for (TypeElement member
            : ElementFilter.typesIn(processingEnv.getElementUtils().getAllMembers(type))) {
          inherited.add(member.getSimpleName().toString());
        }
      }
    }
    return inherited;
  }

  /**
   * The user's imports the generated file needs: none, as every name the copied code uses is
   * written by what it denotes, except names javac does not know yet (a class another processor
   * will generate), which keep the imports that may bring them in: the single imports of those
   * names, each once, and the on-demand imports only while a name is left that no single import
   * brings in.
   */
  private CoroutinesWriter.Imports imports(CompilationUnitTree unit, Set<String> unresolved) {
    Set<String> single = new LinkedHashSet<>();
    Set<String> onDemand = new LinkedHashSet<>();
    Set<String> covered = new TreeSet<>();
    for (ImportTree tree : unresolved.isEmpty() ? List.<ImportTree>of() : unit.getImports()) {
      if (!(tree.getQualifiedIdentifier() instanceof MemberSelectTree)) {
        continue;
      }
      MemberSelectTree imported = (MemberSelectTree) tree.getQualifiedIdentifier();
      String simple = imported.getIdentifier().toString();
      String line = "import " + (tree.isStatic() ? "static " : "") + imported + ";";
      if (simple.equals("*")) {
        onDemand.add(line);
      } else if (unresolved.contains(simple)) {
        single.add(line);
        covered.add(simple);
      }
    }
    List<String> lines = new ArrayList<>(single);
    if (!covered.containsAll(unresolved)) {
      lines.addAll(onDemand);
    }
    boolean auxiliary = unit.getTypeDecls().size() > 1;
    return new CoroutinesWriter.Imports(lines, unresolved, auxiliary);
  }
}
