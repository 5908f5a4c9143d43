/// Where a choice was made, as the ledger records it for the regulator.
public enum ConsentSource: String, Sendable, CaseIterable {
    case webBanner = "web_banner"
    case appBanner = "app_banner"
    case store
    case contactCentre = "contact_centre"
    case `import`
    /// `context.consent` of a tracking call.
    case tracking
    /// Any other system calling the consents API.
    case api
}
