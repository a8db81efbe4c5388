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

/**
 * {@code co.yieldFrom} with PEP 380 semantics, through chains of generated coroutines; each
 * transcript must match the original bodies run on threads (whose delegates are the generated
 * coroutines the factories return, so each delegation level is checked in turn).
 */
class DelegationTest {
  private static final String CLASS = "programs.Delegation";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Delegation.java"));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        script("top", "next", "next", "send:1", "send:2", "send:3", "send:4", "next", "next"),
        script("top", "next", "next", "throw:IllegalArgumentException:x", "send:5", "send:6",
            "next"),
        script("top", "next", "next", "send:1", "close", "next"),
        script("top", "next", "next", "send:1", "send:2", "throw:IllegalStateException:y",
            "next"),
        script("top", "iterate"),
        script("middle", "next", "send:10", "send:20", "throw:IllegalArgumentException:b",
            "next"),
        script("delegatesToImmediate", "next", "next", "next"),
        script("leaf", "next", "throw:IllegalArgumentException:early"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, List<String> script) {
    Object[] args = method.equals("leaf") ? new Object[] {"x"} : new Object[0];
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  /** close() closes the innermost delegate first, then each delegator's finally runs, outward. */
  @Test
  void closeRunsTheDelegatesFinallyFirst() {
    assertEquals(List.of(
            "next -> yielded top start [SUSPENDED]",
            "next -> yielded a0 [SUSPENDED]",
            "  | a got 1",
            "send:1 -> yielded a1 [SUSPENDED]",
            "  | a finally",
            "close -> closed [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "top"), "next", "next", "send:1", "close"));
  }

  /** A delegate that catches the thrown exception and returns lets the delegator go on. */
  @Test
  void delegateThatCatchesAndReturnsLetsTheDelegatorContinue() {
    assertEquals(List.of(
            "next -> yielded top start [SUSPENDED]",
            "next -> yielded a0 [SUSPENDED]",
            "  | a caught x",
            "  | a finally",
            "  | middle: a returned -1",
            "throw:IllegalArgumentException:x -> yielded b0 [SUSPENDED]",
            "  | b got 5",
            "send:5 -> yielded b1 [SUSPENDED]",
            "  | b got 6",
            "  | b finally",
            "  | middle finally",
            "send:6 -> yielded total 10 [SUSPENDED]",
            "next -> StopIteration(top done) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "top"),
            "next", "next", "throw:IllegalArgumentException:x", "send:5", "send:6", "next"));
  }

  private static Arguments script(String method, String... steps) {
    return Arguments.of(method, List.of(steps));
  }
}
