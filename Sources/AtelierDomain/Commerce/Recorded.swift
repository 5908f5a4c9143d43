/// The outcome of a write that clients may repeat (an order, a return, a catalogue entry):
/// the value as stored, and whether this call created it, so the API can answer 201 the
/// first time and 200 when it found the same thing already there.
public struct Recorded<Value: Sendable>: Sendable {
    public var value: Value
    public var created: Bool

    public init(value: Value, created: Bool) {
        self.value = value
        self.created = created
    }
}
