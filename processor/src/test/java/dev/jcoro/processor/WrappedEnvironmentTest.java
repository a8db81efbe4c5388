package dev.jcoro.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Build tools run javac but may hand the processor their own wrapper around javac's processing
 * environment, which {@code Trees.instance} refuses: Gradle for an incremental processor (jcoro
 * declares itself isolating), a decorator keeping javac's in a field; IntelliJ IDEA's build, a
 * proxy answering {@code getWrapperDelegate()}. jcoro reads the trees through them and generates
 * as usual; a wrapper it can't see through is reported like a compiler without the tree API.
 */
class WrappedEnvironmentTest {
  private static final JavaFileObject SOURCE = JavaFileObjects.forSourceString("test.X", ""
      + "package test;\n"
      + "\n"
      + "import dev.jcoro.Coroutine;\n"
      + "import dev.jcoro.Yield;\n"
      + "\n"
      + "final class X {\n"
      + "  @Coroutine\n"
      + "  static void count(Yield<Integer, Void> co, int n) {\n"
      + "    for (int i = 0; i < n; i++) {\n"
      + "      co.yield(i);\n"
      + "    }\n"
      + "  }\n"
      + "\n"
      + "  @Coroutine\n"
      + "  static void echo(Yield<String, String> co) {\n"
      + "    co.yield(co.receive());\n"
      + "  }\n"
      + "\n"
      + "  static int first() {\n"
      + "    return XCoroutines.count(3).next();\n"
      + "  }\n"
      + "}\n");

  @Test
  void throughADecoratorKeepingJavacsInAField() {
    Compilation compilation = compileWrapped(GradleLikeEnvironment::new);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.XCoroutines");
  }

  @Test
  void throughAProxyThatAnswersGetWrapperDelegate() {
    Compilation compilation = compileWrapped(env -> proxy(env, true));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.XCoroutines");
  }

  @Test
  void aWrapperItCantSeeThroughIsNamedInOneErrorPerMethod() {
    ProcessingEnvironment[] wrapper = new ProcessingEnvironment[1];
    Compilation compilation = compileWrapped(env -> wrapper[0] = proxy(env, false));
    String expected = String.format(Messages.NO_TREE_API,
        "this compiler (its processing environment is " + wrapper[0].getClass().getName() + ")");
    // javac stops after the processor's errors: no "cannot find symbol" at the factory's use.
    List<String> errors = compilation.errors().stream()
        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
    assertEquals(Set.of("8: " + expected, "15: " + expected), Set.copyOf(errors));
    assertEquals(2, errors.size(), "one error per method");
  }

  private static Compilation compileWrapped(UnaryOperator<ProcessingEnvironment> wrap) {
    return Compiler.javac()
        .withProcessors(new Wrapping(new CoroutineProcessor(), wrap))
        .withOptions("-Xlint:all", "-Xlint:-processing")
        .compile(SOURCE);
  }

  /** IntelliJ's wrappers implement such an interface beside the one they wrap. */
  public interface WrapperDelegateAccessor {
    Object getWrapperDelegate();
  }

  /** A proxy for {@code env}; {@code exposed}: whether it answers getWrapperDelegate(). */
  private static ProcessingEnvironment proxy(ProcessingEnvironment env, boolean exposed) {
    Class<?>[] interfaces = exposed
        ? new Class<?>[] {ProcessingEnvironment.class, WrapperDelegateAccessor.class}
        : new Class<?>[] {ProcessingEnvironment.class};
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        WrappedEnvironmentTest.class.getClassLoader(), interfaces, (proxy, method, args) -> {
          if (method.getName().equals("getWrapperDelegate")) {
            return env;
          }
          try {
            return method.invoke(env, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Gradle's kind of wrapper: a class that keeps javac's environment in a private field. */
  private static final class GradleLikeEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    GradleLikeEnvironment(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return delegate.getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

  /** A processor that runs {@code processor} in a wrapped environment, as a build tool does. */
  private static final class Wrapping implements Processor {
    private final Processor processor;
    private final UnaryOperator<ProcessingEnvironment> wrap;

    Wrapping(Processor processor, UnaryOperator<ProcessingEnvironment> wrap) {
      this.processor = processor;
      this.wrap = wrap;
    }

    @Override
    public Set<String> getSupportedOptions() {
      return processor.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return processor.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return processor.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment env) {
      processor.init(wrap.apply(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return processor.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element,
        AnnotationMirror annotation, ExecutableElement member, String userText) {
      return processor.getCompletions(element, annotation, member, userText);
    }
  }
}
