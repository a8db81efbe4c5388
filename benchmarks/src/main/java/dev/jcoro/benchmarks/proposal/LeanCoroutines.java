package dev.jcoro.benchmarks.proposal;

import dev.jcoro.Generator;
import dev.jcoro.benchmarks.Sink;

/**
 * A PROTOTYPE: what jcoro generates for the coroutines of {@code Workloads}
 * (target/generated-sources/annotations/.../WorkloadsCoroutines.java), copied by hand onto
 * {@link LeanStateMachine}. The only edit: {@code extends LeanStateMachine} (the copies were made
 * when the generated code still called {@code sent()}; it now reads {@code resume}'s parameter
 * {@code sent}, as here). {@link #squareThreaded} also shows the one code-shape change
 * recommended for the generator (jump threading); everything else is the generated shape, double
 * dispatch included. {@link #delegatingDirect} shows the recommended shape of a yieldFrom step,
 * and {@link #pipeline} with {@code ownSend} the recommended generated {@code send}.
 */
public final class LeanCoroutines {
  private LeanCoroutines() {}

  /**
   * @param sink the sink
   * @return Workloads.square on the prototype runtime
   */
  public static Generator<Void, Integer, Void> square(Sink sink) {
    return new Square(sink);
  }

  /**
   * @param sink the sink
   * @return Workloads.square on the prototype runtime, with jump threading
   */
  public static Generator<Void, Integer, Void> squareThreaded(Sink sink) {
    return new SquareThreaded(sink);
  }

  /** @return Workloads.runningMin on the prototype runtime */
  public static Generator<Integer, Integer, Void> runningMin() {
    return new RunningMin();
  }

  /**
   * @param n how many
   * @return Workloads.range on the prototype runtime
   */
  public static Generator<Integer, Void, Void> range(int n) {
    return new Range(n);
  }

  /** @return Workloads.echo on the prototype runtime */
  public static Generator<Integer, Integer, Integer> echo() {
    return new Echo();
  }

  /**
   * @param inner the delegate
   * @return Workloads.delegating on the prototype runtime
   */
  public static Generator<Integer, Integer, Integer> delegating(Generator<Integer, Integer, Integer> inner) {
    return new Delegating(inner);
  }

  /**
   * @param inner the delegate
   * @return Workloads.delegating on the prototype runtime, with stepDelegate
   */
  public static Generator<Integer, Integer, Integer> delegatingDirect(Generator<Integer, Integer, Integer> inner) {
    return new DelegatingDirect(inner);
  }

  /**
   * The pipeline of Workloads.producer, filter(10, 100) and consumer on the prototype runtime.
   *
   * @param sink the consumer's sink
   * @param ownSend whether each class has the recommended generated send (else the shared one)
   * @return the producer, not started; the other two primed
   */
  public static Generator<Void, Integer, Void> pipeline(Sink sink, boolean ownSend) {
    Generator<Void, Integer, Void> consumer = ownSend ? new ConsumerOwnSend(sink) : new Consumer(sink);
    consumer.next();
    Generator<Void, Integer, Void> filter =
        ownSend ? new FilterOwnSend(10, 100, consumer) : new Filter(10, 100, consumer);
    filter.next();
    return ownSend ? new ProducerOwnSend(filter) : new Producer(filter);
  }

  /**
   * @param sink the sink
   * @return Workloads.guarded on the prototype runtime
   */
  public static Generator<Integer, Void, Void> guarded(Sink sink) {
    return new Guarded(sink);
  }

  private static final class Square extends LeanStateMachine<Void, Integer, Void> {
    private Sink sink;

    Square(Sink sink) {
      this.sink = sink;
    }

