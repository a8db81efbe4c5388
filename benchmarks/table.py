#!/usr/bin/env python3
"""Turns a JMH JSON result (run.sh writes results/jmh-<date>.json) into benchmarks/README.md's tables.

Usage: python3 benchmarks/table.py benchmarks/results/jmh-<date>.json
"""
import json
import sys

WORKLOADS = [
    ("square", "square: send, nothing back"),
    ("runningMin", "running minimum: `x = co.yield(min)`"),
    ("forEachRange100", "for-each over a new range(100)"),
    ("pipeline", "pipeline producer → filter → consumer"),
    ("yieldFromDepth3", "`yieldFrom` chain, depth 3"),
    ("closeInFinally", "new, next(), close() in try/finally"),
    ("squareMixed", "square, 5 coroutine classes warmed"),
]
IMPLS = ["jcoro", "hand", "thread", "threadSpin", "virtual"]


def fmt_ns(x):
    if x is None:
        return "–"
    if x >= 100_000:
        return f"{x / 1000:,.0f} µs"
    if x >= 10_000:
        return f"{x / 1000:,.1f} µs"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.2f}"


def fmt_b(x):
    if x is None:
        return "–"
    if x < 0.5:
        return "0"
    return f"{x:,.0f}"


def fmt_ratio(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f}×"
    return f"{x:.1f}×" if x >= 10 else f"{x:.2f}×"


def main(path):
    with open(path) as f:
        runs = json.load(f)
    score = {}
    error = {}
    alloc = {}
    for r in runs:
        cls, name = r["benchmark"].rsplit(".", 1)
        impl = r.get("params", {}).get("impl")
        key = (impl, name)
        score[key] = r["primaryMetric"]["score"]
        error[key] = r["primaryMetric"]["scoreError"]
        norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        alloc[key] = norm["score"] if norm else None

    def get(d, impl, name):
        return d.get((impl, name))

    print("ns/op (JMH average time, ± the 99.9% error JMH prints below 1 µs), and ratios:\n")
    print("| workload | jcoro | hand-written | platform thread | thread, spinning | virtual thread "
          "| jcoro / hand | thread / jcoro | spinning / jcoro | virtual / jcoro |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, label in WORKLOADS:
        cells = []
        for impl in IMPLS:
            s = get(score, impl, name)
            e = get(error, impl, name)
            if s is None:
                cells.append("–")
            elif e == e and e is not None and s < 1000:  # not NaN
                cells.append(f"{fmt_ns(s)} ± {fmt_ns(e)}")
            else:
                cells.append(fmt_ns(s))
        j = get(score, "jcoro", name)
        h = get(score, "hand", name)

        def ratio(a, b):
            return a / b if a is not None and b else None

        cells.append(fmt_ratio(ratio(j, h)))
        for impl in ["thread", "threadSpin", "virtual"]:
            cells.append(fmt_ratio(ratio(get(score, impl, name), j)))
        print(f"| {label} | " + " | ".join(cells) + " |")

    print("\nB/op (`-prof gc`, gc.alloc.rate.norm; all threads' allocations, JMH 1.37 on JDK 21+):\n")
    print("| workload | jcoro | hand-written | platform thread | thread, spinning | virtual thread |")
    print("|---|--:|--:|--:|--:|--:|")
    for name, label in WORKLOADS:
        cells = [fmt_b(get(alloc, impl, name)) for impl in IMPLS]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
