#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex with NSLock's `lock`/`unlock`/`withLock` (NSLock is full Foundation only).
package final class MutexLock: @unchecked Sendable {
    fileprivate let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    package init() { pthread_mutex_init(mutex, nil) }
    deinit { pthread_mutex_destroy(mutex); mutex.deallocate() }

    package func lock() { pthread_mutex_lock(mutex) }
    package func unlock() { pthread_mutex_unlock(mutex) }

    package func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A `MutexLock` with a condition variable: a thread holding the lock can `wait()` (releasing it while asleep) until
/// another thread, holding it, calls `broadcast()`.
package final class ConditionLock: @unchecked Sendable {
    private let lock = MutexLock()
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    package init() { pthread_cond_init(condition, nil) }
    deinit { pthread_cond_destroy(condition); condition.deallocate() }

    package func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R { try lock.withLock(body) }
    /// Sleeps until a `broadcast()` (or spuriously: wait in a loop over the condition); call with the lock held.
    package func wait() { pthread_cond_wait(condition, lock.mutex) }
    /// Wakes every waiting thread; call with the lock held.
    package func broadcast() { pthread_cond_broadcast(condition) }
}
