package dev.jcoro.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.Generator;
import dev.jcoro.processor.testing.CompiledSources;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An exception that leaves a coroutine body shows the user's class, method, file and line, as the
 * original method run by the reference does (the transcripts compare each exception's first frame
 * in the program); a null received where the body unboxes it says where and what to do instead.
 */
class StackTracesTest {
  private static final String CLASS = "programs.Traces";
  private static CompiledSources compiled;

  @BeforeAll
  static void compile() throws IOException {
    compiled = CompiledSources.compile(CLASS, ControlFlowTest.resource("/programs/Traces.java"));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        Arguments.of("minimize", new Object[0], List.of("next", "send:5", "next")),
        Arguments.of("assigned", new Object[0], List.of("next", "send:5", "next")),
        Arguments.of("compound", new Object[0], List.of("next", "send:5", "next")),
        Arguments.of("returned", new Object[0], List.of("next", "next")),
        Arguments.of("divide", new Object[] {3}, List.of("next", "send:4", "send:0")),
        Arguments.of("nested", new Object[] {List.of("a", "", "b")},
            List.of("next", "next", "next")),
        Arguments.of("nested", new Object[] {List.of("a")}, List.of("next", "next", "next")),
        Arguments.of("multiLine", new Object[] {new int[] {1, 2}}, List.of("next", "next")));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("scripts")
  void theFirstFrameInTheProgramIsTheReferencesFrame(
      String method, Object[] args, List<String> script) {
    List<String> transcript =
        compiled.assertMatchesReference(CLASS, method, args, script.toArray(new String[0]));
    // The comparison is not vacuous: the last step threw, at a line of the program.
    String last = transcript.get(transcript.size() - 1);
    assertEquals(true, last.contains(" at programs.Traces." + method + "(Traces.java:"), last);
  }

  @Test
  void anExceptionShowsTheUsersFrameInPlaceOfTheGeneratedOne() {
    Generator<Integer, Integer, Integer> divide = compiled.generated(CLASS, "divide", 3);
    divide.next();
    ArithmeticException thrown = assertThrows(ArithmeticException.class, () -> divide.send(0));
    StackTraceElement top = thrown.getStackTrace()[0];
    // javac's own line of the division, the second of its statement.
    assertEquals("programs.Traces.divide(Traces.java:54)", top.getClassName() + "."
        + top.getMethodName() + "(" + top.getFileName() + ":" + top.getLineNumber() + ")");
    // No frame of the generated resume is left.
    assertEquals(List.of(), Arrays.stream(thrown.getStackTrace())
        .filter(frame -> frame.getMethodName().equals("resume")).toList());
  }

  @Test
  void nextWhereTheBodyUnboxesWhatItReceivesSaysWhatToDo() {
    NullPointerException thrown = nullAfterNext("minimize");
    assertEquals("coroutine Traces.minimize (Traces.java:14) was resumed with null where it needs"
        + " an int: send it a value with send(v) instead of next(), or receive into an Integer",
        thrown.getMessage());
    StackTraceElement user = Arrays.stream(thrown.getStackTrace())
        .filter(frame -> frame.getClassName().equals(CLASS)).findFirst().orElseThrow();
    assertEquals(14, user.getLineNumber());

    assertEquals("coroutine Traces.assigned (Traces.java:27) was resumed with null where it needs"
        + " a long: send it a value with send(v) instead of next(), or receive into an Integer",
        nullAfterNext("assigned").getMessage());
    assertEquals("coroutine Traces.compound (Traces.java:37) was resumed with null where it needs"
        + " a double: send it a value with send(v) instead of next(), or receive into an Integer",
        nullAfterNext("compound").getMessage());
    assertEquals("coroutine Traces.returned (Traces.java:45) was resumed with null where it needs"
        + " an int: send it a value with send(v) instead of next(), or receive into an Integer",
        nullAfterNext("returned").getMessage());
  }

  /** What the second next() of the generated coroutine {@code method} throws: it receives null. */
  private static NullPointerException nullAfterNext(String method) {
    Generator<Void, Integer, Object> generator = compiled.generated(CLASS, method);
    generator.next();
    return assertThrows(NullPointerException.class, generator::next);
  }
}
