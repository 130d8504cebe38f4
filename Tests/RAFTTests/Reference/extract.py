#!/usr/bin/env python3
"""Regenerate Tests/RAFTTests/Reference/ (the reference data the test suite reads) from ../shared/reference.

    python3 Tests/RAFTTests/Reference/extract.py [--shared PATH_TO_shared/reference]

The layout mirrors ../shared/reference, so `Reference.url("reference/<path>")` finds the same relative path here.
Kept: the files listed in FILES (what the tests read: `RAFT_REFERENCE_LOG=/tmp/log swift test` lists the paths
they ask for; design YAMLs also read the MoorDyn/WAMIT files they name). Changed on the way:
  * JSON: no whitespace; prose and bookkeeping keys dropped (DROPPED_KEYS); numpy-array objects lose `dtype`, and
    arrays of LARGE or more numbers store their float64 values as base64 of little-endian IEEE doubles
    (`"f64"`, or `"re64"`/`"im64"` for complex) instead of decimal text when that is shorter: exact, and
    about half the size of 17-digit decimals.
    `ReferenceArray` (Tests/RAFTTests/Support/Reference.swift) decodes both forms.
  * YAML: comments, trailing blanks and empty lines removed (values and line structure otherwise unchanged).
  * Other inputs (MoorDyn .dat, WAMIT/HAMS coefficient files): copied as they are.
  * A file that comes out identical to one written before is a relative symbolic link to it.
Every JSON written is read back and checked to hold the source's numbers bit for bit.
Needs only the Python standard library.
"""
import argparse, base64, fnmatch, glob, hashlib, json, os, shutil, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Paths relative to shared/reference (glob patterns).
FILES = [
    "designs-e2e/*.json",
    "designs-e2e/inputs/*.yaml",
    "designs-e2e/inputs/*.dat",
    "designs-e2e/inputs/VolturnUS-S_BEM_hams/Buoy.1",
    "designs-e2e/inputs/VolturnUS-S_BEM_hams/Buoy.3",
    "designs-e2e/inputs/VolturnUS-S_BEM_hams/Buoy.hst",
    "raft-regression/json/*.json",
    "raft-regression/test_data/*.yaml",
    "raft-regression/test_data/*.dat",
    "raft-regression/test_data/OC4semi-WAMIT_Coefs/marin_semi.1",
]
# Files matched above that no test reads.
SKIPPED = [
    "raft-regression/json/VolturnUS-S-flexible_true_calcQTF_slenderBody.json",
    "raft-regression/json/OC4semi-WAMIT_Coefs_true_analyzeCases.json",   # needs the missing marin_semi.3
    "raft-regression/json/inline_test_model.json",
]
# Parts of files no test reads: key paths ("[]" = every list element).
DROPPED_PATHS = {
    "raft-regression/json/*_true_hydroExcitation.json": ["data[].w", "data[].case"],
}
# Keys no test reads (dropped wherever they occur, except inside `case_metrics`, whose channels the end-to-end
# tests look up by the names our own results carry).
DROPPED_KEYS = {
    "versions", "timings_s", "errors", "input_yaml", "source_pkl", "design_input", "quantity", "producer", "note",
}
LARGE = 64


def is_array(d):
    return isinstance(d, dict) and "dtype" in d and "shape" in d


def flat(v):
    if isinstance(v, list):
        for x in v:
            yield from flat(x)
    else:
        yield v


def pack(values):
    return base64.b64encode(struct.pack("<%dd" % len(values), *values)).decode("ascii")


def compact_array(d):
    out = {k: v for k, v in d.items() if k != "dtype"}
    if d["dtype"] not in ("float64", "complex128"):
        return out
    keys = ["data"] if "data" in d else ["re", "im"]
    columns = {k: [float(x) for x in flat(d[k])] for k in keys}
    if any(not all(map(lambda x: x == x and abs(x) != float("inf"), c)) for c in columns.values()):
        return out  # non-finite values stay as JSON text
    packed = {{"data": "f64", "re": "re64", "im": "im64"}[k]: pack(columns[k]) for k in keys}
    text = sum(len(json.dumps(d[k], separators=(",", ":"))) for k in keys)
    if sum(len(c) for c in columns.values()) < LARGE or sum(map(len, packed.values())) >= text:
        return out
    for k in keys:
        del out[k]
    out.update(packed)
    return out


