package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java 21 switches with yields in their cases: type, record and guarded patterns, {@code case
 * null, default}, record patterns in {@code instanceof}, and an enum's switch on {@code this}.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class PatternSwitchesTest {
  private static final String CLASS = "programs.PatternSwitches";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(
        CLASS, ControlFlowTest.resource("/programs/PatternSwitches.java"));
  }

  static Stream<Arguments> scripts() {
    Object bigCircle = make("Circle", 2.0);
    Object smallCircle = make("Circle", 0.5);
    Object square = make("Square", 3.0);
    return Stream.of(
        script("types", args(bigCircle), "next", "next", "next", "next"),
        script("types", args(smallCircle), "next", "next", "next"),
        script("types", args(square), "next", "next", "next", "next"),
        script("types", args(group(smallCircle, square)), "next", "next", "next", "next"),
        script("types", args(group(square, bigCircle)), "next", "next", "next", "next"),
        script("nullAndDefault", args("text"), "next", "next", "next", "next"),
        script("nullAndDefault", args(42), "next", "next", "next"),
        script("nullAndDefault", args(7), "next", "next", "next", "next"),
        script("nullAndDefault", args((Object) null), "next", "next", "next", "next"),
        script("colonCases", args("a"), "next", "next"),
        script("colonCases", args(5), "next", "next", "next"),
        script("colonCases", args(5.0), "next", "next"),
        script("recordPatternInInstanceof", args(group(square, smallCircle)),
            "next", "next", "next", "next"),
        script("recordPatternInInstanceof", args(square), "next", "next"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void generatedCoroutineMatchesTheReference(String method, Object[] args, List<String> script) {
    compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
  }

  @Test
  void enumSwitchOnThis() throws Exception {
    Class<?> planet = compiled.load(CLASS + "$Planet");
    Object earth = planet.getEnumConstants()[0];
    String[] steps = {"next", "next", "next"};
    compiled.assertMatchesReference(CLASS + "$Planet", "visit", args(earth), steps);
    assertEquals(List.of(
            "next -> yielded home [SUSPENDED]",
            "next -> yielded blue [SUSPENDED]",
            "next -> StopIteration(null) [CLOSED]"),
        Transcript.of(() -> compiled.generated(CLASS + "$Planet", "visit", earth), steps));
  }

  private static Object group(Object first, Object second) {
    try {
      Class<?> shape = compiled.load(CLASS + "$Shape");
      Constructor<?> constructor =
          compiled.load(CLASS + "$Group").getDeclaredConstructor(shape, shape);
      constructor.setAccessible(true);
      return constructor.newInstance(first, second);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object make(String record, double value) {
    try {
      Constructor<?> constructor =
          compiled.load(CLASS + "$" + record).getDeclaredConstructor(double.class);
      constructor.setAccessible(true);
      return constructor.newInstance(value);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Arguments script(String method, Object[] args, String... steps) {
    return Arguments.of(method, args, List.of(steps));
  }

  private static Object[] args(Object... args) {
    return args;
  }
}
