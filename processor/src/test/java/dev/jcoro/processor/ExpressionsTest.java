package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Yields inside expressions: the generated coroutine must match the reference run on a thread. */
class ExpressionsTest {
  private static final String CLASS = "programs.Expressions";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Expressions.java"));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        script("compound", args(), "next", "send:3", "send:4", "send:5"),
        script("arguments", args(), "next", "send:a", "send:b", "send:c", "send:d"),
        script("readLines", args(), "next", "send:x", "send:y", "send:null"),
        script("conditions", args(), "next", "send:1", "send:1", "send:0", "send:0", "send:2",
            "send:1"),
        script("conditions", args(), "next", "send:-1", "send:0", "send:5"),
        script("conditions", args(), "next", "throw:IllegalArgumentException:no", "next"),
        script("returnsYield", args(21), "next", "send:41"),
        script("evaluationOrder", args(), "next", "send:3", "send:7", "send:2"),
        script("nestedYields", args(), "next", "send:5", "send:99"),
        script("throwsYield", args(), "next", "send:bad state"),
        script("arrays", args(), "next", "send:1", "send:2", "send:3"),
        script("declaredOnResume", args(), "next", "send:1", "send:2", "send:3"),
        script("keptOperands", args(), "next", "send:1", "send:2", "send:3", "send:4"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  /** {@code b = a * co.yield(a)} multiplies by the value a had before the suspension. */
  @Test
  void operandsBeforeAYieldKeepTheirValue() {
    assertEquals(List.of(
            "next -> yielded 5 [SUSPENDED]",
            "send:3 -> yielded 15 [SUSPENDED]",
            "send:7 -> yielded 16 [SUSPENDED]",
            "send:2 -> StopIteration(15005) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "evaluationOrder"),
            "next", "send:3", "send:7", "send:2"));
  }

  /** {@code total += co.yield(total)} reads total first, then adds what was sent. */
  @Test
  void compoundAssignmentAddsTheSentValue() {
    assertEquals(List.of(
            "next -> yielded 0 [SUSPENDED]",
            "send:3 -> yielded 3 [SUSPENDED]",
            "send:4 -> yielded 7 [SUSPENDED]",
            "send:5 -> StopIteration(12) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "compound"),
            "next", "send:3", "send:4", "send:5"));
  }

  private static Arguments script(String method, Object[] args, String... steps) {
    return Arguments.of(method, args, List.of(steps));
  }

  private static Object[] args(Object... args) {
    return args;
  }
}
