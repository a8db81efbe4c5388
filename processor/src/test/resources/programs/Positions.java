package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Generator;
import dev.jcoro.Yield;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A yield wherever Java allows a method call of its type. Operands print when they are
 * evaluated ({@link #at}), so a transcript shows Java's order (JLS 15.7) and that each is
 * evaluated once; {@link #box} is a field the caller may change while the coroutine is suspended.
 */
public class Positions {
  static int box;
  int count;

  /** {@code value}, after printing that {@code what} was evaluated. */
  static <T> T at(String what, T value) {
    System.out.println("eval " + what);
    return value;
  }

  static boolean test(String what, boolean value) {
    System.out.println("test " + what + " " + value);
    return value;
  }

  static String describe(Object a, Object b, Object c) {
    return a + "," + b + "," + c;
  }

  // ---------------------------------------------------------------- arguments and receivers

  @Coroutine
  static void printsWhatItIsSent(Yield<Void, String> co) {
    System.out.println(co.receive());
    System.out.println("got " + co.receive());
    System.out.println(at("a", "a") + co.receive() + at("c", "c"));
  }

  @Coroutine
  static int arguments(Yield<String, String> co, int best) {
    int n = Integer.parseInt(co.yield("number?"));
    List<String> both = List.of(co.yield("first?"), co.yield("second?"));
    System.out.println(both);
    best = Math.max(at("best", best), Integer.parseInt(co.yield("max?")));
    System.out.println(describe(at("x", 1), co.yield("middle?"), at("z", 3)));
    return n + best;
  }

  @Coroutine
  static String receivers(Yield<String, String> co) {
    String upper = co.yield("word?").toUpperCase();
    StringBuilder text = new StringBuilder(at("start", "<"))
        .append(co.yield("a?"))
        .append(at("sep", "|"))
        .append(co.yield("b?").trim());
    return upper + text.append(">");
  }

  @Coroutine
  static int staticField(Yield<Integer, Integer> co) {
    box = co.yield(box);
    box += co.yield(box);
    box = box * 10 + co.yield(box);
    return box;
  }

  @Coroutine
  int instanceField(Yield<Integer, Integer> co) {
    this.count = co.yield(count);
    count += co.yield(count);
    this.count -= co.yield(this.count);
    return count;
  }

  static String joined(List<String> values, int n) {
    return values + ":" + n;
  }

  @Coroutine
  static String inferredOperands(Yield<Void, Integer> co) {
    // Types javac infers at the call: kept across the suspension all the same.
    String first = joined(List.of(), co.receive());
    long wide = at("long", 1L) + co.receive();
    return first + " " + joined(new ArrayList<>(List.of(at("list", "x"))), co.receive()) + " " + wide;
  }

  @Coroutine
  static String targetAndRightSide(Yield<Void, Integer> co, int size) {
    int[] a = new int[size];
    a[co.receive()] = co.receive();
    a[at("index", 0)] += co.receive();
    return java.util.Arrays.toString(a);
  }

  // ---------------------------------------------------------------- conditional evaluation

  @Coroutine
  static String conditionalArms(Yield<String, String> co, boolean left) {
    String chosen = left ? co.yield("left?") : co.yield("right?");
    String mixed = test("again", !left) ? at("plain", "p") : co.yield("arm?") + at("after", "!");
    String nested = at("before", "b") + (test("outer", left)
        ? (test("inner", !left) ? co.yield("tt?") : at("tf", "tf"))
        : co.yield("f?")) + at("end", "e");
    return chosen + "/" + mixed + "/" + nested;
  }

  @Coroutine
  static int conditionalThenAnotherYield(Yield<String, Integer> co, boolean which) {
    // The arm's operand after its yield is evaluated before the second yield, on its own path.
    int sum = (which ? co.yield("a?") + at("z", 1) : at("w", 2)) + co.yield("b?");
    int other = (which ? at("w", 2) : co.yield("c?") * at("z", 10)) + co.yield("d?");
    return sum * 100 + other;
  }

  @Coroutine
  static List<String> shortCircuits(Yield<String, Integer> co, boolean ready) {
    List<String> log = new ArrayList<>();
    boolean positive = ready && co.yield("and?") > 0;
    log.add("and " + positive);
    boolean either = test("or", ready) || co.yield("or?") > 0;
    log.add("or " + either);
    if (test("if", !ready) && co.yield("if?") > 0 || co.yield("else?") > 0) {
      log.add("then");
    }
    int n = 0;
    while (n < 5 && co.yield("loop " + n) != 0) {
      n++;
    }
    log.add("loops " + n);
    return log;
  }

  @Coroutine
  static String patternsInTests(Yield<String, String> co, Object value) {
    if (value instanceof String s && co.yield("has " + s).equals(s)) {
      return "same " + s;
    }
    String text = !(value instanceof Integer i) ? co.yield("not int") : co.yield("int " + (i + 1)) + i;
    return text;
  }

  // ---------------------------------------------------------------- delegation

  @Coroutine
  static int child(Yield<String, String> co, String name) {
    String got = co.yield(name);
    System.out.println(name + " got " + got);
    return got == null ? 0 : got.length();
  }

  @Coroutine
  static List<Integer> delegationValues(Yield<String, String> co) {
    List<Integer> results = new ArrayList<>();
    results.add(co.yieldFrom(PositionsCoroutines.child("one")));
    System.out.println("sum " + (co.yieldFrom(PositionsCoroutines.child("two"))
        + co.yieldFrom(PositionsCoroutines.child("three"))));
    int chosen = results.get(0) > 1 ? co.yieldFrom(PositionsCoroutines.child("long")) : -1;
    results.add(chosen);
    return results;
  }

  @Coroutine
  static String iterables(Yield<Integer, Integer> co, List<Integer> values) {
    co.yieldFrom(values);
    Iterator<Integer> rest = values.iterator();
    rest.next();
    Object none = co.yieldFrom(rest);
    co.yieldFrom(PositionsCoroutines.countTo(2));
    return "done " + none;
  }

  @Coroutine
  static void countTo(Yield<Integer, Integer> co, int n) {
    for (int i = 1; i <= n; i++) {
      co.yield(i);
    }
  }

  @Coroutine
  static String iterableInterrupted(Yield<Integer, Integer> co, List<Integer> values) {
    try {
      co.yieldFrom(values);
      return "exhausted";
    } catch (IllegalStateException | IllegalArgumentException e) {
      return "caught " + e.getClass().getSimpleName();
    } finally {
      System.out.println("finally");
    }
  }

  // ---------------------------------------------------------------- switch expressions

  enum Color { RED, GREEN }

  @Coroutine
  static String switchArms(Yield<String, String> co, int n) {
    String word = switch (n) {
      case 1 -> co.yield("one?");
      case 2 -> {
        String a = co.yield("two?");
        yield a + a;
      }
      case 3 -> {
        if (co.yield("three?").isEmpty()) {
          yield "empty";
        }
        yield "full";
      }
      default -> "many";
    };
    int length = at("before", 10) + switch (co.yield("kind?")) {
      case "a" -> co.yield("a?").length();
      default -> {
        try {
          yield Integer.parseInt(co.yield("number?"));
        } catch (NumberFormatException e) {
          yield -1;
        } finally {
          System.out.println("finally");
        }
      }
    } + at("after", 1);
    return word + " " + length;
  }

  @Coroutine
  static int returnSwitch(Yield<Integer, Integer> co, String key) {
    return switch (key) {
      case "x":
        yield co.yield(1) * 2;
      default: {
        int v = co.yield(2);
        yield v + co.yield(3);
      }
    };
  }

  @Coroutine
  static String enumSwitch(Yield<String, String> co, Color color) {
    var text = switch (color) {
      case RED -> "r" + co.yield("red?");
      case GREEN -> co.yield("green?") + "g";
    };
    System.out.println(switch (co.yield("again?")) { case "x" -> "1"; default -> co.yield("y?"); });
    return text;
  }

  // ---------------------------------------------------------------- arrays, returns, throws

  @Coroutine
  static String arrays(Yield<String, Integer> co) {
    int[] sized = new int[co.yield("size?")];
    int[] pair = {at("first", 1), co.yield("second?"), at("third", 3)};
    int[][] grid = new int[at("rows", 2)][co.yield("columns?")];
    sized[0] = pair[1];
    return sized.length + " " + pair[0] + pair[1] + pair[2] + " " + grid.length + "x" + grid[0].length;
  }

  @Coroutine
  static int returns(Yield<String, Integer> co, int x) {
    if (x > 0) {
      return at("x", x) * co.yield("factor?");
    }
    throw new IllegalStateException(at("message", "bad ") + co.yield("why?"));
  }

  // ---------------------------------------------------------------- assert

  @Coroutine
  static String asserts(Yield<String, Integer> co, int n) {
    assert at("plain", n) >= 0 : "negative";
    assert co.yield("check?") > n : "too small: " + co.yield("why?");
    assert co.yield("again?") != 0;
    return "ok";
  }

  // ---------------------------------------------------------------- var

  @Coroutine
  static String varLocals(Yield<String, String> co, List<String> list) {
    var it = list.iterator();
    var sb = new StringBuilder();
    while (it.hasNext()) {
      sb.append(co.yield(it.next()));
    }
    for (var x : list) {
      var pair = List.of(x, co.yield("again " + x));
      sb.append(pair);
    }
    return sb.toString();
  }
}
