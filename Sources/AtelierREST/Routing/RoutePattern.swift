/// A parsed route pattern such as `/v1/keys/{id}`: literal segments and whole-segment
/// `{name}` parameters. Matching works on segments, never on regular expressions.
struct RoutePattern: Sendable {
    enum Segment: Hashable, Sendable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]

    /// The canonical text: leading slash, no trailing slash (except the root).
    var text: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): "{\(name)}"
            }
        }.joined(separator: "/")
    }

    var parameterNames: [String] {
        segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// Parses `prefix` + `path`, each with or without leading and trailing slashes.
    init(prefix: String, path: String) throws(RouterError) {
        let written = prefix + "/" + path
        var segments: [Segment] = []
        for raw in written.split(separator: "/") {
            segments.append(try Self.segment(raw, in: written))
        }
        let names = segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
        guard Set(names).count == names.count else {
            throw .invalidPattern(written, reason: "a parameter name is used twice")
        }
        self.segments = segments
    }

    private static func segment(_ raw: Substring, in pattern: String) throws(RouterError) -> Segment {
        if raw.first == "{" {
            guard raw.last == "}", raw.count > 2 else {
                throw .invalidPattern(pattern, reason: "'\(raw)' must be a whole segment of the form {name}")
            }
            let name = raw.dropFirst().dropLast()
            guard name.first.map({ $0 == "_" || ($0.isASCII && $0.isLetter) }) == true,
                name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
            else {
                throw .invalidPattern(pattern, reason: "parameter name '\(name)' must be an identifier")
            }
            return .parameter(String(name))
        }
        guard !raw.contains(where: { "{}%?#".contains($0) }) else {
            throw .invalidPattern(pattern, reason: "literal segment '\(raw)' contains a reserved character")
        }
        return .literal(String(raw))
    }
}
