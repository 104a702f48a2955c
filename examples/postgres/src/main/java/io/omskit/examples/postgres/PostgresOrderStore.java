package io.omskit.examples.postgres;

import io.omskit.core.json.OmsJson;
import io.omskit.spi.DuplicateIdempotencyKeyException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.port.OrderStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link OrderStore} on PostgreSQL over plain JDBC: the snapshot as {@code jsonb} ({@link OmsJson}) with a
 * version column in table {@code orders}, the events appended to table {@code order_events} (the outbox) in the
 * same transaction. It passes {@code OrderStoreCompatibilityKit}. Thread-safe: every call takes its own
 * connection from the {@link DataSource} and runs in one transaction.
 *
 * <p>A save is one transaction of two or three statements:
 * <ul>
 *   <li>a new order (expected version 0): {@code INSERT ... ON CONFLICT DO NOTHING}; no row inserted means the id
 *       (then {@link StaleOrderException}, R1.3) or the idempotency key (then
 *       {@link DuplicateIdempotencyKeyException}, R1.8) is held by a committed order. A concurrent insert of the
 *       same id or key makes PostgreSQL wait for that transaction, so of racing captures exactly one wins;</li>
 *   <li>a next version: {@code UPDATE ... WHERE id = ? AND version = ?}; no row updated means a stale version
 *       (R1.3, R1.6). The row lock taken by the update serializes saves of one order;</li>
 *   <li>then the events, one batched {@code INSERT} into {@code order_events}.</li>
 * </ul>
 * Readers see the snapshot and its events together or not at all (R1.4): both commit together, and each read is
 * one statement. Every value is a bound parameter (R1.9). Database failures (a lost connection, a terminated
 * backend, a timeout) are thrown as {@link io.omskit.spi.ProviderException}: the save may or may not have
 * committed, and the engine's {@code resume} finds out from the stored order.
 */
public final class PostgresOrderStore implements OrderStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresOrderStore.class);

    private static final String INSERT_ORDER = "INSERT INTO orders (id, version, idempotency_key, snapshot, updated_at) "
            + "VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING";
    private static final String UPDATE_ORDER = "UPDATE orders SET version = ?, snapshot = ?::jsonb, updated_at = ? "
            + "WHERE id = ? AND version = ?";
    private static final String INSERT_EVENT = "INSERT INTO order_events "
            + "(event_id, order_id, order_version, type, occurred_at, payload) VALUES (?, ?, ?, ?, ?, ?::jsonb)";

    private final Transactions tx;
    private final OmsJson json;

    /** A store on {@code dataSource}, whose schema has been migrated ({@link PostgresStores} does that). */
    public PostgresOrderStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
        this.json = OmsJson.standard();
    }

    @Override
    public Optional<OrderSnapshot> load(OrderId orderId) {
        Objects.requireNonNull(orderId, "orderId");
        String doc = tx.read("order " + orderId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT snapshot::text FROM orders WHERE id = ?")) {
                ps.setString(1, orderId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return doc == null ? Optional.empty() : Optional.of(json.readSnapshot(doc));
    }

    @Override
    public void save(OrderSnapshot snapshot, long expectedVersion, List<OrderEvent> newEvents) {
        OrderStore.checkSave(snapshot, expectedVersion, newEvents);
        OrderId id = snapshot.id();
        List<String> payloads = new ArrayList<>(newEvents.size());
        for (OrderEvent ev : newEvents) {
            payloads.add(json.write(ev));
        }
        String doc = json.writeSnapshot(snapshot);
        tx.run("order " + id, c -> {
            if (expectedVersion == 0) {
                insertNew(c, snapshot, doc);
            } else {
                updateExisting(c, snapshot, expectedVersion, doc);
            }
            appendEvents(c, newEvents, payloads);
            return null;
        });
        if (LOG.isDebugEnabled()) {
            LOG.debug("order {}: saved version {} with {} new event(s)", id, snapshot.version(), newEvents.size());
        }
    }

    private static void insertNew(Connection c, OrderSnapshot s, String doc) throws SQLException {
        int inserted;
        try (PreparedStatement ps = c.prepareStatement(INSERT_ORDER)) {
            ps.setString(1, s.id().value());
            ps.setLong(2, s.version());
            ps.setString(3, s.idempotencyKey());
            ps.setString(4, doc);
            ps.setTimestamp(5, Timestamp.from(s.updatedAt()));
            inserted = ps.executeUpdate();
        }
        if (inserted == 1) {
            return;
        }
        long stored = storedVersion(c, s.id().value());
        if (stored > 0) {
            throw new StaleOrderException(s.id().value(), 0, stored);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM orders WHERE idempotency_key = ?")) {
            ps.setString(1, s.idempotencyKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new DuplicateIdempotencyKeyException(s.idempotencyKey(), rs.getString(1));
                }
            }
        }
        // the conflicting row is gone again (deleted by hand): report a conflict, the caller loads and retries
        throw new StaleOrderException(s.id().value(), 0, -1);
    }

    private static void updateExisting(Connection c, OrderSnapshot s, long expectedVersion, String doc)
            throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement(UPDATE_ORDER)) {
            ps.setLong(1, s.version());
            ps.setString(2, doc);
            ps.setTimestamp(3, Timestamp.from(s.updatedAt()));
            ps.setString(4, s.id().value());
            ps.setLong(5, expectedVersion);
            updated = ps.executeUpdate();
        }
        if (updated != 1) {
            throw new StaleOrderException(s.id().value(), expectedVersion, storedVersion(c, s.id().value()));
        }
    }

    private static long storedVersion(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM orders WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void appendEvents(Connection c, List<OrderEvent> events, List<String> payloads) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            for (int i = 0; i < events.size(); i++) {
                OrderEvent e = events.get(i);
                ps.setString(1, e.eventId().value());
                ps.setString(2, e.orderId().value());
                ps.setLong(3, e.orderVersion());
                ps.setString(4, e.type());
                ps.setTimestamp(5, Timestamp.from(e.occurredAt()));
                ps.setString(6, payloads.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public Optional<OrderId> findByIdempotencyKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        String id = tx.read("idempotency key lookup", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM orders WHERE idempotency_key = ?")) {
                ps.setString(1, idempotencyKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return id == null ? Optional.empty() : Optional.of(OrderId.of(id));
    }

    @Override
    public List<OrderEvent> events(OrderId orderId) {
        Objects.requireNonNull(orderId, "orderId");
        List<String> docs = tx.read("order " + orderId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payload::text FROM order_events WHERE order_id = ? ORDER BY seq")) {
                ps.setString(1, orderId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
        List<OrderEvent> events = new ArrayList<>(docs.size());
        for (String d : docs) {
            events.add(json.readEvent(d));
        }
        return List.copyOf(events);
    }
}
