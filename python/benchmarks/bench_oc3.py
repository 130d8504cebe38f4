"""swiftraft overhead and thread scaling on OC3spar (run after `pip install ./python`):

    python python/benchmarks/bench_oc3.py [designs/OC3spar.yaml]

1. `Model.analyzeCases()` from Python against the same call timed inside Swift (same process, same model state,
   no result packing): the difference is the bridge's cost (ctypes call, packing the results into one buffer,
   building RAFT's results dictionary of numpy arrays).
2. Throughput of whole designs (Model + analyzeCases) on 1 and on 4 Python threads (the GIL is released while Swift
   runs).
"""
from __future__ import annotations

import concurrent.futures
import ctypes
import os
import statistics
import sys
import time

import swiftraft
from swiftraft import _native as N


def swift_seconds(m: swiftraft.Model, repeats: int) -> float:
    s = ctypes.c_double()
    N.call(N.lib.sr_time_analyze_cases, m._handle, repeats, ctypes.byref(s))
    return s.value


def python_seconds(m: swiftraft.Model, repeats: int) -> float:
    t = time.perf_counter()
    for _ in range(repeats):
        m.analyzeCases()
    return (time.perf_counter() - t) / repeats


def throughput(design: str, threads: int, runs: int) -> "tuple[float, float]":
    """(runs per wall second, CPU seconds per run) of whole designs on `threads` Python threads."""
    def one(_: int) -> None:
        m = swiftraft.Model(design)
        m.analyzeCases()
        m.close()
    t, c0 = time.perf_counter(), os.times()
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(runs)))
    wall, c1 = time.perf_counter() - t, os.times()
    return runs / wall, (c1.user - c0.user + c1.system - c0.system) / runs


def main() -> None:
    design = sys.argv[1] if len(sys.argv) > 1 else "designs/OC3spar.yaml"
    m = swiftraft.Model(design)
    m.analyzeCases()  # warm-up (airfoil fits, memo tables)
    # interleaved single calls, so that both see the same machine load; the minimum is the cost without
    # interference from other processes, the median what a loaded machine gives
    calls = 200
    swift, py = [], []
    for _ in range(calls):
        swift.append(swift_seconds(m, 1))
        py.append(python_seconds(m, 1))
    for label, f in (("min", min), ("median", statistics.median)):
        s, p = f(swift), f(py)
        print(f"analyzeCases, {m.nCases} cases x {m.nw} frequencies ({label} of {calls} interleaved calls): Swift "
              f"in-process {s * 1e3:.3f} ms, from Python {p * 1e3:.3f} ms, overhead {(p - s) * 1e3:.3f} ms")
    runs = 80
    one, cpu1 = throughput(design, 1, runs)
    four, cpu4 = throughput(design, 4, runs)
    print(f"whole designs (Model + analyzeCases): 1 thread {one:.1f}/s ({cpu1 * 1e3:.1f} ms CPU each), "
          f"4 threads {four:.1f}/s ({cpu4 * 1e3:.1f} ms CPU each): x{four / one:.2f} on {os.cpu_count()} cores "
          f"(load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
