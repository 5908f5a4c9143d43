import CLibPQ

/// Rewrites libpq connection strings (URL or key=value) through libpq's own parser, so
/// tools can point one server's URL at another database without hand-parsing URLs.
public enum PostgresConnectionString {
    /// `connectionString` with its database replaced, as a key=value conninfo string.
    public static func replacingDatabase(in connectionString: String, with database: String) throws -> String {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            PQfreemem(errorMessage)
            throw PostgresError(
                kind: .connectionFailure, message: "invalid connection string: \(reason.trimmingSpace)")
        }
        defer { PQconninfoFree(options) }
        var pairs: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let key = String(cString: keyword)
            if key == "dbname" {
                pairs.append("dbname=\(quoted(database))")
            } else if let value = option.pointee.val {
                pairs.append("\(key)=\(quoted(String(cString: value)))")
            }
            option += 1
        }
        return pairs.joined(separator: " ")
    }

    /// conninfo quoting: single quotes, with `\` and `'` backslash-escaped.
    private static func quoted(_ value: String) -> String {
        var text = "'"
        for character in value {
            if character == "\\" || character == "'" { text.append("\\") }
            text.append(character)
        }
        return text + "'"
    }
}

extension String {
    fileprivate var trimmingSpace: String {
        var text = Substring(self)
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
