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

/** try-with-resources with yields inside: closing order, suppression, close() and throwInto. */
class ResourcesTest {
  private static final String CLASS = "programs.Resources";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Resources.java"));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        script("twoResources", args(false, false), "next", "next", "next", "next"),
        script("twoResources", args(false, false), "next", "send:boom", "next"),
        script("twoResources", args(true, true), "next", "send:boom", "next"),
        script("twoResources", args(true, false), "next", "next", "next"),
        script("twoResources", args(false, false), "next", "close", "next"),
        script("twoResources", args(false, true), "next", "close"),
        script("twoResources", args(false, false), "next", "throw:IllegalStateException:in",
            "next"),
        script("withCatchAndFinally", args(false), "next", "next", "next"),
        script("withCatchAndFinally", args(true), "next", "next", "next"),
        script("withCatchAndFinally", args(false), "next", "close"),
        script("inLoop", args(), "iterate"),
        script("existingVariable", args(), "next", "next"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  /** A close failure is suppressed into the body's exception, which the catch then sees. */
  @Test
  void closeFailuresAreSuppressedIntoThePrimaryException() {
    assertEquals(List.of(
            "  | open a",
            "next -> yielded inside a [SUSPENDED]",
            "  | close a",
            "  | caught body failed suppressed [close failed: a]",
            "next -> yielded in catch [SUSPENDED]",
            "  | finally",
            "next -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "withCatchAndFinally", true),
            "next", "next", "next"));
  }

  /** Closing the generator inside the block closes both resources, the second one first. */
  @Test
  void closingTheGeneratorClosesTheResourcesInReverseOrder() {
    assertEquals(List.of(
            "  | open a",
            "  | open b",
            "next -> yielded inside ab [SUSPENDED]",
            "  | close b",
            "  | close a",
            "close -> closed [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "twoResources", false, false),
            "next", "close"));
  }

  private static Arguments script(String method, Object[] args, String... steps) {
    return Arguments.of(method, args, List.of(steps));
  }

  private static Object[] args(Object... args) {
    return args;
  }
}
