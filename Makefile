# swift-raft: two commands on a fresh Debian 12 machine with the Swift toolchain:
#   make run    installs system packages if missing, builds (release), runs a default design
#   make test   installs system packages if missing, runs the test suite
#   make install PREFIX=~/.local   copies the release binary to $(PREFIX)/bin/raft (no sudo for a home prefix)
# System packages are installed with apt-get (through sudo when not root) only when one is missing.
SHELL := /bin/bash
PACKAGES := libopenblas-dev liblapack-dev libyaml-dev
DESIGN ?= designs/VolturnUS-S.yaml
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PREFIX ?= /usr/local

.PHONY: deps build run test python-test bench fuzz clean install uninstall hot-sections

deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build -c release

# The binary links the Swift runtime and libstdc++ statically; it needs only the system's OpenBLAS (opened at run time).
install: build
	install -d "$(PREFIX)/bin"
	install -m 755 .build/release/raft "$(PREFIX)/bin/raft"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "note: $(PREFIX)/bin is not on your PATH; add: export PATH=\"$(PREFIX)/bin:\$$PATH\"";; esac

uninstall:
	rm -f "$(PREFIX)/bin/raft"

run: build
	.build/release/raft check -q $(DESIGN)
	.build/release/raft run $(DESIGN)

test: deps
	swift test
	# heavy numerics (BEM on 1,168 panels, hemisphere vs Hulme, cylinder in finite depth vs eigenfunction matching, irregular-frequency lid, box barge, Monte-Carlo fatigue on design spectra) in release
	swift build -c release --build-tests -Xswiftc -enable-testing
	swift test -c release --skip-build -Xswiftc -enable-testing --filter "HemisphereTests|BEMFiniteDepthCylinderTests|BEMValidationTests|BEMMeshConvergenceTests|BEMVolturnTests|BEMNativeEndToEndTests|BEMLidTests|BEMClosedRectangularTests|DesignSpectraFatigueTests|DesignAnswersTests|FlexibleFarmTests|SmallZgesvTests|SmallZgesvLanesTests|SmallDgesvTests|SmoothingSplineRandomAbscissaeTests|ShortestDoubleHeavyTests"
	# the Python package against the release build above (same flags, so nothing is recompiled)
	$(MAKE) python-test PY_SWIFT_FLAGS="-Xswiftc -enable-testing"

# The Python bridge: a throwaway virtual environment, `pip install ./python` (builds or reuses the release
# libRAFTBridge.so in .build), pytest, numpy and PyYAML from PyPI, then the package's tests and RAFT's test_model.py.
PYTHON ?= python3
PY_SWIFT_FLAGS ?=
PYVENV := .build/python-venv
python-test: deps
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { echo "installing: python3-venv"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv; }
	rm -rf $(PYVENV) python/build
	$(PYTHON) -m venv $(PYVENV)
	SWIFTRAFT_SWIFT_FLAGS="$(PY_SWIFT_FLAGS)" $(PYVENV)/bin/pip install -q ./python pytest pyyaml
	swift build -c release --product raft $(PY_SWIFT_FLAGS)
	$(PYVENV)/bin/python -m pytest -q python/tests

# raft-bench times the `raft` executable next to it (whole-process rows), so both are built.
bench: deps
	swift build -c release --product raft
	swift run -c release raft-bench

# Seeded mutation fuzzing of the raft executable: N mutations of designs/*.yaml, MODE check or run.
# Prints the exit-code histogram; defects (signals, time-outs, exit 1/64, non-finite outputs, files left after a
# failure) are saved in fuzz-defects/ and make the target fail.
N ?= 1000
SEED ?= 1
MODE ?= check
JOBS ?= 2
fuzz: deps
	swift build -c release --product raft
	swift build -c release --product raft-fuzz
	.build/release/raft-fuzz --n $(N) --seed $(SEED) --mode $(MODE) --jobs $(JOBS) --raft .build/release/raft

# Regenerates linker/hot-sections.txt, the order in which the release link places the functions a `raft run` executes
# (see raftExecutable in Package.swift): links raft with a link map, runs the designs under callgrind (needs
# valgrind; VALGRIND=... names another one) and lists the executed functions' sections. Run it after large code
# changes; a stale list only costs start-up page faults.
VALGRIND ?= valgrind
hot-sections: deps
	swift build -c release --product raft -Xlinker -Map=$(CURDIR)/.build/raft.map
	$(PYTHON) linker/hot-sections.py .build/release/raft .build/raft.map $(VALGRIND) designs/*.yaml > .build/hot-sections.txt
	mv .build/hot-sections.txt linker/hot-sections.txt
	rm -f .build/release/raft  # SwiftPM does not track the list: the next build links again

clean:
	rm -rf .build raft-out
