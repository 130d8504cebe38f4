/// swift-raft: frequency-domain dynamics of floating offshore wind turbines, after NREL's RAFT 2.0.4.
///
/// Pipeline (spec 00 §2):
/// `Design.load` (Input/) → members, rotors, mooring (Members/, Rotor/, Mooring/) →
/// `Model` (Model/): unloaded equilibrium, eigen analysis, per-case statics and drag-linearised dynamics →
/// case metrics (Output/) → sweeps (Sweep/).
///
/// Units are SI with angles in radians inside the model; YAML inputs and user-facing outputs use degrees
/// where RAFT does.
import Numerics

/// Complex double used throughout.
public typealias Complex = ComplexModule.Complex<Double>

/// Version of this package.
public let raftVersion = "0.1.0"
