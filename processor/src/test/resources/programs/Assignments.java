package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.util.ArrayList;
import java.util.List;

/**
 * Assignments with a yield on the right whose target is not a plain local: Java evaluates the
 * target's array, index and object before the right side, and a compound assignment's old value
 * too (JLS 15.26); the coroutine must use those values, not read them again after resuming.
 */
public class Assignments {
  /** What the helpers were called with, in order. */
  static final List<String> calls = new ArrayList<>();

  static int take(int[] box) {
    int value = box[0];
    box[0] = 0;
    return value;
  }

  static int index(int i) {
    calls.add("index " + i);
    return i;
  }

  static int[] array(int[] array) {
    calls.add("array");
    return array;
  }

  /** A counter that coroutines and their caller share. */
  public static final class Counter {
    public int count;
    public String log = "";

    public Counter get() {
      calls.add("get");
      return this;
    }
  }

  static String shared = "";

  int total;

  @Coroutine
  static int oldValueOfAnElement(Yield<Integer, Integer> co) {
    int[] box = {10};
    box[0] += co.yield(take(box));
    return box[0];
  }

  @Coroutine
  static int oldValueOfAField(Yield<Integer, Integer> co, Counter counter) {
    counter.count += co.receive();
    return counter.count;
  }

  @Coroutine
  static String indexBeforeTheRightSide(Yield<String, Integer> co) {
    calls.clear();
    int[] a = new int[3];
    a[index(1)] = co.yield("first");
    calls.add("assigned");
    a[index(2)] += co.yield("second");
    return java.util.Arrays.toString(a) + " " + calls;
  }

  @Coroutine
  static String nullArrayFailsAfterTheRightSide(Yield<String, Integer> co) {
    calls.clear();
    int[] a = null;
    co.yield("start");
    a[index(0)] = co.yield("right side");
    return "unreachable";
  }

  @Coroutine
  static String arrayAndObjectFromCalls(Yield<String, Integer> co) {
    calls.clear();
    Counter counter = new Counter();
    int[] values = {1, 2};
    array(values)[index(1)] += co.yield("element");
    counter.get().count += co.yield("count");
    counter.get().log += co.yield("log");
    return values[1] + " " + counter.count + " " + counter.log + " " + calls;
  }

  @Coroutine
  void instanceField(Yield<Integer, Integer> co) {
    total += co.yield(total);
    this.total += co.yield(total);
    co.yield(total);
  }

  @Coroutine
  static String staticFieldAndNarrowTypes(Yield<String, Integer> co) {
    shared = "s";
    shared += co.yield(shared);
    byte[] bytes = {120};
    bytes[0] += co.yield("byte");
    char[] chars = {'a'};
    chars[0] += co.yield("char");
    long[] bits = {1};
    bits[0] <<= co.yield("shift");
    return shared + " " + bytes[0] + " " + chars[0] + " " + bits[0];
  }

  @Coroutine
  static String localAssignedOnTheRight(Yield<String, Integer> co) {
    int x = 10;
    x += co.yield("x is " + (x = 5));
    return "x " + x;
  }

  @Coroutine
  static String nestedAndChained(Yield<String, Integer> co) {
    calls.clear();
    int[] a = {100};
    int[] b = {10};
    a[0] += (b[0] += co.yield("nested"));
    int[] c = new int[2];
    int[] d = new int[2];
    c[index(0)] = d[index(1)] = co.yield("chained");
    int value = (a[0] += co.yield("value"));
    return a[0] + " " + b[0] + " " + c[0] + " " + d[1] + " " + value + " " + calls;
  }
}
