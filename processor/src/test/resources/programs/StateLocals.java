package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;

/**
 * Hoisted locals that no resumption reads before assigning them are locals of resume, not
 * fields; those a resumption may read, after a yield or where throwInto and close go, stay
 * fields.
 */
public class StateLocals {
  /** Assigned from every yield before it is read: a local of resume, across the loop's jumps. */
  @Coroutine
  static String echo(Yield<Integer, Integer> co) {
    Integer value = co.receive();
    while (value != null && value != 3) {
      value = co.yield(value * 2);
    }
    return "end " + value;
  }

  /**
   * The benchmark's echo: the loop's head only yields, so each jump to it becomes that yield and
   * the head's own state, which nothing reaches any more, is left out.
   */
  @Coroutine
  static String echoForever(Yield<Integer, Integer> co) {
    Integer value = co.receive();
    while (true) {
      value = co.yield(value);
    }
  }

  /** Assigned on both branches, read where they join: the join is a jump, not a resumption. */
  @Coroutine
  static String branches(Yield<Integer, Integer> co) {
    int n = 0;
    String text;
    while (n < 4) {
      if (n % 2 == 0) {
        text = "even";
      } else {
        Integer got = co.yield(n);
        text = "odd " + got;
      }
      System.out.println(text + " " + n);
      n++;
    }
    return "n=" + n;
  }

  /** Computed and yielded, never read after the yield: a local of resume. */
  @Coroutine
  static String squares(Yield<Integer, Integer> co) {
    for (int i = 0; i < 3; i++) {
      int square = i * i;
      co.yield(square);
      System.out.println("after " + i);
    }
    return "done";
  }

  /** Read by the catch block after throwInto: the value must survive the yield, in a field. */
  @Coroutine
  static String caughtAfterYield(Yield<String, Integer> co) {
    String where = "before";
    try {
      where = "first";
      co.yield(where);
      where = "second";
      co.yield(where);
    } catch (IllegalArgumentException e) {
      return "caught at " + where;
    }
    return "end " + where;
  }

  /** Read by the finally block that close runs: a field. */
  @Coroutine
  static String finallyAfterClose(Yield<Integer, Integer> co) {
    String last = "none";
    try {
      while (true) {
        Integer got = co.yield(1);
        last = "got " + got;
        if (got != null && got > 2) {
          return last;
        }
      }
    } finally {
      System.out.println("finally " + last);
    }
  }

  /** Assigned from itself after the yield: the old value is read, so it is a field. */
  @Coroutine
  static String accumulates(Yield<Integer, Integer> co) {
    int total = 0;
    while (total < 10) {
      Integer got = co.yield(total);
      total = total + (got == null ? 1 : got);
    }
    return "total " + total;
  }

  /**
   * A local named like the exception resume routes: the catch clause around the dispatch switch
   * is in its scope, so the hoisted local takes another name (review).
   */
  @Coroutine
  static String namedError(Yield<Integer, Integer> co) {
    try {
      co.yield(1);
    } catch (IllegalStateException e) {
      System.out.println("caught");
    }
    int error = 2;
    co.yield(error);
    return "end";
  }

  /** A body holding the analysis's mark as text: nothing of it is dropped (review). */
  @Coroutine
  static String markInText(Yield<String, Integer> co) {
    String text = """
        //jcoro:defines text
        """;
    co.yield(text);
    return "end";
  }

  /** A Unicode escape names the local: the analysis, which reads names as text, stays off (review). */
  @Coroutine
  static String escapedName(Yield<Integer, Integer> co) {
    int x = 1;
    co.yield(0);
    co.yield(\u0078);
    return "end";
  }

  /**
   * A try statement on a local that lives across a yield (Java 9's resource reference): Java wants
   * an effectively final local there, so the copy declares one (review).
   */
  @Coroutine
  static String resourceReference(Yield<Integer, Integer> co) {
    AutoCloseable resource = () -> System.out.println("closed");
    co.yield(1);
    try (resource) {
      System.out.println("in try");
    } catch (Exception e) {
      System.out.println("failed");
    }
    return "end";
  }
}
