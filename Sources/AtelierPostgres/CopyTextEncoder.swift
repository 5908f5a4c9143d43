/// Renders rows in COPY's text format: tab between fields, newline after each row, `\N`
/// for NULL, and backslash escapes for the characters that would otherwise end a field or
/// a row, so any text arrives verbatim.
struct CopyTextEncoder {
    private(set) var buffer: [UInt8] = []

    mutating func append(row: [String?]) {
        for (offset, field) in row.enumerated() {
            if offset > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let field else {
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "N"))
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// The encoded bytes so far, leaving the encoder empty for the next chunk.
    mutating func takeBuffer() -> [UInt8] {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }
}
