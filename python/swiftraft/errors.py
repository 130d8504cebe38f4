"""Exceptions raised by swiftraft (the `raft` command's exit codes 1, 2 and 3)."""


class SwiftRaftError(Exception):
    """A swift-raft failure that is neither bad input nor physics (the `raft` command's exit code 1)."""


class InputError(SwiftRaftError, ValueError):
    """Bad input: the message names the file (or ``<dict>``), the YAML path and what was expected (exit code 2).

    Example: ``OC3spar.yaml:1141:21: platform.members[0].d: expected a diameter in m > 0, got -3.0``.
    """


class SolveError(SwiftRaftError, RuntimeError):
    """A valid design that cannot be solved as asked: unstable, statics not converged, a non-finite result, a
    feature not supported yet (exit code 3). The message names the quantity and the case."""


PhysicsError = SolveError
