package dev.jcoro.benchmarks;

import dev.jcoro.Generator;
import dev.jcoro.StopIteration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The workloads of {@link Workloads} written by hand, as a careful programmer writes a generator
 * class when there is no tool: one class per coroutine, an {@code int} state, a switch or an if on
 * it in {@code send}, the locals that survive a suspension as fields, and {@code throwInto} and
 * {@code close} implemented for what the body actually contains (no try blocks to route exceptions
 * through, except where the body has a {@code finally}).
 *
 * <p>Honest, but lean: each class keeps the protocol's observable rules for its workload (states,
 * the just-started check, StopIteration once closed, close and throwInto at a suspension, an
 * exception in the body closes the generator), and skips what its body can't need: no re-entry
 * check (no body calls its own generator), no RUNNING state, no exception routing table.
 */
public final class HandWritten {
  private HandWritten() {}

  static final int CREATED = 0;
  static final int CLOSED = -1;

  /** What every class here shares: the cold parts of the interface. */
  abstract static class Base<Y, S, R> implements Generator<Y, S, R> {
    /** CREATED, CLOSED, or a class's own suspension points (1, 2, ...). */
    int state;

    private boolean iterated;

    @Override
    public State state() {
      return state == CREATED ? State.CREATED : state == CLOSED ? State.CLOSED : State.SUSPENDED;
    }

    /** The just-started rule. */
    final void start(S value) {
      if (value != null) {
        throw new IllegalStateException("can't send non-null value to a just-started coroutine:"
            + " call next() first, or declare @Coroutine(primed = true)");
      }
    }

    /** The body is finished: later calls see StopIteration. */
    final RuntimeException fail(Throwable error) {
      state = CLOSED;
      return sneakyThrow(error);
    }

    @Override
    public Y throwInto(Throwable error) {
      // The bodies without try blocks: the error is raised at the suspension and escapes.
      throw fail(error);
    }

    @Override
    public void close() {
      // The bodies without finally blocks: nothing runs.
      state = CLOSED;
    }

    @Override
    public Iterator<Y> iterator() {
      once();
      return new Iterator<>() {
        private boolean ready;
        private Y value;

        @Override
        public boolean hasNext() {
          if (!ready && state != CLOSED) {
            try {
              value = Base.this.next();
              ready = true;
            } catch (StopIteration end) {
              // done
            }
          }
          return ready;
        }

        @Override
        public Y next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          ready = false;
          return value;
        }
      };
    }

