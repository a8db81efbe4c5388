package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Names the body uses mean in the generated class what they mean in the user's: each is written
 * by what it denotes (Java's scoping, hiding, inheritance, overloads and imports), so nothing the
 * generated class inherits or imports captures it.
 */
class NamesTest {
  private static final String HEADER = "import dev.jcoro.Coroutine;\nimport dev.jcoro.Yield;\n";

  /** A user type named State, which Generator.State would hide inside a state machine. */
  @Test
  void aTypeNamedLikeAnInheritedMemberType() {
    CompiledSources compiled = CompiledSources.compile(Map.of(
        "p.State", "package p;\npublic record State(int level) {}\n",
        "p.Machine", "package p;\n" + HEADER
            + "public class Machine {\n"
            + "  @Coroutine\n"
            + "  static State climb(Yield<State, State> co, State start) {\n"
            + "    State state = start;\n"
            + "    while (state.level() < 3) {\n"
            + "      State sent = co.yield(state);\n"
            + "      state = sent == null ? new State(state.level() + 1) : sent;\n"
            + "    }\n"
            + "    return state;\n"
            + "  }\n"
            + "}\n"));
    Object start = construct(compiled, "p.State", 1);
    sameAsReference(compiled, "p.Machine", "climb", new Object[] {start}, "next", "next", "next");
  }

  /**
   * A member type of the coroutine's class wins over a class of its package of the same simple
   * name (JLS 6.4.1), and a type imported on demand keeps losing to a class of the package.
   */
  @Test
  void memberTypesAndImportsOnDemandKeepJavasPrecedence() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("p.Diff", "package p;\n" + HEADER
        + "import q.Library.*;\n"
        + "public class Diff {\n"
        + "  static final class Delta {\n"
        + "    public String toString() { return \"Diff.Delta\"; }\n"
        + "  }\n"
        + "  @Coroutine\n"
        + "  static void kinds(Yield<String, Void> co) {\n"
        + "    Delta delta = new Delta();\n"
        + "    Book book = new Book();\n"
        + "    Shelf shelf = new Shelf();\n"
        + "    co.yield(delta.toString());\n"
        + "    co.yield(book.toString());\n"
        + "    co.yield(shelf.toString());\n"
        + "  }\n"
        + "}\n");
    sources.put("p.Delta", "package p;\npublic class Delta {\n"
        + "  public String toString() { return \"p.Delta\"; }\n}\n");
    sources.put("p.Book", "package p;\npublic class Book {\n"
        + "  public String toString() { return \"p.Book\"; }\n}\n");
    sources.put("q.Library", "package q;\npublic class Library {\n"
        + "  public static class Book {\n"
        + "    public String toString() { return \"Library.Book\"; }\n"
        + "  }\n"
        + "  public static class Shelf {\n"
        + "    public String toString() { return \"Library.Shelf\"; }\n"
        + "  }\n"
        + "}\n");
    CompiledSources compiled = CompiledSources.compile(sources);
    assertEquals(List.of("iterate -> iterated [Diff.Delta, p.Book, Library.Shelf] [CLOSED]"),
        Transcript.of(() -> compiled.generated("p.Diff", "kinds"), "iterate"));
    sameAsReference(compiled, "p.Diff", "kinds", new Object[0], "iterate");
  }

  /** {@code new Inner()} in an instance coroutine: the receiver is the enclosing instance. */
  @Test
  void innerClassCreatedOnTheReceiver() {
    CompiledSources compiled = CompiledSources.compile(Map.of("p.Outer", "package p;\n" + HEADER
        + "public class Outer {\n"
        + "  final String name;\n"
        + "  Outer(String name) { this.name = name; }\n"
        + "  class Inner {\n"
        + "    public String toString() { return \"inner of \" + name; }\n"
        + "  }\n"
        + "  @Coroutine\n"
        + "  void make(Yield<String, Void> co) {\n"
        + "    Inner first = new Inner();\n"
        + "    co.yield(first.toString());\n"
        + "    Runnable later = () -> System.out.println(new Inner());\n"
        + "    co.yield(\"made\");\n"
        + "    later.run();\n"
        + "  }\n"
        + "}\n"));
    sameAsReference(compiled, "p.Outer", "make",
        () -> new Object[] {construct(compiled, "p.Outer", "o")}, "next", "next", "next");
  }

  /**
   * A call by simple name whose overloads are static and instance methods: the instance one is
   * called on the receiver, the static one on the class, as Java chooses them.
   */
  @Test
  void staticAndInstanceOverloadsOfOneName() {
    CompiledSources compiled = CompiledSources.compile(Map.of("p.Breaker", "package p;\n" + HEADER
        + "public class Breaker {\n"
        + "  boolean open = true;\n"
        + "  boolean isOpen() { return open; }\n"
        + "  static boolean isOpen(Breaker breaker) { return breaker != null && breaker.open; }\n"
        + "  static String toString(Object o, String format) { return format.replace(\"{}\", String.valueOf(o)); }\n"
        + "  @Coroutine\n"
        + "  void watch(Yield<String, Void> co) {\n"
        + "    co.yield(\"open \" + isOpen());\n"
        + "    open = false;\n"
        + "    co.yield(\"open \" + isOpen() + \" \" + isOpen(this));\n"
        + "  }\n"
        + "  @Coroutine\n"
        + "  static void format(Yield<String, Void> co, Object value) {\n"
        + "    co.yield(toString(value, \"<{}>\"));\n"
        + "    co.yield(toString(value, \"[{}]\"));\n"
        + "  }\n"
        + "}\n"));
    sameAsReference(compiled, "p.Breaker", "watch",
        () -> new Object[] {construct(compiled, "p.Breaker")}, "next", "next", "next");
    assertEquals(List.of("iterate -> iterated [<7>, [7]] [CLOSED]"),
        Transcript.of(() -> compiled.generated("p.Breaker", "format", 7), "iterate"));
  }

  /** An inner class of a generic class: the outer type variable is the state machine's too. */
  @Test
  void innerClassOfAGenericClass() {
    CompiledSources compiled = CompiledSources.compile(Map.of("p.Box", "package p;\n" + HEADER
        + "import java.util.ArrayList;\n"
        + "import java.util.List;\n"
        + "public class Box<T> {\n"
        + "  final List<T> items = new ArrayList<>();\n"
        + "  class Cursor {\n"
        + "    int at;\n"
        + "    @Coroutine\n"
        + "    void walk(Yield<T, Void> co, List<T> items) {\n"
        + "      while (at < items.size()) {\n"
        + "        T item = items.get(at++);\n"
        + "        co.yield(item);\n"
        + "      }\n"
        + "    }\n"
        + "  }\n"
        + "}\n"));
    Object box = construct(compiled, "p.Box");
    try {
      @SuppressWarnings("unchecked")
      java.lang.reflect.Field field = box.getClass().getDeclaredField("items");
      field.setAccessible(true);
      List<Object> items = (List<Object>) field.get(box);
      items.add("a");
      items.add("b");
      Class<?> cursorClass = compiled.load("p.Box$Cursor");
      Constructor<?> constructor = cursorClass.getDeclaredConstructor(box.getClass());
      constructor.setAccessible(true);
      Object cursor = constructor.newInstance(box);
      assertEquals(List.of("iterate -> iterated [a, b] [CLOSED]"),
          Transcript.of(() -> compiled.generated("p.Box$Cursor", "walk", cursor, items), "iterate"));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A local that stays a Java local keeps its meaning over an enclosing field of its name. */
  @Test
  void localsNamedLikeFieldsAndStaticImports() {
    CompiledSources compiled = CompiledSources.compile(Map.of("p.Shadow", "package p;\n" + HEADER
        + "import static java.lang.Math.max;\n"
        + "public class Shadow {\n"
        + "  static int count = 100;\n"
        + "  static int next() { return -1; }\n"
        + "  @Coroutine\n"
        + "  static int m(Yield<Integer, Void> co) {\n"
        + "    co.yield(count);\n"
        + "    int count = 5;\n"
        + "    co.yield(max(count, 2));\n"
        + "    co.yield(next());\n"
        + "    return count;\n"
        + "  }\n"
        + "}\n"));
    assertEquals(List.of("iterate -> iterated [100, 5, -1] [CLOSED]"),
        Transcript.of(() -> compiled.generated("p.Shadow", "m"), "iterate"));
  }

  /**
   * A protected member inherited from a class of another package: the generated class is no
   * subclass and can't reach it, which one error says on the line that uses it.
   */
  @Test
  void protectedMemberOfASuperclassInAnotherPackage() {
    String user = "package p;\n" + HEADER
        + "public class Child extends q.Base {\n"
        + "  @Coroutine\n"
        + "  void m(Yield<Integer, Void> co) {\n"
        + "    co.yield(1);\n"
        + "    co.yield(secret());\n"
        + "    co.yield(secret() + 1);\n"
        + "  }\n"
        + "}\n";
    javax.tools.JavaFileObject child =
        com.google.testing.compile.JavaFileObjects.forSourceString("p.Child", user);
    com.google.testing.compile.Compilation compilation = CompiledSources.javac(child,
        com.google.testing.compile.JavaFileObjects.forSourceString("q.Base",
            "package q;\npublic class Base {\n  protected int secret() { return 42; }\n}\n"));
    com.google.testing.compile.CompilationSubject.assertThat(compilation).hadErrorCount(1);
    com.google.testing.compile.CompilationSubject.assertThat(compilation)
        .hadErrorContaining("`secret` is protected in a class of another package")
        .inFile(child).onLine(8);
  }

  private static void sameAsReference(CompiledSources compiled, String outer, String method,
      Object[] args, String... steps) {
    sameAsReference(compiled, outer, method, () -> args, steps);
  }

  /** Each run gets its own arguments: a body may change them. */
  private static void sameAsReference(CompiledSources compiled, String outer, String method,
      java.util.function.Supplier<Object[]> args, String... steps) {
    assertEquals(
        String.join("\n", Transcript.of(() -> compiled.reference(outer, method, args.get()), steps)),
        String.join("\n", Transcript.of(() -> compiled.generated(outer, method, args.get()), steps)));
  }

  private static Object construct(CompiledSources compiled, String className, Object... args) {
    try {
      for (Constructor<?> constructor : compiled.load(className).getDeclaredConstructors()) {
        if (constructor.getParameterCount() == args.length) {
          constructor.setAccessible(true);
          return constructor.newInstance(args);
        }
      }
      throw new AssertionError("no constructor of " + className);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
