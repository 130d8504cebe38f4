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


def throughput(design: str, threads: int, runs: int) -> float:
    def one(_: int) -> None:
        m = swiftraft.Model(design)
        m.analyzeCases()
        m.close()
    t = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(runs)))
    return runs / (time.perf_counter() - t)


def main() -> None:
    design = sys.argv[1] if len(sys.argv) > 1 else "designs/OC3spar.yaml"
    m = swiftraft.Model(design)
    m.analyzeCases()  # warm-up (airfoil fits, memo tables)
    rounds = 7
    swift = [swift_seconds(m, 20) for _ in range(rounds)]
    py = [python_seconds(m, 20) for _ in range(rounds)]
    s, p = statistics.median(swift), statistics.median(py)
    print(f"analyzeCases, {m.nCases} cases x {m.nw} frequencies: Swift in-process {s * 1e3:.3f} ms, "
          f"from Python {p * 1e3:.3f} ms, overhead {(p - s) * 1e3:.3f} ms (median of {rounds} x 20)")
    runs = 80
    one = throughput(design, 1, runs)
    four = throughput(design, 4, runs)
    print(f"whole designs (Model + analyzeCases): 1 thread {one:.1f}/s, 4 threads {four:.1f}/s, x{four / one:.2f}")


if __name__ == "__main__":
    main()
