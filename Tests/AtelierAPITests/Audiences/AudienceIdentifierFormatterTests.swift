import AtelierCrypto
import AtelierDomain
import Testing

/// Identifiers as each destination documents them. Where a platform's documentation gives the
/// normalised value and its SHA-256, both are checked; where it gives only the normalised value
/// (Google's Data Manager API), the hash is SHA-256 of that value.
@Suite("Audience identifier formats")
struct AudienceIdentifierFormatterTests {
    static let google = AudienceIdentifierFormatter(destination: .googleCustomerMatch)
    static let meta = AudienceIdentifierFormatter(destination: .meta)
    static let generic = AudienceIdentifierFormatter(destination: .generic)

    /// Phones go through Atelier's own normaliser first, as at ingestion (E.164).
    static func e164(_ raw: String, region: String = "US") throws -> String {
        try IdentifierNormaliser(defaultPhoneRegion: region).normalise(type: "phone", rawValue: raw, field: "/phone").value
    }

    @Test func googleDropsDotsAndPlusSuffixesOfGmailAddressesOnly() {
        // Google Data Manager API, "Format user data": the two examples of its e-mail row.
        #expect(Self.google.normalisedEmail("cloudy.sanfrancisco+shopping@gmail.com") == "cloudysanfrancisco@gmail.com")
        #expect(Self.google.normalisedEmail("user.name+NYC@Example.com") == "user.name+nyc@example.com")
        #expect(Self.google.normalisedEmail(" Jane.Doe@GoogleMail.com ") == "janedoe@googlemail.com")
        #expect(Self.google.email("cloudy.sanfrancisco+shopping@gmail.com") == Hex.encode(Digest.sha256("cloudysanfrancisco@gmail.com")))
    }

    @Test func otherDestinationsKeepGmailAddressesAsWritten() {
        #expect(Self.meta.normalisedEmail("cloudy.sanfrancisco+shopping@gmail.com") == "cloudy.sanfrancisco+shopping@gmail.com")
        #expect(Self.generic.normalisedEmail("First.Last@Gmail.com") == "first.last@gmail.com")
    }

    @Test func emailsAreTrimmedLowerCasedAndHashedAsDocumented() {
        // Snap Conversions API parameters (the normalisation Meta documents): Person@Example.com.
        #expect(Self.meta.email("Person@Example.com") == "542d240129883c019e106e3b1b2d3f3cb3537c43c425364de8e951d5a3083345")
        // Gravatar's worked example, trailing space included.
        #expect(Self.generic.email("MyEmailAddress@example.com ") == "84059b07d4be67b806386c0aad8070a23f18836bbaae342275dc0a83414c32ee")
        // TikTok's customer file example.
        #expect(Self.google.email("janedoe@gmail.com") == "d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69")
    }

    @Test func googlePhonesAreE164WithThePlusSign() throws {
        // Google Data Manager API: (800)555-0100 in the US is +18005550100.
        let phone = try Self.e164("(800)555-0100")
        #expect(phone == "+18005550100")
        #expect(Self.google.normalisedPhone(phone) == "+18005550100")
        #expect(Self.google.phone(phone) == Hex.encode(Digest.sha256("+18005550100")))
    }

    @Test func metaPhonesAreTheDigitsWithTheCountryCode() throws {
        // Snap (Meta's normalisation): +44 844 412 4653 → 448444124653, whose hash it documents
        // (truncated) as dc008fda46e2e64002cf2f82a4906236282d4…
        let british = try Self.e164("+44 844 412 4653")
        #expect(Self.meta.normalisedPhone(british) == "448444124653")
        #expect(Self.meta.phone(british).hasPrefix("dc008fda46e2e64002cf2f82a4906236282d4"))
        // Criteo's examples of the same format (E.164 digits without +).
        #expect(Self.meta.phone(try Self.e164("+33 1 40 40 22 90")) == "fda66831d0cb0eb4bffb21bc795308d69921c211c57be0ae15702071e3b9e988")
        #expect(Self.meta.phone(try Self.e164("+1 (234) 567-8910")) == "63640264849a87c90356129d99ea165e37aa5fabc1fea46906df1a7ca50db492")
    }

    @Test func rawAudiencesDeliverTheNormalisedValue() {
        let raw = AudienceIdentifierFormatter(destination: .meta, raw: true)
        #expect(raw.email(" Ann@Example.com") == "ann@example.com")
        #expect(raw.phone("+33612345678") == "33612345678")
    }
}
