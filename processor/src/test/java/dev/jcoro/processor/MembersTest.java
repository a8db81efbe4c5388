package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instance coroutines, generic ones, nested classes and interfaces, enclosing members. */
class MembersTest {
  private static final String CLASS = "programs.Members";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Members.java"));
  }

  private static Object newMembers(String name) throws Exception {
    Constructor<?> constructor = compiled.load(CLASS).getDeclaredConstructor(String.class);
    constructor.setAccessible(true);
    return constructor.newInstance(name);
  }

  private static void same(Supplier<List<String>> reference, Supplier<List<String>> generated) {
    assertEquals(String.join("\n", reference.get()), String.join("\n", generated.get()));
  }

  @Test
  void instanceCoroutineReadsAndWritesTheReceiversFields() throws Exception {
    Object receiver = newMembers("m");
    List<String> transcript = Transcript.of(
        () -> compiled.generated(CLASS, "counter", receiver, 5), "next", "send:2", "next", "send:3");
    assertEquals(List.of(
            "next -> yielded #m0 [SUSPENDED]",
            "send:2 -> yielded #m2 [SUSPENDED]",
            "next -> yielded #m3 [SUSPENDED]",
            "send:3 -> StopIteration(6) [CLOSED]"),
        transcript);
    java.lang.reflect.Field log = receiver.getClass().getDeclaredField("log");
    log.setAccessible(true);
    assertEquals("[m:2, m:3, m:6]", log.get(receiver).toString());
    Object other = newMembers("m");
    same(() -> Transcript.of(() -> compiled.reference(CLASS, "counter", other, 5),
            "next", "send:2", "next", "send:3"),
        () -> transcript);
  }

  @Test
  void genericCoroutine() {
    String[] steps = {"next", "send:b", "send:a", "send:c", "send:b"};
    same(() -> Transcript.of(() -> compiled.reference(CLASS, "runningMax"), steps),
        () -> Transcript.of(() -> compiled.generated(CLASS, "runningMax"), steps));
  }

  @Test
  void staticMembersImportsAndNestedTypesOfTheEnclosingClass() {
    assertEquals(List.of("iterate -> iterated [4, FAST, #2] [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "staticMembers"), "iterate"));
  }

  @Test
  void instanceCoroutineOfAGenericNestedClass() throws Exception {
    Class<?> box = compiled.load(CLASS + "$Box");
    Constructor<?> constructor = box.getDeclaredConstructor();
    constructor.setAccessible(true);
    String[] steps = {"next", "send:x", "send:y", "send:null"};
    Object first = constructor.newInstance();
    Object second = constructor.newInstance();
    same(() -> Transcript.of(() -> compiled.reference(CLASS + "$Box", "collect", first), steps),
        () -> Transcript.of(() -> compiled.generated(CLASS + "$Box", "collect", second), steps));
    assertEquals(List.of(
            "next -> yielded 0 [SUSPENDED]",
            "  | box has [x]",
            "send:x -> yielded 1 [SUSPENDED]",
            "  | box has [x, y]",
            "send:y -> yielded 2 [SUSPENDED]",
            "send:null -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS + "$Box", "collect", constructorNew(box)),
            steps));
  }

  @Test
  void instanceCoroutineOfAnInnerClass() throws Exception {
    Class<?> tally = compiled.load(CLASS + "$Tally");
    Constructor<?> constructor = tally.getDeclaredConstructor(compiled.load(CLASS));
    constructor.setAccessible(true);
    Object first = constructor.newInstance(newMembers("outer"));
    Object second = constructor.newInstance(newMembers("outer"));
    String[] steps = {"next", "send:4", "next", "send:10"};
    same(() -> Transcript.of(() -> compiled.reference(CLASS + "$Tally", "add", first, 10), steps),
        () -> Transcript.of(() -> compiled.generated(CLASS + "$Tally", "add", second, 10), steps));
    Object third = constructor.newInstance(newMembers("o"));
    assertEquals(List.of(
            "next -> yielded 0 [SUSPENDED]",
            "send:4 -> yielded 4 [SUSPENDED]",
            "next -> yielded 5 [SUSPENDED]",
            "send:10 -> StopIteration(15) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS + "$Tally", "add", third, 10), steps));
  }

  @Test
  void staticCoroutineOfAnInterface() {
    assertEquals(List.of("iterate -> iterated [3, 2, 1] [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS + "$Source", "countdown", 3), "iterate"));
  }

  private static Object constructorNew(Class<?> type) {
    try {
      Constructor<?> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
