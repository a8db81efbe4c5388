package dev.jcoro.processor.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jcoro.processor.testing.CompiledSources;
import dev.jcoro.processor.testing.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential fuzzing: random coroutine bodies ({@link ProgramGenerator}) are compiled with the
 * processor, then each is driven by the same random sequence of next/send/throwInto/close through
 * the generated state machine and through the original body on a thread; the transcripts (printed
 * lines, yielded values, exceptions, states) must be equal.
 *
 * <p>The seeds are fixed: CI runs {@value #DEFAULT_PROGRAMS} programs; {@code mvn verify -Pfuzz}
 * runs the number in the system property {@code jcoro.fuzz.programs} (10,000 in that profile),
 * and {@code jcoro.fuzz.seed} moves the seed range.
 */
class FuzzTest {
  static final int DEFAULT_PROGRAMS = 1000;
  /** Pattern switches are generated where javac compiles them. */
  private static final boolean JAVA_21 = Runtime.version().feature() >= 21;
  private static final int PER_CLASS = 25;

  static Stream<Integer> batches() {
    int programs = Integer.getInteger("jcoro.fuzz.programs", DEFAULT_PROGRAMS);
    return IntStream.range(0, (programs + PER_CLASS - 1) / PER_CLASS).boxed();
  }

  @ParameterizedTest(name = "batch {0}")
  @MethodSource("batches")
  void generatedCoroutinesMatchTheReference(int batch) {
    long firstSeed = Long.getLong("jcoro.fuzz.seed", 0L);
    String simpleName = "Fuzz" + batch;
    String className = "fuzz." + simpleName;
    StringBuilder source = new StringBuilder()
        .append("package fuzz;\n\n")
        .append("import dev.jcoro.Coroutine;\n")
        .append("import dev.jcoro.Yield;\n\n")
        .append("public class ").append(simpleName).append(" {\n")
        .append(ProgramGenerator.helpers());
    List<String> methods = new ArrayList<>();
    for (int i = 0; i < PER_CLASS; i++) {
      long seed = firstSeed + (long) batch * PER_CLASS + i;
      String name = "c" + seed;
      methods.add(name);
      source.append('\n').append(new ProgramGenerator(seed, simpleName + "Coroutines", JAVA_21).coroutine(name));
    }
    source.append("}\n");
    CompiledSources compiled = CompiledSources.compile(className, source.toString());
    for (String method : methods) {
      String[] script = script(new Random(Long.parseLong(method.substring(1)) * 31 + 7));
      List<String> reference =
          Transcript.withFrames(() -> compiled.reference(className, method), script);
      List<String> generated =
          Transcript.withFrames(() -> compiled.generated(className, method), script);
      if (!reference.equals(generated)) {
        fail("divergence in " + method + " (seed " + method.substring(1) + ")\n"
            + methodSource(source.toString(), method)
            + "\n--- reference:\n" + String.join("\n", reference)
            + "\n--- generated:\n" + String.join("\n", generated));
      }
    }
  }

  /** A random protocol script: mostly next and send, some throwInto and close. */
  static String[] script(Random random) {
    int length = 4 + random.nextInt(10);
    String[] steps = new String[length];
    for (int i = 0; i < length; i++) {
      int choice = random.nextInt(20);
      steps[i] = choice < 8 ? "next"
          : choice < 15 ? "send:" + random.nextInt(5)
          : choice < 17 ? "throw:IllegalStateException:thrown" + i
          : choice < 18 ? "throw:IllegalArgumentException:arg" + i
          : "close";
    }
    return steps;
  }

  private static String methodSource(String source, String method) {
    int start = source.indexOf("  @Coroutine\n  @SuppressWarnings(\"fallthrough\")\n  static String " + method + "(");
    int end = source.indexOf("\n  }\n", start);
    return start < 0 ? source : source.substring(start, end + 4);
  }
}
