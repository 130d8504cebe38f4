"""Builds the Swift library (`swift build -c release --product RAFTBridge`) in the repository and bundles it.

The build runs in the repository's own `.build` folder (the parent of this directory, or `SWIFTRAFT_SOURCE_DIR`), so
a release build that already exists is reused. Environment:

* `SWIFTRAFT_SOURCE_DIR`: the swift-raft checkout (default: the parent of this folder).
* `SWIFTRAFT_SWIFT_FLAGS`: extra `swift build` arguments (e.g. `-Xswiftc -enable-testing`, to reuse the release
  build `make test` makes for its release tests).
* `SWIFTRAFT_LIBRARY`: an already built `libRAFTBridge.so` to bundle instead of building.
"""
import os
import shlex
import shutil
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = "libRAFTBridge.dylib" if sys.platform == "darwin" else "libRAFTBridge.so"


def built_library() -> str:
    given = os.environ.get("SWIFTRAFT_LIBRARY")
    if given:
        return given
    root = os.environ.get("SWIFTRAFT_SOURCE_DIR") or os.path.dirname(HERE)
    if not os.path.exists(os.path.join(root, "Package.swift")):
        raise RuntimeError(
            f"swiftraft: no Package.swift in {root}; install from a swift-raft checkout (pip install ./python) "
            "or set SWIFTRAFT_SOURCE_DIR")
    flags = shlex.split(os.environ.get("SWIFTRAFT_SWIFT_FLAGS", ""))
    cmd = ["swift", "build", "-c", "release", "--product", "RAFTBridge", *flags]
    print("swiftraft: " + " ".join(cmd), flush=True)
    subprocess.check_call(cmd, cwd=root)
    binpath = subprocess.check_output(["swift", "build", "-c", "release", "--show-bin-path", *flags], cwd=root,
                                      text=True).strip()
    return os.path.join(binpath, LIB)


class BuildWithSwift(build_py):
    def run(self):
        super().run()
        target = os.path.join(self.build_lib, "swiftraft")
        os.makedirs(target, exist_ok=True)
        bundled = os.path.join(target, LIB)
        shutil.copy2(built_library(), bundled)
        # the bundled copy without symbols (85 -> 62 MB on Linux); the .build copy is left as built
        strip = shutil.which("strip")
        if strip and sys.platform.startswith("linux"):
            subprocess.call([strip, "--strip-unneeded", bundled])


class BinaryDistribution(Distribution):
    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithSwift}, distclass=BinaryDistribution)
