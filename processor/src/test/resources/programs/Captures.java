package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Lambdas and anonymous classes over locals that live across yields; scopes that end. */
public class Captures {
  @Coroutine
  static String perIteration(Yield<Integer, Void> co) {
    List<Supplier<String>> suppliers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String name = "item" + i;
      co.yield(i);
      suppliers.add(() -> name);
      suppliers.add(new Supplier<String>() {
        @Override
        public String get() {
          return name.toUpperCase();
        }
      });
    }
    StringBuilder all = new StringBuilder();
    for (Supplier<String> supplier : suppliers) {
      all.append(supplier.get()).append(' ');
    }
    return all.toString().trim();
  }

  @Coroutine
  static String catchParameterCaptured(Yield<String, Void> co) {
    Supplier<String> message = null;
    try {
      co.yield("waiting");
    } catch (IllegalStateException e) {
      co.yield("caught");
      message = () -> e.getMessage();
    }
    return message == null ? "none" : message.get();
  }

  @Coroutine
  static void scopeEndReleasesLocals(Yield<String, Void> co, List<WeakReference<Object>> probe) {
    {
      Object big = new Object();
      probe.add(new WeakReference<>(big));
      co.yield("holding");
      System.out.println("still holding " + (big != null));
    }
    co.yield("released");
  }

  @Coroutine
  static void breakReleasesLocals(Yield<String, Void> co, List<WeakReference<Object>> probe) {
    while (true) {
      Object big = new Object();
      probe.add(new WeakReference<>(big));
      co.yield("holding");
      if (big != null) {
        break;
      }
    }
    co.yield("released");
  }
}
