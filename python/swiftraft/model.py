"""`swiftraft.Model`: RAFT's `raft.Model` API over swift-raft's in-process Swift library."""
from __future__ import annotations

import ctypes
import json
import os
from collections.abc import Mapping
from typing import Any, Dict, Optional, Tuple, Union

import numpy as np

from . import _native as N
from .errors import InputError

DesignLike = Union[Mapping, str, "os.PathLike[str]"]


def _jsonable(x: Any) -> Any:
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, np.generic):
        return x.item()
    raise TypeError(f"{type(x).__name__} is not a design value (numbers, strings, lists, dicts)")


def design_source(design: DesignLike, base_dir: Optional[str] = None) -> Tuple[str, str, Optional[str], int]:
    """(text, file name for messages, base folder, kind) for the C ABI: kind 1 a dict as JSON, 2 a file path,
    0 YAML text."""
    if isinstance(design, Mapping):
        try:
            text = json.dumps(design, default=_jsonable)
        except (TypeError, ValueError) as e:
            raise InputError(f"<dict>: the design cannot be converted to JSON: {e}") from None
        return text, "<dict>", base_dir or os.getcwd(), 1
    if isinstance(design, (str, os.PathLike)):
        path = os.fspath(design)
        if "\n" in path:  # YAML text
            return path, "<string>", base_dir or os.getcwd(), 0
        return path, os.path.basename(path), base_dir, 2
    raise TypeError(f"design: expected a dict (as RAFT takes it), a design file path or YAML text, got {type(design).__name__}")


class FOWT:
    """One floating wind turbine of a `Model` (RAFT `model.fowtList[i]`): the state swift-raft exposes."""

    def __init__(self, index: int, r6: np.ndarray):
        self.index = index
        #: Absolute mean pose [x, y, z (m), roll, pitch, yaw (rad)] after the last `solveStatics`/case.
        self.r6: np.ndarray = r6
        #: Unloaded equilibrium offsets [m, rad] after `Model.analyzeUnloaded` (RAFT `fowt.Xi0`).
        self.Xi0: Optional[np.ndarray] = None

    def __repr__(self) -> str:
        return f"FOWT({self.index}, r6={np.array2string(self.r6, precision=4)})"


