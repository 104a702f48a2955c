package io.omskit.benchmarks.kpi;

import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderCancelled;
import io.omskit.spi.event.OrderCompleted;
import io.omskit.spi.event.OrderConfirmed;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.PaymentAuthorized;
import io.omskit.spi.event.PaymentCaptured;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnedUnits;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Synthetic order histories for the KPI benchmarks: about 10 events per order (placed, confirmed, authorized, two
 * allocations or a backorder, fulfillment created, shipped, delivered, captured, completed), with skewed channels,
 * SKUs (Zipf-like) and locations, 5% cancellations, 8% backorders, 8% returns, 1% damage, 2% bad documents, 3% of
 * parcels never delivered. Deterministic for a seed. Not thread-safe.
 */
public final class SyntheticOrders {
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2024-03-15T00:00:00Z");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Channel[] CHANNELS = {Channel.of(ChannelType.WEB), Channel.of(ChannelType.APP),
        Channel.of(ChannelType.STORE), Channel.of(ChannelType.MARKETPLACE)};
    private static final double[] CHANNEL_WEIGHTS = {0.55, 0.25, 0.12, 0.08};
    private static final LocationId[] LOCATIONS = {LocationId.of("DC-EAST"), LocationId.of("DC-WEST"),
        LocationId.of("DC-CENTRAL"), LocationId.of("STORE-NYC"), LocationId.of("STORE-LA")};
    private static final String[] CARRIERS = {"UPS", "FedEx", "USPS"};
    private static final Sku[] SKUS = new Sku[2000];
    private static final LineId[] LINES = {LineId.of("L1"), LineId.of("L2")};
    private static final Money PRICE = new Money(3519, USD);

    static {
        for (int i = 0; i < SKUS.length; i++) {
            SKUS[i] = Sku.of("SKU-" + i);
        }
    }

    private SyntheticOrders() {
    }

    /** All events of {@code orders} orders, order by order. */
    public static OrderEvent[] generate(int orders, long seed) {
        List<OrderEvent> out = new ArrayList<>(orders * 10);
        forEach(orders, seed, out::add);
        return out.toArray(new OrderEvent[0]);
    }

    /** Streams the events of {@code orders} orders to {@code sink}. */
    public static void forEach(int orders, long seed, Consumer<OrderEvent> sink) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int o = 0; o < orders; o++) {
            order(r, o, sink, false);
        }
    }

    /** Streams only the events of open orders (placed, confirmed, authorized, allocated, fulfillment planned). */
    public static void forEachOpen(int orders, long seed, Consumer<OrderEvent> sink) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int o = 0; o < orders; o++) {
            order(r, o, sink, true);
        }
    }

    private static int zipf(SplittableRandom r, int n) {
        // inverse-CDF of a continuous 1/x on [1, n]: cheap Zipf-like skew
        return (int) Math.min(n - 1, Math.floor(Math.exp(r.nextDouble() * Math.log(n))) - 1);
    }

    private static void order(SplittableRandom r, int n, Consumer<OrderEvent> sink, boolean openOnly) {
        String idText = "O" + n;
        OrderId id = OrderId.of(idText);
        int v = 0;
        Instant placed = START.plusSeconds(r.nextInt(60 * 86400));
        double c = r.nextDouble();
        int ch = 0;
        for (double acc = CHANNEL_WEIGHTS[0]; c > acc && ch < CHANNELS.length - 1; acc += CHANNEL_WEIGHTS[++ch]) {
            // pick channel
        }
        Sku sku1 = SKUS[zipf(r, SKUS.length)];
        Sku sku2 = SKUS[zipf(r, SKUS.length)];
        if (sku2.equals(sku1)) {
            sku2 = SKUS[(zipf(r, SKUS.length) + 1) % SKUS.length];
        }
        int q1 = 1 + r.nextInt(3);
        int q2 = 1 + r.nextInt(2);
        List<LineSpec> lines = List.of(new LineSpec(LINES[0], sku1, q1, PRICE, new Money(1390, USD)),
                new LineSpec(LINES[1], sku2, q2, PRICE, new Money(990, USD)));
        Instant promise = placed.plusSeconds(86400L * (3 + r.nextInt(3)));
        sink.accept(new OrderPlaced(eid(idText, ++v), id, v, placed, CHANNELS[ch], null, idText, null, USD, null, null,
                null, promise, lines));
        Instant t = placed.plusSeconds(30 + r.nextInt(600));
        sink.accept(new OrderConfirmed(eid(idText, ++v), id, v, t));
        sink.accept(new PaymentAuthorized(eid(idText, ++v), id, v, t, PRICE.times(q1 + q2), "auth-" + idText));
        if (!openOnly && r.nextInt(20) == 0) {
            Initiator by = r.nextBoolean() ? Initiator.CUSTOMER : Initiator.MERCHANT;
            String reason = by == Initiator.CUSTOMER ? "customer_request" : "out_of_stock";
            Instant at = t.plusSeconds(r.nextInt(86400));
            sink.accept(new OrderCancelled(eid(idText, ++v), id, v, at, by, reason));
            sink.accept(new LineQuantityMoved(eid(idText, ++v), id, v, at, LINES[0], sku1, q1, Bucket.PENDING,
                    Bucket.CANCELLED, null, by, reason));
            sink.accept(new LineQuantityMoved(eid(idText, ++v), id, v, at, LINES[1], sku2, q2, Bucket.PENDING,
                    Bucket.CANCELLED, null, by, reason));
            return;
        }
        boolean backorder = r.nextInt(12) == 0;
        Instant alloc = t.plusSeconds(60);
        sink.accept(new LineQuantityMoved(eid(idText, ++v), id, v, alloc, LINES[0], sku1, q1, Bucket.PENDING,
                backorder ? Bucket.BACKORDERED : Bucket.ALLOCATED, null, null, backorder ? "out_of_stock" : null));
        sink.accept(new LineQuantityMoved(eid(idText, ++v), id, v, alloc, LINES[1], sku2, q2, Bucket.PENDING,
                Bucket.ALLOCATED, null, null, null));
        FulfillmentId fid = FulfillmentId.of("F1");
        LocationId loc = LOCATIONS[zipf(r, LOCATIONS.length)];
        sink.accept(new FulfillmentCreated(eid(idText, ++v), id, v, alloc, fid, loc, false,
                List.of(new FulfillmentLine(LINES[0], q1), new FulfillmentLine(LINES[1], q2)), null,
                null)); // null: the units moved by the LineQuantityMoved events above
        if (openOnly) {
            return;
        }
        Instant shipped = alloc.plusSeconds(3600 + r.nextInt((backorder ? 7 : 2) * 86400));
        sink.accept(new FulfillmentShipped(eid(idText, ++v), id, v, shipped, fid, loc,
                CARRIERS[r.nextInt(CARRIERS.length)], null,
                List.of(new ShippedLine(LINES[0], sku1, q1), new ShippedLine(LINES[1], sku2, q2)), r.nextInt(50) != 0,
                Bucket.ALLOCATED));
        if (r.nextInt(33) == 0) {
            return;
        }
        Instant delivered = shipped.plusSeconds(12 * 3600 + r.nextInt(4 * 86400));
        sink.accept(new FulfillmentDelivered(eid(idText, ++v), id, v, delivered, fid, loc, r.nextInt(100) == 0,
                List.of(new FulfillmentLine(LINES[0], q1), new FulfillmentLine(LINES[1], q2))));
        sink.accept(new PaymentCaptured(eid(idText, ++v), id, v, delivered, PRICE.times(q1 + q2), "cap-" + idText));
        sink.accept(new OrderCompleted(eid(idText, ++v), id, v, delivered));
        if (r.nextInt(12) == 0) {
            sink.accept(new ReturnReceived(eid(idText, ++v), id, v, delivered.plusSeconds(86400L * (2 + r.nextInt(20))),
                    ReturnId.of("R1"), loc, List.of(new ReturnedUnits(LINES[0], sku1, 1, "changed_mind"))));
        }
    }

    private static EventId eid(String order, int seq) {
        return new EventId(order + "/" + seq);
    }
}
