package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jcoro.Generator;
import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Java's capture semantics for lambdas and anonymous classes over hoisted locals. */
class CapturesTest {
  private static final String CLASS = "programs.Captures";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Captures.java"));
  }

  /** A lambda made in iteration i sees iteration i's value, not the last one. */
  @Test
  void lambdasSeeTheirIterationsValue() {
    List<String> expected = List.of(
        "iterate -> iterated [0, 1, 2] [CLOSED]");
    assertEquals(expected,
        Transcript.of(() -> compiled.generated(CLASS, "perIteration"), "iterate"));
    Generator<Object, Object, Object> generator = compiled.generated(CLASS, "perIteration");
    generator.next();
    generator.next();
    generator.next();
    try {
      generator.next();
    } catch (dev.jcoro.StopIteration stop) {
      assertEquals("item0 ITEM0 item1 ITEM1 item2 ITEM2", stop.value());
      return;
    }
    throw new AssertionError("expected the coroutine to finish");
  }

  /** A catch parameter captured by a lambda in a catch that yields keeps its value. */
  @Test
  void catchParameterCapturedInACatchThatYields() {
    String[] steps = {"next", "throw:IllegalStateException:kept", "next"};
    List<String> generated =
        Transcript.of(() -> compiled.generated(CLASS, "catchParameterCaptured"), steps);
    assertEquals(
        Transcript.of(() -> compiled.reference(CLASS, "catchParameterCaptured"), steps), generated);
    assertEquals("next -> StopIteration(kept) [CLOSED]", generated.get(2));
  }

  /** When a block ends, normally or by a break, the generator stops holding its locals' values. */
  @ParameterizedTest
  @ValueSource(strings = {"scopeEndReleasesLocals", "breakReleasesLocals"})
  void aLocalsValueIsReleasedWhenItsScopeEnds(String method) throws InterruptedException {
    List<WeakReference<Object>> probe = new ArrayList<>();
    Generator<Object, Object, Object> generator = compiled.generated(CLASS, method, probe);
    assertEquals("holding", generator.next());
    assertEquals("released", generator.next());
    for (int i = 0; i < 50 && probe.get(0).get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(probe.get(0).get(), "the suspended generator still holds the block's local");
    assertEquals(dev.jcoro.Generator.State.SUSPENDED, generator.state());
  }
}
