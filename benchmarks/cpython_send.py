#!/usr/bin/env python3
"""CPython reference for benchmarks/README.md: the JMH workloads as Python generators.

Usage: python3 benchmarks/cpython_send.py   (prints; save with > benchmarks/results/cpython-<date>.txt)

Each workload runs in a loop of `n` operations, timed with perf_counter_ns; the best and the median
of 7 repetitions are printed in ns per operation, loop overhead included (an empty `for` over the
same values is printed for reference). The values sent are the JMH benchmarks' kind: small ints in
[-11, 11], from a list made beforehand.
"""
import platform
import random
import statistics
import sys
import time

random.seed(42)
VALUES = [random.randint(-11, 11) for _ in range(1024)]


class Sink:
    __slots__ = ("total",)

    def __init__(self):
        self.total = 0


def square(sink):
    while True:
        val = yield
        sink.total += val * val


def running_min():
    smallest = yield
    while True:
        x = yield smallest
        if x < smallest:
            smallest = x


def rng(n):
    for i in range(n):
        yield i


def producer(nxt):
    while True:
        val = yield
        nxt.send(val * val)


def filt(low, high, nxt):
    while True:
        val = yield
        if low <= val < high:
            nxt.send(val)


def consumer(sink):
    while True:
        val = yield
        sink.total += val


def echo():
    value = yield
    while True:
        value = yield value


def delegating(inner):
    return (yield from inner)


def guarded(sink):
    try:
        while True:
            yield 1
    finally:
        sink.total += 1


def values(n):
    return [VALUES[i & 1023] for i in range(n)]


def bench_empty(n):
    vs = values(n)
    t0 = time.perf_counter_ns()
    for v in vs:
        pass
    return time.perf_counter_ns() - t0, n


def time_sends(g, n):
    """Primes g, then times n sends into it."""
    next(g)
    send = g.send
    vs = values(n)
    t0 = time.perf_counter_ns()
    for v in vs:
        send(v)
    return time.perf_counter_ns() - t0, n


def bench_square(n):
    return time_sends(square(Sink()), n)


def bench_running_min(n):
    return time_sends(running_min(), n)


def bench_for_each_range100(n):
    ops = n // 100
    t0 = time.perf_counter_ns()
    for _ in range(ops):
        s = 0
        for x in rng(100):
            s += x
    return time.perf_counter_ns() - t0, ops


def bench_pipeline(n):
    sink = Sink()
    c = consumer(sink)
    next(c)
    f = filt(10, 100, c)
    next(f)
    return time_sends(producer(f), n)


def bench_yield_from_depth3(n):
    return time_sends(delegating(delegating(delegating(echo()))), n)


def bench_close_in_finally(n):
    sink = Sink()
    t0 = time.perf_counter_ns()
    for _ in range(n):
        g = guarded(sink)
        next(g)
        g.close()
    return time.perf_counter_ns() - t0, n


BENCHES = [
    ("emptyLoop (overhead)", bench_empty, 1_000_000),
    ("square", bench_square, 1_000_000),
    ("runningMin", bench_running_min, 1_000_000),
    ("forEachRange100 (per range)", bench_for_each_range100, 2_000_000),
    ("pipeline", bench_pipeline, 1_000_000),
    ("yieldFromDepth3", bench_yield_from_depth3, 1_000_000),
    ("closeInFinally", bench_close_in_finally, 300_000),
]


def main():
    print(f"# {platform.python_implementation()} {sys.version.splitlines()[0]} on {platform.machine()} "
          f"{platform.system()}")
    print(f"{'workload':<30} {'best ns/op':>11} {'median ns/op':>13}")
    for name, bench, n in BENCHES:
        runs = []
        for _ in range(7):
            elapsed, ops = bench(n)
            runs.append(elapsed / ops)
        print(f"{name:<30} {min(runs):>11.1f} {statistics.median(runs):>13.1f}")


if __name__ == "__main__":
    main()
