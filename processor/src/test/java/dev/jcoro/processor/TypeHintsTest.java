package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.SourceLines;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The hints of the diagnostics name the types the user wrote or javac knows (the handle's type
 * arguments, what a delegation returns, a local's type), never a placeholder: each test checks the
 * whole text of the one error, on the line marked {@code // <--}.
 */
class TypeHintsTest {
  private static final String MARK = "// <--";
  private static final String HEADER = "package test;\n"
      + "\n"
      + "import dev.jcoro.Coroutine;\n"
      + "import dev.jcoro.Generator;\n"
      + "import dev.jcoro.Yield;\n"
      + "import java.util.List;\n"
      + "import java.util.Map;\n"
      + "import java.util.function.Supplier;\n"
      + "\n";

  // ---------------------------------------------------------------- the handle

  @Test
  void aHandleAfterOtherParametersIsShownFirst() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(\n"
        + "      int n, " + MARK + "\n"
        + "      Yield<Map.Entry<String, Integer>, List<String>> co,\n"
        + "      String... names) {\n"
        + "    co.receive();\n"
        + "  }\n"
        + "}\n",
        "the handle `co` must be a @Coroutine method's first parameter:"
            + " `m(Yield<Map.Entry<String, Integer>, List<String>> co, int n, String... names)`");
  }

  @Test
  void aVarargsHandleIsDeclaredAsOne() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  @SafeVarargs\n"
        + "  static void m(\n"
        + "      Yield<Integer, Void>... co) { " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "the handle is one Yield, not an array or varargs of them:"
            + " declare it `Yield<Integer, Void> co`");
  }

  @Test
  void anArrayOfHandlesIsDeclaredAsOne() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(\n"
        + "      Yield<List<String>, Void>[] handles) { " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "the handle is one Yield, not an array or varargs of them:"
            + " declare it `Yield<List<String>, Void> handles`");
  }

  @Test
  void wildcardsOfTheHandleBecomeTheirBounds() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(\n"
        + "      Yield<? extends List<? extends Number>, ? super Integer> co) { " + MARK + "\n"
        + "  }\n"
        + "}\n",
        "the handle must name its types, without wildcards: declare it"
            + " `Yield<List<? extends Number>, Integer> co` (Void for a coroutine that yields"
            + " nothing or is never sent anything)");
  }

  @Test
  void anUnboundedWildcardOfTheHandleBecomesObject() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(\n"
        + "      Yield<?, Map.Entry<String, Integer>> co) { " + MARK + "\n"
        + "    co.receive();\n"
        + "  }\n"
        + "}\n",
        "the handle must name its types, without wildcards: declare it"
            + " `Yield<Object, Map.Entry<String, Integer>> co` (Void for a coroutine that yields"
            + " nothing or is never sent anything)");
  }

  @Test
  void aPrivateCoroutineOfANestedClassNamesTheGeneratedClass() {
    assertOnlyError(""
        + "final class X {\n"
        + "  static final class Inner {\n"
        + "    @Coroutine\n"
        + "    private static void m(Yield<Integer, Void> co) { " + MARK + "\n"
        + "      co.yield(1);\n"
        + "    }\n"
        + "  }\n"
        + "}\n",
        "a @Coroutine method cannot be private: the generated X_InnerCoroutines class must see"
            + " its signature; make it package-private");
  }

  // ---------------------------------------------------------------- a yield moved to a local

  @Test
  void aReceivedValueIsDeclaredWithTheSentType() {
    // A method reference's receiver is evaluated before the reference exists.
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Void, Map.Entry<String, List<Integer>>> co) {\n"
        + "    Supplier<String> key = co.receive()::getKey; " + MARK + "\n"
        + "    System.out.println(key.get());\n"
        + "  }\n"
        + "}\n",
        "move the yield into its own statement (`Map.Entry<String, List<Integer>> x ="
            + " co.receive();`): here its value would have to be kept across another suspension,"
            + " and the value of the part around it too");
  }

  @Test
  void aGenericCoroutineReceivesItsOwnTypeVariable() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static <T extends CharSequence> void m(Yield<Void, List<T>> co) {\n"
        + "    Supplier<Integer> size = co.receive()::size; " + MARK + "\n"
        + "    System.out.println(size.get());\n"
        + "  }\n"
        + "}\n",
        "move the yield into its own statement (`List<T> x = co.receive();`): here its value"
            + " would have to be kept across another suspension, and the value of the part around"
            + " it too");
  }

  @Test
  void aDelegationToAGeneratorIsDeclaredWithItsResultType() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co, Generator<Integer, Void, List<String>> inner) {\n"
        + "    Supplier<Integer> size = co.yieldFrom(inner)::size; " + MARK + "\n"
        + "    System.out.println(size.get());\n"
        + "  }\n"
        + "}\n",
        "move the yield into its own statement (`List<String> x = co.yieldFrom(inner);`): here"
            + " its value would have to be kept across another suspension, and the value of the"
            + " part around it too");
  }

  @Test
  void aDelegationToAGeneratorWithAWildcardResultIsDeclaredWithItsBound() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co,\n"
        + "      Generator<Integer, Void, ? extends CharSequence> inner) {\n"
        + "    Supplier<Integer> length = co.yieldFrom(inner)::length; " + MARK + "\n"
        + "    System.out.println(length.get());\n"
        + "  }\n"
        + "}\n",
        "move the yield into its own statement (`CharSequence x = co.yieldFrom(inner);`): here"
            + " its value would have to be kept across another suspension, and the value of the"
            + " part around it too");
  }

  @Test
  void aDelegationToAnIterableIsDeclaredVoid() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co, List<Integer> values) {\n"
        + "    Supplier<String> text = co.yieldFrom(values)::toString; " + MARK + "\n"
        + "    System.out.println(text.get());\n"
        + "  }\n"
        + "}\n",
        "move the yield into its own statement (`Void x = co.yieldFrom(values);`): here its value"
            + " would have to be kept across another suspension, and the value of the part around"
            + " it too");
  }

  // ---------------------------------------------------------------- kept values

  @Test
  void aSwitchExpressionOfUnreadableTypeListsItsResultTypes() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<String, String> co, int n) {\n"
        + "    System.out.println(switch (n) { " + MARK + "\n"
        + "      case 1 -> co.yield(\"one\");\n"
        + "      case 2 -> List.of(2);\n"
        + "      case 3 -> \"three\";\n"
        + "      default -> 0;\n"
        + "    });\n"
        + "  }\n"
        + "}\n",
        "the value of this switch expression is kept across a suspension, and jcoro can't read"
            + " its type here (its results are `String`, `List<Integer>` and `int`): assign it to a"
            + " local of its own, declared with the type its use needs");
  }

  @Test
  void aVarOfAnAnonymousClassNamesItsSupertype() {
    assertOnlyError(""
        + "final class X {\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Integer, Void> co) {\n"
        + "    var task = new Runnable() { " + MARK + "\n"
        + "      int runs;\n"
        + "      public void run() { runs++; }\n"
        + "    };\n"
        + "    co.yield(1);\n"
        + "    task.run();\n"
        + "    System.out.println(task.runs);\n"
        + "  }\n"
        + "}\n",
        "`var task` lives across a yield, so jcoro declares it again outside the body, and its"
            + " type, an anonymous class implementing `Runnable`, has no name in Java: give it an"
            + " explicit type");
  }

  @Test
  void aVarOfAnIntersectionNamesItsBounds() {
    assertOnlyError(""
        + "final class X {\n"
        + "  interface Named {}\n"
        + "\n"
        + "  interface Sized {}\n"
        + "\n"
        + "  static final class Box implements Named, Sized {}\n"
        + "\n"
        + "  static final class Bag implements Named, Sized {}\n"
        + "\n"
        + "  @Coroutine\n"
        + "  static void m(Yield<Object, Void> co, boolean flag) {\n"
        + "    var either = flag ? new Box() : new Bag(); " + MARK + "\n"
        + "    co.yield(either);\n"
        + "    co.yield(either);\n"
        + "  }\n"
        + "}\n",
        "`var either` lives across a yield, so jcoro declares it again outside the body, and its"
            + " type, the intersection `X.Named & X.Sized`, has no name in Java: give it an explicit"
            + " type");
  }

  // ---------------------------------------------------------------- helpers

  /** Compiles {@code body} and asserts that its only error is {@code message}, on the marked line. */
  private static void assertOnlyError(String body, String message) {
    String source = HEADER + body;
    JavaFileObject file = JavaFileObjects.forSourceString("test.X", source);
    Compilation compilation = CompiledSources.javac(file);
    List<String> errors = compilation.errors().stream()
        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
    assertEquals(List.of(markedLine(source) + ": " + message), errors);
  }

  private static int markedLine(String source) {
    return SourceLines.lineOf(source, MARK);
  }
}
