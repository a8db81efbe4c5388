package dev.jcoro.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.Generator;
import dev.jcoro.StopIteration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Examples#fib} as a Python user would use it: {@code for x in fib(10)}, and lazily. */
class ExamplesTest {

  @Test
  void forEachDrawsEveryNumberThenTheGeneratorIsClosed() {
    Generator<Integer, Void, Void> fib = ExamplesCoroutines.fib(10);
    List<Integer> numbers = new ArrayList<>();
    for (int x : fib) {
      numbers.add(x);
    }
    assertEquals(List.of(0, 1, 1, 2, 3, 5, 8, 13, 21, 34), numbers);
    assertEquals(Generator.State.CLOSED, fib.state());
  }

  @Test
  void aStreamDrawsOnlyWhatItNeeds() {
    Generator<Integer, Void, Void> fib = ExamplesCoroutines.fib(20);
    try (Stream<Integer> numbers = fib.stream()) {
      assertEquals(Generator.State.CREATED, fib.state(), "making the stream runs nothing");
      assertEquals(List.of(0, 1, 1, 2, 3, 5, 8, 13), numbers.limit(8).toList());
      assertEquals(Generator.State.SUSPENDED, fib.state());
      // the eighth number, 13, was the last one drawn: the next one is the ninth
      assertEquals(21, fib.next());
    }
    assertEquals(Generator.State.CLOSED, fib.state(), "closing the stream closes the generator");
  }

  @Test
  void nextAsInPython() {
    Generator<Integer, Void, Void> fib = ExamplesCoroutines.fib(3);
    assertEquals(0, fib.next());
    assertEquals(1, fib.next());
    assertEquals(1, fib.next());
    StopIteration done = assertThrows(StopIteration.class, fib::next);
    assertEquals(null, done.value());
    assertEquals(Generator.State.CLOSED, fib.state());
  }

  @Test
  void fibOfZeroYieldsNothing() {
    Iterator<Integer> numbers = ExamplesCoroutines.fib(0).iterator();
    assertFalse(numbers.hasNext());
  }
}
