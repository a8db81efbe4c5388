package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Divergences the fuzzer found, kept: the generated code compiles and matches the reference. */
class RegressionsTest {
  private static final String CLASS = "programs.Regressions";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Regressions.java"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"suppressedFallThrough", "doWhileThatAlwaysLeaves"})
  void matchesTheReference(String method) {
    String[] steps = {"next", "send:1", "next", "throw:IllegalArgumentException:x", "next", "next"};
    assertEquals(
        String.join("\n", Transcript.of(() -> compiled.reference(CLASS, method), steps)),
        String.join("\n", Transcript.of(() -> compiled.generated(CLASS, method), steps)));
  }
}
