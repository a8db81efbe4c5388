package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;

/**
 * Declarations that live across yields: for-each over arrays of every primitive type, array
 * initializers, enum constants and local constants as case labels, local records, enums and
 * interfaces.
 */
public class Declarations {
  /** A field named like an enum constant: a case label of an enum switch still means the constant. */
  static final String RED = "the field";

  static final int LIMIT = 2;

  enum Color { RED, GREEN, BLUE }

  static Color pick(int n) {
    return Color.values()[n % 3];
  }

  @Coroutine
  static void primitiveArrays(Yield<Object, Void> co) {
    for (boolean b : new boolean[] {true, false}) {
      co.yield(b);
    }
    for (byte b : new byte[] {1, -2}) {
      co.yield(b);
    }
    for (short s : new short[] {3, -4}) {
      co.yield(s);
    }
    for (char c : new char[] {'a', '\n'}) {
      co.yield((int) c);
    }
    for (int i : new int[] {5, 6}) {
      co.yield(i);
    }
    for (long l : new long[] {7L, 8L}) {
      co.yield(l);
    }
    for (float f : new float[] {1.5f, 2.5f}) {
      co.yield(f);
    }
    for (double d : new double[] {3.25, 4.75}) {
      co.yield(d);
    }
  }

  /** The loop reads each element when it gets there, as Java does: a change to a later one shows. */
  @Coroutine
  static void arrayChangedWhileIterating(Yield<Integer, Void> co) {
    short[] values = {1, 2, 3};
    for (short v : values) {
      co.yield((int) v);
      values[2] = 30;
    }
  }

  @Coroutine
  static String arrayInitializers(Yield<String, Integer> co) {
    int[] pair = {co.yield("p0"), co.yield("p1")};
    int[][] grid = {{1, 2}, {co.yield("g")}};
    co.yield("later");
    return pair[0] + "," + pair[1] + "," + grid[1][0];
  }

  @Coroutine
  static void enumLabels(Yield<String, Integer> co, Color color) {
    switch (color) {
      case RED -> {
        co.yield("red");
        co.yield(RED);
      }
      case GREEN -> co.yield("green");
      default -> co.yield("blue");
    }
    Color picked = pick(co.yield("pick"));
    switch (picked) {
      case RED:
        co.yield("picked red");
        break;
      case BLUE:
        co.yield("picked blue");
        break;
      default:
        co.yield("picked green");
    }
    switch (pick(co.yield("pick again"))) {
      case RED -> co.yield("red again");
      case GREEN -> co.yield("green again");
      case BLUE -> co.yield("blue again");
    }
  }

  @Coroutine
  static String localConstants(Yield<String, Integer> co) {
    final int QUIT = 0;
    final String PREFIX = "cmd ";
    final char MARK = '\n';
    final long BIG = 1L << 40;
    final int TWICE = QUIT + LIMIT * 2;
    StringBuilder log = new StringBuilder();
    while (true) {
      Integer command = co.yield(PREFIX + "?");
      switch (command) {
        case QUIT:
          return log.append(BIG).append((int) MARK).toString();
        case TWICE:
          log.append("twice;");
          co.yield(PREFIX + TWICE);
          break;
        case LIMIT:
          log.append("limit;");
          break;
        default:
          log.append(command).append(';');
      }
    }
  }

  @Coroutine
  static String sameConstantNames(Yield<String, Void> co, boolean first) {
    if (first) {
      final String WORD = "one";
      co.yield(WORD);
      return WORD;
    } else {
      final String WORD = "two";
      co.yield(WORD);
      return WORD;
    }
  }

  @Coroutine
  static String localTypes(Yield<String, Void> co) {
    interface Shape {
      double area();
    }
    record Rect(double w, double h) implements Shape {
      public double area() {
        return w * h * LIMIT / 2;
      }
    }
    enum Size { SMALL, LARGE }
    Shape shape = new Rect(2, 3);
    co.yield("made");
    Size size = shape.area() > 5 ? Size.LARGE : Size.SMALL;
    co.yield(size.name());
    switch (size) {
      case SMALL -> co.yield("small");
      case LARGE -> {
        co.yield("large");
        co.yield("area " + shape.area());
      }
    }
    return shape.toString();
  }

  @Coroutine
  static String sameLocalTypeNames(Yield<String, Void> co, boolean first) {
    if (first) {
      record Pair(int a, int b) {}
      Pair pair = new Pair(1, 2);
      co.yield("first");
      return pair.toString();
    }
    record Pair(String a, String b) {}
    Pair pair = new Pair("x", "y");
    co.yield("second");
    return pair.a() + pair.b();
  }

  /** A member type; a local record of the same name, later in one body, means itself there. */
  static final class Label {
    @Override
    public String toString() {
      return "the member type";
    }
  }

  @Coroutine
  static String localTypeNamedLikeAMemberType(Yield<String, Void> co) {
    {
      Label member = new Label();
      co.yield(member.toString());
      co.yield(member.toString());
    }
    record Label(int n) {}
    Label local = new Label(1);
    co.yield(local.toString());
    return local.toString();
  }
}