class Model:
    """A RAFT model of a design, solved by swift-raft in-process (RAFT 2.0.4's numbers; calls release the GIL).

    >>> m = swiftraft.Model(design)          # a dict as RAFT takes it, or a design YAML path
    >>> m.analyzeUnloaded(); fns, modes = m.solveEigen()
    >>> m.analyzeCases()
    >>> m.results['case_metrics'][0][0]['pitch_std']

    Relative paths inside the design (MoorDyn files, ``hydroPath``) are resolved against ``base_dir``: by default the
    design file's folder, or the working directory for a dict (as RAFT does).

    Raises `swiftraft.InputError` (a `ValueError`) for a bad design, with the file or ``<dict>`` and the YAML path.
    """

    def __init__(self, design: DesignLike, nTurbines: Optional[int] = None, base_dir: Optional[str] = None,
                 **_ignored: Any):
        text, file, base, kind = design_source(design, base_dir)
        handle = ctypes.c_void_p()
        N.call(N.lib.sr_model_create, N.encode(text), N.encode(file), N.encode(base), kind, ctypes.byref(handle))
        self._handle = handle
        info = N.packed_call(N.lib.sr_model_info, handle)
        #: Number of FOWTs.
        self.nFOWT: int = int(info["nFOWT"])
        #: Rigid-body DOFs (6 per FOWT).
        self.nDOF: int = int(info["nDOF"])
        #: Frequencies [rad/s] and their count.
        self.w: np.ndarray = np.array(info["w"])
        self.nw: int = int(info["nw"])
        #: True for flexible FOWTs (beam members): analyzeCases only.
        self.flexible: bool = bool(info["flexible"])
        self.nCases: int = int(info["nCases"])
        #: Warnings from loading the design (unknown keys, ...).
        self.warnings: list = list(info["warnings"])
        self.fowtList = [FOWT(i, np.zeros(6)) for i in range(self.nFOWT)]
        #: RAFT's results dictionary: 'properties', 'eigen', 'freq_rad', 'case_metrics', 'mean_offsets'.
        self.results: Dict[str, Any] = {}

    # -- lifetime -------------------------------------------------------------------------------------------------

    def close(self) -> None:
        """Frees the Swift model now (otherwise when the object is collected)."""
        h = getattr(self, "_handle", None)
        if h is not None and h.value:
            N.lib.sr_model_free(h)
            self._handle = ctypes.c_void_p()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self) -> "Model":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- RAFT's steps ---------------------------------------------------------------------------------------------

    def analyzeUnloaded(self, ballast: int = 0, heave_tol: float = 1, **_ignored: Any) -> None:
        """RAFT ``analyzeUnloaded()`` (single FOWT): mooring stiffness and force at the undisplaced pose, then the
        equilibrium without wind, waves or current. Fills ``results['properties']`` (``offset_unloaded``,
        ``F_lines0``, ``C_lines0`` and the FOWT's properties: ``M_struc``, ``C_hydro``, ``rCG``, ``total mass``, ...)
        and ``fowtList[0].Xi0``."""
        if ballast:
            raise NotImplementedError("analyzeUnloaded(ballast=...) (RAFT's ballast adjustment) is not supported")
        r = N.packed_call(N.lib.sr_analyze_unloaded, self._handle)
        props = dict(r["properties"])
        props["offset_unloaded"] = r["offset_unloaded"]
        props["F_lines0"] = r["F_lines0"]
        props["C_lines0"] = r["C_lines0"]
        self.results["properties"] = props
        self.fowtList[0].Xi0 = r["offset_unloaded"]
        if not self.flexible:
            self.fowtList[0].r6 = self.fowtList[0].r6 * 0 + r["offset_unloaded"][:6]

    def solveStatics(self, case: Optional[Mapping] = None, display: int = 0, **_ignored: Any) -> None:
        """RAFT ``solveStatics(case)``: mean equilibrium of every FOWT under weight, buoyancy, mooring and the
        case's mean wind and current loads (``case`` a dict of RAFT's case keys; None: no environmental loads).
        Sets ``fowtList[i].r6``."""
        text = None if case is None else json.dumps(dict(case), default=_jsonable)
        r6 = np.empty(self.nDOF)
        N.call(N.lib.sr_solve_statics, self._handle, N.encode(text), N.as_double_pointer(r6), r6.size)
        for i, f in enumerate(self.fowtList):
            f.r6 = r6[6 * i:6 * i + 6].copy()

    def solveEigen(self, display: int = 0, **_ignored: Any) -> Tuple[np.ndarray, np.ndarray]:
        """RAFT ``solveEigen()`` at the current poses: natural frequencies [Hz] and mode shapes (column j = mode j);
        for a flexible FOWT every reduced DOF, ascending. Also stored in ``results['eigen']`` (``frequencies``,
        ``modes``)."""
        r = N.packed_call(N.lib.sr_solve_eigen, self._handle)
        fns, modes = r["frequencies"], r["modes"]
        self.results["eigen"] = {"frequencies": fns, "modes": modes}
        return fns, modes

    def analyzeCases(self, display: int = 0, meshDir: Optional[str] = None, RAO_plot: bool = False,
                     **_ignored: Any) -> Dict[str, Any]:
        """RAFT ``analyzeCases()``: every load case of the design (statics, drag-linearised dynamics, statistics),
        state carried from case to case as RAFT does. Fills ``results['freq_rad']``, ``results['case_metrics']``
        (``[iCase][iFOWT][name]``, RAFT's names, units and shapes; ``[iCase]['array_mooring']`` for farms) and
        ``results['mean_offsets']``; returns ``results``."""
        r = N.packed_call(N.lib.sr_analyze_cases, self._handle)
        metrics: Dict[int, Dict[Any, Any]] = {}
        offsets = []
        for i, c in enumerate(r["case_metrics"]):
            entry: Dict[Any, Any] = {j: _raft_metrics(f) for j, f in enumerate(c["fowts"])}
            if "array_mooring" in c:
                entry["array_mooring"] = c["array_mooring"]
            metrics[i] = entry
            offsets.append(np.concatenate(c["r6"]) if c["r6"] else np.zeros(0))
            for j, f in enumerate(self.fowtList):
                f.r6 = np.array(c["r6"][j])
        self.results["freq_rad"] = r["freq_rad"]
        self.results["case_metrics"] = metrics
        self.results["mean_offsets"] = offsets
        self.results["warnings"] = r["warnings"]
        return self.results

    def calcOutputs(self) -> Dict[str, Any]:
        """The results gathered so far (RAFT's ``calcOutputs`` fills ``results['properties']``: run
        `analyzeUnloaded` for it)."""
        return self.results

    # -- sweeps ---------------------------------------------------------------------------------------------------

    def _variant(self, edits: "list[tuple[str, float]]", metrics: "list[str]") -> np.ndarray:
        paths = N.string_array([p for p, _ in edits])
        values = np.array([v for _, v in edits], dtype=np.float64)
        names = N.string_array(metrics)
        out = np.empty(len(metrics))
        N.call(N.lib.sr_sweep_variant, self._handle, paths, N.as_double_pointer(values), len(edits), names,
               len(metrics), N.as_double_pointer(out))
        return out

    def _check_metrics(self, metrics: "list[str]") -> None:
        N.call(N.lib.sr_sweep_check, self._handle, N.string_array(metrics), len(metrics))


#: Per-FOWT statistics RAFT stores as plain numbers (the platform motions); the others are arrays.
_MOTIONS = ("surge", "sway", "heave", "roll", "pitch", "yaw")


def _raft_metrics(f: Dict[str, Any]) -> Dict[str, Any]:
    """Motion statistics as numpy scalars (RAFT stores np.float64), everything else as arrays."""
    out = {}
    for k, v in f.items():
        if isinstance(v, float):
            v = np.float64(v)
        out[k] = v
    return out
