import AtelierCrypto
import Foundation

/// `bytea` in hex form (`\x0a1b…`), for digests, keys and opaque payloads. Both `Data` and
/// `[UInt8]` map to `bytea`; `[UInt8]` does so through `PostgresArrayElement`'s array hooks.
enum PostgresBytea {
    static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        "\\x" + Hex.encode(bytes)
    }

    static func decode(_ text: String, column: String, as type: Any.Type) throws -> [UInt8] {
        guard text.hasPrefix("\\x"), let bytes = Hex.decode(String(text.dropFirst(2))) else {
            throw PostgresError.decodingFailure(
                column: column, type: type, value: String(text.prefix(64)), reason: "is not bytea in hex format")
        }
        return bytes
    }
}

extension Data: PostgresCodable {
    public var postgresText: String? { PostgresBytea.encode(self) }

    public init(postgresText: String, column: String) throws {
        self = Data(try PostgresBytea.decode(postgresText, column: column, as: Data.self))
    }
}

/// A single `UInt8` is a small integer; an array of them is `bytea`.
extension UInt8: PostgresArrayElement {
    public static func postgresText(forArray elements: [UInt8]) -> String {
        PostgresBytea.encode(elements)
    }

    public static func decodeArray(postgresText: String, column: String) throws -> [UInt8] {
        try PostgresBytea.decode(postgresText, column: column, as: [UInt8].self)
    }
}
