#!/usr/bin/env python3
"""Writes the `raft` link's section order (linker/hot-sections.txt): the code sections a `raft run` executes.

Usage (`make hot-sections` runs it): hot-sections.py RAFT MAP VALGRIND DESIGN...

RAFT is a release `raft` linked with `-Xlinker -Map=MAP` (gold's link map: the address, size and name of every input
section). Each DESIGN is run under callgrind (`VALGRIND --tool=callgrind --dump-instr=yes`) twice, with an empty
fit cache and then with the cache it wrote, and every executed instruction address is looked up in the map. The
output lists, one a line, the names of the executed input sections of `.text` that hold one function each
(`.text.<symbol>`: our modules are compiled with `-function-sections`, the Swift runtime's C++ and libstdc++ come
that way); the sections that hold a whole object file's code (plain `.text`, the toolchain's Swift libraries) cannot
be moved one function at a time and are left out. gold (`--section-ordering-file`) places the listed sections one
after the other, so the code of a run fills few pages. A name the link no longer has is ignored: a stale list costs
page faults, never correctness.
"""
import bisect
import os
import re
import subprocess
import sys
import tempfile


def input_sections(map_path):
    """(address, size, name) of every input section placed in the output section `.text`."""
    sections, output, pending = [], None, None
    with open(map_path, errors='replace') as f:
        for line in f:
            if line[:1] and not line[0].isspace():
                output, pending = line.split()[0] if line.strip() else output, None
                continue
            if output != '.text':
                continue
            m = re.match(r' (\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+) ', line)
            if m:
                sections.append((int(m.group(2), 16), int(m.group(3), 16), m.group(1)))
                pending = None
                continue
            m = re.match(r' (\S+)\s*$', line)
            if m and not line.startswith('  '):
                pending = m.group(1)
                continue
            m = re.match(r'\s+0x([0-9a-f]+)\s+0x([0-9a-f]+) ', line)
            if m and pending:
                sections.append((int(m.group(1), 16), int(m.group(2), 16), pending))
                pending = None
    return sorted(sections)


def executed_addresses(callgrind_file):
    """Instruction addresses of a callgrind profile written with `--dump-instr=yes` (absolute or relative to the
    previous line's)."""
    addresses, current = set(), 0
    with open(callgrind_file, errors='replace') as f:
        for line in f:
            head = line[:1]
            if line.startswith('0x'):
                current = int(line.split()[0], 16)
            elif head in '+-' and len(line) > 1 and line[1].isdigit():
                current += int(line.split()[0])
            elif head != '*':
                continue
            addresses.add(current)
    return addresses


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    raft, map_path, valgrind, designs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    sections = input_sections(map_path)
    starts = [s[0] for s in sections]
    executed = set()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, RAFT_CACHE_DIR=os.path.join(tmp, 'cache'))
        env.pop('RAFT_NO_CACHE', None)
        for design in designs:
            for attempt in ('fresh', 'cached'):
                profile = os.path.join(tmp, 'callgrind.out')
                subprocess.run([valgrind, '--tool=callgrind', '--dump-instr=yes', '--callgrind-out-file=' + profile,
                                raft, 'run', design, '-o', os.path.join(tmp, 'out'), '-q'],
                               env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                for address in executed_addresses(profile):
                    i = bisect.bisect_right(starts, address) - 1
                    if i >= 0 and address < sections[i][0] + sections[i][1]:
                        executed.add(i)
    names, seen = [], set()
    for i in sorted(executed):
        name = sections[i][2]
        # one function per section, and never a glob pattern (gold would read `*`, `?` or `[` as one)
        if name.startswith('.text.') and not re.search(r'[*?\[]', name) and name not in seen:
            names.append(name)
            seen.add(name)
    sys.stdout.write(''.join(n + '\n' for n in names))


if __name__ == '__main__':
    main()
