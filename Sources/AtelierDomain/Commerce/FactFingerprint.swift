import AtelierCrypto
import Foundation

/// The SHA-256 of a fact's content as the client sent it (keys sorted, dates in
/// milliseconds), so a resend is recognised as the same fact and an id reused for other
/// content is refused, without keeping the content twice.
enum FactFingerprint {
    static func of(_ content: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return Digest.sha256(try encoder.encode(content))
    }
}
