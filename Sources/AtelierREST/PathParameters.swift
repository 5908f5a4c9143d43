/// The values captured by `{name}` segments of the matched route, percent-decoded.
///
/// Routes capture few parameters, so a small array beats a dictionary here.
public struct PathParameters: Sendable, Sequence {
    public typealias Element = (name: String, value: String)

    private var storage: [Element]

    init(_ storage: [Element] = []) {
        self.storage = storage
    }

    /// The decoded value of `{name}`, or nil when the route has no such parameter.
    public subscript(name: String) -> String? {
        storage.first { $0.name == name }?.value
    }

    public var count: Int { storage.count }

    public func makeIterator() -> IndexingIterator<[Element]> {
        storage.makeIterator()
    }
}
