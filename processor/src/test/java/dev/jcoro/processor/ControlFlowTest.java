package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import dev.jcoro.Generator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles {@code programs/ControlFlow.java} with the processor and drives each coroutine through
 * scripts of protocol calls: the generated state machine must produce exactly the transcript of
 * the original body run on a thread (the reference), and, where given, the transcript Python
 * produces for the same generator.
 */
class ControlFlowTest {
  private static final String CLASS = "programs.ControlFlow";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, resource("/programs/ControlFlow.java"));
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ControlFlowTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        script("printer", args(), "next", "send:1", "send:2", "close", "send:4"),
        script("blocksAndIfs", args(5), "next", "send:9", "send:null"),
        script("blocksAndIfs", args(5), "next", "send:2", "send:3", "next"),
        script("blocksAndIfs", args(5), "next", "next", "next"),
        script("blocksAndIfs", args(5), "next", "send:2", "throw:IllegalStateException:x", "next"),
        script("loops", args(3), "next", "send:1", "send:2", "next", "next", "send:5", "send:6",
            "next", "next", "next", "next", "next"),
        script("loops", args(2), "iterate"),
        script("loops", args(0), "iterate"),
        script("labeled", args(), "iterate"),
        script("throwing", args(), "next", "send:21"),
        script("throwing", args(), "next", "next", "next"),
        script("throwing", args(), "next", "send:-3", "send:1"),
        script("throwing", args(), "next", "throw:IOException:from outside", "next"),
        script("tryFinally", args(), "next", "send:hello", "next", "next", "next"),
        script("tryFinally", args(), "next", "throw:IllegalStateException:bad", "next", "next",
            "next", "next"),
        script("tryFinally", args(), "next", "throw:IllegalArgumentException:other", "next",
            "next"),
        script("tryFinally", args(), "next", "close", "next"),
        script("tryFinally", args(), "next", "throw:IllegalStateException:bad", "close"),
        script("tryFinally", args(), "next", "next", "close", "next"),
        script("tryFinally", args(), "next", "next", "throw:IllegalStateException:late", "next"),
        script("closeable", args(), "next", "next", "close", "next"),
        script("closeable", args(), "close", "next"),
        script("closeable", args(), "next", "throw:RuntimeException:stop", "next"),
        script("ignoresExit", args(), "next", "close", "next", "close"),
        script("returnsFromFinallyInLoop", args(), "iterate"),
        script("returnsFromFinallyInLoop", args(), "next", "next", "next", "next"),
        script("finallyOverridesReturn", args(), "next", "next", "next"),
        script("finallyOverridesReturn", args(), "next", "close"),
        script("finallyOverridesReturn", args(), "next", "throw:IllegalStateException:lost",
            "next"),
        script("breakThroughTwoFinallies", args(), "iterate"),
        script("breakThroughTwoFinallies", args(), "next", "close"),
        script("continueInCatch", args(), "next", "throw:IllegalArgumentException:a", "next",
            "throw:IllegalArgumentException:b"),
        script("continueInCatch", args(), "iterate"),
        script("pendingExceptionSurvivesFinallyYield", args(), "next", "next", "next", "next"),
        script("pendingExceptionSurvivesFinallyYield", args(), "next", "next", "close"),
        script("nestedTries", args(), "next", "send:s1", "send:s2", "send:s3", "send:s4"),
        script("nestedTries", args(), "next", "send:s1", "throw:RuntimeException:r", "send:c",
            "send:d", "send:e"),
        script("nestedTries", args(), "next", "throw:IllegalStateException:s", "send:d",
            "send:e"),
        script("nestedTries", args(), "next", "send:s1", "close"),
        script("nestedTries", args(), "next", "send:s1", "throw:RuntimeException:r", "close"),
        script("nestedTries", args(), "next", "send:s1", "send:s2", "throw:Exception:in e"),
        script("multiCatch", args(), "next", "throw:IllegalArgumentException:a",
            "throw:UnsupportedOperationException:b", "throw:IllegalStateException:c", "next",
            "next"),
        script("multiCatch", args(), "next", "throw:Error:fatal"),
        script("multiCatch", args(), "next", "throw:IllegalArgumentException:a", "next", "next",
            "throw:UnsupportedOperationException:b", "next", "next", "next", "next"),
        script("checkedCatch", args(), "next", "throw:IOException:disk", "next"),
        script("checkedCatch", args(), "next", "throw:Exception:other", "next"),
        script("siblingShadowing", args(), "iterate"),
        script("stopIterationEscapes", args(), "next", "next", "next"),
        script("primedPrinter", args("> "), "send:a", "send:b", "close"),
        script("runningMax", args(3), "next", "send:1", "send:7", "send:5", "send:null"),
        script("runningMax", args("m"), "next", "send:z", "send:a", "send:null"),
        script("empty", args(), "next", "next", "close"),
        script("empty", args(), "throw:IllegalStateException:early", "next"),
        script("runningMax", args(3), "send:1", "throw:IllegalStateException:early", "next"),
        script("noYield", args(2, 3), "next", "next"),
        script("nativeJumps", args(), "iterate"),
        script("loopTops", args(3), "iterate"),
        script("loopTops", args(0), "iterate"),
        script("loopTops", args(8), "iterate"),
        script("loopTops", args(7), "next", "next", "next", "next", "next", "next", "next",
            "next", "next", "next"),
        script("loopTops", args(2), "next", "next", "next", "throw:IllegalStateException:in",
            "next"),
        script("loopTops", args(2), "next", "close", "next"),
        script("reservedNames", args("L", 7), "iterate"),
        script("throwsOnClose", args(), "next", "close", "next"),
        script("throwsOnClose", args(), "next", "next", "throw:IllegalStateException:closed",
            "close"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  /** The tutorial's first REPL session, line by line, as Python prints it. */
  @Test
  void printerBehavesLikeTheTutorial() {
    assertEquals(List.of(
            "  | My coroutine",
            "next -> yielded null [SUSPENDED]",
            "  | Got 1",
            "send:1 -> yielded null [SUSPENDED]",
            "  | Got 2",
            "send:2 -> yielded null [SUSPENDED]",
            "close -> closed [CLOSED]",
            "send:4 -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "printer"),
            "next", "send:1", "send:2", "close", "send:4"));
  }

  /** Python: 1, then 2 from the finally, then the pending exception (LOWERING bug class 6). */
  @Test
  void pendingExceptionSurvivesASuspensionInFinally() {
    assertEquals(List.of(
            "next -> yielded 1 [SUSPENDED]",
            "next -> yielded 2 [SUSPENDED]",
            "next -> IllegalStateException(boom) [CLOSED]",
            "next -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "pendingExceptionSurvivesFinallyYield"),
            "next", "next", "next", "next"));
  }

  /** A return inside try/finally in a loop returns at once and runs the finally once (bug class 1). */
  @Test
  void returnInsideFinallyInsideLoopRunsFinallyOnce() {
    assertEquals(List.of(
            "  | finally 0",
            "  | finally 1",
            "  | finally 2",
            "iterate -> iterated [0, 1, 2] [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "returnsFromFinallyInLoop"), "iterate"));
  }

  /** break outer through two finally blocks runs inner then outer once; continue inside runs one. */
  @Test
  void breakThroughFinallyBlocksRunsEachOnce() {
    assertEquals(List.of(
            "  | inner finally",
            "  | outer finally",
            "  | loop finally 0",
            "  | loop finally 1",
            "  | not crossed until the end",
            "iterate -> iterated [deep, stays 0, stays 1, done] [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "breakThroughTwoFinallies"), "iterate"));
  }

  /** A return in finally overrides a pending close (bug class 2): close returns quietly. */
  @Test
  void returnInFinallyOverridesClose() {
    assertEquals(List.of(
            "next -> yielded in try [SUSPENDED]",
            "next -> yielded in finally [SUSPENDED]",
            "next -> StopIteration(from finally) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "finallyOverridesReturn"),
            "next", "next", "next"));
  }

  /** throwInto into a loop whose catch continues: finally once per iteration (bug class 5). */
  @Test
  void throwIntoLoopWithContinueInCatch() {
    assertEquals(List.of(
            "next -> yielded 1 [SUSPENDED]",
            "  | caught at 1",
            "  | finally 1",
            "throw:IllegalArgumentException:a -> yielded 2 [SUSPENDED]",
            "  | finally 2",
            "  | after try 2",
            "next -> yielded 3 [SUSPENDED]",
            "  | caught at 3",
            "  | finally 3",
            "throw:IllegalArgumentException:b -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "continueInCatch"),
            "next", "throw:IllegalArgumentException:a", "next", "throw:IllegalArgumentException:b"));
  }

  /** Re-entry: a body that resumes its own generator gets "coroutine already executing". */
  @Test
  void reentryFromTheBodyFails() {
    for (boolean reference : new boolean[] {false, true}) {
      AtomicReference<Generator<String, Void, Void>> self = new AtomicReference<>();
      List<String> transcript = Transcript.of(() -> {
        Generator<Object, Object, Object> generator = reference
            ? compiled.reference(CLASS, "reentrant", self)
            : compiled.generated(CLASS, "reentrant", self);
        self.set(cast(generator));
        return generator;
      }, "next", "next", "next");
      assertEquals(List.of(
              "next -> yielded first [SUSPENDED]",
              "  | inside: coroutine already executing while RUNNING",
              "next -> yielded second [SUSPENDED]",
              "next -> StopIteration(null) [CLOSED]"),
          transcript, reference ? "reference" : "generated");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  private static Arguments script(String method, Object[] args, String... steps) {
    return Arguments.of(method, args, List.of(steps));
  }

  private static Object[] args(Object... args) {
    return args;
  }
}