def unpack(text):
    raw = base64.b64decode(text)
    return list(struct.unpack("<%dd" % (len(raw) // 8), raw))


def same(compacted, original):
    """True when `compacted` holds exactly `original`'s numbers (bit for bit) wherever it kept a key."""
    if is_array(original):
        for key, packed in (("data", "f64"), ("re", "re64"), ("im", "im64")):
            if key not in original:
                continue
            want = list(flat(original[key]))
            got = unpack(compacted[packed]) if packed in compacted else list(flat(compacted[key]))
            if len(got) != len(want) or any(struct.pack("<d", g) != struct.pack("<d", w)
                                            if isinstance(w, float) else g != w for g, w in zip(got, want)):
                return False
        return compacted["shape"] == original["shape"]
    if isinstance(original, dict):
        return all(k in original and same(v, original[k]) for k, v in compacted.items())
    if isinstance(original, list):
        return len(compacted) == len(original) and all(same(c, o) for c, o in zip(compacted, original))
    return compacted == original and type(compacted) is type(original)


def compact(v, in_metrics=False):
    if is_array(v):
        return compact_array(v)
    if isinstance(v, dict):
        return {k: compact(x, in_metrics or k == "case_metrics") for k, x in v.items()
                if in_metrics or k not in DROPPED_KEYS}
    if isinstance(v, list):
        return [compact(x, in_metrics) for x in v]
    return v


def drop_path(v, parts):
    if not parts:
        return
    head, rest = parts[0], parts[1:]
    if head.endswith("[]"):
        key = head[:-2]
        items = v.get(key, []) if key else v
        for item in items:
            if rest and len(rest) == 1 and isinstance(item, dict):
                item.pop(rest[0], None)
            else:
                drop_path(item, rest)
    elif not rest:
        v.pop(head, None)
    elif head in v:
        drop_path(v[head], rest)


def strip_yaml(text):
    lines = []
    for line in text.splitlines():
        quote = None
        cut = len(line)
        for i, ch in enumerate(line):
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "'\"":
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                cut = i
                break
        line = line[:cut].rstrip()
        if line.strip():
            lines.append(line)
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(HERE, "../../../../shared/reference"))
    args = ap.parse_args()
    src = os.path.abspath(args.shared)
    if not os.path.isdir(src):
        sys.exit(f"not found: {src}")
    # Clear everything generated before (this script stays).
    for name in os.listdir(HERE):
        path = os.path.join(HERE, name)
        if os.path.isdir(path):
            shutil.rmtree(path)
    total, links, written = 0, 0, {}
    for pattern in FILES:
        matches = sorted(glob.glob(os.path.join(src, pattern)))
        if not matches:
            sys.exit(f"no file matches {pattern}")
        for path in matches:
            rel = os.path.relpath(path, src)
            if any(fnmatch.fnmatch(rel, s) for s in SKIPPED):
                continue
            dest = os.path.join(HERE, rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            if rel.endswith(".json"):
                with open(path) as f:
                    data = json.load(f)
                for pattern, paths in DROPPED_PATHS.items():
                    if fnmatch.fnmatch(rel, pattern):
                        for key_path in paths:
                            drop_path(data, key_path.split("."))
                data = compact(data)
                with open(dest, "w") as f:
                    json.dump(data, f, separators=(",", ":"), allow_nan=False)
                with open(dest) as f, open(path) as g:
                    if not same(json.load(f), json.load(g)):
                        sys.exit(f"{rel}: the compact copy does not hold the reference's numbers exactly")
            elif rel.endswith(".yaml"):
                with open(path) as f:
                    text = strip_yaml(f.read())
                with open(dest, "w") as f:
                    f.write(text)
            else:
                shutil.copyfile(path, dest)
            # A file identical to one written before becomes a relative symbolic link to it.
            with open(dest, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            if digest in written:
                os.remove(dest)
                os.symlink(os.path.relpath(written[digest], os.path.dirname(dest)), dest)
                links += 1
            else:
                written[digest] = dest
                total += os.path.getsize(dest)
    print(f"wrote {total / 1e6:.2f} MB to {HERE} ({len(written)} files, {links} links to identical files)")


if __name__ == "__main__":
    main()
