"""swiftraft.run against `raft run`'s summary.json for the same design (same library: identical numbers)."""
from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

import swiftraft
from conftest import DESIGNS, raft_executable


def compare(ours, theirs, path="") -> int:
    """Compares every value; returns how many numbers were compared."""
    if isinstance(theirs, dict):
        assert isinstance(ours, dict), path
        assert list(ours) == list(theirs), path
        return sum(compare(ours[k], theirs[k], f"{path}.{k}") for k in theirs)
    if isinstance(theirs, list) and theirs and all(isinstance(x, (int, float)) for x in np.ravel(np.array(theirs, dtype=object))):
        np.testing.assert_allclose(np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float), rtol=1e-13, atol=0, err_msg=path)
        return int(np.size(theirs))
    if isinstance(theirs, list):
        assert len(ours) == len(theirs), path
        return sum(compare(a, b, f"{path}[{i}]") for i, (a, b) in enumerate(zip(ours, theirs)))
    if isinstance(theirs, float):
        assert ours == pytest.approx(theirs, rel=1e-13, abs=0), path
        return 1
    assert ours == theirs, path
    return 0


@pytest.mark.skipif(raft_executable() is None, reason="no release `raft` executable (swift build -c release --product raft)")
@pytest.mark.parametrize("name", ["OC3spar", "VolturnUS-S", "OC4semi"])
def test_run_matches_raft_run_summary(tmp_path, name):
    design = str(DESIGNS / f"{name}.yaml")
    subprocess.run([raft_executable(), "run", design, "-o", str(tmp_path), "-q"], check=True)
    with open(tmp_path / "summary.json") as f:
        theirs = json.load(f)
    ours = swiftraft.run(design)
    n = compare(ours, theirs)
    assert n > 300
