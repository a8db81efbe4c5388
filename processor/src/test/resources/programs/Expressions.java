package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.util.ArrayList;
import java.util.List;

/** Yields inside expressions, evaluated in Java's order. */
public class Expressions {
  @Coroutine
  static int compound(Yield<Integer, Integer> co) {
    int total = 0;
    while (total < 10) {
      total += co.yield(total);
    }
    return total;
  }

  @Coroutine
  static List<String> arguments(Yield<Void, String> co) {
    List<String> lines = new ArrayList<>();
    lines.add(co.receive());
    lines.add(co.receive().toUpperCase());
    lines.add(co.receive() + "/" + co.receive());
    return lines;
  }

  @Coroutine
  static int readLines(Yield<Void, String> co) {
    String line;
    int count = 0;
    while ((line = co.receive()) != null) {
      System.out.println("line " + line);
      count++;
    }
    return count;
  }

  @Coroutine
  static void conditions(Yield<String, Integer> co) {
    if (co.yield("sign?") > 0) {
      System.out.println("positive");
    } else {
      System.out.println("not positive");
    }
    do {
      System.out.println("again");
    } while (co.yield("more?") != 0);
    for (int i = co.yield("start?"); i < 3; i += co.yield("step?")) {
      System.out.println("i=" + i);
    }
  }

  @Coroutine
  static int returnsYield(Yield<Integer, Integer> co, int x) {
    return co.yield(x * 2) + 1;
  }

  @Coroutine
  static int evaluationOrder(Yield<Integer, Integer> co) {
    int a = 5;
    int b = a * co.yield(a);
    int c = co.yield(b) - co.yield(b + 1);
    return b * 1000 + c;
  }

  @Coroutine
  static int nestedYields(Yield<Integer, Integer> co) {
    int echo = co.yield(co.yield(1) + 10);
    return echo;
  }

  @Coroutine
  static void throwsYield(Yield<String, String> co) {
    throw new IllegalStateException(co.yield("message?"));
  }

  @Coroutine
  static String arrays(Yield<Integer, Integer> co) {
    int[] slots = new int[3];
    int i = 0;
    slots[i] = co.yield(i);
    slots[i + 1] += co.yield(i + 1);
    slots[2] = co.yield(2) * 10;
    return slots[0] + "," + slots[1] + "," + slots[2];
  }

  @Coroutine
  static int declaredOnResume(Yield<Integer, Integer> co) {
    int first = co.yield(0);
    var second = co.yield(first);
    final int third = co.yield(first + second);
    return first + second + third;
  }

  static final java.util.List<Integer> items = new java.util.ArrayList<>();
  static int calls;

  static int g() {
    calls++;
    System.out.println("g " + calls);
    return calls * 10;
  }

  static int f(int a, int b) {
    return a + b;
  }

  /** Operands Java evaluates before a yield are evaluated once, before it, and kept. */
  @Coroutine
  static String keptOperands(Yield<String, Integer> co) {
    items.clear();
    calls = 0;
    items.add(co.receive());
    int sum = f(g(), co.yield("after g"));
    String text = "got " + co.yield("text") + " and " + g();
    System.out.println(co.receive());
    return items + " " + sum + " " + text;
  }
}
