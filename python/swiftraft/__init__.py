"""swift-raft from Python: RAFT 2.0.4's frequency-domain model of floating wind turbines, run in-process by the
Swift library (``libRAFTBridge``), with RAFT's API.

Quick start::

    import swiftraft
    out = swiftraft.run("designs/OC3spar.yaml")            # summary.json data, numpy arrays
    m = swiftraft.Model(design_dict)                         # as raft.Model
    m.analyzeUnloaded(); m.solveEigen(); m.analyzeCases()
    m.results['case_metrics'][0][0]['pitch_PSD']

Replace RAFT in a script with ``import swiftraft as raft``.
"""
from __future__ import annotations

import concurrent.futures
import itertools
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import numpy as np

from . import _native as N
from .errors import InputError, PhysicsError, SolveError, SwiftRaftError
from .model import FOWT, DesignLike, Model, design_source

__all__ = ["Model", "FOWT", "run", "sweep", "InputError", "SolveError", "PhysicsError", "SwiftRaftError", "__version__"]

__version__: str = N.version()


def run(design: DesignLike, base_dir: Optional[str] = None) -> Dict[str, Any]:
    """RAFT's whole flow, as ``raft run`` (unloaded equilibrium and eigen analysis for a single FOWT, every case,
    eigen analysis after the cases, fatigue and extremes): the data of ``raft run``'s ``summary.json`` with every
    numeric list as a numpy array. Writes no file.

    ``design``: a dict as RAFT takes it, a design YAML path or YAML text."""
    text, file, base, kind = design_source(design, base_dir)
    return N.packed_call(N.lib.sr_run, N.encode(text), N.encode(file), N.encode(base), kind)


def sweep(design: DesignLike, parameters: Mapping[str, Iterable[float]], metrics: Sequence[str],
          combine: str = "factorial", threads: Optional[int] = None, base_dir: Optional[str] = None) -> Any:
    """A parameter sweep, as ``raft sweep`` computes it, run on Python threads (the GIL is released).

    ``parameters`` maps YAML paths of the design (``platform.members[0].rho_fill[0]``, ``mooring.lines[*].length``)
    to values; ``combine`` is ``factorial`` (every combination) or ``zip`` (element by element). ``metrics`` are
    sweep metric names (``pitch_std``, ``Tmoor_max``, ``case1.surge_std``, ``fn_heave``, ``Mbase_DEL_m4``, ...).

    Returns a pandas DataFrame when pandas is installed (else a list of dicts): one row per variant with the
    parameters, ``status`` (``ok``, ``input``, ``physics``, ``error``), ``error`` and the metrics (NaN when the
    variant failed). Bad metric names raise `InputError` before anything runs."""
    model = Model(design, base_dir=base_dir)
    names = list(metrics)
    model._check_metrics(names)
    paths = list(parameters)
    columns = [list(parameters[p]) for p in paths]
    if combine == "factorial":
        variants = list(itertools.product(*columns))
    elif combine == "zip":
        if len({len(c) for c in columns}) > 1:
            raise InputError("sweep: combine 'zip' needs the same number of values for every parameter")
        variants = list(zip(*columns))
    else:
        raise InputError(f"sweep: combine must be 'factorial' or 'zip', got {combine!r}")

    def one(values: Sequence[float]) -> Dict[str, Any]:
        row: Dict[str, Any] = dict(zip(paths, values))
        try:
            out = model._variant(list(zip(paths, map(float, values))), names)
            row.update(status="ok", error="")
        except InputError as e:
            out, row["status"], row["error"] = np.full(len(names), np.nan), "input", str(e)
        except SolveError as e:
            out, row["status"], row["error"] = np.full(len(names), np.nan), "physics", str(e)
        except SwiftRaftError as e:
            out, row["status"], row["error"] = np.full(len(names), np.nan), "error", str(e)
        row.update(zip(names, out.tolist()))
        return row

    workers = threads or os.cpu_count() or 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        rows: List[Dict[str, Any]] = list(pool.map(one, variants))
    model.close()
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows, columns=paths + ["status", "error"] + names)
