import Foundation

/// Names a Swift type the way a client developer thinks of JSON: "an integer", not `Int64`.
enum ExpectedType {
    static let dateTime = "an ISO-8601 date-time such as 2024-05-01T09:30:00Z"

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type, is Character.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Int8.Type: "an integer from -128 to 127"
        case is Int16.Type: "an integer from -32768 to 32767"
        case is UInt.Type, is UInt64.Type, is UInt32.Type, is UInt16.Type, is UInt8.Type: "a non-negative integer"
        case is Double.Type, is Float.Type, is Decimal.Type: "a number"
        case is Date.Type: dateTime
        case is UUID.Type: "a UUID"
        case is URL.Type: "a URL"
        default: describeStructure(type)
        }
    }

    /// Collections and nested types: decoders report `Dictionary<String, Any>` for "an
    /// object was needed" and `Array<Any>` for "an array was needed".
    private static func describeStructure(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Dictionary<") { return "an object" }
        if name.hasPrefix("Array<") || name.hasPrefix("Set<") { return "an array" }
        return "a valid \(name)"
    }
}
