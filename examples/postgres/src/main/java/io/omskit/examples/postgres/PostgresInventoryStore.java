package io.omskit.examples.postgres;

import io.omskit.spi.InventoryException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.StockLevel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link InventoryStore} on PostgreSQL over plain JDBC: one row per (location, SKU) in table {@code inventory}
 * with {@code on_hand} and {@code reserved} and {@code CHECK (reserved >= 0 AND reserved <= on_hand)};
 * reservations and their lines (with the units each still holds) in {@code reservations} and
 * {@code reservation_lines}; release, consume and restock operations by id in {@code inventory_operations}. It
 * passes {@code InventoryStoreCompatibilityKit}. Thread-safe: every call takes its own connection and runs in one
 * transaction; several processes may share the database.
 *
 * <h2>How each call stays correct under concurrency</h2>
 * <ul>
 *   <li>{@link #reserve}: inserts the reservation id first ({@code ON CONFLICT DO NOTHING}: a repeat finds the
 *       committed first attempt, R2.4, or waits for it to commit), then one conditional
 *       {@code UPDATE inventory SET reserved = reserved + q WHERE ... AND on_hand - reserved >= q} per SKU, in SKU
 *       order (the one lock order of every call, so calls never deadlock), sent as one JDBC batch. If every SKU
 *       updated a row, the lines are recorded and the transaction commits; otherwise the updates are rolled
 *       back to a savepoint and the refusal is recorded with its shortages (R2.2, R2.3).</li>
 *   <li>{@link #release}, {@link #consume}, {@link #restock}: insert the operation id first; a repeat finds it and
 *       does nothing more (R2.4). Then conditional updates of the reservation's remaining units
 *       ({@code remaining >= q}, R2.6) and of the stock, in SKU order.</li>
 * </ul>
 * No lock is held beyond one transaction and no transaction waits on anything but the database. Every value is a
 * bound parameter. Database failures are thrown as {@link io.omskit.spi.ProviderException}; every call may be
 * repeated with the same id.
 *
 * <p>Beyond the contract (like the in-memory store): an empty quantity map is refused ({@code INVALID_QUANTITY});
 * an operation id reused for another operation throws {@code RESERVATION_CONFLICT}; a refused reservation is
 * remembered, so its repeat is refused too.
 */
public final class PostgresInventoryStore implements InventoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresInventoryStore.class);

    private static final String RESERVE_UNITS = "UPDATE inventory SET reserved = reserved + ? "
            + "WHERE location_id = ? AND sku = ? AND on_hand - reserved >= ?";
    private static final String INSERT_LINE = "INSERT INTO reservation_lines "
            + "(reservation_id, sku, requested, remaining, shortage) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_OPERATION = "INSERT INTO inventory_operations (id, kind, target, quantities) "
            + "VALUES (?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING";
    private static final String TAKE_FROM_RESERVATION = "UPDATE reservation_lines SET remaining = remaining - ? "
            + "WHERE reservation_id = ? AND sku = ? AND remaining >= ?";
    private static final String SETTLE_STOCK = "UPDATE inventory SET reserved = reserved - ?, on_hand = on_hand - ? "
            + "WHERE location_id = ? AND sku = ?";
    private static final String RESTOCK = "INSERT INTO inventory (location_id, sku, on_hand, reserved) VALUES (?, ?, ?, 0) "
            + "ON CONFLICT (location_id, sku) DO UPDATE SET on_hand = inventory.on_hand + EXCLUDED.on_hand";

    private final Transactions tx;

    /** A store on {@code dataSource}, whose schema has been migrated ({@link PostgresStores} does that). */
    public PostgresInventoryStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    @Override
    public StockLevel level(LocationId location, Sku sku) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sku, "sku");
        return tx.read("stock of " + sku, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT on_hand, reserved FROM inventory WHERE location_id = ? AND sku = ?")) {
                ps.setString(1, location.value());
                ps.setString(2, sku.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new StockLevel(rs.getInt(1), rs.getInt(2)) : new StockLevel(0, 0);
                }
            }
        });
    }

    @Override
    public Map<LocationId, StockLevel> levels(Sku sku) {
        Objects.requireNonNull(sku, "sku");
        return tx.read("stock of " + sku, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT location_id, on_hand, reserved FROM inventory WHERE sku = ? ORDER BY location_id")) {
                ps.setString(1, sku.value());
                try (ResultSet rs = ps.executeQuery()) {
                    Map<LocationId, StockLevel> out = new TreeMap<>();
                    while (rs.next()) {
                        out.put(LocationId.of(rs.getString(1)), new StockLevel(rs.getInt(2), rs.getInt(3)));
                    }
                    return Collections.unmodifiableMap(out);
                }
            }
        });
    }

    @Override
    public ReservationResult reserve(String reservationId, LocationId location, Map<Sku, Integer> quantities) {
        InventoryStore.checkId(reservationId, "reservation id");
        Objects.requireNonNull(location, "location");
        Map<Sku, Integer> asked = InventoryStore.checkQuantities(quantities);
        ReservationResult result = tx.run("reservation " + reservationId, c -> {
            int inserted;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO reservations (id, location_id, reserved) VALUES (?, ?, true) ON CONFLICT DO NOTHING")) {
                ps.setString(1, reservationId);
                ps.setString(2, location.value());
                inserted = ps.executeUpdate();
            }
            if (inserted == 0) {
                return repeatedReservation(c, reservationId, location, asked);
            }
            Savepoint beforeUpdates = c.setSavepoint();
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement(RESERVE_UNITS)) {
                for (Map.Entry<Sku, Integer> q : asked.entrySet()) { // SKU order: the one lock order
                    ps.setInt(1, q.getValue());
                    ps.setString(2, location.value());
                    ps.setString(3, q.getKey().value());
                    ps.setInt(4, q.getValue());
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            boolean all = true;
            for (int n : counts) {
                all &= n == 1;
            }
            Map<Sku, Integer> shortages = new TreeMap<>();
            if (!all) {
                c.rollback(beforeUpdates);
                shortages = shortages(c, location, asked);
                try (PreparedStatement ps = c.prepareStatement("UPDATE reservations SET reserved = false WHERE id = ?")) {
                    ps.setString(1, reservationId);
                    ps.executeUpdate();
                }
            } else {
                c.releaseSavepoint(beforeUpdates);
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
                for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
                    ps.setString(1, reservationId);
                    ps.setString(2, q.getKey().value());
                    ps.setInt(3, q.getValue());
                    ps.setInt(4, all ? q.getValue() : 0);
                    ps.setInt(5, shortages.getOrDefault(q.getKey(), 0));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return all ? ReservationResult.ok() : ReservationResult.rejected(shortages);
        });
        LOG.debug("reservation {} at {}: reserved={}", reservationId, location, result.reserved());
        return result;
    }

    /** Per SKU the units missing now; at least 1 for a SKU whose conditional update found too little. */
    private static Map<Sku, Integer> shortages(Connection c, LocationId location, Map<Sku, Integer> asked)
            throws SQLException {
        Map<Sku, Integer> available = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sku, on_hand - reserved FROM inventory WHERE location_id = ? AND sku = ANY (?)")) {
            ps.setString(1, location.value());
            ps.setArray(2, c.createArrayOf("text", skuValues(asked)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    available.put(Sku.of(rs.getString(1)), rs.getInt(2));
                }
            }
        }
        Map<Sku, Integer> shortages = new TreeMap<>();
        for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
            int missing = q.getValue() - available.getOrDefault(q.getKey(), 0);
            if (missing > 0) {
                shortages.put(q.getKey(), missing);
            }
        }
        if (shortages.isEmpty()) {
            // stock came back between the refused update and this read: the refusal stands, name every SKU
            asked.keySet().forEach(s -> shortages.put(s, 1));
        }
        return shortages;
    }

    /** The committed first attempt of a reservation id: same content returns its outcome, other content conflicts. */
    private static ReservationResult repeatedReservation(Connection c, String reservationId, LocationId location,
                                                         Map<Sku, Integer> asked) throws SQLException {
        String storedLocation;
        boolean reserved;
        try (PreparedStatement ps = c.prepareStatement("SELECT location_id, reserved FROM reservations WHERE id = ?")) {
            ps.setString(1, reservationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                            "reservation " + reservationId + " is being changed concurrently");
                }
                storedLocation = rs.getString(1);
                reserved = rs.getBoolean(2);
            }
        }
        Map<Sku, Integer> requested = new TreeMap<>();
        Map<Sku, Integer> shortages = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sku, requested, shortage FROM reservation_lines WHERE reservation_id = ?")) {
            ps.setString(1, reservationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Sku sku = Sku.of(rs.getString(1));
                    requested.put(sku, rs.getInt(2));
                    if (rs.getInt(3) > 0) {
                        shortages.put(sku, rs.getInt(3));
                    }
                }
            }
        }
        if (!storedLocation.equals(location.value()) || !requested.equals(asked)) {
            throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                    "reservation " + reservationId + " already exists with other content");
        }
        return reserved ? ReservationResult.ok() : ReservationResult.rejected(shortages);
    }

    @Override
    public void release(String operationId, String reservationId, Map<Sku, Integer> quantities) {
        settle("release", operationId, reservationId, quantities);
    }

    @Override
    public void consume(String operationId, String reservationId, Map<Sku, Integer> quantities) {
        settle("consume", operationId, reservationId, quantities);
    }

    /** Release or consume: both take units out of a reservation, one back to available, one out of on hand. */
    private void settle(String kind, String operationId, String reservationId, Map<Sku, Integer> quantities) {
        InventoryStore.checkId(operationId, "operation id");
        InventoryStore.checkId(reservationId, "reservation id");
        Map<Sku, Integer> asked = InventoryStore.checkQuantities(quantities);
        String doc = quantitiesJson(asked);
        tx.run("reservation " + reservationId, c -> {
            if (!claimOperation(c, operationId, kind, reservationId, doc)) {
                return null; // a repeat: nothing more
            }
            String location;
            try (PreparedStatement ps = c.prepareStatement("SELECT location_id FROM reservations WHERE id = ?")) {
                ps.setString(1, reservationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new InventoryException(OmsErrorCode.UNKNOWN_RESERVATION,
                                "reservation " + reservationId + " is unknown");
                    }
                    location = rs.getString(1);
                }
            }
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement(TAKE_FROM_RESERVATION)) {
                for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
                    ps.setInt(1, q.getValue());
                    ps.setString(2, reservationId);
                    ps.setString(3, q.getKey().value());
                    ps.setInt(4, q.getValue());
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            int i = 0;
            for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
                if (counts[i++] != 1) {
                    throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT, "reservation " + reservationId
                            + " holds fewer than " + q.getValue() + " of " + q.getKey() + ", cannot " + kind + " them");
                }
            }
            boolean consume = kind.equals("consume");
            try (PreparedStatement ps = c.prepareStatement(SETTLE_STOCK)) {
                for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
                    ps.setInt(1, q.getValue());
                    ps.setInt(2, consume ? q.getValue() : 0);
                    ps.setString(3, location);
                    ps.setString(4, q.getKey().value());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        LOG.debug("reservation {}: {} by operation {}", reservationId, kind, operationId);
    }

    @Override
    public void restock(String operationId, LocationId location, Sku sku, int quantity) {
        InventoryStore.checkId(operationId, "operation id");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                    "restock quantity of " + sku + " must be positive, was " + quantity);
        }
        String doc = quantitiesJson(Map.of(sku, quantity));
        tx.run("restock " + operationId, c -> {
            if (!claimOperation(c, operationId, "restock", location.value(), doc)) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(RESTOCK)) {
                ps.setString(1, location.value());
                ps.setString(2, sku.value());
                ps.setInt(3, quantity);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records the operation id; false if it was recorded before with the same content (a repeat).
     *
     * @throws InventoryException {@code RESERVATION_CONFLICT} if it was recorded for another operation
     */
    private static boolean claimOperation(Connection c, String operationId, String kind, String target, String doc)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_OPERATION)) {
            ps.setString(1, operationId);
            ps.setString(2, kind);
            ps.setString(3, target);
            ps.setString(4, doc);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT kind = ? AND target = ? AND quantities = ?::jsonb "
                + "FROM inventory_operations WHERE id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, target);
            ps.setString(3, doc);
            ps.setString(4, operationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                "operation " + operationId + " was already used for another operation");
    }

    /** {@code {"sku": units, ...}} in SKU order, escaped for JSON. */
    static String quantitiesJson(Map<Sku, Integer> quantities) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<Sku, Integer> q : new TreeMap<>(quantities).entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            jsonString(b, q.getKey().value());
            b.append(':').append(q.getValue().intValue());
        }
        return b.append('}').toString();
    }

    private static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        b.append('"');
    }

    private static String[] skuValues(Map<Sku, Integer> quantities) {
        String[] out = new String[quantities.size()];
        int i = 0;
        for (Sku s : quantities.keySet()) {
            out[i++] = s.value();
        }
        return out;
    }
}
