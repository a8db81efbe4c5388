package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Generator;
import dev.jcoro.Yield;

/** PEP 380 delegation: values, sends, throws and close forwarded; the delegate's return value. */
public class Delegation {
  @Coroutine
  static int leaf(Yield<String, Integer> co, String name) {
    int sum = 0;
    try {
      for (int i = 0; i < 2; i++) {
        Integer got = co.yield(name + i);
        System.out.println(name + " got " + got);
        if (got != null) {
          sum += got;
        }
      }
    } catch (IllegalArgumentException e) {
      System.out.println(name + " caught " + e.getMessage());
      return -1;
    } finally {
      System.out.println(name + " finally");
    }
    return sum;
  }

  @Coroutine
  static int middle(Yield<String, Integer> co) {
    int a = co.yieldFrom(DelegationCoroutines.leaf("a"));
    System.out.println("middle: a returned " + a);
    int b;
    try {
      b = co.yieldFrom(DelegationCoroutines.leaf("b"));
    } finally {
      System.out.println("middle finally");
    }
    return a + b;
  }

  @Coroutine
  static String top(Yield<String, Integer> co) {
    co.yield("top start");
    int total = co.yieldFrom(DelegationCoroutines.middle());
    co.yield("total " + total);
    return "top done";
  }

  @Coroutine
  static int immediate(Yield<String, Void> co) {
    return 42;
  }

  @Coroutine
  static void delegatesToImmediate(Yield<String, Void> co) {
    int value = co.yieldFrom(DelegationCoroutines.immediate());
    System.out.println("immediate returned " + value);
    co.yield("after " + value);
    co.yieldFrom(DelegationCoroutines.immediate());
  }

  @Coroutine
  static void delegatesToReference(Yield<Integer, Void> co, Generator<Integer, Void, Void> other) {
    co.yieldFrom(other);
    co.yield(-1);
  }

  @Coroutine
  static void counter(Yield<Integer, Void> co, int n) {
    for (int i = 0; i < n; i++) {
      co.yield(i);
    }
  }
}
