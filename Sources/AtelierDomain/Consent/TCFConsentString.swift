import Foundation

/// The part of an IAB TCF v2 consent string Atelier maps to purposes: the core segment's
/// version and its purpose consents (TCF purposes 1–24, bit 152 onwards of the core segment,
/// per the IAB's "Consent string and vendor list formats v2" specification).
struct TCFConsentString: Equatable {
    /// TCF purposes (1-based) the user consented to.
    var purposeConsents: Set<Int>

    private static let purposesOffset = 152
    private static let purposesLength = 24

    /// Decodes `text` (base64url without padding, segments separated by `.`); `field` is the
    /// JSON pointer named when it is not a TCF v2 string.
    init(_ text: String, field: String) throws(DomainError) {
        let core = text.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        guard let bytes = Self.base64URLDecode(core), bytes.count * 8 >= Self.purposesOffset + Self.purposesLength else {
            throw .invalid(field: field, reason: "is not a TCF consent string", hint: "base64url core segment, as a CMP's getTCData returns it")
        }
        let bits = BitReader(bytes: bytes)
        guard bits.value(at: 0, length: 6) == 2 else {
            throw .invalid(field: field, reason: "is not a TCF version 2 string", hint: "only TCF v2 strings are mapped")
        }
        var consents: Set<Int> = []
        for purpose in 1...Self.purposesLength where bits.value(at: Self.purposesOffset + purpose - 1, length: 1) == 1 {
            consents.insert(purpose)
        }
        purposeConsents = consents
    }

    private static func base64URLDecode(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard.append("=") }
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }

    private struct BitReader {
        let bytes: [UInt8]

        func value(at offset: Int, length: Int) -> Int {
            var value = 0
            for bit in offset..<(offset + length) {
                let byte = bytes[bit / 8]
                value = value << 1 | Int((byte >> (7 - UInt8(bit % 8))) & 1)
            }
            return value
        }
    }
}
