extension String {
    /// Without leading and trailing Unicode whitespace. Pure Swift: Foundation's
    /// `trimmingCharacters(in:)` bridges through `NSString` on Linux, which showed up as a
    /// hot spot of ingestion.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
