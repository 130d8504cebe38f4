"""Shared fixtures of the swiftraft test suite (run from anywhere: `python -m pytest python/tests`)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DESIGNS = REPO / "designs"


@pytest.fixture(scope="session")
def oc3_path() -> str:
    return str(DESIGNS / "OC3spar.yaml")


@pytest.fixture(scope="session")
def oc3_dict(oc3_path: str) -> dict:
    yaml = pytest.importorskip("yaml")
    with open(oc3_path) as f:
        return yaml.safe_load(f)


def raft_executable() -> str | None:
    """The `raft` command of this checkout (release build), or SWIFTRAFT_RAFT_EXE."""
    exe = os.environ.get("SWIFTRAFT_RAFT_EXE") or str(REPO / ".build" / "release" / "raft")
    return exe if os.access(exe, os.X_OK) else None
