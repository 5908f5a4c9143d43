/// RFC 6901 JSON pointers, built from a decoder's coding path so a problem can name the
/// exact member at fault (`/items/3/price`), array indices included.
enum JSONPointer {
    static func from(_ path: [any CodingKey]) -> String {
        var pointer = ""
        for key in path {
            pointer += "/"
            if let index = key.intValue {
                pointer += String(index)
            } else {
                pointer += escape(key.stringValue)
            }
        }
        return pointer
    }

    static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