    @Override
    protected Void resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: case 1: { // start of square()
            this.label = 3;
            return null;
          }
          case 3: { // line 36: int val = co.receive();
            raisePending();
            int val = sent;
            sink.add((long) val * val);
            this.label = 1;
            continue dispatch;
          }
          case 2: {
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  /** Jump threading: a jump to a state that only suspends becomes that suspension. */
  private static final class SquareThreaded extends LeanStateMachine<Void, Integer, Void> {
    private Sink sink;

    SquareThreaded(Sink sink) {
      this.sink = sink;
    }

    @Override
    protected Void resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: case 1: { // start of square()
            this.label = 3;
            return null;
          }
          case 3: { // line 36: int val = co.receive();
            raisePending();
            int val = sent;
            sink.add((long) val * val);
            // was: this.label = 1; continue dispatch;
            this.label = 3;
            return null;
          }
          case 2: {
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  private static final class RunningMin extends LeanStateMachine<Integer, Integer, Void> {
    private Integer smallest;

    @Override
    protected Integer resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: { // start of runningMin()
            this.label = 1;
            return null;
          }
          case 1: { // line 57: Integer smallest = co.receive();
            raisePending();
            this.smallest = sent;
            this.label = 2;
            continue dispatch;
          }
          case 2: { // line 58: while (true) {
            this.label = 4;
            return smallest;
          }
          case 4: { // line 59: Integer x = co.yield(smallest);
            raisePending();
            Integer x = sent;
            if (x < smallest) {
              smallest = x;
            }
            this.label = 2;
            continue dispatch;
          }
          case 3: {
            this.smallest = null;
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  private static final class Range extends LeanStateMachine<Integer, Void, Void> {
    private int n;
    private int i;

    Range(int n) {
      this.n = n;
    }

    @Override
    protected Integer resume(Void sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: { // start of range()
            this.i = 0;
            this.label = 1;
            continue dispatch;
          }
          case 1: { // line 74: for (int i = 0; i < n; i++) {
            if (!(i < n)) {
              this.label = 3;
              continue dispatch;
            }
            this.label = 4;
            return i;
          }
          case 4: { // line 75: co.yield(i);
            raisePending();
            this.label = 2;
            continue dispatch;
          }
          case 2: {
            i++;
            this.label = 1;
            continue dispatch;
          }
          case 3: {
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  private static final class Echo extends LeanStateMachine<Integer, Integer, Integer> {
    private Integer value;

    @Override
    protected Integer resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: { // start of echo()
            this.label = 1;
            return null;
          }
          case 1: { // Integer value = co.receive();
            raisePending();
            this.value = sent;
            this.label = 2;
            continue dispatch;
          }
          case 2: { // while (true) {
            this.label = 4;
            return value;
          }
          case 4: { // value = co.yield(value);
            raisePending();
            value = sent;
            this.label = 2;
            continue dispatch;
          }
          case 3: {
            this.value = null;
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  private static final class Delegating extends LeanStateMachine<Integer, Integer, Integer> {
    private Generator<Integer, Integer, Integer> inner;

    Delegating(Generator<Integer, Integer, Integer> inner) {
      this.inner = inner;
    }

    @Override
    protected Integer resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: { // start of delegating()
            this.label = 1;
            delegateTo(inner);
            continue dispatch;
          }
          case 1: { // Integer result = co.yieldFrom(inner);
            if (resumeDelegate(sent)) {
              return delegateYielded();
            }
            Integer result = delegateResult();
            return complete(result);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  /** yieldFrom with {@code stepDelegate}: the yielded value is returned, not stored in a field. */
  private static final class DelegatingDirect extends LeanStateMachine<Integer, Integer, Integer> {
    private Generator<Integer, Integer, Integer> inner;

    DelegatingDirect(Generator<Integer, Integer, Integer> inner) {
      this.inner = inner;
    }

    @Override
    protected Integer resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: { // start of delegating()
            this.label = 1;
            delegateTo(inner);
            continue dispatch;
          }
          case 1: { // Integer result = co.yieldFrom(inner);
            Object yielded = stepDelegate(sent);
            if (yielded != RETURNED) {
              return (Integer) yielded;
            }
            Integer result = delegateResult();
            return complete(result);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  private static final class Guarded extends LeanStateMachine<Integer, Void, Void> {
    private Sink sink;
    private int finally1$next;
    private Throwable finally1$thrown;

    Guarded(Sink sink) {
      this.sink = sink;
    }

    @Override
    protected Integer resume(Void sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: { // start of guarded()
            this.label = 3;
            continue dispatch;
          }
          case 3: case 4: { // try
            this.label = 6;
            return 1;
          }
          case 6: { // co.yield(1);
            raisePending();
            this.label = 4;
            continue dispatch;
          }
          case 5: {
            this.finally1$next = 1;
            this.finally1$thrown = null;
            this.label = 2;
            continue dispatch;
          }
          case 2: { // finally
            sink.add(1);
            if (this.finally1$thrown != null) {
              Throwable pending = this.finally1$thrown;
              this.finally1$thrown = null;
              throw pending;
            }
            this.label = this.finally1$next;
            continue dispatch;
          }
          case 1: {
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }

    @Override
    protected int handler(int label, Throwable error) {
      switch (label) {
        case 3: case 4: case 6: case 5: // try block
          this.finally1$thrown = error;
          return 2;
        default:
          return -1;
      }
    }
  }

  private static class Producer extends LeanStateMachine<Void, Integer, Void> {
    private Generator<?, Integer, ?> next;

    Producer(Generator<?, Integer, ?> next) {
      this.next = next;
    }

    @Override
    protected final Void resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: case 1: { // start of producer()
            this.label = 3;
            return null;
          }
          case 3: { // line 88: int val = co.receive();
            raisePending();
            int val = sent;
            next.send(val * val);
            this.label = 1;
            continue dispatch;
          }
          case 2: {
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  private static class Filter extends LeanStateMachine<Void, Integer, Void> {
    private int low;
    private int high;
    private Generator<?, Integer, ?> next;

    Filter(int low, int high, Generator<?, Integer, ?> next) {
      this.low = low;
      this.high = high;
      this.next = next;
    }

    @Override
    protected final Void resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: case 1: { // start of filter()
            this.label = 3;
            return null;
          }
          case 3: { // line 105: Integer val = co.receive();
            raisePending();
            Integer val = sent;
            if (val >= low && val < high) {
              next.send(val);
            }
            this.label = 1;
            continue dispatch;
          }
          case 2: {
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  private static class Consumer extends LeanStateMachine<Void, Integer, Void> {
    private Sink sink;

    Consumer(Sink sink) {
      this.sink = sink;
    }

    @Override
    protected final Void resume(Integer sent) throws Throwable {
      dispatch: while (true) {
        switch (this.label) {
          case 0: case 1: { // start of consumer()
            this.label = 3;
            return null;
          }
          case 3: { // line 121: int val = co.receive();
            raisePending();
            int val = sent;
            sink.add(val);
            this.label = 1;
            continue dispatch;
          }
          case 2: {
            return complete(null);
          }
          default:
            throw new IllegalStateException("no resume point " + this.label);
        }
      }
    }
  }

  // The same three with the recommended generated send: resume is called from the class itself.

  private static final class ProducerOwnSend extends Producer {
    ProducerOwnSend(Generator<?, Integer, ?> next) {
      super(next);
    }

    @Override
    public Void send(Integer value) {
      enter(value);
      Void yielded;
      try {
        yielded = resume(value);
      } catch (Throwable error) {
        yielded = recover(error);
      }
      return leave(yielded);
    }
  }

  private static final class FilterOwnSend extends Filter {
    FilterOwnSend(int low, int high, Generator<?, Integer, ?> next) {
      super(low, high, next);
    }

    @Override
    public Void send(Integer value) {
      enter(value);
      Void yielded;
      try {
        yielded = resume(value);
      } catch (Throwable error) {
        yielded = recover(error);
      }
      return leave(yielded);
    }
  }

  private static final class ConsumerOwnSend extends Consumer {
    ConsumerOwnSend(Sink sink) {
      super(sink);
    }

    @Override
    public Void send(Integer value) {
      enter(value);
      Void yielded;
      try {
        yielded = resume(value);
      } catch (Throwable error) {
        yielded = recover(error);
      }
      return leave(yielded);
    }
  }
}
