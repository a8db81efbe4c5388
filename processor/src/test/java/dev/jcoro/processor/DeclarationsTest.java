package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Declarations that live across yields: for-each over every primitive array, array
 * initializers, enum constants and local constants as case labels, local records, enums and
 * interfaces; the generated coroutine must match the reference run on a thread.
 */
class DeclarationsTest {
  private static final String CLASS = "programs.Declarations";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Declarations.java"));
  }

  static Stream<Arguments> scripts() {
    Object red = color(0);
    Object green = color(1);
    Object blue = color(2);
    return Stream.of(
        script("primitiveArrays", args(), "iterate"),
        script("arrayChangedWhileIterating", args(), "iterate"),
        script("arrayInitializers", args(), "next", "send:4", "send:5", "send:6", "next"),
        script("enumLabels", args(red), "next", "next", "next", "send:2", "next", "send:1",
            "next"),
        script("enumLabels", args(green), "next", "next", "send:0", "next", "send:0", "next"),
        script("enumLabels", args(blue), "next", "next", "send:1", "next", "send:2", "next"),
        script("localConstants", args(), "next", "send:4", "next", "send:2", "send:9", "send:0"),
        script("sameConstantNames", args(true), "next", "next"),
        script("sameConstantNames", args(false), "next", "next"),
        script("localTypes", args(), "next", "next", "next", "next", "next"),
        script("sameLocalTypeNames", args(true), "next", "next"),
        script("sameLocalTypeNames", args(false), "next", "next"),
        script("localTypeNamedLikeAMemberType", args(), "next", "next", "next", "next"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  @Test
  void everyPrimitiveArrayIsIterated() {
    assertEquals(List.of("iterate -> iterated [true, false, 1, -2, 3, -4, 97, 10, 5, 6, 7, 8, 1.5,"
            + " 2.5, 3.25, 4.75] [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "primitiveArrays"), "iterate"));
    assertEquals(List.of("iterate -> iterated [1, 2, 30] [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "arrayChangedWhileIterating"), "iterate"));
  }

  @Test
  void localConstantsStayConstants() throws IOException {
    String generated = compiled.compilation().generatedSourceFile("programs.DeclarationsCoroutines")
        .orElseThrow().getCharContent(true).toString();
    assertTrue(generated.contains("private static final int QUIT = 0;"), generated);
    assertTrue(generated.contains("private static final String PREFIX = \"cmd \";"), generated);
    assertTrue(generated.contains("private static final char MARK = (char) 10;"), generated);
    // The enum switches keep their labels bare; the field RED is only named where it is meant.
    assertTrue(generated.contains("case RED"), generated);
  }

  @Test
  void localTypesMoveToTheStateMachine() throws IOException {
    String generated = compiled.compilation().generatedSourceFile("programs.DeclarationsCoroutines")
        .orElseThrow().getCharContent(true).toString();
    assertTrue(generated.contains("record Rect(double w, double h) implements Shape {"), generated);
    assertTrue(generated.contains("record Pair$2(String a, String b) {}"), generated);
    assertEquals(List.of(
            "next -> yielded made [SUSPENDED]",
            "next -> yielded LARGE [SUSPENDED]",
            "next -> yielded large [SUSPENDED]",
            "next -> yielded area 6.0 [SUSPENDED]",
            "next -> StopIteration(Rect[w=2.0, h=3.0]) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS, "localTypes"),
            "next", "next", "next", "next", "next"));
  }

  private static Object color(int ordinal) {
    return compiled.load(CLASS + "$Color").getEnumConstants()[ordinal];
  }

  private static Arguments script(String method, Object[] args, String... steps) {
    return Arguments.of(method, args, List.of(steps));
  }

  private static Object[] args(Object... args) {
    return args;
  }
}
