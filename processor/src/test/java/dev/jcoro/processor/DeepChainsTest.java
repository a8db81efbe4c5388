package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.testing.CompiledSources;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chains of co.yieldFrom 1, 10 and 100 deep (a recursive generator): the generated chain matches
 * the reference, whose top level runs the original body on a thread and delegates to the
 * generated levels, through sends, throwInto, close and returns.
 */
class DeepChainsTest {
  private static final String CLASS = "programs.DeepChains";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/DeepChains.java"));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(1, 10, 100).flatMap(depth -> Stream.of(
        Arguments.of(depth, List.of("next", "send:5", "send:7", "next", "next")),
        Arguments.of(depth, List.of("next", "send:5", "throw:IllegalArgumentException:x",
            "next", "next")),
        Arguments.of(depth, List.of("next", "send:5", "close", "next")),
        Arguments.of(depth, List.of("next", "throw:IllegalStateException:y", "next")),
        Arguments.of(depth, List.of("iterate"))));
  }

  @ParameterizedTest(name = "depth {0}: {1}")
  @MethodSource("scripts")
  void generatedChainMatchesTheReference(int depth, List<String> script) {
    compiled.assertMatchesReference(CLASS, "deep", new Object[] {depth},
        script.toArray(new String[0]));
  }

  /** A send from the leaf to a generator halfway up its own running chain is refused there. */
  @Test
  void aSendIntoTheRunningChainIsRefusedAndChangesNothing() throws Exception {
    Class<?> chains = compiled.load(CLASS);
    java.lang.reflect.Field poke = chains.getDeclaredField("poke");
    poke.setAccessible(true);
    poke.set(null, true);
    try {
      List<String> transcript = compiled.assertMatchesReference(
          CLASS, "deep", new Object[] {10}, "next", "send:5", "send:7", "next");
      assertEquals(List.of(
          "  | leaf yields 0, 10 of 10 levels running",
          "next -> yielded 0 [SUSPENDED]",
          "  | leaf yields 1, 10 of 10 levels running",
          "  | poke: coroutine already executing, RUNNING",
          "send:5 -> yielded 1 [SUSPENDED]",
          "  | leaf yields 2, 10 of 10 levels running",
          "send:7 -> yielded 2 [SUSPENDED]",
          "  | leaf finally",
          "  | level 1 finally",
          "  | deep got 22",
          "next -> yielded -22 [SUSPENDED]"), transcript);
    } finally {
      poke.set(null, false);
    }
  }

  /**
   * A generator in the middle of a suspended chain can be driven directly, as in Python: what it
   * is sent goes to the leaf; the top then goes on from there.
   */
  @Test
  void aGeneratorInTheMiddleCanBeDrivenDirectly() throws Exception {
    dev.jcoro.Generator<Integer, Integer, Integer> top =
        compiled.generated("programs.DeepChains", "chain", 10);
    java.lang.reflect.Field levelsField = compiled.load(CLASS).getDeclaredField("LEVELS");
    levelsField.setAccessible(true);
    List<?> levels = (List<?>) levelsField.get(null);
    assertEquals(0, top.next());
    @SuppressWarnings("unchecked")
    dev.jcoro.Generator<Integer, Integer, Integer> middle =
        (dev.jcoro.Generator<Integer, Integer, Integer>) levels.get(levels.size() - 5);
    assertEquals(dev.jcoro.Generator.State.SUSPENDED, middle.state());
    assertEquals(1, middle.send(5));
    assertEquals(2, top.send(7));
    dev.jcoro.StopIteration end =
        org.junit.jupiter.api.Assertions.assertThrows(dev.jcoro.StopIteration.class, top::next);
    assertEquals(12 + 10, end.value());
    assertEquals(dev.jcoro.Generator.State.CLOSED, middle.state());
  }

  @Test
  void everyLevelIsRunningWhileTheLeafRunsAndReturnsComeBackUp() {
    List<String> transcript = compiled.assertMatchesReference(
        CLASS, "deep", new Object[] {100}, "next", "send:5", "send:7", "next");
    assertEquals(List.of(
        "  | leaf yields 0, 100 of 100 levels running",
        "next -> yielded 0 [SUSPENDED]",
        "  | leaf yields 1, 100 of 100 levels running",
        "send:5 -> yielded 1 [SUSPENDED]",
        "  | leaf yields 2, 100 of 100 levels running",
        "send:7 -> yielded 2 [SUSPENDED]",
        "  | leaf finally",
        "  | level 1 finally",
        "  | level 25 finally",
        "  | level 50 finally",
        "  | level 75 finally",
        "  | level 100 finally",
        "  | deep got 112",
        "next -> yielded -112 [SUSPENDED]"), transcript);
  }
}
