/// The item positions one request may return, one flag per item of the serving version: the
/// business rules (category, brand, exclusions) decided once, so scoring every item asks an
/// array rather than hashing SKUs or positions.
struct CandidateMask: Sendable {
    private var allowed: [Bool]

    init(count: Int, allowing: Bool) {
        allowed = [Bool](repeating: allowing, count: count)
    }

    func allows(_ position: Int) -> Bool {
        position >= 0 && position < allowed.count && allowed[position]
    }

    func allows(_ position: Int32) -> Bool {
        allows(Int(position))
    }

    mutating func allow(_ position: Int32) {
        if position >= 0, Int(position) < allowed.count { allowed[Int(position)] = true }
    }

    mutating func forbid(_ position: Int32) {
        if position >= 0, Int(position) < allowed.count { allowed[Int(position)] = false }
    }

    /// Forbids every allowed position that `rule` refuses.
    mutating func keep(where rule: (Int) -> Bool) {
        for position in allowed.indices where allowed[position] && !rule(position) { allowed[position] = false }
    }
}
