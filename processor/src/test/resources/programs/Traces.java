package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.util.List;
import java.util.function.IntSupplier;

/** Exceptions thrown at known lines of coroutine bodies, for their stack traces. */
public class Traces {
  @Coroutine
  static void minimize(Yield<Void, Integer> co) {
    Integer smallest = null;
    while (true) {
      int val = co.receive();
      if (smallest == null || val < smallest) {
        smallest = val;
      }
      System.out.println(smallest);
    }
  }

  @Coroutine
  static void assigned(Yield<Void, Integer> co) {
    long total = 0;
    long last;
    while (true) {
      last = co.receive();
      total += last;
      System.out.println(total);
    }
  }

  @Coroutine
  static void compound(Yield<Void, Integer> co) {
    double total = 0;
    while (true) {
      total += co.receive();
      System.out.println(total);
    }
  }

  @Coroutine
  static int returned(Yield<Void, Integer> co) {
    System.out.println("waiting");
    return co.receive();
  }

  @Coroutine
  static int divide(Yield<Integer, Integer> co, int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      Integer d = co.yield(i);
      sum += 100
          / d;
    }
    return sum;
  }

  @Coroutine
  static void nested(Yield<String, Void> co, List<String> items) {
    co.yield("first");
    for (String item : items) {
      if (item.isEmpty()) {
        int index = items.indexOf(item);
        System.out.println("empty at " + index);
        String broken = null;
        co.yield(broken.trim());
      }
      co.yield(item);
    }
    IntSupplier late = () -> Integer.parseInt("not a number");
    co.yield("last " + late.getAsInt());
  }

  @Coroutine
  static void multiLine(Yield<Integer, Void> co, int[] values) {
    co.yield(0);
    int total = 0;
    for (int v : values) {
      total += v;
    }
    if (total > 0) {
      System.out.println(total);
      int[] copy = new int[2];
      copy[total] = 1;
    }
    co.yield(total);
  }
}
