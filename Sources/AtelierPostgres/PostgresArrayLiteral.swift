/// PostgreSQL's one-dimensional array literal, `{"a","b c",NULL}`.
///
/// Every element is written quoted (with `"` and `\` escaped), which is valid for every
/// element type and leaves no room for commas, braces or the word NULL to be misread.
enum PostgresArrayLiteral {
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let comma = UInt8(ascii: ",")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")

    static func encode(_ elements: [String?]) -> String {
        var bytes: [UInt8] = [openBrace]
        for (offset, element) in elements.enumerated() {
            if offset > 0 { bytes.append(comma) }
            guard let element else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(quote)
            for byte in element.utf8 {
                if byte == quote || byte == backslash { bytes.append(backslash) }
                bytes.append(byte)
            }
            bytes.append(quote)
        }
        bytes.append(closeBrace)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The elements of a one-dimensional array literal; nil for NULL elements.
    static func decode(_ text: String, column: String, as arrayType: Any.Type) throws -> [String?] {
        var reader = Reader(bytes: Array(text.utf8))
        func failure(_ reason: String) -> PostgresError {
            PostgresError.decodingFailure(column: column, type: arrayType, value: text, reason: reason)
        }
        reader.skipDimensionDecoration()
        guard reader.take(openBrace) else { throw failure("is not an array literal") }
        reader.skipWhitespace()
        if reader.take(closeBrace) { return [] }
        var elements: [String?] = []
        while true {
            reader.skipWhitespace()
            if reader.peek == openBrace { throw failure("is a multi-dimensional array; only one dimension is supported") }
            guard let element = reader.readElement() else { throw failure("has an unterminated element") }
            elements.append(element)
            reader.skipWhitespace()
            if reader.take(comma) { continue }
            if reader.take(closeBrace) { break }
            throw failure("has an unexpected character in an array literal")
        }
        return elements
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        mutating func skipWhitespace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        /// Skips `[1:3]=`, which PostgreSQL writes for arrays not starting at index 1.
        mutating func skipDimensionDecoration() {
            guard peek == UInt8(ascii: "["), let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return }
            index = equals + 1
        }

        /// One element: quoted (with backslash escapes) or bare; a bare NULL is SQL NULL.
        /// Returns nil when the literal ends before the element does.
        mutating func readElement() -> String?? {
            var value: [UInt8] = []
            if take(PostgresArrayLiteral.quote) {
                while let byte = peek {
                    index += 1
                    if byte == PostgresArrayLiteral.backslash {
                        guard let escaped = peek else { return nil }
                        value.append(escaped)
                        index += 1
                    } else if byte == PostgresArrayLiteral.quote {
                        return .some(String(decoding: value, as: UTF8.self))
                    } else {
                        value.append(byte)
                    }
                }
                return nil
            }
            var escapedAny = false
            while let byte = peek, byte != PostgresArrayLiteral.comma, byte != PostgresArrayLiteral.closeBrace {
                index += 1
                if byte == PostgresArrayLiteral.backslash {
                    guard let escaped = peek else { return nil }
                    value.append(escaped)
                    escapedAny = true
                    index += 1
                } else {
                    value.append(byte)
                }
            }
            guard peek != nil else { return nil }
            while let last = value.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { value.removeLast() }
            let text = String(decoding: value, as: UTF8.self)
            if !escapedAny && text.uppercased() == "NULL" { return .some(nil) }
            return .some(text)
        }
    }
}
