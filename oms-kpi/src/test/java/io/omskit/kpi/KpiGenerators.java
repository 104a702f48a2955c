package io.omskit.kpi;

import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderCancelled;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnedUnits;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
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
import java.util.Random;

/** The module's shared test generator: random orders as live domain events, covering every path the KPIs read. */
final class KpiGenerators {
    static final Instant BASE = Instant.parse("2024-02-25T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2024-04-10T00:00:00Z");
    private static final Currency USD = Currency.getInstance("USD");
    private static final String[] LOCATIONS = {"DC-EAST", "DC-WEST", "STORE-1"};
    private static final String[] CARRIERS = {"UPS", "DHL", null};
    private static final String[] REASONS = {"customer_request", "fraud_suspected", "out_of_stock", "other"};

    private KpiGenerators() {
    }

    /** Events of {@code orders} random orders, each order's events in causal order. */
    static List<OrderEvent> events(Random r, int orders) {
        List<OrderEvent> out = new ArrayList<>();
        for (int o = 0; o < orders; o++) {
            order(r, "O" + o, out);
        }
        return out;
    }

    private static void order(Random r, String idText, List<OrderEvent> out) {
        OrderId id = OrderId.of(idText);
        int[] seq = {0};
        Instant placed = BASE.plusSeconds(r.nextInt(40 * 86400));
        int nLines = 1 + r.nextInt(3);
        List<LineSpec> specs = new ArrayList<>();
        for (int l = 0; l < nLines; l++) {
            specs.add(new LineSpec(LineId.of("L" + l), Sku.of("SKU-" + r.nextInt(5)), 1 + r.nextInt(3),
                    new Money(1000, USD), r.nextBoolean() ? new Money(400 + r.nextInt(100), USD) : null));
        }
        Instant promise = r.nextInt(5) == 0 ? null : placed.plusSeconds(86400L * (1 + r.nextInt(6)));
        String channel = r.nextBoolean() ? "web" : r.nextBoolean() ? "app" : "store";
        out.add(new OrderPlaced(next(id, seq), id, seq[0], placed, new Channel(ChannelType.OTHER, channel), null,
                idText, null, USD, null, null, null, promise, specs));
        Instant t = placed;
        if (r.nextInt(10) == 0) {
            Initiator by = r.nextBoolean() ? Initiator.CUSTOMER : Initiator.MERCHANT;
            String reason = REASONS[r.nextInt(REASONS.length)];
            t = t.plusSeconds(600);
            out.add(new OrderCancelled(next(id, seq), id, seq[0], t, by, reason));
            for (LineSpec s : specs) {
                out.add(new LineQuantityMoved(next(id, seq), id, seq[0], t, s.lineId(), s.sku(), s.quantity(),
                        Bucket.PENDING, Bucket.CANCELLED, null, r.nextBoolean() ? by : null,
                        r.nextBoolean() ? reason : null));
            }
            return;
        }
        List<ShippedLine> ship1 = new ArrayList<>();
        List<ShippedLine> ship2 = new ArrayList<>();
        for (LineSpec s : specs) {
            int q = s.quantity();
            if (r.nextInt(5) == 0) {
                int bo = 1 + r.nextInt(q);
                out.add(new LineQuantityMoved(next(id, seq), id, seq[0], t.plusSeconds(60), s.lineId(), s.sku(), bo,
                        Bucket.PENDING, Bucket.BACKORDERED, null, null, "out_of_stock"));
            }
            if (r.nextInt(6) == 0) {
                int c = 1 + r.nextInt(q);
                q -= c;
                out.add(new LineQuantityMoved(next(id, seq), id, seq[0], t.plusSeconds(120 + r.nextInt(86400)),
                        s.lineId(), s.sku(), c, Bucket.PENDING, Bucket.CANCELLED, "cancellation",
                        r.nextBoolean() ? Initiator.CUSTOMER : Initiator.MERCHANT, REASONS[r.nextInt(REASONS.length)]));
            }
            if (q > 0) {
                Sku sku = r.nextInt(15) == 0 ? Sku.of("SKU-WRONG") : s.sku();
                int shipped = r.nextInt(15) == 0 ? q + 1 : q;
                (r.nextInt(3) == 0 ? ship2 : ship1).add(new ShippedLine(s.lineId(), sku, shipped));
            }
        }
        int f = 0;
        for (List<ShippedLine> lines : List.of(ship1, ship2)) {
            if (lines.isEmpty()) {
                continue;
            }
            FulfillmentId fid = FulfillmentId.of("F" + f++);
            LocationId loc = LocationId.of(LOCATIONS[r.nextInt(LOCATIONS.length)]);
            Instant shippedAt = t.plusSeconds(3600 + r.nextInt(5 * 86400));
            if (r.nextInt(8) == 0) {
                // a store pickup
                List<FulfillmentLine> fl = new ArrayList<>();
                for (ShippedLine sl : lines) {
                    fl.add(new FulfillmentLine(sl.lineId(), sl.quantity()));
                }
                out.add(new FulfillmentCreated(next(id, seq), id, seq[0], t.plusSeconds(60), fid, loc, true, fl, null,
                        Bucket.PENDING));
                out.add(new FulfillmentStateChanged(next(id, seq), id, seq[0], shippedAt, fid, loc, "PACKED",
                        FulfillmentStatus.PACKED, "READY_FOR_PICKUP", FulfillmentStatus.READY_FOR_PICKUP, null, fl));
                if (r.nextInt(5) != 0) {
                    out.add(new FulfillmentStateChanged(next(id, seq), id, seq[0], shippedAt.plusSeconds(r.nextInt(86400)),
                            fid, loc, "READY_FOR_PICKUP", FulfillmentStatus.READY_FOR_PICKUP, "PICKED_UP",
                            FulfillmentStatus.PICKED_UP, null, fl));
                }
                continue;
            }
            out.add(new FulfillmentShipped(next(id, seq), id, seq[0], shippedAt, fid, loc,
                    CARRIERS[r.nextInt(CARRIERS.length)], null, lines, r.nextInt(20) != 0, null));
            int fate = r.nextInt(12);
            if (fate == 0) {
                out.add(new LineQuantityMoved(next(id, seq), id, seq[0], shippedAt.plusSeconds(10 * 86400),
                        lines.get(0).lineId(), lines.get(0).sku(), lines.get(0).quantity(), Bucket.SHIPPED,
                        Bucket.LOST, fid.value(), null, null));
            } else if (fate != 1) {
                Instant deliveredAt = shippedAt.plusSeconds(3600 + r.nextInt(6 * 86400));
                List<FulfillmentLine> delivered = new ArrayList<>();
                for (ShippedLine sl : lines) {
                    delivered.add(new FulfillmentLine(sl.lineId(), sl.quantity()));
                }
                out.add(new FulfillmentDelivered(next(id, seq), id, seq[0], deliveredAt, fid, loc, r.nextInt(20) == 0,
                        delivered));
                if (r.nextInt(5) == 0) {
                    ShippedLine sl = lines.get(0);
                    out.add(new ReturnReceived(next(id, seq), id, seq[0], deliveredAt.plusSeconds(r.nextInt(30 * 86400)),
                            ReturnId.of("R" + f), loc, List.of(new ReturnedUnits(sl.lineId(), sl.sku(),
                                    1 + r.nextInt(sl.quantity() + 1), "changed_mind"))));
                }
            }
        }
    }

    private static EventId next(OrderId id, int[] seq) {
        seq[0]++;
        return EventId.of(id.value() + "/" + seq[0]);
    }
}
