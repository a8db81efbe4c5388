package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pattern variables of {@code instanceof} that live across yields: in the branch that matched
 * them, in the rest of the block (flow scoping), after a loop, reassigned; the generated
 * coroutine must match the reference run on a thread.
 */
class PatternsTest {
  private static final String CLASS = "programs.Patterns";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Patterns.java"));
  }

  static Stream<Arguments> scripts() {
    Object circle = circle(2.5);
    return Stream.of(
        script("thenBranch", args(circle), "next", "next", "next"),
        script("thenBranch", args("text"), "next", "next"),
        script("flowScoped", args(Arrays.asList("a", 1, "b", 2.0)), "next", "next", "next", "next"),
        script("elseBranch", args("text"), "next", "next", "next"),
        script("elseBranch", args(3), "next", "next"),
        script("afterReturn", args(21), "next", "next", "next"),
        script("afterReturn", args("x"), "next", "next"),
        script("reassigned", args("w"), "next", "next", "next"),
        script("whileNotMatched", args(), "next", "send:ab", "send:7", "send:abc", "next", "next"),
        script("forCondition", args((Object) new Object[] {1, 2, "x", 3}),
            "next", "next", "next", "next", "next", "next"),
        script("conditionOnly", args("long text"), "next", "next", "next"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  /** The variable a negated test declares for the rest of the loop body survives the yield. */
  @Test
  void flowScopedVariableAfterAYield() {
    assertEquals(List.of(
            "next -> yielded one [SUSPENDED]",
            "next -> yielded one [SUSPENDED]",
            "next -> yielded [a, b] [SUSPENDED]",
            "next -> yielded the field s [SUSPENDED]"),
        Transcript.of(() -> compiled.generated(CLASS, "flowScoped", Arrays.asList("a", 1, "b")),
            "next", "next", "next", "next"));
  }

  private static Object circle(double radius) {
    try {
      java.lang.reflect.Constructor<?> constructor = compiled.load(CLASS + "$Circle").getDeclaredConstructor(double.class);
      constructor.setAccessible(true);
      return constructor.newInstance(radius);
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
