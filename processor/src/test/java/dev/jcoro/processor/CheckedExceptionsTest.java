package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jcoro.ThrowingGenerator;
import dev.jcoro.processor.testing.CompiledSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A coroutine that declares checked exceptions: its factory returns a ThrowingGenerator whose
 * methods declare them, so javac checks the caller's catch; the body runs as the reference does.
 */
class CheckedExceptionsTest {
  private static final String CLASS = "programs.Checked";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Checked.java"));
  }

  private static Method factory(String name) {
    return Arrays.stream(compiled.load("programs.CheckedCoroutines").getDeclaredMethods())
        .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theFactoryReturnTypeCarriesTheCheckedException() {
    assertEquals("dev.jcoro.ThrowingGenerator<java.lang.String, java.lang.Void, java.lang.Void,"
        + " java.io.IOException>", factory("lines").getGenericReturnType().getTypeName());
    // Several: their closest common superclass.
    assertEquals("dev.jcoro.ThrowingGenerator<java.lang.String, java.lang.Void, java.lang.String,"
        + " java.lang.Exception>", factory("either").getGenericReturnType().getTypeName());
    assertEquals("dev.jcoro.ThrowingGenerator<java.lang.Integer, java.lang.Void, java.lang.Void,"
        + " X>", factory("generic").getGenericReturnType().getTypeName());
    // Unchecked exceptions leave the plain Generator.
    assertEquals("dev.jcoro.Generator<java.lang.Integer, java.lang.Void, java.lang.Void>",
        factory("unchecked").getGenericReturnType().getTypeName());
    // Only a primed factory runs the body, so only it declares the exception.
    assertEquals(List.of(IOException.class), List.of(factory("failsWhenPrimed").getExceptionTypes()));
    assertEquals(List.of(), List.of(factory("lines").getExceptionTypes()));
  }

  @Test
  void callersCatchTheCheckedExceptionAsJavacChecksIt() throws Exception {
    Class<?> checked = compiled.load(CLASS);
    assertEquals("line 0 / line 1 unreadable", call(checked, "caller"));
    assertEquals(List.of("line 0", "line 1"), call(checked, "withResources"));
    assertEquals("at once", call(checked, "primed"));
  }

  private static Object call(Class<?> type, String name) throws Exception {
    Method method = type.getDeclaredMethod(name);
    method.setAccessible(true);
    return method.invoke(null);
  }

  @Test
  void aCallerThatDoesNotCatchItDoesNotCompile() throws IOException {
    String caller = "package programs;\n"
        + "class Caller {\n"
        + "  static String first() {\n"
        + "    return CheckedCoroutines.lines(3, 1).next();\n"
        + "  }\n"
        + "}\n";
    Compilation compilation = CompiledSources.javac(
        JavaFileObjects.forSourceString(CLASS, ControlFlowTest.resource("/programs/Checked.java")),
        JavaFileObjects.forSourceString("programs.Caller", caller));
    List<String> errors = compilation.errors().stream()
        .map(d -> d.getSource().getName().replaceAll(".*/", "") + ":" + d.getLineNumber() + ": "
            + d.getMessage(null))
        .toList();
    assertEquals(List.of("Caller.java:4: unreported exception java.io.IOException; must be caught"
        + " or declared to be thrown"), errors);
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        Arguments.of("lines", new Object[] {3, 1}, List.of("next", "next", "next")),
        Arguments.of("lines", new Object[] {3, 9}, List.of("next", "next", "next", "next", "next")),
        Arguments.of("lines", new Object[] {3, 9},
            List.of("next", "throw:IOException:thrown in", "next")),
        Arguments.of("either", new Object[] {0}, List.of("next", "next", "next")),
        Arguments.of("either", new Object[] {1}, List.of("next", "next", "next")),
        Arguments.of("either", new Object[] {2}, List.of("next", "next")),
        Arguments.of("generic", new Object[] {new IOException("g")}, List.of("next", "next")),
        Arguments.of("delegating", new Object[0],
            List.of("next", "next", "next", "next", "next", "next")),
        Arguments.of("delegating", new Object[0],
            List.of("next", "next", "next", "throw:IOException:in the delegate", "next")),
        Arguments.of("lines", new Object[] {3, 1}, List.of("iterate")));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  @Test
  void forEachAndStreamsWrapTheCheckedException() {
    ThrowingGenerator<String, Void, Void, IOException> lines =
        compiled.generatedAs("programs.CheckedCoroutines", "lines", 3, 1);
    UncheckedIOException wrapped = assertThrows(UncheckedIOException.class, () -> {
      for (String line : lines) {
        assertEquals("line 0", line);
      }
    });
    assertEquals("line 1 unreadable", wrapped.getCause().getMessage());

    ThrowingGenerator<String, Void, String, Exception> either =
        compiled.generatedAs("programs.CheckedCoroutines", "either", 2);
    UndeclaredThrowableException undeclared =
        assertThrows(UndeclaredThrowableException.class, () -> either.stream().toList());
    assertInstanceOf(SQLException.class, undeclared.getCause());
  }

  @Test
  void throwsThrowableIsRefusedWithWhatToDeclare() {
    String source = "package programs;\n"
        + "import dev.jcoro.Coroutine;\n"
        + "import dev.jcoro.Yield;\n"
        + "class Broad {\n"
        + "  @Coroutine\n"
        + "  static void broad(Yield<Integer, Void> co) throws Throwable {\n"
        + "    co.yield(1);\n"
        + "  }\n"
        + "}\n";
    Compilation compilation =
        CompiledSources.javac(JavaFileObjects.forSourceString("programs.Broad", source));
    List<Diagnostic<?>> errors = List.copyOf(compilation.errors());
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(6, errors.get(0).getLineNumber());
    assertTrue(errors.get(0).getMessage(null).equals(String.format(Messages.THROWS_THROWABLE,
        "Throwable")), errors.get(0).getMessage(null));
  }
}
