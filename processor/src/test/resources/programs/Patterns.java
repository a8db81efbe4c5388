package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.util.ArrayList;
import java.util.List;

/** Pattern variables of instanceof (Java 16) that live across yields, in every scope Java gives them. */
public class Patterns {
  /** A field named like a pattern variable: where the variable is not in scope, the name is this. */
  static String s = "the field s";

  record Circle(double radius) {}

  @Coroutine
  static void thenBranch(Yield<String, Void> co, Object o) {
    if (o instanceof Circle c) {
      co.yield("a circle");
      co.yield("radius " + c.radius());
    } else {
      co.yield("not a circle");
    }
  }

  @Coroutine
  static void flowScoped(Yield<String, Void> co, List<Object> items) {
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      if (!(o instanceof String s)) continue;
      co.yield("one");
      out.add(s);
    }
    co.yield(out.toString());
    co.yield(s);
  }

  @Coroutine
  static void elseBranch(Yield<String, Void> co, Object o) {
    if (!(o instanceof String text)) {
      co.yield("not a string");
    } else {
      co.yield("a string");
      co.yield(text.toUpperCase());
    }
  }

  @Coroutine
  static void afterReturn(Yield<String, Void> co, Object o) {
    if (!(o instanceof Integer n)) {
      co.yield("no number");
      return;
    }
    co.yield("number");
    co.yield("twice " + (n * 2));
  }

  /** A pattern variable assigned after it was kept: later states see the new value. */
  @Coroutine
  static void reassigned(Yield<String, Void> co, Object o) {
    if (o instanceof String word && !word.isEmpty()) {
      word = word + "!";
      co.yield(word);
      word = word + "?";
      co.yield(word);
    }
  }

  @Coroutine
  static void whileNotMatched(Yield<String, Object> co) {
    Object next = co.yield("first?");
    while (!(next instanceof String line && line.length() > 2)) {
      next = co.yield("longer please");
    }
    co.yield("got " + line);
    co.yield("still " + line);
  }

  @Coroutine
  static void forCondition(Yield<String, Void> co, Object[] items) {
    int i = 0;
    for (; i < items.length && items[i] instanceof Integer k; i++) {
      co.yield("int " + k);
      co.yield("again " + k);
    }
    co.yield("stopped at " + i);
  }

  /** A pattern variable used only in the condition needs no field. */
  @Coroutine
  static void conditionOnly(Yield<String, Void> co, Object o) {
    if (o instanceof String t && t.length() > 3) {
      co.yield("long");
    }
    co.yield("done " + s);
  }
}
