package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.GeneratorExit;
import dev.jcoro.Yield;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import dev.jcoro.Generator;

/** Coroutines exercising every statement form a yield may stand in. */
public class ControlFlow {
  static int calls;

  static String tag(String text) {
    calls++;
    return "<" + text + ">";
  }

  @Coroutine
  static void printer(Yield<Void, Object> co) {
    System.out.println("My coroutine");
    while (true) {
      Object val = co.receive();
      System.out.println("Got " + val);
    }
  }

  @Coroutine
  static String blocksAndIfs(Yield<String, Integer> co, int limit) {
    int sum = 0;
    {
      Integer first = co.yield("first");
      if (first != null && first > limit) {
        System.out.println("big " + first);
        sum += first;
      } else if (first != null) {
        Integer second = co.yield("second");
        sum += first + (second == null ? 0 : second);
      } else {
        co.yield("was null");
        return "none";
      }
    }
    co.receive();
    return "sum=" + sum;
  }

  @Coroutine
  static int loops(Yield<Integer, Integer> co, int n) {
    int total = 0;
    int i = 0;
    while (i < n) {
      Integer got = co.yield(i);
      if (got != null) {
        total += got;
      }
      i++;
    }
    do {
      co.yield(-i);
      i--;
    } while (i > n - 2);
    for (int k = 0, m = 10; k < n; k++, m--) {
      if (k == 1) {
        continue;
      }
      Integer more = co.yield(m);
      total += more;
    }
    for (String s : List.of("a", "b")) {
      System.out.println("each " + s);
      co.yield(100 + s.length());
    }
    int[] numbers = {7, 8};
    for (int x : numbers) {
      co.yield(x);
    }
    return total;
  }

  @Coroutine
  static void labeled(Yield<String, Void> co) {
    outer:
    for (int i = 0; i < 4; i++) {
      inner:
      for (int j = 0; j < 4; j++) {
        if (j > i) {
          continue outer;
        }
        if (i == 3) {
          break outer;
        }
        if (j == 2) {
          break inner;
        }
        co.yield(i + "," + j);
      }
      co.yield("end row " + i);
    }
    block:
    {
      co.yield("in block");
      if (calls >= 0) {
        break block;
      }
      co.yield("never");
    }
    co.yield("after block");
  }

  @Coroutine
  static int throwing(Yield<Integer, Integer> co) throws IOException {
    Integer v = co.receive();
    if (v == null) {
      throw new IOException("no value");
    }
    if (v < 0) {
      throw new IllegalArgumentException("negative " + v);
    }
    return v * 2;
  }

  @Coroutine
  static void tryFinally(Yield<String, String> co) {
    try {
      System.out.println("try start");
      String got = co.yield("in try");
      System.out.println("got " + got);
    } catch (IllegalStateException e) {
      System.out.println("caught " + e.getMessage());
      co.yield("in catch");
      System.out.println("catch resumed");
    } finally {
      System.out.println("finally start");
      co.yield("in finally");
      System.out.println("finally end");
    }
    co.yield("after");
  }

  @Coroutine
  static void closeable(Yield<Integer, Void> co) {
    try {
      for (int i = 0; ; i++) {
        co.yield(i);
      }
    } catch (GeneratorExit e) {
      System.out.println("closing");
      throw e;
    } finally {
      System.out.println("cleanup");
    }
  }

  @Coroutine
  static void ignoresExit(Yield<String, Void> co) {
    while (true) {
      try {
        co.yield("alive");
      } catch (GeneratorExit e) {
        System.out.println("ignoring exit");
      }
    }
  }

  @Coroutine
  static String returnsFromFinallyInLoop(Yield<Integer, Void> co) {
    for (int i = 0; i < 5; i++) {
      try {
        co.yield(i);
        if (i == 2) {
          return "returned at " + i;
        }
      } finally {
        System.out.println("finally " + i);
      }
    }
    return "fell through";
  }

  @Coroutine
  static String finallyOverridesReturn(Yield<String, Void> co) {
    try {
      co.yield("in try");
      return "from try";
    } finally {
      co.yield("in finally");
      if (calls >= 0) {
        return "from finally";
      }
    }
  }

  @Coroutine
  static void breakThroughTwoFinallies(Yield<String, Void> co) {
    outer:
    while (true) {
      try {
        while (true) {
          try {
            co.yield("deep");
            break outer;
          } finally {
            System.out.println("inner finally");
          }
        }
      } finally {
        System.out.println("outer finally");
      }
    }
    try {
      for (int i = 0; i < 2; i++) {
        try {
          co.yield("stays " + i);
          continue;
        } finally {
          System.out.println("loop finally " + i);
        }
      }
    } finally {
      System.out.println("not crossed until the end");
    }
    co.yield("done");
  }

  @Coroutine
  static void continueInCatch(Yield<Integer, Void> co) {
    int i = 0;
    while (i < 3) {
      i++;
      try {
        co.yield(i);
      } catch (IllegalArgumentException e) {
        System.out.println("caught at " + i);
        continue;
      } finally {
        System.out.println("finally " + i);
      }
      System.out.println("after try " + i);
    }
  }

  @Coroutine
  static void pendingExceptionSurvivesFinallyYield(Yield<Integer, Void> co) {
    try {
      co.yield(1);
      throw new IllegalStateException("boom");
    } finally {
      co.yield(2);
    }
  }

