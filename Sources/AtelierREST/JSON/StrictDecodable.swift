/// A request body that rejects members it does not know.
///
/// `JSONDecoder` ignores unknown keys, so a misspelt optional field (`"emial"`) would
/// be dropped without a word and the client would believe it was stored. Conforming
/// makes `Request.decode` answer 422 unknown-field naming the member instead.
/// Only top-level members are checked.
public protocol StrictDecodable: Decodable {
    /// Every top-level member name the type reads.
    static var allowedFields: Set<String> { get }
}
