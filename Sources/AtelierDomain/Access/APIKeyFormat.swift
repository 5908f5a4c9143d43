import AtelierCrypto

/// The shape of a key: `atl_<lookup>_<secret>`. The lookup part (64 random bits, hex)
/// finds the row by a unique index; the secret (256 random bits, base64url) is what
/// authenticates. Only SHA-256 of the whole key is stored, and it is compared in constant time.
public enum APIKeyFormat {
    static let prefix = "atl_"
    static let lookupByteCount = 8
    static let secretByteCount = 32

    struct Parsed: Equatable {
        var lookupID: String
        var hash: [UInt8]
    }

    static func generate() throws -> (key: String, lookupID: String) {
        let lookupID = Hex.encode(try SecureRandom.bytes(count: lookupByteCount))
        let secret = base64URL(try SecureRandom.bytes(count: secretByteCount))
        return (prefix + lookupID + "_" + secret, lookupID)
    }

    /// Splits a presented key; nil when it cannot be one of ours, so no query is made for it.
    static func parse(_ presented: String) -> Parsed? {
        let utf8 = Array(presented.utf8)
        let lookupLength = lookupByteCount * 2
        let expectedLength = prefix.utf8.count + lookupLength + 1 + 43
        guard utf8.count == expectedLength, presented.hasPrefix(prefix) else { return nil }
        let lookupStart = prefix.utf8.count
        let lookupBytes = utf8[lookupStart..<(lookupStart + lookupLength)]
        guard utf8[lookupStart + lookupLength] == UInt8(ascii: "_"),
            lookupBytes.allSatisfy({ isLowerHex($0) })
        else { return nil }
        return Parsed(lookupID: String(decoding: lookupBytes, as: UTF8.self), hash: Digest.sha256(utf8))
    }

    static func hash(_ key: String) -> [UInt8] {
        Digest.sha256(key)
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static func base64URL(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() {
                value |= UInt32(byte) << (16 - 8 * offset)
            }
            let characters = chunk.count + 1
            for position in 0..<characters {
                output.append(alphabet[Int((value >> (18 - 6 * position)) & 0x3f)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
