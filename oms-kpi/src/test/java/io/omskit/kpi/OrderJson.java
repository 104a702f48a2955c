package io.omskit.kpi;

import io.omskit.spi.event.OrderEvent;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Test helper: builds order-history JSON lines and runs them through the importer and the accumulator. */
final class OrderJson {
    private final String id;
    private final String channel;
    private final String placedAt;
    private final String promisedBy;
    private final List<String> lines = new ArrayList<>();
    private final List<String> backorders = new ArrayList<>();
    private final List<String> cancellations = new ArrayList<>();
    private final List<String> shipments = new ArrayList<>();
    private final List<String> returns = new ArrayList<>();

    private OrderJson(String id, String channel, String placedAt, String promisedBy) {
        this.id = id;
        this.channel = channel;
        this.placedAt = placedAt;
        this.promisedBy = promisedBy;
    }

    static OrderJson order(String id, String channel, String placedAt, String promisedBy) {
        return new OrderJson(id, channel, placedAt, promisedBy);
    }

    OrderJson line(String lineId, String sku, int qty, String unitCost) {
        lines.add(String.format("{\"line_id\":\"%s\",\"sku\":\"%s\",\"qty_ordered\":%d,\"unit_price\":10.00,"
                + "\"unit_cost\":%s}", lineId, sku, qty, unitCost));
        return this;
    }

    OrderJson line(String lineId, String sku, int qty) {
        return line(lineId, sku, qty, "4.00");
    }

    OrderJson backorder(String lineId, int qty, String at) {
        backorders.add(String.format("{\"line_id\":\"%s\",\"qty\":%d,\"backordered_at\":\"%s\"}", lineId, qty, at));
        return this;
    }

    OrderJson cancel(String lineId, int qty, String at, String initiator, String reason) {
        cancellations.add(String.format("{\"cancelled_at\":\"%s\",\"line_id\":\"%s\",\"qty\":%d,\"initiator\":\"%s\","
                + "\"reason\":\"%s\"}", at, lineId, qty, initiator, reason));
        return this;
    }

    /** {@code items} are "lineId:sku:qty". */
    OrderJson ship(String shipmentId, String location, String carrier, String shippedAt, String deliveredAt,
            boolean damaged, boolean docsOk, String... items) {
        List<String> ls = new ArrayList<>();
        for (String item : items) {
            String[] p = item.split(":");
            ls.add(String.format("{\"line_id\":\"%s\",\"sku\":\"%s\",\"qty\":%s}", p[0], p[1], p[2]));
        }
        shipments.add(String.format("{\"shipment_id\":\"%s\",\"location\":\"%s\",%s\"shipped_at\":\"%s\","
                + "\"delivered_at\":%s,\"damaged\":%s,\"documentation_ok\":%s,\"lines\":[%s]}", shipmentId, location,
                carrier == null ? "" : "\"carrier\":\"" + carrier + "\",", shippedAt,
                deliveredAt == null ? "null" : "\"" + deliveredAt + "\"", damaged, docsOk, String.join(",", ls)));
        return this;
    }

    /** A plain shipment: not damaged, documents OK, carrier UPS. */
    OrderJson ship(String shipmentId, String location, String shippedAt, String deliveredAt, String... items) {
        return ship(shipmentId, location, "UPS", shippedAt, deliveredAt, false, true, items);
    }

    OrderJson ret(String returnId, String shipmentId, String lineId, String sku, int qty, String at) {
        returns.add(String.format("{\"return_id\":\"%s\",\"returned_at\":\"%s\",\"shipment_id\":\"%s\","
                + "\"line_id\":\"%s\",\"sku\":\"%s\",\"qty\":%d,\"reason\":\"changed_mind\",\"restocked\":true}",
                returnId, at, shipmentId, lineId, sku, qty));
        return this;
    }

    String json() {
        return String.format("{\"order_id\":\"%s\",\"channel\":\"%s\",\"placed_at\":\"%s\",\"promised_by\":%s,"
                + "\"currency\":\"USD\",\"lines\":[%s],\"backorders\":[%s],\"cancellations\":[%s],\"shipments\":[%s],"
                + "\"returns\":[%s]}", id, channel, placedAt, promisedBy == null ? "null" : "\"" + promisedBy + "\"",
                String.join(",", lines), String.join(",", backorders), String.join(",", cancellations),
                String.join(",", shipments), String.join(",", returns));
    }

    static List<OrderEvent> events(OrderJson... orders) {
        StringBuilder sb = new StringBuilder();
        for (OrderJson o : orders) {
            sb.append(o.json()).append('\n');
        }
        ImportResult<OrderEvent> r = OrderHistoryImporter.create(BadRecordPolicy.FAIL).readOrders(new StringReader(sb.toString()));
        return r.items();
    }

    static KpiReport report(String zone, String from, String to, String asOf, OrderJson... orders) {
        KpiAccumulator acc = KpiAccumulator.create(Instant.parse(asOf));
        acc.acceptAll(events(orders));
        return acc.report(new KpiWindow(ZoneId.of(zone), LocalDate.parse(from), LocalDate.parse(to)));
    }

    /** A March 2024 UTC report as of 2024-04-20. */
    static KpiReport march(OrderJson... orders) {
        return report("UTC", "2024-03-01", "2024-04-01", "2024-04-20T00:00:00Z", orders);
    }
}
