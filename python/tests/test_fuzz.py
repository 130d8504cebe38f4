"""Seeded mutations of a design dict: every run succeeds or raises InputError/SolveError; the interpreter never
aborts (run in a child process so that an abort would be seen as a signal, not kill the test session)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import copy, random, sys, yaml
    import swiftraft

    base = yaml.safe_load(open(sys.argv[1]))
    rng = random.Random(int(sys.argv[2]))
    junk = [-1, 0, 1e30, -1e-30, float("nan"), "x", None, [], {}, [1, 2, 3], True, "operating", 1e-9]

    def leaves(node, path=()):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from leaves(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from leaves(v, path + (i,))
        yield path

    paths = [p for p in leaves(base) if p]
    counts = {"ok": 0, "input": 0, "physics": 0}
    for n in range(int(sys.argv[3])):
        d = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            p = rng.choice(paths)
            node = d
            try:
                for k in p[:-1]:
                    node = node[k]
                if rng.random() < 0.2 and isinstance(node, dict):
                    node.pop(p[-1], None)
                else:
                    node[p[-1]] = rng.choice(junk)
            except (KeyError, IndexError, TypeError):
                pass
        try:
            swiftraft.run(d)
            counts["ok"] += 1
        except swiftraft.InputError:
            counts["input"] += 1
        except swiftraft.SolveError:
            counts["physics"] += 1
    print(counts)
""")


def test_mutated_designs_never_abort(oc3_path, tmp_path):
    script = tmp_path / "fuzz_child.py"
    script.write_text(CHILD)
    proc = subprocess.run([sys.executable, str(script), oc3_path, "1", "150"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"child exited with {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    counts = eval(proc.stdout.strip().splitlines()[-1])
    assert sum(counts.values()) == 150 and counts["input"] > 0
