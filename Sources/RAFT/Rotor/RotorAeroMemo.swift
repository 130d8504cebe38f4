/// Memo of `Rotor.turbineConstants` for rotors shared by the variants of a sweep (issue 17).
///
/// A sweep whose parameters leave the turbine alone gives every variant copies of the same rotors
/// (`SweepMetrics.evaluator`), and every variant then runs the same load cases on them at the reference pose: the
/// blade-element solution, turbulence spectrum and control transfer of a case come out the same in each variant. The
/// memo keys a call on the bits of everything `turbineConstants` reads that a copy can change (the case, the node
/// offset, the pose and yaw state: `Key`), and gives back the result and the state the call leaves behind (`State`),
/// so a hit is the call itself. The rest of the rotor (geometry, fits, schedules) is the same in every copy that
/// shares a memo: a memo is attached only to rotors copied from one value.
///
/// Bounded: at most `capacity` entries; when full it starts again empty (a sweep over many wind speeds keeps flat
/// memory). Thread-safe (the sweep's workers share it).
///
/// A `raft run` fills one ahead of the cases on another thread (`Model.prefetchCaseAerodynamics`): while that
/// producer runs, a lookup that misses waits for its next entry (or its end) instead of computing the same call twice.
package final class RotorAeroMemo: @unchecked Sendable {
    /// The inputs of one call, as bit patterns (a changed bit misses).
    struct Key: Hashable {
        var bits: [UInt64]
        var status: String
        var turbulenceClass: String?
    }

    /// What a `turbineConstants` call writes into the rotor (RAFT's yaw, axis and operating-point state).
    struct State {
        var inflowHeading: Double, turbineHeading: Double, yaw: Double
        var axisRotation: Matrix3, q: Vec3, qRel: Vec3
        var rHubRelRRP: Vec3, rCGRel: Vec3, rHubRel: Vec3
        var operatingPoint: OperatingPoint?
        var tilt: Double, ccbladeYaw: Double
    }

    struct Entry {
        var state: State
        var aero: AeroResult
        var gyroscopicDamping: Matrix6
    }

    /// The entries and their lock, shared by a memo and its `producerView`.
    private final class Storage: @unchecked Sendable {
        let capacity: Int
        /// Guards everything below; broadcast when an entry is stored or the producer finishes.
        let lock = ConditionLock()
        var entries: [Key: Entry] = [:]
        /// Whether a producer is still filling the memo ahead of its readers.
        var producing: Bool
        var hits = 0

        init(capacity: Int, producing: Bool) {
            self.capacity = capacity
            self.producing = producing
        }
    }

    private let storage: Storage
    /// Whether a lookup that misses waits for the producer (false for the producer's own view).
    private let waits: Bool
    var capacity: Int { storage.capacity }
    /// Lookups answered from the memo (for tests).
    package var hits: Int { storage.lock.withLock { storage.hits } }

    /// - Parameter producing: a producer will fill it through `producerView` (`finishProducing()` when done);
    ///   lookups that miss meanwhile wait for it.
    package init(capacity: Int = 64, producing: Bool = false) {
        storage = Storage(capacity: capacity, producing: producing)
        waits = true
    }

    private init(storage: Storage) {
        self.storage = storage
        waits = false
    }

    /// The same entries for the producer's rotors: its lookups never wait (it would wait for itself).
    var producerView: RotorAeroMemo { RotorAeroMemo(storage: storage) }

    /// The entry of `key`; while a producer runs, a missing entry is waited for until it is stored or the producer
    /// finishes.
    func entry(_ key: Key) -> Entry? {
        let s = storage
        return s.lock.withLock {
            while true {
                if let e = s.entries[key] {
                    s.hits += 1
                    return e
                }
                guard waits && s.producing else { return nil }
                s.lock.wait()
            }
        }
    }

    func store(_ key: Key, _ entry: Entry) {
        let s = storage
        s.lock.withLock {
            if s.entries.count >= s.capacity { s.entries.removeAll() }
            s.entries[key] = entry
            s.lock.broadcast()
        }
    }

    /// The producer has stored everything it will (waiting lookups then compute their own call).
    func finishProducing() {
        let s = storage
        s.lock.withLock {
            s.producing = false
            s.lock.broadcast()
        }
    }
}

extension Rotor {
    /// `RotorAeroMemo.Key` of a `turbineConstants(c, nodePosition:)` call on this rotor's current state: the case,
    /// the offset, and the state fields the call reads before writing them (yaw command and mode, node pose and what
    /// `setPosition` derived from it, hub position).
    func aeroMemoKey(_ c: RotorCase, nodePosition: Vec3) -> RotorAeroMemo.Key {
        var bits: [UInt64] = []
        bits.reserveCapacity(34)
        func add(_ v: Vec3) { bits.append(v.x.bitPattern); bits.append(v.y.bitPattern); bits.append(v.z.bitPattern) }
        bits.append(c.windSpeed.bitPattern)
        bits.append(c.windHeadingDeg.bitPattern)
        bits.append(c.turbineHeadingDeg.bitPattern)
        var turbulenceClass: String?
        switch c.turbulence {
        case .intensity(let ti): bits.append(0); bits.append(ti.bitPattern)
        case .iec(let s): bits.append(1); turbulenceClass = s
        }
        add(nodePosition)
        bits.append(yawCommand.bitPattern)
        bits.append(UInt64(bitPattern: Int64(yawMode)))
        for v in nodePose { bits.append(v.bitPattern) }
        add(platformRotation.rows.0); add(platformRotation.rows.1); add(platformRotation.rows.2)
        bits.append(platformHeading.bitPattern)
        add(rRRPRel)
        add(r3)
        return RotorAeroMemo.Key(bits: bits, status: c.turbineStatus, turbulenceClass: turbulenceClass)
    }

    var aeroMemoState: RotorAeroMemo.State {
        RotorAeroMemo.State(inflowHeading: inflowHeading, turbineHeading: turbineHeading, yaw: yaw, axisRotation: axisRotation,
                            q: q, qRel: qRel, rHubRelRRP: rHubRelRRP, rCGRel: rCGRel, rHubRel: rHubRel,
                            operatingPoint: operatingPoint, tilt: ccblade.tilt, ccbladeYaw: ccblade.yaw)
    }

    mutating func restore(_ s: RotorAeroMemo.State) {
        inflowHeading = s.inflowHeading; turbineHeading = s.turbineHeading; yaw = s.yaw
        axisRotation = s.axisRotation; q = s.q; qRel = s.qRel
        rHubRelRRP = s.rHubRelRRP; rCGRel = s.rCGRel; rHubRel = s.rHubRel
        operatingPoint = s.operatingPoint
        ccblade.tilt = s.tilt; ccblade.yaw = s.ccbladeYaw
    }
}
