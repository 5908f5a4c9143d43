/// Turns a phone number as typed (`06 12 34 56 78`, `+33 6 12…`, `0033 6…`, `(212) 555-0100`)
/// into E.164 (`+33612345678`; the `(0)` of `+33 (0)6…` is dropped), so the same line typed in a boutique and on the web links.
///
/// Deliberately small: national numbers take the tenant's default region's calling code and
/// lose their trunk `0`; full numbering-plan validation (libphonenumber) is out of scope,
/// so only the E.164 length bounds are checked.
enum PhoneNumberNormaliser {
    /// Regions (ISO 3166 alpha-2) whose calling code is known, with whether a national
    /// number starts with a trunk `0` that E.164 drops.
    static let regions: [String: (callingCode: String, trunkZero: Bool)] = [
        "FR": ("33", true), "MC": ("377", false), "BE": ("32", true), "CH": ("41", true), "LU": ("352", false),
        "DE": ("49", true), "AT": ("43", true), "IT": ("39", false), "ES": ("34", false), "PT": ("351", false),
        "NL": ("31", true), "GB": ("44", true), "IE": ("353", true), "DK": ("45", false), "SE": ("46", true),
        "NO": ("47", false), "FI": ("358", true), "PL": ("48", false), "GR": ("30", false), "US": ("1", false),
        "CA": ("1", false), "MX": ("52", false), "BR": ("55", true), "JP": ("81", true), "CN": ("86", true),
        "HK": ("852", false), "SG": ("65", false), "KR": ("82", true), "AE": ("971", true), "SA": ("966", true),
        "AU": ("61", true), "IN": ("91", true), "TW": ("886", true),
    ]

    /// The E.164 form, or nil when `raw` cannot be a phone number.
    static func normalise(_ raw: String, defaultRegion: String) -> String? {
        var digits = ""
        var international = false
        let written = raw.trimmingWhitespace.replacing("(0)", with: "")
        for (offset, character) in written.enumerated() {
            if character == "+" && offset == 0 {
                international = true
            } else if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(String(digit))
            } else if !" .-()/\u{00A0}".contains(character) {
                return nil
            }
        }
        if !international && digits.hasPrefix("00") {
            international = true
            digits.removeFirst(2)
        }
        if !international {
            guard let region = regions[defaultRegion] else { return nil }
            if region.trunkZero && digits.hasPrefix("0") { digits.removeFirst() }
            digits = region.callingCode + digits
        }
        guard (8...15).contains(digits.count), !digits.hasPrefix("0") else { return nil }
        return "+" + digits
    }
}
