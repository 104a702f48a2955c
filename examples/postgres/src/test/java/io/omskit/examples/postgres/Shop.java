package io.omskit.examples.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.CommandRejectedException;
import io.omskit.core.EngineConfig;
import io.omskit.core.Oms;
import io.omskit.core.OrderDecider;
import io.omskit.core.OrderService;
import io.omskit.core.PlaceOrder;
import io.omskit.core.memory.RuleBasedFraudScreener;
import io.omskit.core.memory.SimulatedCarrier;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.routing.Router;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationType;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.StockLevel;
import io.omskit.spi.tck.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * A small retailer for the engine tests on PostgreSQL: the locations, simulators and routing that oms-core's own
 * engine tests use (three locations near New York and Los Angeles; the "distance" strategy of oms-routing),
 * the journey every test drives, and the checks made afterwards from the database. The simulators stand for
 * external providers, so several engine instances share one Shop. Thread-safe (its simulators are).
 */
final class Shop {
    static final Currency USD = Currency.getInstance("USD");
    static final LocationId EAST = LocationId.of("DC-EAST");
    static final LocationId WEST = LocationId.of("DC-WEST");
    static final LocationId STORE = LocationId.of("ST-NYC");
    static final GeoPoint NEW_YORK = new GeoPoint(40.71, -74.0);
    static final List<Location> LOCATIONS = List.of(
            new Location(EAST, "east", LocationType.WAREHOUSE, new GeoPoint(40.5, -74.4), true, false, true, 1,
                    Integer.MAX_VALUE, 0, 0.4, 3.0),
            new Location(WEST, "west", LocationType.WAREHOUSE, new GeoPoint(34.0, -117.6), true, false, true, 2,
                    Integer.MAX_VALUE, 0, 0.4, 3.0),
            new Location(STORE, "store", LocationType.STORE, new GeoPoint(40.75, -73.98), true, true, true, 3,
                    Integer.MAX_VALUE, 0, 1.2, 4.0));

    final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T10:00:00Z"));
    final SimulatedPaymentGateway payments = new SimulatedPaymentGateway();
    final SimulatedCarrier carrier = SimulatedCarrier.ofDefaults(clock);
    final RuleBasedFraudScreener fraud = RuleBasedFraudScreener.ofDefaults();
    private final Router router = Router.standard();

    /** An engine instance on the given stores and this shop's providers. */
    OrderService engine(OrderStore orders, InventoryStore inventory) {
        return Oms.builder()
                .clock(clock)
                .orders(orders)
                .inventory(inventory)
                .locations(StaticLocationDirectory.of(LOCATIONS))
                .payments(payments)
                .fraud(fraud)
                .carriers(carrier)
                .router(router)
                .config(EngineConfig.defaults().withRoutingStrategy("distance").withMaxAttempts(50))
                .build();
    }

    /** An order shipped to New York: pairs of SKU and quantity. */
    static PlaceOrder order(String id, Object... skuQty) {
        List<LineSpec> lines = new ArrayList<>();
        for (int i = 0; i < skuQty.length; i += 2) {
            lines.add(new LineSpec(LineId.of(id + "-L" + (i / 2 + 1)), Sku.of((String) skuQty[i]), (Integer) skuQty[i + 1],
                    Money.ofMinor(1_000 + 250L * i, "USD"), Money.ofMinor(400, "USD")));
        }
        Address to = Address.at("New York", "US", NEW_YORK);
        return new PlaceOrder(OrderId.of(id), Channel.of(ChannelType.WEB), "ext-" + id, null, null, USD, to, to, null,
                null, lines);
    }

    /** Places, verifies, routes and takes every planned fulfillment to delivery. */
    static void drive(OrderService oms, PlaceOrder request) {
        OrderId id = request.orderId();
        oms.place(request);
        oms.verify(id);
        oms.route(id);
        OrderSnapshot o = oms.get(id);
        for (Fulfillment ff : o.fulfillments()) {
            if (ff.status() != FulfillmentStatus.PLANNED) {
                continue;
            }
            try {
                oms.release(id, ff.id());
                oms.pick(id, ff.id(), List.of());
                oms.pack(id, ff.id());
                oms.ship(id, ff.id());
                oms.deliver(id, ff.id(), false);
            } catch (CommandRejectedException e) {
                // a concurrent cancellation emptied this fulfillment meanwhile
            }
        }
    }

    /**
     * Checks, from the database only: no row oversold; units conserved overall and per SKU (restocked = on hand +
     * shipped, shipped read from the events table); every stored snapshot is the fold of its stored events (no
     * lost update); the units reserved are the units the orders hold allocated; consumed = shipped by the orders.
     */
    static void assertDatabaseConsistent(PostgresStores db, Collection<OrderId> orders) {
        PostgresAudit audit = db.audit();
        PostgresAudit.Totals totals = audit.totals();
        assertThat(totals.oversoldRows()).as("rows with reserved > on hand").isZero();
        assertThat(totals.conserved()).as("units conserved: %s", totals).isTrue();
        Map<Sku, StockLevel> stock = audit.stockBySku();
        Map<Sku, Long> shipped = audit.shippedBySku();
        Map<Sku, Long> restocked = audit.restockedBySku();
        for (Map.Entry<Sku, Long> in : restocked.entrySet()) {
            StockLevel level = stock.getOrDefault(in.getKey(), new StockLevel(0, 0));
            assertThat((long) level.onHand() + shipped.getOrDefault(in.getKey(), 0L))
                    .as("%s: on hand + shipped = restocked", in.getKey()).isEqualTo(in.getValue());
            assertThat(level.reserved()).as("%s: reserved <= on hand", in.getKey()).isLessThanOrEqualTo(level.onHand());
        }
        OrderDecider decider = OrderDecider.standard();
        long held = 0;
        long shippedByOrders = 0;
        for (OrderId id : orders) {
            OrderSnapshot o = db.orders().load(id).orElseThrow();
            List<OrderEvent> events = db.orders().events(id);
            assertThat(decider.replay(events)).as("replay of %s", id).isEqualTo(o);
            for (OrderLine line : o.lines()) {
                int sum = 0;
                for (int n : line.buckets().asMap().values()) {
                    sum += n;
                }
                assertThat(sum).as("%s %s: buckets add up", id, line.id()).isEqualTo(line.quantity());
                held += line.in(Bucket.ALLOCATED) + line.in(Bucket.RELEASED) + line.in(Bucket.PICKED)
                        + line.in(Bucket.PACKED) + line.in(Bucket.READY_FOR_PICKUP);
                shippedByOrders += line.in(Bucket.SHIPPED) + line.in(Bucket.DELIVERED);
            }
        }
        assertThat(audit.orderCount()).as("orders stored").isEqualTo(orders.size());
        assertThat(totals.reserved()).as("reserved = units the orders hold").isEqualTo(held);
        assertThat(totals.consumed()).as("consumed = units the orders shipped").isEqualTo(shippedByOrders);
    }
}
