package dev.jcoro.corpus;

import dev.jcoro.ThrowingGenerator;
import dev.jcoro.StopIteration;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each static method with simple parameters and its coroutine twin on the same generated
 * inputs (null and empty ones included): the twin, driven with {@code next()} until it returns,
 * must return what the method returns, or throw what it throws.
 */
final class StaticTwinComparison {
  /** What the comparison found. */
  record Result(int methods, int calls, List<String> differences) {}

  /** How many times a twin may yield before it counts as not finishing. */
  private static final int MAX_STEPS = 1_000_000;
  private static final int CALLS_PER_METHOD = 40;

  /** Inputs for each parameter type that counts as simple. */
  private static final Map<Class<?>, Object[]> INPUTS = Map.ofEntries(
      Map.entry(String.class, new Object[] {null, "", "a", "abc", " a b ", "x,y,,z", "AbC1"}),
      Map.entry(CharSequence.class, new Object[] {null, "", "a", "abc", " a b ", "x,y,,z"}),
      Map.entry(Object.class, new Object[] {null, "", "a", 7, "abc"}),
      Map.entry(char.class, new Object[] {'a', ' ', ',', 'Z'}),
      Map.entry(Character.class, new Object[] {null, 'a', ' '}),
      Map.entry(int.class, new Object[] {0, 1, -1, 3}),
      Map.entry(Integer.class, new Object[] {null, 0, 2}),
      Map.entry(long.class, new Object[] {0L, 1L, -1L, 5L}),
      Map.entry(Long.class, new Object[] {null, 0L, 4L}),
      Map.entry(short.class, new Object[] {(short) 0, (short) 2, (short) -3}),
      Map.entry(byte.class, new Object[] {(byte) 0, (byte) 1, (byte) -2}),
      Map.entry(double.class, new Object[] {0.0, 1.5, -2.25}),
      Map.entry(float.class, new Object[] {0.0f, 2.5f, -1.0f}),
      Map.entry(boolean.class, new Object[] {true, false}),
      Map.entry(Boolean.class, new Object[] {null, true, false}),
      Map.entry(char[].class, new Object[] {null, new char[0], new char[] {'a', ' ', 'b'}}),
      Map.entry(int[].class, new Object[] {null, new int[0], new int[] {3, 1, 2}}),
      Map.entry(long[].class, new Object[] {null, new long[0], new long[] {2L, 9L}}),
      Map.entry(String[].class, new Object[] {null, new String[0], new String[] {"a", null, "b"}}),
      Map.entry(Object[].class, new Object[] {null, new Object[0], new Object[] {"a", 1, null}}));

  private StaticTwinComparison() {}

