package io.omskit.examples.postgres;

import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.StockLevel;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Read-only checks straight from the tables: stock per SKU from {@code inventory}, units shipped per SKU from
 * {@code order_events}, units restocked and consumed from {@code inventory_operations}. Used by the demo's
 * conservation check and by the tests. Thread-safe.
 */
public final class PostgresAudit {
    private static final String SHIPPED = "SELECT l->>'sku', sum((l->>'quantity')::bigint) FROM order_events e "
            + "CROSS JOIN LATERAL jsonb_array_elements(e.payload->'lines') l "
            + "WHERE e.type IN ('fulfillment.shipped.v1', '" + FulfillmentShipped.TYPE + "') GROUP BY 1";
    // a pickup event names the fulfillment; its lines (and their SKUs) are in the order's snapshot
    private static final String PICKED_UP = "SELECT ol->'spec'->>'sku', sum((fl->>'quantity')::bigint) "
            + "FROM order_events e JOIN orders o ON o.id = e.order_id "
            + "CROSS JOIN LATERAL jsonb_array_elements(o.snapshot->'fulfillments') f "
            + "CROSS JOIN LATERAL jsonb_array_elements(f->'lines') fl "
            + "CROSS JOIN LATERAL jsonb_array_elements(o.snapshot->'lines') ol "
            + "WHERE e.type IN ('fulfillment.state_changed.v1', '" + FulfillmentStateChanged.TYPE + "') "
            + "AND e.payload->>'to_status' = 'PICKED_UP' "
            + "AND f->>'id' = e.payload->>'fulfillment_id' AND ol->'spec'->>'line_id' = fl->>'line_id' GROUP BY 1";
    private static final String OPERATIONS = "SELECT q.key, sum(q.value::bigint) FROM inventory_operations o "
            + "CROSS JOIN LATERAL jsonb_each_text(o.quantities) q WHERE o.kind = ? GROUP BY 1";

    /**
     * Unit totals over the whole inventory.
     *
     * <p>An immutable value; thread-safe.
     *
     * @param onHand units on hand, all locations and SKUs
     * @param reserved units reserved
     * @param restocked units added by restock operations (initial stock, replenishment, returns)
     * @param consumed units removed by consume operations (shipments, pickups)
     * @param oversoldRows rows with more reserved than on hand (the table's CHECK keeps it 0)
     */
    public record Totals(long onHand, long reserved, long restocked, long consumed, long oversoldRows) {
        /** Whether units were conserved: {@code onHand == restocked - consumed}, nothing oversold. */
        public boolean conserved() {
            return onHand == restocked - consumed && oversoldRows == 0 && reserved >= 0 && reserved <= onHand;
        }
    }

    private final Transactions tx;

    PostgresAudit(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    /** Per SKU the stock summed over all locations, from table {@code inventory}. */
    public Map<Sku, StockLevel> stockBySku() {
        return tx.read("audit", c -> {
            Map<Sku, StockLevel> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT sku, sum(on_hand)::int, sum(reserved)::int FROM inventory GROUP BY sku");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(Sku.of(rs.getString(1)), new StockLevel(rs.getInt(2), rs.getInt(3)));
                }
            }
            return Collections.unmodifiableMap(out);
        });
    }

    /** Per SKU the units that left a location: shipped ({@code FulfillmentShipped}) or picked up. */
    public Map<Sku, Long> shippedBySku() {
        return tx.run("audit", c -> {
            Map<Sku, Long> out = new TreeMap<>();
            for (String sql : new String[] {SHIPPED, PICKED_UP}) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.merge(Sku.of(rs.getString(1)), rs.getLong(2), Long::sum);
                    }
                }
            }
            return Collections.unmodifiableMap(out);
        });
    }

    /** Per SKU the units added by restock operations. */
    public Map<Sku, Long> restockedBySku() {
        return operations("restock");
    }

    /** Per SKU the units removed by consume operations. */
    public Map<Sku, Long> consumedBySku() {
        return operations("consume");
    }

    private Map<Sku, Long> operations(String kind) {
        return tx.read("audit", c -> {
            Map<Sku, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(OPERATIONS)) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(Sku.of(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return Collections.unmodifiableMap(out);
        });
    }

    /** The unit totals, read in one transaction. */
    public Totals totals() {
        return tx.run("audit", c -> {
            try (PreparedStatement ps = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")) {
                ps.execute(); // both reads below see one snapshot
            }
            long onHand;
            long reserved;
            long oversold;
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(on_hand), 0), coalesce(sum(reserved), 0), "
                    + "count(*) FILTER (WHERE reserved > on_hand) FROM inventory");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                onHand = rs.getLong(1);
                reserved = rs.getLong(2);
                oversold = rs.getLong(3);
            }
            long[] ops = new long[2];
            try (PreparedStatement ps = c.prepareStatement("SELECT o.kind, coalesce(sum(q.value::bigint), 0) "
                    + "FROM inventory_operations o CROSS JOIN LATERAL jsonb_each_text(o.quantities) q "
                    + "WHERE o.kind IN ('restock', 'consume') GROUP BY o.kind");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ops[rs.getString(1).equals("restock") ? 0 : 1] = rs.getLong(2);
                }
            }
            return new Totals(onHand, reserved, ops[0], ops[1], oversold);
        });
    }

    /** How many orders are stored. */
    public long orderCount() {
        return count("SELECT count(*) FROM orders");
    }

    /** How many events are stored. */
    public long eventCount() {
        return count("SELECT count(*) FROM order_events");
    }

    private long count(String sql) {
        return tx.read("audit", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
