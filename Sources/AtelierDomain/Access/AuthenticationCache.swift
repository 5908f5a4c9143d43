import Foundation
import Synchronization

/// Remembers recently verified keys for a short time so that a hot endpoint does not pay
/// a database round trip for authentication on every request. A revocation made through
/// this process drops the entry at once; one made elsewhere takes effect within `timeToLive`.
final class AuthenticationCache: Sendable {
    private struct Entry {
        var principal: Principal
        var keyExpiresAt: Date?
        var cachedUntil: Date
    }

    private let timeToLive: Duration
    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(timeToLive: Duration, capacity: Int = 10_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    func principal(forKeyHash hash: String, now: Date) -> Principal? {
        entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            let keyStillValid = entry.keyExpiresAt.map { $0 > now } ?? true
            guard entry.cachedUntil > now, keyStillValid else {
                entries[hash] = nil
                return nil
            }
            return entry.principal
        }
    }

    func store(_ principal: Principal, keyExpiresAt: Date?, forKeyHash hash: String, now: Date) {
        guard timeToLive > .zero else { return }
        let seconds = Double(timeToLive.components.seconds) + Double(timeToLive.components.attoseconds) / 1e18
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(
                principal: principal, keyExpiresAt: keyExpiresAt, cachedUntil: now.addingTimeInterval(seconds))
        }
    }

    func evict(keyID: UUID) {
        entries.withLock { entries in
            entries = entries.filter { $0.value.principal.keyID != keyID }
        }
    }
}
