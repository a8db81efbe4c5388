package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Generator;
import dev.jcoro.StopIteration;
import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Assignments whose target is an array element or a field, with a yield on the right: the
 * target's array, index and object, and a compound assignment's old value, are the ones Java
 * evaluates before the right side (JLS 15.26), whatever happens while the coroutine is suspended.
 */
class AssignmentsTest {
  private static final String CLASS = "programs.Assignments";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Assignments.java"));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        script("oldValueOfAnElement", args(), "next", "send:1"),
        script("indexBeforeTheRightSide", args(), "next", "send:5", "send:7"),
        script("nullArrayFailsAfterTheRightSide", args(), "next", "next", "send:1", "next"),
        script("arrayAndObjectFromCalls", args(), "next", "send:3", "send:4", "send:5"),
        script("staticFieldAndNarrowTypes", args(), "next", "send:1", "send:10", "send:2",
            "send:3"),
        script("localAssignedOnTheRight", args(), "next", "send:1"),
        script("nestedAndChained", args(), "next", "send:1", "send:2", "send:3"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  /** Java and Python give 11: the old value 10 is read before take() empties the box. */
  @Test
  void compoundAssignmentReadsTheOldValueFirst() {
    assertEquals(List.of(
            "next -> yielded 10 [SUSPENDED]",
            "send:1 -> StopIteration(11) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "oldValueOfAnElement"), "next", "send:1"));
  }

  /**
   * Two coroutines add to one shared counter: each adds to the value the counter had when it
   * suspended, as Java's {@code counter.count += co.receive()} does, so the last one wins.
   */
  @Test
  void sharedCounterKeepsJavasOldValues() {
    BiFunction<String, Object, Generator<Object, Object, Object>> generated =
        (method, counter) -> compiled.generated(CLASS, method, counter);
    BiFunction<String, Object, Generator<Object, Object, Object>> reference =
        (method, counter) -> compiled.reference(CLASS, method, counter);
    List<String> expected = List.of("first 6", "second 10", "counter 10");
    assertEquals(expected, twoCoroutines(reference));
    assertEquals(expected, twoCoroutines(generated));
  }

  private static List<String> twoCoroutines(
      BiFunction<String, Object, Generator<Object, Object, Object>> start) {
    Object counter = counter();
    Generator<Object, Object, Object> first = start.apply("oldValueOfAField", counter);
    Generator<Object, Object, Object> second = start.apply("oldValueOfAField", counter);
    first.next();
    second.next();
    setCount(counter, 100);
    List<String> results = new ArrayList<>();
    results.add("first " + finish(first, 6));
    results.add("second " + finish(second, 10));
    results.add("counter " + getCount(counter));
    return results;
  }

  /** The receiver's field, changed by the caller while the coroutine is suspended. */
  @Test
  void instanceFieldChangedWhileSuspended() throws Exception {
    List<String> reference = instanceRun(receiver -> compiled.reference(CLASS, "instanceField", receiver));
    List<String> generated = instanceRun(receiver -> compiled.generated(CLASS, "instanceField", receiver));
    assertEquals(reference, generated);
    assertEquals(List.of("yielded 0", "yielded 5", "yielded 12", "total 12"), generated);
  }

  private static List<String> instanceRun(
      java.util.function.Function<Object, Generator<Object, Object, Object>> start) throws Exception {
    Constructor<?> constructor = compiled.load(CLASS).getDeclaredConstructor();
    constructor.setAccessible(true);
    Object receiver = constructor.newInstance();
    Field total = receiver.getClass().getDeclaredField("total");
    total.setAccessible(true);
    Generator<Object, Object, Object> generator = start.apply(receiver);
    List<String> log = new ArrayList<>();
    log.add("yielded " + generator.next());
    total.setInt(receiver, 1000);
    log.add("yielded " + generator.send(5));
    total.setInt(receiver, 2000);
    log.add("yielded " + generator.send(7));
    log.add("total " + total.getInt(receiver));
    generator.close();
    return log;
  }

  private static Object finish(Generator<Object, Object, Object> generator, int sent) {
    try {
      generator.send(sent);
      throw new AssertionError("expected the coroutine to return");
    } catch (StopIteration returned) {
      return returned.value();
    }
  }

  private static Object counter() {
    try {
      Constructor<?> constructor = compiled.load(CLASS + "$Counter").getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static void setCount(Object counter, int count) {
    try {
      counter.getClass().getField("count").setInt(counter, count);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static int getCount(Object counter) {
    try {
      return counter.getClass().getField("count").getInt(counter);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Arguments script(String method, Object[] args, String... steps) {
    return Arguments.of(method, args, List.of(steps));
  }

  private static Object[] args(Object... args) {
    return args;
  }
}
