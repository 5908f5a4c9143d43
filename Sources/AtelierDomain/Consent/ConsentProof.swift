/// The raw evidence of a choice, kept verbatim (at most 16 KiB) so it can be shown to a
/// regulator as received.
public struct ConsentProof: Sendable, Equatable {
    public static let maximumLength = 16 * 1024

    public var format: ConsentProofFormat
    public var raw: String?

    public init(format: ConsentProofFormat, raw: String?) {
        self.format = format
        self.raw = raw
    }

    public static let none = ConsentProof(format: .none, raw: nil)
}
