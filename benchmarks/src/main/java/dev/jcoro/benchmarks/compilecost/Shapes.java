package dev.jcoro.benchmarks.compilecost;

/**
 * Writes the source that {@link CompileCost} compiles: one class with N {@code @Coroutine} methods
 * that cycle through eight shapes — loops with yields inside, yields in try, catch and finally
 * blocks, switch statements with fall-through, labeled break out of nested loops, enhanced for,
 * try-with-resources, yieldFrom, and yields inside expressions (a declaration's value, a compound
 * assignment, a method argument, a while condition, a switch selector) — each with some ordinary
 * code around the yields, as real bodies have.
 */
final class Shapes {
  private Shapes() {}

  private static final String[] SHAPES = {
    // 0: a receive loop that accumulates (the tutorial's consumers), yields in a condition
    """
      /** Sums what it is sent until null. */
      @Coroutine
      static int sum%1$d(Yield<Void, Integer> co, int limit) {
        int total = 0;
        int count = 0;
        Integer value;
        while ((value = co.receive()) != null && count < limit) {
          if (value < 0) {
            continue;
          }
          total += value * %1$d;
          count++;
        }
        return total + count;
      }
    """,
    // 1: try/finally with yields in both blocks, a compound assignment
    """
      /** Logs and echoes, cleans up in finally. */
      @Coroutine
      static void guarded%1$d(Yield<String, String> co, List<String> log) {
        int seen = 0;
        try {
          String line = co.yield("ready %1$d");
          while (line != null) {
            log.add(line);
            seen += line.length();
            line = co.yield(line.toUpperCase(Locale.ROOT));
          }
        } finally {
          log.add("closed after " + seen);
          co.yield("bye");
        }
      }
    """,
    // 2: switch with fall-through and yields in cases, a switch selector that yields
    """
      /** A small command interpreter. */
      @Coroutine
      static void commands%1$d(Yield<Integer, Integer> co) {
        int state = %1$d;
        while (true) {
          switch (co.yield(state)) {
            case 0:
              state++;
              break;
            case 1:
              state += co.yield(-1);
              break;
            case 2:
              state = 0;
              // fall through
            case 3:
              state--;
              co.yield(state * 2);
              break;
            default:
              return;
          }
        }
      }
    """,
    // 3: try/catch with a yield in the catch block, enhanced for, a yield as an argument
    """
      /** Yields each item, reports failures. */
      @Coroutine
      static int each%1$d(Yield<String, String> co, List<String> items, List<String> answers) {
        int done = 0;
        for (String item : items) {
          try {
            answers.add(co.yield(item.trim()));
            if (item.isEmpty()) {
              throw new IllegalArgumentException("empty item at " + done);
            }
            done++;
          } catch (IllegalArgumentException e) {
            co.yield("error: " + e.getMessage());
          }
        }
        return done;
      }
    """,
    // 4: labeled break out of nested loops, do/while
    """
      /** Walks a grid until told to stop. */
      @Coroutine
      static long grid%1$d(Yield<long[], Boolean> co, int width, int height) {
        long count = 0;
        outer:
        for (int x = 0; x < width; x++) {
          int y = 0;
          do {
            Boolean more = co.yield(new long[] {x, y, %1$d});
            if (more != null && !more) {
              break outer;
            }
            count++;
            y++;
          } while (y < height);
        }
        return count;
      }
    """,
    // 5: try-with-resources with a yield inside
    """
      /** Reads lines from a resource, one per next(). */
      @Coroutine
      static void lines%1$d(Yield<String, Void> co, String text) throws IOException {
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
          String line;
          int number = 0;
          while ((line = reader.readLine()) != null) {
            number++;
            co.yield(number + ": " + line);
          }
        }
      }
    """,
    // 6: yieldFrom a delegate (a parameter: the plain compilation has no generated factories)
    """
      /** Delegates to a sub-generator, then yields its result. */
      @Coroutine
      static int delegate%1$d(Yield<Integer, Integer> co, Generator<Integer, Integer, Integer> inner) {
        Integer got = co.yieldFrom(inner);
        int doubled = got * 2;
        co.yield(doubled);
        return doubled + %1$d;
      }
    """,
    // 7: a running minimum and maximum with nested ifs and a yield as a declaration's value
    """
      /** Keeps the smallest and largest values seen. */
      @Coroutine
      static void minMax%1$d(Yield<int[], Integer> co) {
        int smallest = Integer.MAX_VALUE;
        int largest = Integer.MIN_VALUE;
        int[] answer = {smallest, largest};
        while (true) {
          int value = co.yield(answer);
          if (value < smallest) {
            smallest = value;
          } else if (value > largest) {
            largest = value;
          } else {
            continue;
          }
          answer = new int[] {smallest, largest};
        }
      }
    """,
  };

  /**
   * The source of class {@code cc.<name>} with {@code n} coroutines.
   *
   * @param name the class's simple name, ending with n
   * @param n how many coroutines
   * @return the source
   */
  static String source(String name, int n) {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        package cc;

        import dev.jcoro.Coroutine;
        import dev.jcoro.Generator;
        import dev.jcoro.Yield;
        import java.io.BufferedReader;
        import java.io.IOException;
        import java.io.StringReader;
        import java.util.List;
        import java.util.Locale;

        /** %d coroutines of mixed shapes, for the compile-time benchmark. */
        public final class %s {
          private %s() {}

          /** A coroutine to delegate to. */
          @Coroutine
          static int counter(Yield<Integer, Integer> co, int start) {
            int i = start;
            Integer step;
            while ((step = co.yield(i)) != null) {
              i += step;
            }
            return i;
          }

        """
            .formatted(n, name, name));
    for (int i = 0; i < n - 1; i++) {
      out.append(SHAPES[i % SHAPES.length].formatted(i).indent(2)).append('\n');
    }
    out.append("}\n");
    return out.toString();
  }
}