  @Coroutine
  static String nestedTries(Yield<String, String> co) {
    List<String> log = new ArrayList<>();
    try {
      try {
        String gotA = co.yield("a");
        log.add(gotA);
        try {
          String gotB = co.yield("b");
        log.add(gotB);
        } catch (RuntimeException e) {
          log.add("inner caught " + e.getMessage());
          String gotC = co.yield("c");
        log.add(gotC);
          throw new IllegalStateException("rethrown " + e.getMessage());
        } finally {
          log.add("inner finally");
        }
      } catch (IllegalStateException e) {
        log.add("middle caught " + e.getMessage());
        String gotD = co.yield("d");
        log.add(gotD);
      } finally {
        log.add("middle finally");
        String gotE = co.yield("e");
        log.add(gotE);
      }
    } catch (Exception e) {
      log.add("outer caught " + e.getMessage());
    } finally {
      log.add("outer finally");
    }
    return String.join(";", log);
  }

  @Coroutine
  static void multiCatch(Yield<String, Void> co) {
    for (int i = 0; i < 3; i++) {
      try {
        co.yield("try " + i);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        System.out.println("multi " + e.getMessage());
        co.yield("multi yield " + e.getMessage());
        Runnable later = () -> System.out.println("captured " + e.getMessage());
        co.yield("after capture");
        later.run();
      } catch (RuntimeException e) {
        System.out.println("runtime " + e.getMessage());
        co.yield("runtime yield " + i);
      }
    }
  }

  @Coroutine
  static void checkedCatch(Yield<String, Void> co) {
    try {
      co.yield("waiting");
      if (calls < 0) {
        throw new IOException("never");
      }
    } catch (IOException e) {
      System.out.println("io " + e.getMessage());
    }
    co.yield("after");
  }

  @Coroutine
  static void siblingShadowing(Yield<Object, Void> co) {
    {
      String x = tag("s");
      co.yield(x);
      System.out.println("string " + x);
    }
    {
      int x = 41;
      co.yield(x + 1);
      System.out.println("int " + x);
    }
    for (int i = 0; i < 2; i++) {
      int square = i * i;
      System.out.println("square " + square);
      co.yield(square);
    }
  }

  @Coroutine
  static void stopIterationEscapes(Yield<String, Void> co) {
    co.yield("before");
    throw new dev.jcoro.StopIteration("leaked");
  }

  @Coroutine(primed = true)
  static void primedPrinter(Yield<Void, String> co, String prefix) {
    System.out.println(prefix + " ready");
    while (true) {
      String line = co.receive();
      System.out.println(prefix + line);
    }
  }

  @Coroutine
  static <T extends Comparable<T>> T runningMax(Yield<T, T> co, T start) {
    T max = start;
    while (true) {
      T value = co.yield(max);
      if (value == null) {
        return max;
      }
      if (value.compareTo(max) > 0) {
        max = value;
      }
    }
  }

  @Coroutine
  static void empty(Yield<Void, Void> co) {
  }

  @Coroutine
  static int noYield(Yield<Void, Void> co, int a, int b) {
    System.out.println("adding");
    return a + b;
  }

  @Coroutine
  static void reentrant(Yield<String, Void> co, AtomicReference<Generator<String, Void, Void>> self) {
    co.yield("first");
    try {
      self.get().next();
    } catch (IllegalStateException e) {
      System.out.println("inside: " + e.getMessage() + " while " + self.get().state());
    }
    co.yield("second");
  }

  @Coroutine
  static void throwsOnClose(Yield<String, Void> co) {
    try {
      co.yield("open");
    } finally {
      if (calls >= 0) {
        throw new UnsupportedOperationException("refused to close");
      }
    }
  }

  @Coroutine
  static String reservedNames(Yield<Object, Void> co, String label, int caught) {
    try {
      co.yield(label);
      co.yield(caught);
      throw new IllegalStateException(label + caught);
    } catch (IllegalStateException e) {
      co.yield(e.getMessage());
    }
    return label;
  }

  @Coroutine
  static void nativeJumps(Yield<Integer, Void> co) {
    int n = 0;
    while (true) {
      n++;
      if (n % 2 == 0) continue;
      if (n > 7) break;
      switch (n) {
        case 5:
          System.out.println("five");
          break;
        default:
          System.out.println("odd " + n);
      }
      co.yield(n);
    }
    for (int i = 0; i < 3; i++) {
      int j = 0;
      while (true) {
        if (++j > i) break;
      }
      co.yield(10 * i + j);
      Runnable r = () -> { for (int q = 0; q < 1; q++) { if (q == 0) return; } };
      r.run();
    }
  }

  /** The condition of a loop, as the generated code copies it to where the loop is entered. */
  static boolean check(int i, int n) {
    System.out.println("check " + i);
    if (i == 7) {
      throw new IllegalStateException("seven");
    }
    return i < n;
  }

  /**
   * Loops whose condition prints and may throw, entered after assignments only (the generated code
   * enters them without a jump) and left by the condition, inside and outside a try statement.
   */
  @Coroutine
  static String loopTops(Yield<Integer, Object> co, int n) {
    int total = 0;
    for (int i = 0; check(i, n); i++) {
      co.yield(i);
      total += i;
    }
    try {
      for (int j = n + 4; j > 0 && check(j, n + 5); j--) {
        co.yield(-j);
      }
    } catch (IllegalStateException e) {
      System.out.println("caught " + e.getMessage());
      return "caught after " + total;
    }
    return "total " + total;
  }
}
