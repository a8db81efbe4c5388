package dev.jcoro.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jcoro.Coroutine;
import dev.jcoro.Generator;
import dev.jcoro.ThrowingGenerator;
import dev.jcoro.Yield;
import dev.jcoro.processor.CoroutineProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Sources compiled in memory with the jcoro processor (a new instance each time) and loaded, so a
 * test can start both the generated coroutine and, on a thread, the original method body.
 */
public final class CompiledSources {
  private final Compilation compilation;
  private final ClassLoader loader;

  private CompiledSources(Compilation compilation) {
    this.compilation = compilation;
    this.loader = new InMemoryLoader(compilation);
  }

  /** Compiles {@code source} (whose first class is {@code className}) and asserts a clean build. */
  public static CompiledSources compile(String className, String source) {
    return compile(Map.of(className, source));
  }

  /** Compiles {@code sources}, by the name of their first class, and asserts a clean build. */
  public static CompiledSources compile(Map<String, String> sources) {
    JavaFileObject[] files = sources.entrySet().stream()
        .map(entry -> JavaFileObjects.forSourceString(entry.getKey(), entry.getValue()))
        .toArray(JavaFileObject[]::new);
    Compilation compilation = javac(files);
    List<Diagnostic<? extends JavaFileObject>> problems = compilation.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR
            || d.getKind() == Diagnostic.Kind.WARNING
            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
        .collect(Collectors.toList());
    if (compilation.status() != Compilation.Status.SUCCESS || !problems.isEmpty()) {
      fail("expected a clean compilation, got:\n" + problems.stream()
          .map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName())
              + ":" + d.getLineNumber() + ": " + d.getMessage(null))
          .collect(Collectors.joining("\n"))
          + "\n" + (compilation.status() == Compilation.Status.SUCCESS
              ? generatedSources(compilation)
              : generatedWithoutCompiling(sources)));
    }
    return new CompiledSources(compilation);
  }

  /** Compiles with the processor and {@code -Xlint:all}, whatever the outcome. */
  public static Compilation javac(JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new CoroutineProcessor())
        .withOptions("-Xlint:all")
        .compile(sources);
  }

  /**
   * The sources the processor writes for {@code source}, found by running it alone
   * ({@code -proc:only}): compile-testing hides them when the compilation fails.
   */
  public static String generatedWithoutCompiling(String className, String source) {
    return generatedWithoutCompiling(Map.of(className, source));
  }

  /** The same for several sources, by the name of their first class. */
  public static String generatedWithoutCompiling(Map<String, String> sources) {
    try {
      java.nio.file.Path out = java.nio.file.Files.createTempDirectory("jcoro-generated");
      javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
      javax.tools.JavaCompiler.CompilationTask task = javac.getTask(null, null, d -> { },
          List.of("-proc:only", "-s", out.toString(), "-cp", System.getProperty("java.class.path")),
          null, sources.entrySet().stream()
              .map(entry -> JavaFileObjects.forSourceString(entry.getKey(), entry.getValue()))
              .collect(Collectors.toList()));
      task.setProcessors(List.of(new CoroutineProcessor()));
      task.call();
      try (var files = java.nio.file.Files.walk(out)) {
        return files.filter(java.nio.file.Files::isRegularFile).map(file -> {
          try {
            String text = java.nio.file.Files.readString(file);
            StringBuilder numbered = new StringBuilder("// " + out.relativize(file) + "\n");
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
              numbered.append(i + 1).append(": ").append(lines[i]).append('\n');
            }
            return numbered.toString();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).collect(Collectors.joining("\n"));
      }
    } catch (IOException e) {
      return "(could not write the generated sources: " + e + ")";
    }
  }

  /** Every generated source file, for failure messages. */
  public static String generatedSources(Compilation compilation) {
    return compilation.generatedSourceFiles().stream().map(file -> {
      try {
        return "// " + file.getName() + "\n" + file.getCharContent(true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).collect(Collectors.joining("\n"));
  }

  public Compilation compilation() {
    return compilation;
  }

  /** The loader of the compiled classes, for tests that set their assertion status first. */
  public ClassLoader loader() {
    return loader;
  }

  public Class<?> load(String className) {
    try {
      return Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Starts the generated coroutine through its factory {@code <Outer>Coroutines.method(args)}. */
  @SuppressWarnings("unchecked")
  public <Y, S, R> Generator<Y, S, R> generated(String outer, String method, Object... args) {
    int dot = outer.lastIndexOf('.');
    String factory = outer.substring(0, dot + 1)
        + outer.substring(dot + 1).replace('$', '_') + "Coroutines";
    Method m = find(load(factory), method, args.length);
    m.setAccessible(true);
    try {
      Object generator = m.invoke(null, args);
      // A coroutine that declares checked exceptions returns a ThrowingGenerator.
      return generator instanceof Generator ? (Generator<Y, S, R>) generator
          : new ThrowingAdapter<>((ThrowingGenerator<Y, S, R, ?>) generator);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw sneaky(e.getCause());
    }
  }

  /** Calls the factory {@code factory.method(args)} as it is, whatever type it returns. */
  @SuppressWarnings("unchecked")
  public <T> T generatedAs(String factory, String method, Object... args) {
    Method m = find(load(factory), method, args.length);
    m.setAccessible(true);
    try {
      return (T) m.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw sneaky(e.getCause());
    }
  }

  /**
   * Runs the original method body on a thread: the reference the state machine must match. For an
   * instance method, {@code args} starts with the receiver, as the factory's parameters do.
   */
  public <Y, S, R> Generator<Y, S, R> reference(String outer, String method, Object... args) {
    Class<?> type = load(outer);
    boolean instance = Arrays.stream(type.getDeclaredMethods())
        .anyMatch(m -> m.getName().equals(method) && !Modifier.isStatic(m.getModifiers())
            && m.getParameterCount() == args.length);
    Object receiver = instance ? args[0] : null;
    Object[] rest = instance ? Arrays.copyOfRange(args, 1, args.length) : args;
    Method m = find(type, method, rest.length + 1);
    m.setAccessible(true);
    Generator<Y, S, R> generator =
        new ThreadedGenerator<Y, S, R>(co -> invoke(m, receiver, co, rest));
    if (m.getAnnotation(Coroutine.class).primed()) {
      generator.next();
    }
    return generator;
  }

  /**
   * Drives the generated coroutine and the reference through {@code script} and asserts equal
   * transcripts; returns the generated one, for tests that also check it line by line.
   */
  public List<String> assertMatchesReference(
      String outer, String method, Object[] args, String... script) {
    List<String> reference = Transcript.withFrames(() -> reference(outer, method, args), script);
    List<String> generated = Transcript.withFrames(() -> generated(outer, method, args), script);
    assertEquals(String.join("\n", reference), String.join("\n", generated),
        outer + "." + method + " " + Arrays.toString(script));
    return generated;
  }

  @SuppressWarnings("unchecked")
  private static <R> R invoke(Method method, Object receiver, Yield<?, ?> co, Object[] args)
      throws Throwable {
    Object[] all = new Object[args.length + 1];
    all[0] = co;
    System.arraycopy(args, 0, all, 1, args.length);
    try {
      return (R) method.invoke(receiver, all);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Method find(Class<?> type, String name, int parameterCount) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(name) && m.getParameterCount() == parameterCount)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no method " + name + " in " + type));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /** Loads the class files of one compilation, delegating everything else to the test's loader. */
  private static final class InMemoryLoader extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();

    InMemoryLoader(Compilation compilation) {
      super(CompiledSources.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
              path.length() - ".class".length()).replace('/', '.');
          classes.put(name, file);
        }
      }
      assertEquals(false, classes.isEmpty(), "no class files were generated");
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject file = classes.get(name);
      if (file == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
