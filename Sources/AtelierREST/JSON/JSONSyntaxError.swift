import Foundation

/// Locates a JSON syntax error so the client is told where it is.
///
/// `JSONDecoder` on Linux reports every syntax error as "The given data was not valid
/// JSON." without the position. `JSONSerialization` runs the same parser and keeps the
/// byte offset in its `NSDebugDescription` ("Invalid value around character 13."), so
/// the body is re-parsed with it — only on the error path — and the offset turned into
/// a line and column.
enum JSONSyntaxError {
    /// The problem for a body that fails to parse, or nil when it parses: then the
    /// decoder failed for another reason (a number that does not fit its Swift type).
    static func problem(for body: Data) -> Problem? {
        do {
            _ = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
            return nil
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            return .malformedJSON(describe(message: message, body: body))
        }
    }

    private static func describe(message: String, body: Data) -> String {
        let reason = message.components(separatedBy: " around character").first.map(sentenceFragment) ?? ""
        let offset: Int? = message.contains("end of file") ? body.count : characterOffset(in: message)
        var detail = "The body is not valid JSON"
        if !reason.isEmpty { detail += ": \(reason)" }
        if let offset, offset <= body.count {
            let (line, column) = lineAndColumn(of: offset, in: body)
            detail += " at line \(line), column \(column) (byte offset \(offset))"
        }
        return detail + "."
    }

    /// The number after "character " in the parser message.
    private static func characterOffset(in message: String) -> Int? {
        guard let range = message.range(of: "character ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }

    /// 1-based line, and 1-based column counted in characters so editors agree with it.
    private static func lineAndColumn(of offset: Int, in body: Data) -> (line: Int, column: Int) {
        let prefix = body.prefix(offset)
        let newline = UInt8(ascii: "\n")
        let line = prefix.reduce(1) { $1 == newline ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: newline).map { $0 + 1 } ?? prefix.startIndex
        let column = String(decoding: prefix[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }

    private static func sentenceFragment(_ text: String) -> String {
        var fragment = text.trimmingCharacters(in: .whitespaces)
        if fragment.hasSuffix(".") { fragment.removeLast() }
        guard let first = fragment.first else { return fragment }
        return first.lowercased() + fragment.dropFirst()
    }
}
