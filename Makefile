# swift-raft: two commands on a fresh Debian 12 machine with the Swift toolchain:
#   make run    installs system packages if missing, builds (release), runs a default design
#   make test   installs system packages if missing, runs the test suite
SHELL := /bin/bash
PACKAGES := libopenblas-dev liblapack-dev libyaml-dev
DESIGN ?= designs/VolturnUS-S.yaml
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build run test bench clean

deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build -c release

run: build
	.build/release/raft check -q $(DESIGN)
	.build/release/raft run $(DESIGN)

test: deps
	swift test

bench: deps
	swift run -c release raft-bench

clean:
	rm -rf .build raft-out
