import Foundation

/// Weka's supermarket baskets (`supermarket.arff`), read the way
/// scripts/reference/association_rules_reference.py reads them for mlxtend: the attributes
/// declared `{ t}` are departments (items), `t` means bought and `?` not; the `total {low, high}`
/// class is not a department and is left out; every data row is a basket, empty ones included.
struct SupermarketBaskets {
    enum ReadError: Error, CustomStringConvertible {
        case missing(String)
        case malformed(line: Int, reason: String)

        var description: String {
            switch self {
            case .missing(let path):
                "\(path) is missing: run scripts/data/fetch-public-data.sh (it downloads Weka's example data with apt)"
            case .malformed(let line, let reason):
                "supermarket.arff line \(line): \(reason)"
            }
        }
    }

    let baskets: [[String]]
    let departmentCount: Int

    /// `.data/weka/supermarket.arff` at the repository root, or under `ATELIER_DATA_DIR` when set
    /// (for a checkout whose test sources are linked from elsewhere).
    static var defaultPath: String {
        if let directory = ProcessInfo.processInfo.environment["ATELIER_DATA_DIR"] {
            return directory + "/weka/supermarket.arff"
        }
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".data/weka/supermarket.arff").path
    }

    init(path: String = Self.defaultPath) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw ReadError.missing(path) }
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        var attributeCount = 0
        var departmentColumns: [Int] = []
        var names: [String] = []
        var baskets: [[String]] = []
        var inData = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("%") { continue }
            if !inData {
                let lower = line.lowercased()
                if lower.hasPrefix("@attribute") {
                    let (name, domain) = try Self.attribute(line, line: index + 1)
                    if domain == "{t}" {
                        departmentColumns.append(attributeCount)
                        names.append(name)
                    }
                    attributeCount += 1
                } else if lower.hasPrefix("@data") {
                    inData = true
                }
                continue
            }
            let values = line.split(separator: ",", omittingEmptySubsequences: false)
            guard values.count == attributeCount else {
                throw ReadError.malformed(line: index + 1, reason: "\(values.count) values, expected \(attributeCount)")
            }
            baskets.append(
                zip(departmentColumns, names).compactMap { column, name in
                    // The exact comparison first: trimming a million values dominates otherwise.
                    let value = values[column]
                    return value == "t" || value.trimmingCharacters(in: .whitespaces) == "t" ? name : nil
                })
        }
        self.baskets = baskets
        departmentCount = names.count
    }

    /// The name (quotes removed) and the domain without spaces or a trailing `%` comment.
    private static func attribute(_ line: String, line number: Int) throws -> (String, String) {
        let rest = line.dropFirst("@attribute".count).trimmingCharacters(in: .whitespaces)
        guard let quote = rest.first else { throw ReadError.malformed(line: number, reason: "attribute without a name") }
        let name: String
        let domain: Substring
        if quote == "'" || quote == "\"" {
            let afterQuote = rest.index(after: rest.startIndex)
            guard let end = rest[afterQuote...].firstIndex(of: quote) else {
                throw ReadError.malformed(line: number, reason: "unterminated attribute name")
            }
            name = String(rest[afterQuote..<end])
            domain = rest[rest.index(after: end)...]
        } else {
            let parts = rest.split(separator: " ", maxSplits: 1)
            name = String(parts[0])
            domain = parts.count > 1 ? parts[1] : ""
        }
        let withoutComment = domain.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return (name, withoutComment.filter { !$0.isWhitespace })
    }
}
