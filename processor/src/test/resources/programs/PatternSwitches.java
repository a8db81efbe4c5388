package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;

/** Java 21 pattern switches and record patterns with yields in their cases. */
public class PatternSwitches {
  sealed interface Shape permits Circle, Square, Group {}

  record Circle(double radius) implements Shape {}

  record Square(double side) implements Shape {}

  record Group(Shape first, Shape second) implements Shape {}

  @Coroutine
  static void types(Yield<String, Void> co, Shape shape) {
    switch (shape) {
      case Circle c when c.radius() > 1 -> {
        co.yield("big circle");
        co.yield("radius " + c.radius());
      }
      case Circle c -> co.yield("small circle " + c.radius());
      case Square(double side) -> {
        co.yield("square");
        co.yield("side " + side);
      }
      case Group(Circle(var r), Shape second) -> {
        co.yield("group of a circle");
        co.yield(r + " and " + second);
      }
      case Group g -> {
        co.yield("other group");
        co.yield(String.valueOf(g.second()));
      }
    }
    co.yield("after");
  }

  @Coroutine
  static void nullAndDefault(Yield<String, Void> co, Object o) {
    switch (o) {
      case String text -> {
        co.yield("string");
        co.yield(text);
      }
      case Integer i when i > 10 -> co.yield("big int " + i);
      case null, default -> {
        co.yield("null or other");
        co.yield(String.valueOf(o));
      }
    }
    co.yield("after");
  }

  @Coroutine
  @SuppressWarnings("fallthrough")
  static void colonCases(Yield<String, Void> co, Object o) {
    switch (o) {
      case String text:
        co.yield("text " + text);
        break;
      case Integer n:
        co.yield("number");
        co.yield("number " + n);
        break;
      default:
        co.yield("other");
    }
  }

  @Coroutine
  static void recordPatternInInstanceof(Yield<String, Void> co, Object o) {
    if (o instanceof Group(Square(var side), var second)) {
      co.yield("square first");
      co.yield(side + " then " + second);
    }
    co.yield("done");
  }

  enum Planet {
    EARTH, MARS;

    /** A switch on this, in the enum's own coroutine: its labels stay bare, as Java 17 wants. */
    @Coroutine
    void visit(Yield<String, Void> co) {
      switch (this) {
        case EARTH -> {
          co.yield("home");
          co.yield("blue");
        }
        case MARS -> co.yield("red");
      }
    }
  }
}
