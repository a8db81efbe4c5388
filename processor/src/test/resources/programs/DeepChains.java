package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Generator;
import dev.jcoro.Yield;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive generator, as in a tree walk: a chain of co.yieldFrom as deep as asked. Every PEP 380
 * behaviour must hold at every level: values and sends pass through, throwInto reaches the leaf,
 * close and exceptions unwind through each level's finally, return values come back up, and every
 * generator of the chain is RUNNING while the leaf runs.
 */
public class DeepChains {
  /** The generators of the chain below the top, as they were made. */
  static final List<Generator<Integer, Integer, Integer>> LEVELS = new ArrayList<>();
  /** Whether the leaf, at its second value, sends to a generator halfway up its running chain. */
  static boolean poke;

  @Coroutine
  static int deep(Yield<Integer, Integer> co, int depth) {
    LEVELS.clear();
    int result = co.yieldFrom(DeepChainsCoroutines.chain(depth));
    System.out.println("deep got " + result);
    co.yield(-result);
    return result;
  }

  @Coroutine
  static int chain(Yield<Integer, Integer> co, int depth) {
    if (depth == 0) {
      int sum = 0;
      try {
        for (int i = 0; i < 3; i++) {
          long running = LEVELS.stream().filter(g -> g.state() == Generator.State.RUNNING).count();
          System.out.println("leaf yields " + i + ", " + running + " of " + LEVELS.size()
              + " levels running");
          if (poke && i == 1) {
            Generator<Integer, Integer, Integer> middle = LEVELS.get(LEVELS.size() / 2);
            try {
              middle.send(99);
              System.out.println("poke: sent");
            } catch (IllegalStateException e) {
              System.out.println("poke: " + e.getMessage() + ", " + middle.state());
            }
          }
          Integer got = co.yield(i);
          if (got != null) {
            sum += got;
          }
        }
      } catch (IllegalArgumentException e) {
        System.out.println("leaf caught " + e.getMessage());
        return -1;
      } finally {
        System.out.println("leaf finally");
      }
      return sum;
    }
    Generator<Integer, Integer, Integer> child = DeepChainsCoroutines.chain(depth - 1);
    LEVELS.add(child);
    try {
      int below = co.yieldFrom(child);
      return below + 1;
    } finally {
      if (depth % 25 == 0 || depth == 1) {
        System.out.println("level " + depth + " finally");
      }
    }
  }
}
