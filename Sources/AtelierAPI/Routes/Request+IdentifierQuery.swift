import AtelierREST

extension Request {
    /// The `identifier` query parameter, `type:value` split at the first colon (values such
    /// as URLs may hold more); throws a 400 problem showing `example` when it is missing.
    func identifierQuery(example: String) throws(Problem) -> (type: String, rawValue: String) {
        guard let lookup = query("identifier"), let colon = lookup.firstIndex(of: ":") else {
            throw Problem.badRequest(
                "The query parameter 'identifier' is required, as type:value.", hint: "for example identifier=\(example)")
        }
        return (String(lookup[..<colon]), String(lookup[lookup.index(after: colon)...]))
    }
}
