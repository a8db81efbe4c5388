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
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A yield wherever Java allows a method call of its type: arguments, receivers, operands of
 * {@code ?:}, {@code &&} and {@code ||}, a yieldFrom's value, array initializers and dimensions,
 * {@code return} and {@code throw}, {@code var}. Operands print when evaluated, so the reference
 * comparison also checks Java's order and that each is evaluated once.
 */
class PositionsTest {
  private static final String CLASS = "programs.Positions";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Positions.java"));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        script("printsWhatItIsSent", args(), "next", "send:x", "send:y", "send:b"),
        script("arguments", args(3), "next", "send:\"12\"", "send:a", "send:b", "send:\"7\"",
            "send:y"),
        script("arguments", args(9), "next", "send:\"1\"", "send:a", "send:b", "send:\"x\""),
        script("receivers", args(), "next", "send:hi", "send:A", "send: B "),
        script("inferredOperands", args(), "next", "send:1", "send:2", "send:3"),
        script("targetAndRightSide", args(3), "next", "send:1", "send:7", "send:5"),
        script("targetAndRightSide", args(3), "next", "send:4", "send:7"),
        script("conditionalArms", args(true), "next", "send:L", "send:T", "send:T"),
        script("conditionalArms", args(false), "next", "send:R", "send:A", "send:F"),
        script("conditionalThenAnotherYield", args(true), "next", "send:3", "send:4", "send:5"),
        script("conditionalThenAnotherYield", args(false), "next", "send:3", "send:4", "send:5"),
        script("shortCircuits", args(true), "next", "send:1", "send:0", "send:1", "send:1",
            "send:0"),
        script("shortCircuits", args(false), "next", "send:0", "send:1", "send:0"),
        script("shortCircuits", args(false), "next", "send:1", "send:1", "send:1", "send:1",
            "send:1", "send:1", "send:1"),
        script("patternsInTests", args("x"), "next", "send:x"),
        script("patternsInTests", args("x"), "next", "send:y", "send:z"),
        script("patternsInTests", args(41), "next", "send:i"),
        script("patternsInTests", args(2.5), "next", "send:d"),
        script("delegationValues", args(), "next", "send:abc", "send:de", "send:f", "send:gh"),
        script("delegationValues", args(), "next", "send:a", "send:de", "send:f"),
        script("delegationValues", args(), "next", "throw:IllegalArgumentException:x"),
        script("delegationValues", args(), "next", "send:abc", "close"),
        script("iterables", args(List.of(1, 2, 3)), "iterate"),
        script("iterables", args(List.of(1, 2)), "next", "next", "next", "next", "send:null",
            "send:5", "next"),
        script("iterables", args(List.of()), "next", "next", "next"),
        script("iterableInterrupted", args(List.of(1, 2, 3)), "next", "send:4", "next"),
        script("iterableInterrupted", args(List.of(1, 2, 3)), "next", "next",
            "throw:IllegalArgumentException:stop", "next"),
        script("iterableInterrupted", args(List.of(1, 2, 3)), "next", "close", "next"),
        script("iterableInterrupted", args(List.of(1, 2, 3)), "next",
            "throw:UnsupportedOperationException:out"),
        script("iterableInterrupted", args(List.of()), "next"),
        script("switchArms", args(1), "next", "send:w", "send:a", "send:abc"),
        script("switchArms", args(2), "next", "send:w", "send:b", "send:\"12\""),
        script("switchArms", args(2), "next", "send:w", "send:b", "send:x"),
        script("switchArms", args(3), "next", "send:", "send:b", "throw:IllegalStateException:t"),
        script("switchArms", args(3), "next", "send:x", "send:b", "close"),
        script("switchArms", args(4), "next", "send:a", "send:xyz"),
        script("returnSwitch", args("x"), "next", "send:4"),
        script("returnSwitch", args("y"), "next", "send:4", "send:5"),
        script("enumSwitch", args(new Object[] {null}), "next"),
        script("arrays", args(), "next", "send:4", "send:2", "send:3"),
        script("arrays", args(), "next", "send:-1"),
        script("returns", args(6), "next", "send:7"),
        script("returns", args(0), "next", "send:5"),
        script("asserts", args(1), "next", "send:5", "send:1"),
        script("asserts", args(1), "next", "send:0", "send:7"),
        script("asserts", args(1), "next", "send:5", "send:0"),
        script("asserts", args(-1), "next"),
        script("varLocals", args(List.of("a", "b")), "next", "send:p", "send:q", "send:r",
            "send:s"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  /** Python's {@code print((yield))}: the value sent is printed, in order with the operands. */
  @Test
  void printsWhatItIsSent() {
    assertEquals(List.of(
            "next -> yielded null [SUSPENDED]",
            "  | x",
            "send:x -> yielded null [SUSPENDED]",
            "  | got y",
            "  | eval a",
            "send:y -> yielded null [SUSPENDED]",
            "  | eval c",
            "  | abc",
            "send:b -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "printsWhatItIsSent"),
            "next", "send:x", "send:y", "send:b"));
  }

  /**
   * Only the arm Java chooses is evaluated, and an arm's operand after its yield is evaluated
   * before the next yield of the expression.
   */
  @Test
  void conditionalEvaluatesOneArmInOrder() {
    assertEquals(List.of(
            "next -> yielded a? [SUSPENDED]",
            "  | eval z",
            "send:3 -> yielded b? [SUSPENDED]",
            "  | eval w",
            "send:4 -> yielded d? [SUSPENDED]",
            "send:5 -> StopIteration(807) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "conditionalThenAnotherYield", true),
            "next", "send:3", "send:4", "send:5"));
  }

  /** A send to a plain iterator's yieldFrom raises at the yieldFrom, where the body catches it. */
  @Test
  void sendToAnIteratorRaisesAtTheYieldFrom() {
    assertEquals(List.of(
            "next -> yielded 1 [SUSPENDED]",
            "  | finally",
            "send:4 -> StopIteration(caught IllegalStateException) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "iterableInterrupted", List.of(1, 2, 3)),
            "next", "send:4"));
  }

  /**
   * An assert runs as assertions are set for the user's class, not for the generated one: here
   * they are enabled for the generated class only, so the failing condition is not even evaluated.
   */
  @Test
  void assertsFollowTheUsersClass() throws IOException {
    CompiledSources fresh = CompiledSources.compile(CLASS,
        ControlFlowTest.resource("/programs/Positions.java"));
    fresh.loader().setClassAssertionStatus(CLASS, false);
    fresh.loader().setClassAssertionStatus(CLASS + "Coroutines", true);
    assertEquals(List.of("next -> StopIteration(ok) [CLOSED]"),
        Transcript.of(() -> fresh.generated(CLASS, "asserts", -1), "next"));
  }

  /** A static field the caller changes while the coroutine is suspended. */
  @Test
  void staticFieldChangedWhileSuspended() throws Exception {
    List<String> reference = fieldRun(null, receiver -> compiled.reference(CLASS, "staticField"));
    List<String> generated = fieldRun(null, receiver -> compiled.generated(CLASS, "staticField"));
    assertEquals(reference, generated);
    // Each old value is read before the suspension: 1000 and 2000 are overwritten.
    assertEquals(List.of("yielded 0", "yielded 5", "yielded 11", "returned 117"),
        generated);
  }

  /** The receiver's field, changed by the caller while the coroutine is suspended. */
  @Test
  void instanceFieldChangedWhileSuspended() throws Exception {
    Constructor<?> constructor = compiled.load(CLASS).getDeclaredConstructor();
    List<String> reference = fieldRun(constructor.newInstance(),
        receiver -> compiled.reference(CLASS, "instanceField", receiver));
    List<String> generated = fieldRun(constructor.newInstance(),
        receiver -> compiled.generated(CLASS, "instanceField", receiver));
    assertEquals(reference, generated);
    // Each old value is read before the suspension: 1000 and 2000 are overwritten.
    assertEquals(List.of("yielded 0", "yielded 5", "yielded 11", "returned 4"),
        generated);
  }

  /**
   * Runs the field's coroutine, setting the field ({@code count} of {@code receiver}, or the
   * static {@code box}) while it is suspended.
   */
  private static List<String> fieldRun(Object receiver,
      Function<Object, Generator<Object, Object, Object>> start) throws Exception {
    Field field = compiled.load(CLASS).getDeclaredField(receiver == null ? "box" : "count");
    field.setAccessible(true);
    field.setInt(receiver, 0);
    Generator<Object, Object, Object> generator = start.apply(receiver);
    List<String> log = new ArrayList<>();
    log.add("yielded " + generator.next());
    log.add("yielded " + generator.send(5));
    field.setInt(receiver, 1000);
    log.add("yielded " + generator.send(6));
    field.setInt(receiver, 2000);
    try {
      generator.send(7);
      log.add("still running");
    } catch (StopIteration returned) {
      log.add("returned " + returned.value());
    }
    return log;
  }

  private static Object[] args(Object... values) {
    return values;
  }

  private static Arguments script(String method, Object[] args, String... steps) {
    return Arguments.of(method, args, List.of(steps));
  }
}
