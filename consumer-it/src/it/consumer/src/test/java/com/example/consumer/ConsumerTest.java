package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Generator;
import dev.jcoro.StopIteration;
import dev.jcoro.ThrowingGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Drives the consumer's coroutines through their generated factories, as a user's code would. */
class ConsumerTest {
  /** Every value a generator yields, and what it returns, as {@code [values] -> result}. */
  private static <Y> String run(Generator<Y, ?, ?> generator) {
    List<Y> values = new ArrayList<>();
    while (true) {
      try {
        values.add(generator.next());
      } catch (StopIteration end) {
        return values + " -> " + end.value();
      }
    }
  }

  /** The generated classes are in this module, which reads jcoro's and nothing else of it. */
  @Test
  void onTheModulePath() {
    Module consumer = SequencesCoroutines.class.getModule();
    assertEquals("com.example.consumer", consumer.getName());
    assertEquals("dev.jcoro", Generator.class.getModule().getName());
    assertTrue(consumer.canRead(Generator.class.getModule()));
    assertTrue(consumer.getDescriptor().requires().stream()
        .noneMatch(requires -> requires.name().equals("java.compiler")));
  }

  @Test
  void staticCoroutineReturningAValue() {
    assertEquals("[3, 2, 1] -> liftoff", run(SequencesCoroutines.countdown(3)));
    assertEquals("[] -> liftoff", run(SequencesCoroutines.countdown(0)));
  }

  @Test
  void genericCoroutines() {
    Generator<CharSequence, Void, Void> repeat =
        SequencesCoroutines.<CharSequence>repeat(List.of("a", "b"), 2);
    assertEquals("[a, b, a, b] -> null", run(repeat));

    Generator<String, String, String> max = SequencesCoroutines.runningMax("m");
    assertEquals("m", max.next());
    assertEquals("m", max.send("c"));
    assertEquals("x", max.send("x"));
    assertEquals("x", max.send("p"));
    StopIteration end = assertThrows(StopIteration.class, () -> max.send(null));
    assertEquals("x", end.value());
    assertEquals(Generator.State.CLOSED, max.state());
  }

  @Test
  void yieldFromAnotherGeneratorAndAList() {
    assertEquals("[0, 2, 1, 7, 8] -> 5 liftoff", run(SequencesCoroutines.chain(2, List.of(7, 8))));
  }

  @Test
  void lambdasPassedInAndMadeInTheBody() {
    Generator<String, Void, Void> formatted = SequencesCoroutines.formatted(
        new int[] {1, 2, 3, 4}, value -> value % 2 == 0, value -> "v" + value);
    assertEquals(List.of("#0 v2", "#1 v4"), formatted.stream().collect(Collectors.toList()));
  }

  @Test
  void aLocalRecordKeptAcrossYields() {
    assertEquals("[0:x, 1:y] -> 2", run(SequencesCoroutines.indexed(List.of("x", "y"))));
  }

  @Test
  void primedCoroutineWithASwitch() {
    Generator<String, String, Void> commands = ParsersCoroutines.commands(10);
    assertEquals(Generator.State.SUSPENDED, commands.state());
    assertEquals("up to 11", commands.send("up"));
    assertEquals("up to 12", commands.send("up"));
    assertEquals("down to 11", commands.send("down"));
    assertEquals("reset 11?", commands.send("reset"));
    assertEquals("kept 11", commands.send("no"));
    assertEquals("reset 11?", commands.send("reset"));
    assertEquals("reset to 10", commands.send("yes"));
    assertEquals("unknown jump", commands.send("jump"));
    assertEquals("empty", commands.send(""));
    commands.close();
    assertEquals(Generator.State.CLOSED, commands.state());
  }

  @Test
  void closeRunsTheFinallyBlock() {
    List<String> log = new ArrayList<>();
    Generator<String, Void, Void> reader = ParsersCoroutines.reader(List.of("a", "b"), log);
    assertEquals(List.of(), log);
    assertEquals("a", reader.next());
    assertEquals("b", reader.next());
    assertEquals("a", reader.next());
    assertEquals(List.of("open"), log);
    reader.close();
    assertEquals(List.of("open", "closed after 2"), log);
    assertEquals(Generator.State.CLOSED, reader.state());
    assertThrows(StopIteration.class, reader::next);
  }

  @Test
  void instanceCoroutines() {
    Accumulator accumulator = new Accumulator();
    Generator<Double, Double, Void> averager = AccumulatorCoroutines.averager(accumulator);
    assertEquals(2.0, averager.send(2.0));
    assertEquals(3.0, averager.send(4.0));
    assertEquals(2, accumulator.count());

    Generator<String, Void, Void> box =
        Accumulator_BoxCoroutines.repeated(new Accumulator.Box<>("hi"), 2);
    assertEquals("[hi, hi] -> null", run(box));
  }

  @Test
  void anExceptionThrownIntoACoroutineThatDoesNotCatchItEndsIt() {
    Generator<Double, Double, Void> averager = AccumulatorCoroutines.averager(new Accumulator());
    IllegalArgumentException thrown = new IllegalArgumentException("stop");
    assertSame(thrown, assertThrows(IllegalArgumentException.class,
        () -> averager.throwInto(thrown)));
    assertEquals(Generator.State.CLOSED, averager.state());
  }

  /** A coroutine that declares IOException: javac checks the catch around next(). */
  @Test
  void checkedExceptionsAreDeclared() {
    ThrowingGenerator<String, Void, Void, IOException> lines =
        TextLinesCoroutines.lines(new BufferedReader(new StringReader("one\ntwo\n")));
    List<String> read = new ArrayList<>();
    try {
      read.add(lines.next());
      read.add(lines.next());
      lines.next();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (StopIteration end) {
      read.add("end");
    }
    assertEquals(List.of("one", "two", "end"), read);

    BufferedReader failing = new BufferedReader(new StringReader("")) {
      @Override
      public String readLine() throws IOException {
        throw new IOException("disk gone");
      }
    };
    ThrowingGenerator<String, Void, Void, IOException> failingLines =
        TextLinesCoroutines.lines(failing);
    IOException thrown = assertThrows(IOException.class, failingLines::next);
    assertEquals("disk gone", thrown.getMessage());
    // The stack trace shows the coroutine's own line, not the generated state machine's.
    assertEquals("com.example.consumer.TextLines.lines(TextLines.java:21)",
        java.util.Arrays.stream(thrown.getStackTrace())
            .filter(frame -> frame.getClassName().startsWith("com.example.consumer.TextLines"))
            .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "("
                + frame.getFileName() + ":" + frame.getLineNumber() + ")")
            .findFirst().orElseThrow());

    // for-each can't throw IOException: it arrives wrapped.
    UncheckedIOException wrapped = assertThrows(UncheckedIOException.class, () -> {
      for (String line : TextLinesCoroutines.lines(failing)) {
        read.add(line);
      }
    });
    assertEquals("disk gone", wrapped.getCause().getMessage());
  }

  /** A primed factory runs the body to its first yield, so it declares the exception too. */
  @Test
  void aPrimedFactoryDeclaresTheException() throws IOException {
    ThrowingGenerator<String, Void, Integer, IOException> rest = TextLinesCoroutines.afterHeader(
        new BufferedReader(new StringReader("header\na\nb\n")));
    assertEquals("a", rest.next());
    assertEquals("b", rest.next());
    StopIteration end = assertThrows(StopIteration.class, rest::next);
    assertEquals(2, end.value());
  }
}