  static Result run(Path classes, List<CoroutineTwins.Twin> twins, String packagePrefix)
      throws MalformedURLException, InterruptedException {
    List<String> differences = new ArrayList<>();
    int methods = 0;
    int calls = 0;
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "corpus-comparison");
      thread.setDaemon(true);
      return thread;
    });
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        StaticTwinComparison.class.getClassLoader())) {
      for (CoroutineTwins.Twin twin : twins) {
        String lower = twin.method().toLowerCase(java.util.Locale.ROOT);
        if (!twin.isStatic() || lower.contains("random") || lower.contains("shuffle")) {
          // Random numbers are no function of the inputs: nothing to compare.
          continue;
        }
        Pair pair = find(loader, packagePrefix, twin);
        if (pair == null) {
          continue;
        }
        methods++;
        for (Object[] arguments : inputs(pair.original().getParameterTypes(), twin.method())) {
          calls++;
          Future<String> comparison = executor.submit(() -> compare(pair, arguments));
          try {
            String difference = comparison.get(10, TimeUnit.SECONDS);
            if (difference != null) {
              differences.add(twin.method() + Arrays.deepToString(arguments) + ": " + difference);
            }
          } catch (TimeoutException slow) {
            // A call that does not end: nothing to compare. A new thread takes over.
            comparison.cancel(true);
            executor.shutdownNow();
            executor = Executors.newSingleThreadExecutor();
          } catch (java.util.concurrent.ExecutionException e) {
            differences.add(twin.method() + ": comparison failed: " + e.getCause());
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      executor.shutdownNow();
    }
    return new Result(methods, calls, differences);
  }

  /** A method and the factory of its twin. */
  private record Pair(Method original, Method factory) {}

  private static Pair find(ClassLoader loader, String packagePrefix, CoroutineTwins.Twin twin) {
    String className = packagePrefix + twin.className();
    try {
      Class<?> owner = loadNested(loader, className);
      String ownerName = owner.getName();
      int dot = ownerName.lastIndexOf('.');
      Class<?> factories = loader.loadClass(ownerName.substring(0, dot + 1)
          + ownerName.substring(dot + 1).replace('$', '_') + "Coroutines");
      String name = twin.method().substring(twin.method().lastIndexOf('.') + 1,
          twin.method().indexOf('@'));
      for (Method original : owner.getDeclaredMethods()) {
        if (!original.getName().equals(name) || !Modifier.isStatic(original.getModifiers())
            || original.isSynthetic()
            || !Arrays.stream(original.getParameterTypes()).allMatch(INPUTS::containsKey)) {
          continue;
        }
        for (Method factory : factories.getDeclaredMethods()) {
          if (factory.getName().equals(twin.twinName())
              && Arrays.equals(factory.getParameterTypes(), original.getParameterTypes())) {
            if (twin.original().getParameters().size() != original.getParameterCount()) {
              continue;
            }
            original.setAccessible(true);
            factory.setAccessible(true);
            return new Pair(original, factory);
          }
        }
      }
      return null;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static Class<?> loadNested(ClassLoader loader, String dotted) throws ClassNotFoundException {
    String name = dotted;
    while (true) {
      try {
        return loader.loadClass(name);
      } catch (ClassNotFoundException e) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
          throw e;
        }
        name = name.substring(0, dot) + "$" + name.substring(dot + 1);
      }
    }
  }

  /** Up to {@link #CALLS_PER_METHOD} combinations of inputs, the same in every run. */
  private static List<Object[]> inputs(Class<?>[] types, String seed) {
    List<Object[]> combinations = new ArrayList<>();
    long product = 1;
    for (Class<?> type : types) {
      product *= INPUTS.get(type).length;
    }
    if (product <= CALLS_PER_METHOD) {
      for (long n = 0; n < product; n++) {
        Object[] arguments = new Object[types.length];
        long rest = n;
        for (int i = 0; i < types.length; i++) {
          Object[] choices = INPUTS.get(types[i]);
          arguments[i] = choices[(int) (rest % choices.length)];
          rest /= choices.length;
        }
        combinations.add(arguments);
      }
    } else {
      Random random = new Random(seed.hashCode());
      for (int n = 0; n < CALLS_PER_METHOD; n++) {
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
          Object[] choices = INPUTS.get(types[i]);
          arguments[i] = choices[random.nextInt(choices.length)];
        }
        combinations.add(arguments);
      }
    }
    return combinations;
  }

  /** Null when the twin does what the method does; otherwise what differs. */
  private static String compare(Pair pair, Object[] arguments) {
    Outcome expected = original(pair.original(), copy(arguments));
    for (int run = 0; run < 2; run++) {
      if (!expected.sameAs(original(pair.original(), copy(arguments)))) {
        // Not a function of its inputs (time, randomness): nothing to compare.
        return null;
      }
    }
    Outcome twin = twin(pair.factory(), copy(arguments));
    return expected.sameAs(twin) ? null : "method gave " + expected + ", twin gave " + twin;
  }

  private record Outcome(Object value, Class<?> thrown, String arguments) {
    boolean sameAs(Outcome other) {
      if (thrown != null || other.thrown != null) {
        return thrown == other.thrown;
      }
      return equal(value, other.value) && arguments.equals(other.arguments);
    }

    @Override
    public String toString() {
      return thrown != null ? "throws " + thrown.getSimpleName() : "returns " + describe(value);
    }
  }

  private static boolean equal(Object a, Object b) {
    if (Objects.deepEquals(a, b)) {
      return true;
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      return false;
    }
    try {
      // An object without equals of its own: compared by what it shows.
      if (a.getClass().getMethod("equals", Object.class).getDeclaringClass() == Object.class) {
        return String.valueOf(a).equals(String.valueOf(b));
      }
    } catch (NoSuchMethodException e) {
      return false;
    }
    return false;
  }

  private static String describe(Object value) {
    return value != null && value.getClass().isArray()
        ? Arrays.deepToString(new Object[] {value}) : String.valueOf(value);
  }

  private static Outcome original(Method method, Object[] arguments) {
    try {
      return new Outcome(method.invoke(null, arguments), null, Arrays.deepToString(arguments));
    } catch (InvocationTargetException e) {
      return new Outcome(null, e.getCause().getClass(), "");
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Outcome twin(Method factory, Object[] arguments) {
    // A twin of a method that declares checked exceptions returns a ThrowingGenerator.
    ThrowingGenerator<Object, Object, Object, ?> generator;
    try {
      generator = (ThrowingGenerator<Object, Object, Object, ?>) factory.invoke(null, arguments);
    } catch (InvocationTargetException e) {
      return new Outcome(null, e.getCause().getClass(), "");
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    try {
      for (int step = 0; step < MAX_STEPS; step++) {
        generator.next();
      }
      return new Outcome("did not finish in " + MAX_STEPS + " steps", null, "");
    } catch (StopIteration returned) {
      return new Outcome(returned.value(), null, Arrays.deepToString(arguments));
    } catch (Throwable thrown) {
      return new Outcome(null, thrown.getClass(), "");
    }
  }

  private static Object[] copy(Object[] arguments) {
    Object[] copy = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      if (argument != null && argument.getClass().isArray()) {
        int length = Array.getLength(argument);
        Object array = Array.newInstance(argument.getClass().getComponentType(), length);
        System.arraycopy(argument, 0, array, 0, length);
        copy[i] = array;
      } else {
        copy[i] = argument;
      }
    }
    return copy;
  }
}
