import Foundation

/// One order's items net of returns (a fully returned or cancelled line is not in it), for
/// mining what is bought together. Carries no person: the order's profile is not read.
public struct Basket: Sendable, Equatable {
    public var occurredAt: Date
    public var skus: [String]

    public init(occurredAt: Date, skus: [String]) {
        self.occurredAt = occurredAt
        self.skus = skus
    }
}
