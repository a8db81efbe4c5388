package dev.jcoro.processor.testing;

import dev.jcoro.Generator;
import dev.jcoro.StopIteration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Drives a generator through a script of protocol calls and records what a user sees: each call's
 * result or exception, the state after it, and every line the body printed, in order.
 *
 * <p>Script steps: {@code next}, {@code send:<value>} (an int, {@code null}, or text; text in
 * double quotes is sent as it is, digits included),
 * {@code throw:<ExceptionClass>:<message>} (from {@code java.lang} or {@code java.io}),
 * {@code close}, {@code iterate} (drain with for-each).
 */
public final class Transcript {
  private Transcript() {}

  /** Runs {@code script} against the generator {@code start} makes, printing captured. */
  public static List<String> of(Supplier<Generator<Object, Object, Object>> start, String... script) {
    return of(start, false, script);
  }

  /**
   * The same, where each exception also shows its first frame in the program under test: to
   * compare a generated coroutine's stack traces with the reference's.
   */
  public static List<String> withFrames(
      Supplier<Generator<Object, Object, Object>> start, String... script) {
    return of(start, true, script);
  }

  private static List<String> of(
      Supplier<Generator<Object, Object, Object>> start, boolean frames, String... script) {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Generator<Object, Object, Object> generator = start.get();
      for (String step : script) {
        String outcome;
        try {
          outcome = "-> " + run(generator, step);
        } catch (StopIteration stop) {
          outcome = "-> StopIteration(" + stop.value() + ")";
        } catch (Throwable thrown) {
          outcome = "-> " + describe(thrown) + (frames ? userFrame(thrown) : "");
        }
        flush(printed, lines);
        lines.add(step + " " + outcome + " [" + generator.state() + "]");
      }
      // Not part of the transcript: ends a reference body's thread while its output is captured.
      try {
        generator.close();
      } catch (RuntimeException | Error ignored) {
        // A body that ignores GeneratorExit keeps its thread parked; nothing else to do.
      }
      printed.reset();
    } finally {
      System.out.flush();
      System.setOut(original);
    }
    flush(printed, lines);
    return lines;
  }

  private static Object run(Generator<Object, Object, Object> generator, String step)
      throws Exception {
    if (step.equals("next")) {
      return "yielded " + generator.next();
    }
    if (step.startsWith("send:")) {
      return "yielded " + generator.send(value(step.substring(5)));
    }
    if (step.startsWith("throw:")) {
      String[] parts = step.split(":", 3);
      return "yielded " + generator.throwInto(exception(parts[1], parts.length > 2 ? parts[2] : null));
    }
    if (step.equals("close")) {
      generator.close();
      return "closed";
    }
    if (step.equals("iterate")) {
      List<Object> values = new ArrayList<>();
      for (Object value : generator) {
        values.add(value);
      }
      return "iterated " + values;
    }
    throw new IllegalArgumentException("unknown step " + step);
  }

  private static Object value(String text) {
    if (text.equals("null")) {
      return null;
    }
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      return text.substring(1, text.length() - 1);
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException notANumber) {
      return text;
    }
  }

  private static Throwable exception(String name, String message) throws Exception {
    String qualified = name.contains(".") ? name
        : name.equals("IOException") ? "java.io.IOException"
        : name.equals("GeneratorExit") ? "dev.jcoro.GeneratorExit"
        : "java.lang." + name;
    return (Throwable) Class.forName(qualified).getConstructor(String.class).newInstance(message);
  }

  private static String describe(Throwable thrown) {
    // Helpful NullPointerException messages name a local or a field: only the type is compared.
    String message = thrown instanceof NullPointerException ? "" : thrown.getMessage();
    String text = thrown.getClass().getSimpleName() + "(" + message + ")";
    if (thrown.getCause() != null && thrown instanceof IllegalStateException) {
      text += " caused by " + thrown.getCause().getClass().getSimpleName();
    }
    return text;
  }

  /**
   * Where in the user's code {@code thrown} was thrown: its first frame of a class of the program
   * under test. The reference runs the original method, so this is javac's own line; a generated
   * state machine must show the same class, method and line (its frames are relocated).
   */
  private static String userFrame(Throwable thrown) {
    for (StackTraceElement frame : thrown.getStackTrace()) {
      String type = frame.getClassName();
      if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
          || type.startsWith("dev.jcoro.") || type.startsWith("org.") || type.startsWith("com.")
          || type.contains("Coroutines")) {
        continue;
      }
      String method = frame.getMethodName().startsWith("lambda$")
          ? frame.getMethodName().split("\\$")[1] : frame.getMethodName();
      return " at " + type + "." + method + "(" + frame.getFileName() + ":"
          + frame.getLineNumber() + ")";
    }
    return "";
  }

  private static void flush(ByteArrayOutputStream printed, List<String> lines) {
    String text = printed.toString(StandardCharsets.UTF_8);
    printed.reset();
    if (!text.isEmpty()) {
      for (String line : text.split("\n")) {
        lines.add("  | " + line);
      }
    }
  }
}
