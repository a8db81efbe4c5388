package dev.jcoro.processor;

import dev.jcoro.processor.testing.CompiledSources;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Divergences the fuzzer or a review found, kept: the generated code compiles and matches the
 * reference.
 */
class RegressionsTest {
  private static final String CLASS = "programs.Regressions";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Regressions.java"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"suppressedFallThrough", "doWhileThatAlwaysLeaves",
      "continueThroughCopiedFinally", "returnDroppedByThrowingFinally", "throwingFinallyOnBreak"})
  void matchesTheReference(String method) {
    String[] steps = {"next", "send:1", "next", "throw:IllegalArgumentException:x", "next", "next"};
    compiled.assertMatchesReference(CLASS, method, new Object[0], steps);
  }
}
