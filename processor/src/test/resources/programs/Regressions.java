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
}
