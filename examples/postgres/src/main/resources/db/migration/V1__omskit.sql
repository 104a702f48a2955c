-- omskit on PostgreSQL: the order store (snapshots + event outbox) and the inventory store.
-- Every id and text column is TEXT, compared exactly (deterministic collation): ids that differ in case or
-- trailing spaces stay distinct.

-- ============================================================================================ orders
CREATE TABLE orders (
    id              TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    idempotency_key TEXT        NOT NULL,
    snapshot        JSONB       NOT NULL,  -- OmsJson order.snapshot.v1
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT orders_pk PRIMARY KEY (id),
    CONSTRAINT orders_idempotency_key_unique UNIQUE (idempotency_key),
    CONSTRAINT orders_version_positive CHECK (version >= 1)
);

-- The events of every order, appended in the transaction that saves the snapshot: the audit trail and an
-- outbox. seq is a global sequence; within one order it follows the save order (saves of one order are
-- serialized by the order row's lock).
CREATE TABLE order_events (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY,
    event_id      TEXT        NOT NULL,
    order_id      TEXT        NOT NULL,
    order_version BIGINT      NOT NULL,
    type          TEXT        NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    payload       JSONB       NOT NULL,  -- OmsJson event document
    CONSTRAINT order_events_pk PRIMARY KEY (seq),
    CONSTRAINT order_events_event_id_unique UNIQUE (event_id),
    CONSTRAINT order_events_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
);
CREATE INDEX order_events_by_order ON order_events (order_id, seq);
CREATE INDEX order_events_by_type ON order_events (type);

-- ============================================================================================ inventory
CREATE TABLE inventory (
    location_id TEXT    NOT NULL,
    sku         TEXT    NOT NULL,
    on_hand     INTEGER NOT NULL,
    reserved    INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT inventory_pk PRIMARY KEY (location_id, sku),
    -- the last line of defence against overselling (R2.3)
    CONSTRAINT inventory_no_oversell CHECK (reserved >= 0 AND reserved <= on_hand)
);
CREATE INDEX inventory_by_sku ON inventory (sku);

-- A reservation and its outcome; a refused reservation is remembered too (a repeat returns the first outcome).
CREATE TABLE reservations (
    id          TEXT    NOT NULL,
    location_id TEXT    NOT NULL,
    reserved    BOOLEAN NOT NULL,
    CONSTRAINT reservations_pk PRIMARY KEY (id)
);

CREATE TABLE reservation_lines (
    reservation_id TEXT    NOT NULL,
    sku            TEXT    NOT NULL,
    requested      INTEGER NOT NULL,
    remaining      INTEGER NOT NULL,  -- units still held (0 for a refused reservation)
    shortage       INTEGER NOT NULL,  -- units missing when refused, else 0
    CONSTRAINT reservation_lines_pk PRIMARY KEY (reservation_id, sku),
    CONSTRAINT reservation_lines_reservation_fk FOREIGN KEY (reservation_id) REFERENCES reservations (id),
    CONSTRAINT reservation_lines_quantities CHECK (requested > 0 AND remaining >= 0 AND remaining <= requested
        AND shortage >= 0)
);

-- Release, consume and restock operations by id: inserted first, so a repeat finds its id and does nothing.
CREATE TABLE inventory_operations (
    id         TEXT  NOT NULL,
    kind       TEXT  NOT NULL,
    target     TEXT  NOT NULL,  -- the reservation id (release, consume) or the location id (restock)
    quantities JSONB NOT NULL,  -- {"<sku>": units, ...}
    CONSTRAINT inventory_operations_pk PRIMARY KEY (id),
    CONSTRAINT inventory_operations_kind CHECK (kind IN ('release', 'consume', 'restock'))
);
