package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Gradle runs the processor incrementally as an isolating processor, as its jar declares: each
 * generated file must have exactly one originating element, the class whose coroutines it holds.
 */
class IncrementalProcessingTest {
  @Test
  void theJarDeclaresAnIsolatingProcessor() throws IOException {
    try (InputStream in = CoroutineProcessor.class.getResourceAsStream(
        "/META-INF/gradle/incremental.annotation.processors")) {
      assertNotNull(in, "META-INF/gradle/incremental.annotation.processors is missing");
      assertEquals(CoroutineProcessor.class.getName() + ",isolating",
          new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    }
  }

  @Test
  void eachGeneratedFileHasOneOriginatingElementItsClass() {
    List<String> files = new ArrayList<>();
    CoroutineProcessor processor = new CoroutineProcessor(filer -> recording(filer, files));
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(
        JavaFileObjects.forSourceString("test.A", ""
            + "package test;\n"
            + "import dev.jcoro.Coroutine;\n"
            + "import dev.jcoro.Yield;\n"
            + "class A {\n"
            + "  @Coroutine static void one(Yield<Integer, Void> co) { co.yield(1); }\n"
            + "  @Coroutine static void two(Yield<Integer, Void> co) { co.yield(2); }\n"
            + "  static class Inner {\n"
            + "    @Coroutine static void three(Yield<Integer, Void> co) { co.yield(3); }\n"
            + "  }\n"
            + "}\n"),
        JavaFileObjects.forSourceString("test.B", ""
            + "package test;\n"
            + "import dev.jcoro.Coroutine;\n"
            + "import dev.jcoro.Yield;\n"
            + "class B {\n"
            + "  @Coroutine static void four(Yield<Integer, Void> co) { co.yield(4); }\n"
            + "}\n"));
    assertEquals(Compilation.Status.SUCCESS, compilation.status());
    assertEquals(List.of(
            "test.ACoroutines <- [test.A]",
            "test.A_InnerCoroutines <- [test.A.Inner]",
            "test.BCoroutines <- [test.B]"),
        files.stream().sorted().collect(Collectors.toList()));
  }

  /** A Filer that records each source file's name and originating elements. */
  private static Filer recording(Filer filer, List<String> files) {
    return (Filer) Proxy.newProxyInstance(Filer.class.getClassLoader(), new Class<?>[] {Filer.class},
        (proxy, method, args) -> {
          if (method.getName().equals("createSourceFile")) {
            Element[] origins = (Element[]) args[1];
            files.add(args[0] + " <- " + Arrays.stream(origins)
                .map(e -> ((TypeElement) e).getQualifiedName().toString())
                .collect(Collectors.toList()));
          }
          try {
            return method.invoke(filer, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
