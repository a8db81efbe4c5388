package programs;

import static java.lang.Math.max;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.util.ArrayList;
import java.util.List;

/** Instance and generic coroutines, nested classes, interfaces and the enclosing class's members. */
public class Members {
  static int created;
  static final String PREFIX = "#";
  int count;
  final String name;
  final List<String> log = new ArrayList<>();

  Members(String name) {
    this.name = name;
    created++;
  }

  String label(int n) {
    return PREFIX + name + n;
  }

  static int twice(int n) {
    return 2 * n;
  }

  enum Mode { SLOW, FAST }

  static final class Pair {
    final int left;
    final int right;

    Pair(int left, int right) {
      this.left = left;
      this.right = right;
    }
  }

  @Coroutine
  int counter(Yield<String, Integer> co, int limit) {
    while (count < limit) {
      Integer step = co.yield(label(count));
      count += step == null ? 1 : step;
      this.log.add(name + ":" + count);
    }
    return count;
  }

  @Coroutine
  static <T extends Comparable<T>> void runningMax(Yield<T, T> co) {
    T best = co.receive();
    while (true) {
      T next = co.yield(best);
      if (next.compareTo(best) > 0) {
        best = next;
      }
    }
  }

  @Coroutine
  static void staticMembers(Yield<Object, Void> co) {
    Pair pair = new Pair(3, 4);
    co.yield(max(pair.left, pair.right));
    co.yield(twice(created) >= 0 ? Mode.FAST : Mode.SLOW);
    co.yield(PREFIX + Mode.values().length);
  }

  static final class Box<T> {
    final List<T> items = new ArrayList<>();

    @Coroutine
    void collect(Yield<Integer, T> co) {
      while (true) {
        T item = co.yield(items.size());
        if (item == null) {
          return;
        }
        items.add(item);
        Runnable report = () -> System.out.println("box has " + this.items);
        report.run();
      }
    }
  }

  /** An inner class: its instance coroutine reaches the inner object's members. */
  final class Tally {
    int total;

    @Coroutine
    int add(Yield<Integer, Integer> co, int limit) {
      while (total < limit) {
        Integer more = co.yield(total);
        total += more == null ? 1 : more;
      }
      return total;
    }
  }

  interface Source {
    @Coroutine
    static void countdown(Yield<Integer, Void> co, int from) {
      for (int i = from; i > 0; i--) {
        co.yield(i);
      }
    }
  }
}
