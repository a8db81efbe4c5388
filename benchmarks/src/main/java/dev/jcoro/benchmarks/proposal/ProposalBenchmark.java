package dev.jcoro.benchmarks.proposal;

import dev.jcoro.Generator;
import dev.jcoro.benchmarks.Sink;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The workloads of {@code GeneratorBenchmark} on the PROTOTYPE runtime {@link LeanStateMachine}
 * (generated code copied by hand, see {@link LeanCoroutines}): what the changes recommended in
 * benchmarks/README.md would buy. Same values, same sizes, same settings as GeneratorBenchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
public class ProposalBenchmark {
  static final Integer[] VALUES = new Integer[1024];
  static final int MASK = VALUES.length - 1;

  static {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < VALUES.length; i++) {
      VALUES[i] = random.nextInt(-11, 12);
    }
  }

  /** Per benchmark thread: the sink, the index into VALUES, and one primed generator. */
  @State(Scope.Thread)
  public abstract static class Primed<Y> {
    final Sink sink = new Sink();
    int index;
    Generator<Y, Integer, ?> generator;

    abstract Generator<Y, Integer, ?> make();

    Y send() {
      return generator.send(VALUES[index++ & MASK]);
    }

    /** Makes and primes the generator. */
    @Setup(Level.Trial)
    public void setUp() {
      generator = make();
      generator.next();
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void tearDown() {
      generator.close();
    }
  }

  /** Workloads.square. */
  public static class SquareState extends Primed<Void> {
    @Override
    Generator<Void, Integer, ?> make() {
      return LeanCoroutines.square(sink);
    }
  }

  /** Workloads.square, jump-threaded. */
  public static class SquareThreadedState extends Primed<Void> {
    @Override
    Generator<Void, Integer, ?> make() {
      return LeanCoroutines.squareThreaded(sink);
    }
  }

  /** Workloads.runningMin. */
  public static class MinState extends Primed<Integer> {
    @Override
    Generator<Integer, Integer, ?> make() {
      return LeanCoroutines.runningMin();
    }
  }

  /** The yieldFrom chain of depth 3. */
  public static class ChainState extends Primed<Integer> {
    @Override
    Generator<Integer, Integer, ?> make() {
      return LeanCoroutines.delegating(
          LeanCoroutines.delegating(LeanCoroutines.delegating(LeanCoroutines.echo())));
    }
  }

  /** The chain, its three levels using stepDelegate. */
  public static class ChainDirectState extends Primed<Integer> {
    @Override
    Generator<Integer, Integer, ?> make() {
      return LeanCoroutines.delegatingDirect(
          LeanCoroutines.delegatingDirect(LeanCoroutines.delegatingDirect(LeanCoroutines.echo())));
    }
  }

  /** The pipeline, every class running through LeanStateMachine's one send. */
  public static class PipelineState extends Primed<Void> {
    @Override
    Generator<Void, Integer, ?> make() {
      return LeanCoroutines.pipeline(sink, false);
    }
  }

  /** The pipeline, each class with its own generated send. */
  public static class PipelineOwnSendState extends Primed<Void> {
    @Override
    Generator<Void, Integer, ?> make() {
      return LeanCoroutines.pipeline(sink, true);
    }
  }

  /** GeneratorBenchmark.pipeline on the prototype runtime. */
  @Benchmark
  public Object pipeline(PipelineState s) {
    return s.send();
  }

  /** The same, each class with its own send. */
  @Benchmark
  public Object pipelineOwnSend(PipelineOwnSendState s) {
    return s.send();
  }

  /** GeneratorBenchmark.square on the prototype runtime. */
  @Benchmark
  public Object square(SquareState s) {
    return s.send();
  }

  /** The same, and the generated code jump-threaded. */
  @Benchmark
  public Object squareThreaded(SquareThreadedState s) {
    return s.send();
  }

  /** GeneratorBenchmark.runningMin on the prototype runtime. */
  @Benchmark
  public Integer runningMin(MinState s) {
    return s.send();
  }

  /** GeneratorBenchmark.yieldFromDepth3 on the prototype runtime. */
  @Benchmark
  public Integer yieldFromDepth3(ChainState s) {
    return s.send();
  }

  /** The same, yieldFrom stepping without the delegateYielded field. */
  @Benchmark
  public Integer yieldFromDepth3Direct(ChainDirectState s) {
    return s.send();
  }

  /** GeneratorBenchmark.forEachRange100 on the prototype runtime. */
  @Benchmark
  public long forEachRange100() {
    long sum = 0;
    for (int x : LeanCoroutines.range(100)) {
      sum += x;
    }
    return sum;
  }

  /** Just a sink. */
  @State(Scope.Thread)
  public static class SinkState {
    final Sink sink = new Sink();
  }

  /** GeneratorBenchmark.closeInFinally on the prototype runtime. */
  @Benchmark
  public long closeInFinally(SinkState s) {
    Generator<Integer, Void, Void> g = LeanCoroutines.guarded(s.sink);
    g.next();
    g.close();
    return s.sink.total;
  }
}
