package dev.jcoro.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.Generator;
import dev.jcoro.Generator.State;
import dev.jcoro.StopIteration;
import dev.jcoro.benchmarks.GeneratorBenchmark.Impl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The implementations the benchmarks compare do the same work and keep the protocol: a benchmark of
 * a generator that computes something else, or skips a rule, would compare nothing. (Runs in
 * mvn verify; the benchmarks themselves never do.)
 */
class ImplementationsTest {
  private static final int SENDS = 2_000;

  private static Integer value(int i) {
    return GeneratorBenchmark.VALUES[i & GeneratorBenchmark.MASK];
  }

  @ParameterizedTest
  @EnumSource(Impl.class)
  void squareSumsTheSquares(Impl impl) {
    Sink sink = new Sink();
    Generator<Void, Integer, Void> square = GeneratorBenchmark.square(impl, sink);
    assertEquals(State.CREATED, square.state());
    assertNull(square.next());
    long expected = 0;
    for (int i = 0; i < SENDS; i++) {
      assertNull(square.send(value(i)));
      expected += (long) value(i) * value(i);
    }
    assertEquals(expected, sink.total);
    assertEquals(State.SUSPENDED, square.state());
    square.close();
    assertEquals(State.CLOSED, square.state());
    assertThrows(StopIteration.class, () -> square.send(1));
  }

  @ParameterizedTest
  @EnumSource(Impl.class)
  void runningMinAnswersTheMinimumSoFar(Impl impl) {
    check(GeneratorBenchmark.runningMin(impl));
  }

  private static void check(Generator<Integer, Integer, Void> min) {
    assertThrows(IllegalStateException.class, () -> min.send(3));
    assertEquals(State.CREATED, min.state());
    assertNull(min.next());
    int smallest = Integer.MAX_VALUE;
    for (int i = 0; i < SENDS; i++) {
      smallest = Math.min(smallest, value(i));
      assertEquals(smallest, min.send(value(i)));
    }
    IllegalArgumentException error = new IllegalArgumentException("boom");
    assertSame(error, assertThrows(IllegalArgumentException.class, () -> min.throwInto(error)));
    assertEquals(State.CLOSED, min.state());
    assertThrows(StopIteration.class, min::next);
  }

  @ParameterizedTest
  @EnumSource(Impl.class)
  void rangeIteratesOnce(Impl impl) {
    checkRange(n -> GeneratorBenchmark.range(impl, n));
  }

  private static void checkRange(Function<Integer, Generator<Integer, Void, Void>> range) {
    List<Integer> seen = new ArrayList<>();
    Generator<Integer, Void, Void> generator = range.apply(GeneratorBenchmark.RANGE);
    for (int x : generator) {
      seen.add(x);
    }
    assertEquals(IntStream.range(0, GeneratorBenchmark.RANGE).boxed().toList(), seen);
    assertEquals(State.CLOSED, generator.state());
    assertThrows(IllegalStateException.class, generator::iterator);
    assertThrows(StopIteration.class, generator::next);
    Generator<Integer, Void, Void> empty = range.apply(0);
    assertEquals(false, empty.iterator().hasNext());
    Generator<Integer, Void, Void> two = range.apply(2);
    assertEquals(0, two.next());
    assertEquals(1, two.next());
    assertThrows(StopIteration.class, two::next);
  }

  @ParameterizedTest
  @EnumSource(Impl.class)
  void pipelinePassesTheFilteredSquares(Impl impl) {
    Sink sink = new Sink();
    Generator<Void, Integer, Void> consumer = GeneratorBenchmark.consumer(impl, sink);
    consumer.next();
    Generator<Void, Integer, Void> filter = GeneratorBenchmark.filter(impl, 10, 100, consumer);
    filter.next();
    Generator<Void, Integer, Void> producer = GeneratorBenchmark.producer(impl, filter);
    producer.next();
    long expected = 0;
    for (int i = 0; i < SENDS; i++) {
      producer.send(value(i));
      int square = value(i) * value(i);
      if (square >= 10 && square < 100) {
        expected += square;
      }
    }
    assertEquals(expected, sink.total);
    producer.close();
    filter.close();
    consumer.close();
    assertEquals(State.CLOSED, consumer.state());
  }

  @ParameterizedTest
  @EnumSource(Impl.class)
  void yieldFromChainEchoes(Impl impl) {
    checkChain(
        GeneratorBenchmark.delegating(
            impl,
            GeneratorBenchmark.delegating(
                impl, GeneratorBenchmark.delegating(impl, GeneratorBenchmark.echo(impl)))));
  }

  /** The deep chains the benchmark measures echo through every level, for both implementations. */
  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100})
  void deepChainsEcho(int depth) {
    for (Impl impl : new Impl[] {Impl.jcoro, Impl.hand}) {
      GeneratorBenchmark.DeepChainState state = new GeneratorBenchmark.DeepChainState();
      state.impl = impl;
      state.depth = depth;
      state.setUp();
      for (int i = 0; i < SENDS; i++) {
        Integer value = state.nextValue();
        assertEquals(value, state.top.send(value));
      }
      state.tearDown();
      assertEquals(State.CLOSED, state.top.state());
    }
  }

  private static void checkChain(Generator<Integer, Integer, Integer> top) {
    assertNull(top.next());
    for (int i = 0; i < SENDS; i++) {
      assertEquals(value(i), top.send(value(i)));
    }
    top.close();
    assertEquals(State.CLOSED, top.state());
    assertThrows(StopIteration.class, top::next);
  }

  @ParameterizedTest
  @EnumSource(Impl.class)
  void closeRunsTheFinallyBlock(Impl impl) {
    checkGuarded(GeneratorBenchmark::guarded, impl);
  }

  private interface GuardedFactory {
    Generator<Integer, Void, Void> make(Impl impl, Sink sink);
  }

  private static void checkGuarded(GuardedFactory factory, Impl impl) {
    Sink sink = new Sink();
    Generator<Integer, Void, Void> unstarted = factory.make(impl, sink);
    unstarted.close();
    assertEquals(0, sink.total, "close before start runs nothing");
    assertEquals(State.CLOSED, unstarted.state());
    for (int i = 1; i <= 100; i++) {
      Generator<Integer, Void, Void> g = factory.make(impl, sink);
      assertEquals(1, g.next());
      assertEquals(1, g.next());
      g.close();
      assertEquals(State.CLOSED, g.state());
      assertEquals(i, sink.total);
      g.close();
      assertEquals(i, sink.total, "a second close runs nothing");
    }
    Generator<Integer, Void, Void> thrown = factory.make(impl, sink);
    thrown.next();
    IllegalStateException error = new IllegalStateException("boom");
    assertSame(error, assertThrows(IllegalStateException.class, () -> thrown.throwInto(error)));
    assertEquals(101, sink.total, "throwInto runs the finally block too");
  }
}
