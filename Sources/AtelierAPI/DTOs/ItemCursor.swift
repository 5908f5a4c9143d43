import AtelierREST
import Foundation

/// The opaque `cursor` of `GET /v1/items`: the last SKU of the page, base64url-encoded so
/// clients pass it back untouched rather than building one.
enum ItemCursor {
    static func encode(afterSKU sku: String) -> String {
        Data(sku.utf8).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    static func decode(_ cursor: String) throws(Problem) -> String {
        var base64 = cursor.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let sku = String(data: data, encoding: .utf8), !sku.isEmpty else {
            throw Problem.badRequest(
                "The query parameter 'cursor' is not a cursor this API issued.",
                hint: "Pass back the nextCursor of the previous page unchanged.")
        }
        return sku
    }
}
