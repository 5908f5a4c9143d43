/// What "anonymise" means for an event past retention, precisely. The event is moved from
/// `events` to `anonymised_events` and keeps only what aggregate analytics need (how many
/// of which event, when roughly, on which channel, for which product):
///
/// - kept: tenant, type (`track`, `page`…), event name, channel;
/// - coarsened: `occurred_at` cut to the hour (UTC), so the time no longer singles out a visit;
/// - replaced: the event id, by a fresh random one, so nothing links the row to the event it
///   was (in an export, a log, a receipt);
/// - kept from `properties`: only the members named in `retainedPropertyNames` whose value is
///   a string, number or boolean (no objects or arrays, which could nest anything);
/// - dropped: the profile, `user_id`, `anonymous_id`, `previous_id`, `group_id`, the message
///   id, `traits`, `context` (IP address, user agent, page URL, locale, device ids, consent),
///   `integrations`, every other property, `received_at`, `sent_at` and the client's
///   original timestamp.
///
/// Orders and returns are not events: they keep their own (legal) retention.
public enum EventAnonymisation {
    /// Product and money members of Segment's e-commerce spec: about the product, not the person.
    /// Not `name`, `path`, `url`, `coupon`, `order_id` or `email`, which can name or link a person.
    public static let retainedPropertyNames: [String] = [
        "product_id", "sku", "category", "brand", "variant", "price", "quantity", "currency", "value", "revenue",
        "total", "subtotal", "tax", "shipping", "discount",
    ]
}
