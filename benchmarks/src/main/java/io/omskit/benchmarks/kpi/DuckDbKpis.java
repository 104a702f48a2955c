package io.omskit.benchmarks.kpi;

import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnedUnits;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.LineSpec;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The DuckDB peer of the KPI benchmark: loads events as rows (one row per event, through DuckDB's Appender) into
 * an in-process in-memory database and computes per-channel KPIs in SQL. Order-level approximations of omskit's
 * line-level rules (ordered, shipped and cancelled units summed per order), which coincide on the synthetic data.
 * Not thread-safe.
 */
final class DuckDbKpis implements AutoCloseable {
    private final Connection connection;

    DuckDbKpis() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE ev (order_id VARCHAR, kind VARCHAR, ts BIGINT, channel VARCHAR, qty INTEGER,"
                    + " bucket VARCHAR, reason VARCHAR, initiator VARCHAR, fulfillment_id VARCHAR, location VARCHAR,"
                    + " carrier VARCHAR, damaged BOOLEAN, doc_ok BOOLEAN, sku_ok BOOLEAN, promised_by BIGINT)");
        }
    }

    void load(OrderEvent[] events) throws SQLException {
        try (DuckDBAppender a = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ev")) {
            for (OrderEvent e : events) {
                a.beginRow();
                a.append(e.orderId().value());
                String kind = kind(e);
                a.append(kind);
                a.append(e.occurredAt().toEpochMilli());
                String channel = null;
                Integer qty = null;
                String bucket = null;
                String reason = null;
                String initiator = null;
                String fulfillment = null;
                String location = null;
                String carrier = null;
                Boolean damaged = null;
                Boolean docOk = null;
                Boolean skuOk = null;
                Long promised = null;
                if (e instanceof OrderPlaced) {
                    OrderPlaced p = (OrderPlaced) e;
                    channel = p.channel().id();
                    int units = 0;
                    for (LineSpec l : p.lines()) {
                        units += l.quantity();
                    }
                    qty = units;
                    promised = p.promisedBy() == null ? null : p.promisedBy().toEpochMilli();
                } else if (e instanceof LineQuantityMoved) {
                    LineQuantityMoved m = (LineQuantityMoved) e;
                    qty = m.quantity();
                    bucket = m.to().name();
                    reason = m.reason();
                    initiator = m.initiator() == null ? null : m.initiator().name();
                } else if (e instanceof FulfillmentCreated) {
                    FulfillmentCreated f = (FulfillmentCreated) e;
                    fulfillment = f.fulfillmentId().value();
                    location = f.location().value();
                } else if (e instanceof FulfillmentShipped) {
                    FulfillmentShipped f = (FulfillmentShipped) e;
                    fulfillment = f.fulfillmentId().value();
                    location = f.location().value();
                    carrier = f.carrier();
                    int units = 0;
                    for (ShippedLine l : f.lines()) {
                        units += l.quantity();
                    }
                    qty = units;
                    docOk = f.documentationOk();
                    skuOk = true;
                } else if (e instanceof FulfillmentDelivered) {
                    FulfillmentDelivered f = (FulfillmentDelivered) e;
                    fulfillment = f.fulfillmentId().value();
                    location = f.location().value();
                    damaged = f.damaged();
                } else if (e instanceof ReturnReceived) {
                    int units = 0;
                    for (ReturnedUnits u : ((ReturnReceived) e).lines()) {
                        units += u.quantity();
                    }
                    qty = units;
                }
                a.append(channel);
                if (qty == null) {
                    a.appendNull();
                } else {
                    a.append(qty.intValue());
                }
                a.append(bucket);
                a.append(reason);
                a.append(initiator);
                a.append(fulfillment);
                a.append(location);
                a.append(carrier);
                a.append(damaged);
                a.append(docOk);
                a.append(skuOk);
                a.append(promised);
                a.endRow();
            }
        }
    }

    private static String kind(OrderEvent e) {
        if (e instanceof OrderPlaced) {
            return "placed";
        } else if (e instanceof LineQuantityMoved) {
            return "moved";
        } else if (e instanceof FulfillmentShipped) {
            return "shipped";
        } else if (e instanceof FulfillmentDelivered) {
            return "delivered";
        } else if (e instanceof ReturnReceived) {
            return "returned";
        }
        return e.type();
    }

    /** Per-channel KPIs for [start, end) as of {@code asOf}: one row per channel, as text. */
    List<String> query(Instant start, Instant end, Instant asOf) throws SQLException {
        long s = start.toEpochMilli();
        long t = end.toEpochMilli();
        String sql = "WITH o AS (SELECT order_id,"
                + " max(channel) FILTER (WHERE kind = 'placed') AS channel,"
                + " max(ts) FILTER (WHERE kind = 'placed') AS placed_at,"
                + " max(promised_by) FILTER (WHERE kind = 'placed') AS promised_by,"
                + " coalesce(sum(qty) FILTER (WHERE kind = 'placed'), 0) AS ordered,"
                + " coalesce(sum(qty) FILTER (WHERE kind = 'moved' AND bucket = 'CANCELLED'), 0) AS cancelled,"
                + " coalesce(sum(qty) FILTER (WHERE kind = 'moved' AND bucket = 'CANCELLED' AND reason IN"
                + "   ('customer_request', 'fraud_suspected', 'payment_failed')), 0) AS withdraw_cancel,"
                + " coalesce(sum(qty) FILTER (WHERE kind = 'moved' AND bucket = 'BACKORDERED'), 0) AS backordered,"
                + " max(ts) FILTER (WHERE kind = 'moved' AND bucket = 'CANCELLED') AS cancelled_at,"
                + " bool_and(initiator = 'CUSTOMER') FILTER (WHERE kind = 'moved' AND bucket = 'CANCELLED') AS by_customer,"
                + " coalesce(sum(qty) FILTER (WHERE kind = 'shipped'), 0) AS shipped,"
                + " count(*) FILTER (WHERE kind = 'shipped') AS n_shipped,"
                + " max(ts) FILTER (WHERE kind = 'shipped') AS last_shipped,"
                + " coalesce(bool_and(doc_ok) FILTER (WHERE kind = 'shipped'), true) AS docs_ok,"
                + " count(*) FILTER (WHERE kind = 'delivered') AS n_delivered,"
                + " max(ts) FILTER (WHERE kind = 'delivered') AS last_delivered,"
                + " coalesce(bool_or(damaged) FILTER (WHERE kind = 'delivered'), false) AS damaged,"
                + " coalesce(sum(qty) FILTER (WHERE kind = 'returned'), 0) AS returned"
                + " FROM ev WHERE ts <= " + asOf.toEpochMilli() + " GROUP BY order_id),"
                + " x AS (SELECT *, ordered - CASE WHEN backordered > 0 THEN 0 ELSE least(withdraw_cancel, ordered) END"
                + "   AS net FROM o),"
                + " y AS (SELECT *, (net > 0 AND shipped + cancelled >= ordered AND n_delivered = n_shipped) AS closed,"
                + "   greatest(coalesce(last_delivered, 0), coalesce(cancelled_at, 0)) AS closed_at,"
                + "   (n_delivered > 0 AND (promised_by IS NULL OR last_delivered <= promised_by)) AS on_time,"
                + "   (n_delivered > 0 AND shipped = net) AS in_full FROM x),"
                + " c AS (SELECT *, closed AND closed_at >= " + s + " AND closed_at < " + t + " AS in_c,"
                + "   placed_at >= " + s + " AND placed_at < " + t + " AS in_p FROM y)"
                + " SELECT channel, count(*) FILTER (WHERE in_p) AS placed,"
                + " count(*) FILTER (WHERE in_c) AS closed,"
                + " count(*) FILTER (WHERE in_c AND n_delivered > 0) AS closed_delivered,"
                + " count(*) FILTER (WHERE in_c AND in_full AND on_time AND NOT damaged AND docs_ok) AS perfect,"
                + " count(*) FILTER (WHERE in_c AND in_full) AS in_full,"
                + " count(*) FILTER (WHERE in_c AND n_delivered > 0 AND on_time) AS on_time,"
                + " count(*) FILTER (WHERE in_c AND n_delivered > 0 AND NOT damaged) AS damage_free,"
                + " count(*) FILTER (WHERE in_c AND n_delivered > 0 AND docs_ok) AS docs_ok,"
                + " avg((last_delivered - placed_at) // 1000) FILTER (WHERE in_c AND n_delivered > 0) AS cycle_mean,"
                + " quantile_disc((last_delivered - placed_at) // 1000, [0.5, 0.9, 0.95, 0.99])"
                + "   FILTER (WHERE in_c AND n_delivered > 0) AS cycle_p,"
                + " quantile_disc((last_shipped - placed_at) // 1000, 0.5) FILTER (WHERE in_c AND n_delivered > 0)"
                + "   AS to_ship_p50,"
                + " sum(least(returned, shipped)) FILTER (WHERE in_c AND n_delivered > 0) AS returned_units,"
                + " sum(shipped) FILTER (WHERE in_c AND n_delivered > 0) AS delivered_units,"
                + " count(*) FILTER (WHERE in_p AND n_shipped = 0 AND cancelled >= ordered AND ordered > 0) AS cancelled,"
                + " count(*) FILTER (WHERE in_p AND n_shipped = 0 AND cancelled >= ordered AND ordered > 0"
                + "   AND by_customer) AS cancelled_customer,"
                + " count(*) FILTER (WHERE in_p AND backordered > 0) AS backordered_orders,"
                + " sum(least(backordered, ordered)) FILTER (WHERE in_p) AS backordered_units,"
                + " sum(ordered) FILTER (WHERE in_p) AS ordered_units"
                + " FROM c GROUP BY channel ORDER BY channel";
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getString(i)).append(' ');
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
