import Foundation

/// The advisory lock key of an identifier: 64-bit FNV-1a of tenant, type and value. A
/// collision only makes two unrelated first sightings wait for each other.
enum IdentifierLock {
    static func key(tenantID: UUID, identifier: Identifier) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            hash ^= 0xFF
            hash &*= 0x0000_0100_0000_01B3
        }
        withUnsafeBytes(of: tenantID.uuid) { mix($0) }
        mix(identifier.type.utf8)
        mix(identifier.value.utf8)
        return Int64(bitPattern: hash)
    }
}
