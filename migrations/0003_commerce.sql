-- Commerce: orders and returns from stores and e-commerce, and the item catalogue.
--
-- Orders and returns are facts, appended and never updated (DESIGN.md, invariant 1). A return
-- is a new fact referencing its order's lines; a cancellation is a return with reason
-- 'cancelled'. Revenue and quantities net out when read (PurchaseSummaryService).
--
-- Personal data leads every key with (tenant_id, profile_id). profile_id is the profile the
-- order attached to when it arrived; merges do not rewrite it (the summary reads the set of
-- profiles merged into one), so unmerging gives each profile its own orders back. The only
-- index not led by profile_id is the tenant-wide uniqueness of an order or return id, which
-- the API promises; it still leads with tenant_id.

CREATE TABLE orders (
    tenant_id      uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    profile_id     uuid        NOT NULL,
    order_id       text        NOT NULL CHECK (char_length(order_id) BETWEEN 1 AND 200),
    channel        text        NOT NULL CHECK (channel IN ('store', 'web', 'app', 'phone')),
    store_id       text        CHECK (char_length(store_id) BETWEEN 1 AND 200),
    occurred_at    timestamptz NOT NULL,
    currency       text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Order-level discount, on top of the lines' own discounts.
    discount_minor bigint      NOT NULL CHECK (discount_minor >= 0),
    -- What the customer paid: the lines' net amounts after every discount.
    total_minor    bigint      NOT NULL CHECK (total_minor >= 0),
    item_count     bigint      NOT NULL CHECK (item_count > 0),
    -- SHA-256 of the order as sent (identifiers included), so a resend is recognised
    -- without keeping the identifiers a second time.
    content_hash   bytea       NOT NULL CHECK (octet_length(content_hash) = 32),
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, profile_id, order_id),
    CHECK (channel <> 'store' OR store_id IS NOT NULL)
);
CREATE UNIQUE INDEX orders_order_id ON orders (tenant_id, order_id);

CREATE TABLE order_lines (
    tenant_id        uuid   NOT NULL,
    profile_id       uuid   NOT NULL,
    order_id         text   NOT NULL,
    line_id          text   NOT NULL CHECK (char_length(line_id) BETWEEN 1 AND 200),
    position         int    NOT NULL CHECK (position >= 0),
    sku              text   NOT NULL CHECK (char_length(sku) BETWEEN 1 AND 200),
    quantity         bigint NOT NULL CHECK (quantity > 0),
    unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
    discount_minor   bigint NOT NULL CHECK (discount_minor >= 0),
    -- The line's share of the order total, order-level discount allocated: the most a
    -- return of this line may refund.
    net_minor        bigint NOT NULL CHECK (net_minor >= 0),
    PRIMARY KEY (tenant_id, profile_id, order_id, line_id),
    FOREIGN KEY (tenant_id, profile_id, order_id)
        REFERENCES orders (tenant_id, profile_id, order_id) ON DELETE CASCADE
);

CREATE TABLE returns (
    tenant_id     uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    profile_id    uuid        NOT NULL,
    return_id     text        NOT NULL CHECK (char_length(return_id) BETWEEN 1 AND 200),
    order_id      text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    reason        text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
    refund_minor  bigint      NOT NULL CHECK (refund_minor >= 0),
    item_count    bigint      NOT NULL CHECK (item_count > 0),
    content_hash  bytea       NOT NULL CHECK (octet_length(content_hash) = 32),
    received_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, profile_id, return_id),
    FOREIGN KEY (tenant_id, profile_id, order_id)
        REFERENCES orders (tenant_id, profile_id, order_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX returns_return_id ON returns (tenant_id, return_id);
-- Finds an order's returns (erasing an order cascades through it).
CREATE INDEX returns_by_order ON returns (tenant_id, profile_id, order_id);

CREATE TABLE return_lines (
    tenant_id     uuid   NOT NULL,
    profile_id    uuid   NOT NULL,
    return_id     text   NOT NULL,
    order_id      text   NOT NULL,
    line_id       text   NOT NULL,
    quantity      bigint NOT NULL CHECK (quantity > 0),
    refund_minor  bigint NOT NULL CHECK (refund_minor >= 0),
    PRIMARY KEY (tenant_id, profile_id, return_id, line_id),
    FOREIGN KEY (tenant_id, profile_id, return_id)
        REFERENCES returns (tenant_id, profile_id, return_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, profile_id, order_id, line_id)
        REFERENCES order_lines (tenant_id, profile_id, order_id, line_id) ON DELETE CASCADE
);
-- What earlier returns took back from each order line: the over-return check reads it.
CREATE INDEX return_lines_by_order_line ON return_lines (tenant_id, profile_id, order_id, line_id);

-- The catalogue is tenant data, not personal data: keyed by tenant alone. Upserted in place
-- (a catalogue is current state, not a history of facts).
CREATE TABLE items (
    tenant_id     uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    sku           text        NOT NULL CHECK (char_length(sku) BETWEEN 1 AND 200),
    name          text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 500),
    category_path text[]      NOT NULL DEFAULT '{}',
    brand         text,
    price_minor   bigint      CHECK (price_minor >= 0),
    currency      text        CHECK (currency ~ '^[A-Z]{3}$'),
    attributes    jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, sku),
    CHECK ((price_minor IS NULL) = (currency IS NULL))
);