    final void once() {
      if (iterated) {
        throw new IllegalStateException("a generator can be iterated only once");
      }
      iterated = true;
    }
  }

  /** {@link Workloads#square}: one suspension point (1), at {@code co.receive()}. */
  static final class Square extends Base<Void, Integer, Void> {
    private final Sink sink;

    Square(Sink sink) {
      this.sink = sink;
    }

    @Override
    public Void next() {
      return send(null);
    }

    @Override
    public Void send(Integer value) {
      if (state == 1) {
        if (value == null) {
          throw fail(new NullPointerException("sent null to int val = co.receive()"));
        }
        int val = value;
        sink.add((long) val * val);
        return null;
      }
      if (state == CREATED) {
        start(value);
        state = 1;
        return null;
      }
      throw new StopIteration(null);
    }
  }

  /** {@link Workloads#runningMin}: suspended at the first receive (1) or at the yield (2). */
  static final class RunningMin extends Base<Integer, Integer, Void> {
    private Integer smallest;

    @Override
    public Integer next() {
      return send(null);
    }

    @Override
    public Integer send(Integer x) {
      switch (state) {
        case 2:
          try {
            if (x < smallest) {
              smallest = x;
            }
          } catch (NullPointerException e) {
            throw fail(e);
          }
          return smallest;
        case 1:
          smallest = x;
          state = 2;
          return x;
        case CREATED:
          start(x);
          state = 1;
          return null;
        default:
          throw new StopIteration(null);
      }
    }

    @Override
    public Integer throwInto(Throwable error) {
      smallest = null;
      throw fail(error);
    }

    @Override
    public void close() {
      smallest = null;
      state = CLOSED;
    }
  }

  /** {@link Workloads#range}: suspended at the yield (1); its own iterator, no exceptions. */
  static final class Range extends Base<Integer, Void, Void> {
    private final int n;
    private int i;

    Range(int n) {
      this.n = n;
    }

    @Override
    public Integer next() {
      if (state == 1) {
        if (++i < n) {
          return i;
        }
      } else if (state == CREATED) {
        if (n > 0) {
          state = 1;
          return i = 0;
        }
      }
      state = CLOSED;
      throw new StopIteration(null);
    }

    @Override
    public Integer send(Void value) {
      return next();
    }

    @Override
    public Iterator<Integer> iterator() {
      once();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          if (state == 1 ? i + 1 < n : state == CREATED && n > 0) {
            return true;
          }
          state = CLOSED;
          return false;
        }

        @Override
        public Integer next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          if (state == 1) {
            return ++i;
          }
          state = 1;
          return i = 0;
        }
      };
    }
  }

  /** {@link Workloads#producer}: suspended at the receive (1); sends the square on. */
  static final class Producer extends Base<Void, Integer, Void> {
    private final Generator<?, Integer, ?> next;

    Producer(Generator<?, Integer, ?> next) {
      this.next = next;
    }

    @Override
    public Void next() {
      return send(null);
    }

    @Override
    public Void send(Integer value) {
      if (state == 1) {
        try {
          int val = value;
          next.send(val * val);
        } catch (Throwable e) {
          throw fail(e);
        }
        return null;
      }
      if (state == CREATED) {
        start(value);
        state = 1;
        return null;
      }
      throw new StopIteration(null);
    }
  }

  /** {@link Workloads#filter}: suspended at the receive (1); passes on values in [low, high). */
  static final class Filter extends Base<Void, Integer, Void> {
    private final int low;
    private final int high;
    private final Generator<?, Integer, ?> next;

    Filter(int low, int high, Generator<?, Integer, ?> next) {
      this.low = low;
      this.high = high;
      this.next = next;
    }

    @Override
    public Void next() {
      return send(null);
    }

    @Override
    public Void send(Integer val) {
      if (state == 1) {
        try {
          if (val >= low && val < high) {
            next.send(val);
          }
        } catch (Throwable e) {
          throw fail(e);
        }
        return null;
      }
      if (state == CREATED) {
        start(val);
        state = 1;
        return null;
      }
      throw new StopIteration(null);
    }
  }

  /** {@link Workloads#consumer}: suspended at the receive (1). */
  static final class Consumer extends Base<Void, Integer, Void> {
    private final Sink sink;

    Consumer(Sink sink) {
      this.sink = sink;
    }

    @Override
    public Void next() {
      return send(null);
    }

    @Override
    public Void send(Integer value) {
      if (state == 1) {
        if (value == null) {
          throw fail(new NullPointerException("sent null to int val = co.receive()"));
        }
        sink.add(value);
        return null;
      }
      if (state == CREATED) {
        start(value);
        state = 1;
        return null;
      }
      throw new StopIteration(null);
    }
  }

  /** {@link Workloads#echo}: suspended at the receive (1) or the yield (2); yields what it gets. */
  static final class Echo extends Base<Integer, Integer, Integer> {
    @Override
    public Integer next() {
      return send(null);
    }

    @Override
    public Integer send(Integer value) {
      if (state > 0) {
        state = 2;
        return value;
      }
      if (state == CREATED) {
        start(value);
        state = 1;
        return null;
      }
      throw new StopIteration(null);
    }
  }

  /** {@link Workloads#delegating}: {@code return (yield from inner)}, forwarding by hand (PEP 380). */
  static final class Delegating extends Base<Integer, Integer, Integer> {
    private final Generator<Integer, Integer, Integer> inner;

    Delegating(Generator<Integer, Integer, Integer> inner) {
      this.inner = inner;
    }

    @Override
    public Integer next() {
      return send(null);
    }

    @Override
    public Integer send(Integer value) {
      if (state == 1) {
        try {
          return value == null ? inner.next() : inner.send(value);
        } catch (StopIteration returned) {
          state = CLOSED;
          throw new StopIteration(returned.value());
        } catch (Throwable e) {
          throw fail(e);
        }
      }
      if (state == CREATED) {
        start(value);
        state = 1;
        try {
          return inner.next();
        } catch (StopIteration returned) {
          state = CLOSED;
          throw new StopIteration(returned.value());
        } catch (Throwable e) {
          throw fail(e);
        }
      }
      throw new StopIteration(null);
    }

    @Override
    public Integer throwInto(Throwable error) {
      if (state == 1) {
        try {
          return inner.throwInto(error);
        } catch (StopIteration returned) {
          state = CLOSED;
          throw new StopIteration(returned.value());
        } catch (Throwable e) {
          throw fail(e);
        }
      }
      throw fail(error);
    }

    @Override
    public void close() {
      if (state == 1) {
        state = CLOSED;
        inner.close();
      }
      state = CLOSED;
    }
  }

  /** {@link Workloads#guarded}: suspended at the yield inside try (1); the finally runs on close. */
  static final class Guarded extends Base<Integer, Void, Void> {
    private static final Integer ONE = 1;
    private final Sink sink;

    Guarded(Sink sink) {
      this.sink = sink;
    }

    @Override
    public Integer next() {
      if (state == 1) {
        return ONE;
      }
      if (state == CREATED) {
        state = 1;
        return ONE;
      }
      throw new StopIteration(null);
    }

    @Override
    public Integer send(Void value) {
      return next();
    }

    @Override
    public Integer throwInto(Throwable error) {
      if (state == 1) {
        state = CLOSED;
        sink.add(1); // finally
      }
      throw fail(error);
    }

    @Override
    public void close() {
      if (state == 1) {
        state = CLOSED;
        sink.add(1); // finally
      }
      state = CLOSED;
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException sneakyThrow(Throwable error) throws T {
    throw (T) error;
  }
}
