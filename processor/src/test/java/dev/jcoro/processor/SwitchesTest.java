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

/** Switch statements with yields: fall-through, arrows, enums, break and continue. */
class SwitchesTest {
  private static final String CLASS = "programs.Switches";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Switches.java"));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        script("fallThrough", "next", "send:1", "next", "next", "send:2", "next", "send:7",
            "send:5", "next", "send:null"),
        script("fallThrough", "next", "send:1", "close"),
        script("arrows", "next", "send:a", "next", "send:zzz", "send:echo", "send:hi", "next",
            "send:stop", "next"),
        script("enums", "next", "send:60", "next"),
        script("selectorYields", "next", "send:0"),
        script("selectorYields", "next", "send:5"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, new Object[0], script.toArray(new String[0]));
  }

  /** Case 1 falls through into case 2, whose break leaves the switch. */
  @Test
  void oldStyleCasesFallThrough() {
    assertEquals(List.of(
            "next -> yielded command? [SUSPENDED]",
            "send:1 -> yielded one [SUSPENDED]",
            "next -> yielded one or two [SUSPENDED]",
            "  | after switch 1",
            "next -> yielded command? [SUSPENDED]"),
        Transcript.of(() -> compiled.generated(CLASS, "fallThrough"),
            "next", "send:1", "next", "next"));
  }

  private static Arguments script(String method, String... steps) {
    return Arguments.of(method, List.of(steps));
  }
}
