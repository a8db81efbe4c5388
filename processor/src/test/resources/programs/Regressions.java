package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;

/** Programs the differential fuzzer found wrong once; each stays as a regression test. */
public class Regressions {
  /** The author's @SuppressWarnings must cover the copied code: a native switch that falls through. */
  @Coroutine
  @SuppressWarnings("fallthrough")
  static String suppressedFallThrough(Yield<Integer, Integer> co) {
    int a = 0;
    while (a < 3) {
      a++;
      co.yield(a);
      switch (a) {
        case 1:
          System.out.println("one");
        case 2:
          System.out.println("one or two");
          break;
        default:
          System.out.println("other");
      }
    }
    return "end " + a;
  }

  /**
   * A do statement whose body always continues an outer loop cannot complete normally (JLS
   * 14.22): nothing may follow it in the copied catch block, not even the jump the lowering adds.
   */
  @Coroutine
  static String doWhileThatAlwaysLeaves(Yield<Integer, Integer> co) {
    int n = 0;
    outer:
    for (int i = 0; i < 2; i++) {
      try {
        co.yield(i);
        throw new IllegalStateException("t" + i);
      } catch (IllegalStateException | IllegalArgumentException e) {
        System.out.println("caught " + e.getMessage());
        int c = 0;
        do {
          c++;
          n += c;
          continue outer;
        } while (c < 3);
      } finally {
        System.out.println("finally " + i);
      }
    }
    return "n=" + n;
  }

  /**
   * A continue inside copied try/finally: the finally runs before the loop's update, so a jump
   * inside copied Java is never replaced by the code of its target (review of jump threading).
   */
  @Coroutine
  static String continueThroughCopiedFinally(Yield<Integer, Integer> co) {
    int done = 0;
    for (int i = 0; i < 4; i++) {
      co.yield(i);
      try {
        if (i % 2 == 0) {
          continue;
        }
        done += 10;
      } finally {
        System.out.println("finally " + i + " done=" + done);
      }
    }
    return "done=" + done;
  }

  /** A finally that throws after a return drops the return; the catch that yields then runs. */
  @Coroutine
  static String returnDroppedByThrowingFinally(Yield<String, Integer> co) {
    try {
      co.yield("start");
      try {
        return "returned";
      } finally {
        check(false);
      }
    } catch (IllegalStateException e) {
      co.yield("invalid " + e.getMessage());
    }
    return "after";
  }

  static void check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("check");
    }
  }

  /**
   * A copied finally that throws while a break leaves through it: the catch around the state
   * that was running catches it, not the try region of the break's target (review).
   */
  @Coroutine
  static String throwingFinallyOnBreak(Yield<String, Integer> co) {
    int n = 0;
    outer:
    while (true) {
      try {
        co.yield("at " + n);
        try {
          if (n >= 0) {
            break outer;
          }
        } finally {
          n++;
          check(n > 1);
        }
      } catch (IllegalStateException e) {
        co.yield("caught " + e.getMessage() + " " + n);
      }
    }
    return "n=" + n;
  }
}
