package dev.jcoro.benchmarks;

import dev.jcoro.Generator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The workloads of {@link Workloads}, each in five implementations (four designs) chosen by the {@code impl}
 * parameter: {@code jcoro} (the generated state machine), {@code hand} ({@link HandWritten}),
 * {@code thread} (the {@code @Coroutine} method run on a pooled platform thread by
 * {@link ThreadGenerator}), {@code threadSpin} (the same, spinning before it blocks) and
 * {@code virtual} (the same on a virtual thread).
 *
 * <p>JMH runs every (benchmark, impl) pair in a fork of its own, so each call site in the
 * benchmark sees one implementation, as in a program that uses one of them. {@link #squareMixed}
 * is the exception on purpose: it measures {@code square} after four other coroutine classes of
 * the same implementation have run through the same code, as in a program with many coroutines.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar -prof gc} (see benchmarks/README.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
public class GeneratorBenchmark {
  /** Values sent, boxed once, in [-11, 11]: every square is in Integer's cache. */
  static final Integer[] VALUES = new Integer[1024];

  static final int MASK = VALUES.length - 1;

  /** How many numbers the for-each workload iterates: all in Integer's cache. */
  static final int RANGE = 100;

  static {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < VALUES.length; i++) {
      VALUES[i] = random.nextInt(-11, 12);
    }
  }

  /** The implementations. */
  public enum Impl {
    /** The state machine jcoro generates. */
    jcoro,
    /** The class a careful programmer writes by hand. */
    hand,
    /** The @Coroutine method on a platform thread, SynchronousQueue hand-off. */
    thread,
    /** The same, both sides spinning up to 50 µs before they block. */
    threadSpin,
    /** The @Coroutine method on a virtual thread, SynchronousQueue hand-off. */
    virtual
  }

  /** The body of a void coroutine run by {@link ThreadGenerator}. */
  interface VoidBody<Y, S> {
    void run(dev.jcoro.Yield<Y, S> co) throws Throwable;
  }

  static <Y, S> Generator<Y, S, Void> onThread(Impl impl, VoidBody<Y, S> body) {
    ThreadGenerator.Body<Y, S, Void> wrapped =
        co -> {
          body.run(co);
          return null;
        };
    return onThreadReturning(impl, wrapped);
  }

  static <Y, S, R> Generator<Y, S, R> onThreadReturning(Impl impl, ThreadGenerator.Body<Y, S, R> body) {
    return switch (impl) {
      case thread -> ThreadGenerator.platform(body);
      case threadSpin -> ThreadGenerator.platformSpinning(body);
      case virtual -> ThreadGenerator.virtual(body);
      default -> throw new IllegalArgumentException(impl.name());
    };
  }

  static Generator<Void, Integer, Void> square(Impl impl, Sink sink) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.square(sink);
      case hand -> new HandWritten.Square(sink);
      default -> onThread(impl, co -> Workloads.square(co, sink));
    };
  }

  static Generator<Integer, Integer, Void> runningMin(Impl impl) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.runningMin();
      case hand -> new HandWritten.RunningMin();
      default -> onThread(impl, Workloads::runningMin);
    };
  }

  static Generator<Integer, Void, Void> range(Impl impl, int n) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.range(n);
      case hand -> new HandWritten.Range(n);
      default -> onThread(impl, co -> Workloads.range(co, n));
    };
  }

  static Generator<Void, Integer, Void> consumer(Impl impl, Sink sink) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.consumer(sink);
      case hand -> new HandWritten.Consumer(sink);
      default -> onThread(impl, co -> Workloads.consumer(co, sink));
    };
  }

  static Generator<Void, Integer, Void> filter(Impl impl, int low, int high, Generator<?, Integer, ?> next) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.filter(low, high, next);
      case hand -> new HandWritten.Filter(low, high, next);
      default -> onThread(impl, co -> Workloads.filter(co, low, high, next));
    };
  }

  static Generator<Void, Integer, Void> producer(Impl impl, Generator<?, Integer, ?> next) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.producer(next);
      case hand -> new HandWritten.Producer(next);
      default -> onThread(impl, co -> Workloads.producer(co, next));
    };
  }

  static Generator<Integer, Integer, Integer> echo(Impl impl) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.echo();
      case hand -> new HandWritten.Echo();
      default -> onThreadReturning(impl, Workloads::echo);
    };
  }

  static Generator<Integer, Integer, Integer> delegating(Impl impl, Generator<Integer, Integer, Integer> inner) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.delegating(inner);
      case hand -> new HandWritten.Delegating(inner);
      default -> onThreadReturning(impl, co -> Workloads.delegating(co, inner));
    };
  }

  static Generator<Integer, Void, Void> guarded(Impl impl, Sink sink) {
    return switch (impl) {
      case jcoro -> WorkloadsCoroutines.guarded(sink);
      case hand -> new HandWritten.Guarded(sink);
      default -> onThread(impl, co -> Workloads.guarded(co, sink));
    };
  }

  /** The index into {@link #VALUES} and the sink, per benchmark thread. */
  @State(Scope.Thread)
  public static class Base {
    /** Which implementation. */
    @Param({"jcoro", "hand", "thread", "threadSpin", "virtual"})
    public Impl impl;

    final Sink sink = new Sink();
    int index;

    Integer nextValue() {
      return VALUES[index++ & MASK];
    }
  }

  /** A primed {@code square}. */
  @State(Scope.Thread)
  public static class SquareState extends Base {
    Generator<Void, Integer, Void> square;

    @Setup(Level.Trial)
    public void setUp() {
      square = square(impl, sink);
      square.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      square.close();
    }
  }

  /** The tutorial's square: one send, nothing yielded back. */
  @Benchmark
  public Object square(SquareState s) {
    return s.square.send(s.nextValue());
  }

  /** A primed running minimum. */
  @State(Scope.Thread)
  public static class MinState extends Base {
    Generator<Integer, Integer, Void> min;

    @Setup(Level.Trial)
    public void setUp() {
      min = runningMin(impl);
      min.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      min.close();
    }
  }

  /** Bidirectional: send a value, get the minimum so far back ({@code x = co.yield(min)}). */
  @Benchmark
  public Integer runningMin(MinState s) {
    return s.min.send(s.nextValue());
  }

  /** Per op: a new range(100), iterated to its end with for-each (101 resumptions). */
  @Benchmark
  public long forEachRange100(Base s) {
    long sum = 0;
    for (int x : range(s.impl, RANGE)) {
      sum += x;
    }
    return sum;
  }

  /** A primed producer, filter, consumer pipeline. */
  @State(Scope.Thread)
  public static class PipelineState extends Base {
    Generator<Void, Integer, Void> consumer;
    Generator<Void, Integer, Void> filter;
    Generator<Void, Integer, Void> producer;

    @Setup(Level.Trial)
    public void setUp() {
      consumer = consumer(impl, sink);
      consumer.next();
      filter = filter(impl, 10, 100, consumer);
      filter.next();
      producer = producer(impl, filter);
      producer.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      producer.close();
      filter.close();
      consumer.close();
    }
  }

  /** One value through producer (squares) → filter ([10, 100): about half pass) → consumer. */
  @Benchmark
  public Object pipeline(PipelineState s) {
    return s.producer.send(s.nextValue());
  }

  /** A primed chain: three delegating levels over an echo, each {@code return co.yieldFrom(inner)}. */
  @State(Scope.Thread)
  public static class ChainState extends Base {
    Generator<Integer, Integer, Integer> top;

    @Setup(Level.Trial)
    public void setUp() {
      top = delegating(impl, delegating(impl, delegating(impl, echo(impl))));
      top.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      top.close();
    }
  }

  /** One send through a yieldFrom chain of depth 3 to the echo and back. */
  @Benchmark
  public Integer yieldFromDepth3(ChainState s) {
    return s.top.send(s.nextValue());
  }

  /**
   * A primed chain of {@code depth} delegating levels over an echo: how the cost of a step grows
   * with the depth of a recursive generator (a tree walk). jcoro and hand-written only: the
   * threaded implementations would need a thread per level.
   */
  @State(Scope.Thread)
  public static class DeepChainState {
    @Param({"jcoro", "hand"})
    public Impl impl;

    @Param({"1", "10", "100"})
    public int depth;

    int index;
    Generator<Integer, Integer, Integer> top;

    @Setup(Level.Trial)
    public void setUp() {
      Generator<Integer, Integer, Integer> chain = echo(impl);
      for (int level = 0; level < depth; level++) {
        chain = delegating(impl, chain);
      }
      top = chain;
      top.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      top.close();
    }

    Integer nextValue() {
      return VALUES[index++ & MASK];
    }
  }

  /** One send through a yieldFrom chain of depth 1, 10 or 100 to the echo and back. */
  @Benchmark
  public Integer yieldFromChain(DeepChainState s) {
    return s.top.send(s.nextValue());
  }

  /** Per op: a new generator, started (suspends in try), closed (its finally runs). */
  @Benchmark
  public long closeInFinally(Base s) {
    Generator<Integer, Void, Void> g = guarded(s.impl, s.sink);
    g.next();
    g.close();
    return s.sink.total;
  }

  /**
   * {@code square} in a program with several coroutine classes: before measuring, four other
   * coroutines of the same implementation run 20,000 sends each through the same paths, so the
   * JIT's type profiles of any code the implementations share see five classes.
   */
  @State(Scope.Thread)
  public static class MixedState {
    /** Only the two implementations with no thread: the threaded ones share one class anyway. */
    @Param({"jcoro", "hand"})
    public Impl impl;

    final Sink sink = new Sink();
    int index;
    Generator<Void, Integer, Void> square;

    @Setup(Level.Trial)
    public void setUp() {
      Generator<Integer, Integer, Void> min = runningMin(impl);
      Generator<Integer, Integer, Integer> echo = echo(impl);
      Generator<Void, Integer, Void> consumer = consumer(impl, sink);
      Generator<Void, Integer, Void> filter = filter(impl, 10, 100, consumer);
      min.next();
      echo.next();
      consumer.next();
      filter.next();
      for (int i = 0; i < 20_000; i++) {
        Integer value = VALUES[i & MASK];
        min.send(value);
        echo.send(value);
        filter.send(value);
      }
      square = square(impl, sink);
      square.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      square.close();
    }
  }

  /** {@link #square} after four other coroutine classes ran (see {@link MixedState}). */
  @Benchmark
  public Object squareMixed(MixedState s) {
    return s.square.send(VALUES[s.index++ & MASK]);
  }
}
