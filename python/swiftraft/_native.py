"""ctypes binding of libRAFTBridge (the C ABI in swiftraft.h). Internal: use `swiftraft.Model` and `swiftraft.run`.

ctypes releases the GIL around every foreign call, so Python threads run designs in parallel.
"""
from __future__ import annotations

import ctypes
import json
import os
import sys
from typing import Any, Callable, Optional

import numpy as np

from .errors import InputError, SolveError, SwiftRaftError

_LIBNAME = "libRAFTBridge.dylib" if sys.platform == "darwin" else "libRAFTBridge.so"


def _load() -> ctypes.CDLL:
    path = os.environ.get("SWIFTRAFT_LIBRARY_PATH") or os.path.join(os.path.dirname(os.path.abspath(__file__)), _LIBNAME)
    if not os.path.exists(path):
        raise ImportError(f"swiftraft: the Swift library {path} is missing; install the package with `pip install ./python`")
    return ctypes.CDLL(path)


lib = _load()

_p = ctypes.c_void_p
_pp = ctypes.POINTER(ctypes.c_void_p)
_err = ctypes.POINTER(ctypes.c_void_p)
_dbl = ctypes.POINTER(ctypes.c_double)
_i32, _i64, _str = ctypes.c_int32, ctypes.c_int64, ctypes.c_char_p


def _declare(name: str, restype: Any, *argtypes: Any) -> None:
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


_declare("sr_free", None, _p)
_declare("sr_version", _str)
_declare("sr_packed_meta", _str, _p)
_declare("sr_packed_count", _i64, _p)
_declare("sr_packed_copy", _i32, _p, _dbl, _i64)
_declare("sr_packed_free", None, _p)
_declare("sr_model_create", _i32, _str, _str, _str, _i32, _pp, _err)
_declare("sr_model_free", None, _p)
_declare("sr_model_info", _i32, _p, _pp, _err)
_declare("sr_analyze_unloaded", _i32, _p, _pp, _err)
_declare("sr_solve_eigen", _i32, _p, _pp, _err)
_declare("sr_solve_statics", _i32, _p, _str, _dbl, _i64, _err)
_declare("sr_analyze_cases", _i32, _p, _pp, _err)
_declare("sr_run", _i32, _str, _str, _str, _i32, _pp, _err)
_declare("sr_time_analyze_cases", _i32, _p, _i64, _dbl, _err)
_strs = ctypes.POINTER(ctypes.c_char_p)
_declare("sr_sweep_check", _i32, _p, _strs, _i64, _err)
_declare("sr_sweep_variant", _i32, _p, _strs, _dbl, _i64, _strs, _i64, _dbl, _err)


def string_array(items: "list[str]") -> Any:
    """A C array of UTF-8 strings (keep the returned object alive during the call)."""
    arr = (ctypes.c_char_p * max(1, len(items)))()
    for i, s in enumerate(items):
        arr[i] = s.encode("utf-8")
    return arr

_EXCEPTIONS = {2: InputError, 3: SolveError}


def check(status: int, err: ctypes.c_void_p) -> None:
    """Raises the exception for a non-zero status with the library's message (and frees it)."""
    if status == 0:
        return
    message = "unknown error"
    if err.value:
        message = ctypes.string_at(err.value).decode("utf-8", "replace")
        lib.sr_free(err)
    raise _EXCEPTIONS.get(status, SwiftRaftError)(message)


def call(fn: Callable[..., int], *args: Any) -> None:
    """Calls a status-returning function whose last argument is the error-message out-pointer."""
    err = ctypes.c_void_p()
    check(fn(*args, ctypes.byref(err)), err)


def unpack(handle: ctypes.c_void_p) -> Any:
    """Reads and frees a packed result: JSON metadata whose `{"__nd__": [offset, *shape]}` nodes are numpy views on
    one float64 buffer (row-major), and `{"__cnd__": [offset, *shape]}` complex128 views on (re, im) pairs."""
    try:
        meta = lib.sr_packed_meta(handle)
        n = lib.sr_packed_count(handle)
        buf = np.empty(n, dtype=np.float64)
        if n and lib.sr_packed_copy(handle, buf.ctypes.data_as(_dbl), n) != 0:
            raise SwiftRaftError("packed result: size mismatch")
    finally:
        lib.sr_packed_free(handle)

    def hook(obj: dict) -> Any:
        cref = obj.get("__cnd__")
        if cref is not None and len(obj) == 1:  # complex: (re, im) pairs
            offset, shape = cref[0], cref[1:]
            size = 1
            for d in shape:
                size *= d
            return buf[offset:offset + 2 * size].view(np.complex128).reshape(shape)
        ref = obj.get("__nd__")
        if ref is not None and len(obj) == 1:
            offset = ref[0]
            if len(ref) == 2:  # 1-D: a slice is already the array
                return buf[offset:offset + ref[1]]
            size = 1
            for d in ref[1:]:
                size *= d
            return buf[offset:offset + size].reshape(ref[1:])
        return obj

    return json.loads(meta, object_hook=hook)


def packed_call(fn: Callable[..., int], *args: Any) -> Any:
    """Calls a function returning a packed result through its second-to-last argument."""
    out = ctypes.c_void_p()
    err = ctypes.c_void_p()
    check(fn(*args, ctypes.byref(out), ctypes.byref(err)), err)
    return unpack(out)


def version() -> str:
    return lib.sr_version().decode()


def as_double_pointer(a: np.ndarray) -> Any:
    return a.ctypes.data_as(_dbl)


def encode(text: Optional[str]) -> Optional[bytes]:
    return None if text is None else text.encode("utf-8")
