package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.util.Arrays;

/** try-with-resources whose body yields: closed in reverse order on every way out. */
public class Resources {
  static final class Res implements AutoCloseable {
    final String name;
    final boolean failOnClose;

    Res(String name, boolean failOnClose) {
      this.name = name;
      this.failOnClose = failOnClose;
      System.out.println("open " + name);
    }

    @Override
    public void close() {
      System.out.println("close " + name);
      if (failOnClose) {
        throw new IllegalStateException("close failed: " + name);
      }
    }
  }

  static String describe(Throwable e) {
    return e.getMessage() + " suppressed " + Arrays.toString(
        Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toArray());
  }

  @Coroutine
  static void twoResources(Yield<String, String> co, boolean failA, boolean failB) {
    try (Res a = new Res("a", failA); Res b = new Res("b", failB)) {
      String got = co.yield("inside " + a.name + b.name);
      if ("boom".equals(got)) {
        throw new IllegalArgumentException("body failed");
      }
      co.yield("still inside");
    }
    co.yield("after");
  }

  @Coroutine
  static void withCatchAndFinally(Yield<String, String> co, boolean failA) {
    try (Res a = new Res("a", failA)) {
      co.yield("inside " + a.name);
      throw new IllegalArgumentException("body failed");
    } catch (RuntimeException e) {
      System.out.println("caught " + describe(e));
      co.yield("in catch");
    } finally {
      System.out.println("finally");
    }
  }

  @Coroutine
  static int inLoop(Yield<Integer, Void> co) {
    int sum = 0;
    for (int i = 0; i < 3; i++) {
      try (Res r = new Res("r" + i, false)) {
        if (i == 1) {
          continue;
        }
        co.yield(i * 10 + r.name.length());
        sum += i;
      }
    }
    return sum;
  }

  @Coroutine
  static void existingVariable(Yield<String, Void> co) {
    Res shared = new Res("shared", false);
    try (shared) {
      co.yield("using " + shared.name);
    }
  }
}
