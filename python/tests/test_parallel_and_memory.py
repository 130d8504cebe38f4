"""Threads (the GIL is released in every Swift call) and memory (no leak over many runs)."""
from __future__ import annotations

import concurrent.futures
import os

import numpy as np
import pytest

import swiftraft


def pitch_psds(design) -> list:
    m = swiftraft.Model(design)
    m.analyzeCases()
    return [m.results["case_metrics"][i][0]["pitch_PSD"] for i in range(m.nCases)]


def test_four_threads_give_the_serial_results(oc3_path, oc3_dict):
    serial = pitch_psds(oc3_path)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(pitch_psds, [oc3_path, oc3_dict] * 4))
    for r in results:
        for a, b in zip(r, serial):
            np.testing.assert_array_equal(a, b)


def test_one_model_shared_by_threads_is_serialised(oc3_path):
    """Calls on one model from many threads run one at a time (each statics solve starts from the state the last
    one left, as in RAFT, so results agree to the solver's round-off, not bit for bit)."""
    m = swiftraft.Model(oc3_path)

    def work(_):
        m.solveStatics(None)
        return m.solveEigen()[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        fns = list(pool.map(work, range(8)))
    for f in fns:
        np.testing.assert_allclose(f, fns[0], rtol=1e-9, atol=0)


def rss_kib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc (Linux)")
def test_no_leak_over_1000_runs(oc3_path):
    """1,000 models created, solved (statics and eigen; every 10th also analyzeCases) and freed, and 200 failing
    creations: the resident set grows by less than 20 MB after the first 100 runs (warm-up: memo tables, allocator
    pools)."""
    text = open(oc3_path).read()

    def one(i: int) -> None:
        m = swiftraft.Model(text)
        m.solveStatics(None)
        m.solveEigen()
        if i % 10 == 0:
            m.analyzeCases()
        m.close()
        if i % 5 == 0:
            with pytest.raises(swiftraft.InputError):
                swiftraft.Model(text.replace("water_depth: 200", "water_depth: -200", 1))

    for i in range(100):
        one(i)
    before = rss_kib()
    for i in range(900):
        one(i)
    grown = rss_kib() - before
    assert grown < 20 * 1024, f"RSS grew by {grown} KiB over 900 runs"
