package io.omskit.examples.demo;

import io.omskit.core.CapturePolicy;
import io.omskit.core.CommandRejectedException;
import io.omskit.core.EngineConfig;
import io.omskit.core.Oms;
import io.omskit.core.OrderCommand;
import io.omskit.core.OrderService;
import io.omskit.core.OrderViews;
import io.omskit.core.PlaceOrder;
import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.core.memory.InMemoryOrderStore;
import io.omskit.core.memory.RuleBasedFraudScreener;
import io.omskit.core.memory.SimulatedCarrier;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.routing.Router;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.Hold;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnLine;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.StockLevel;
import io.omskit.spi.port.TrackingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The demo: a simulated omnichannel retailer (3 warehouses, 6 stores, 4 channels) whose orders go through
 * the whole journey on the omskit engine with the in-memory adapters and the {@code min_cost} router, with
 * a realistic mix of declines, fraud reviews, backorders, cancellations, split shipments, ship-from-store,
 * pickups, failed deliveries, lost parcels, returns and exchanges. Deterministic for a seed: time comes from a simulated
 * clock and every choice from one seeded {@link Random}.
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class DemoScenario {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant START = Instant.parse("2026-03-02T14:00:00Z");

    private final int orderCount;
    private final Random random;
    private final DemoClock clock = new DemoClock(START);
    private final OrderStore orders;
    private final InventoryStore inventory;
    private final SimulatedPaymentGateway payments = new SimulatedPaymentGateway();
    private final SimulatedCarrier carrier;
    private final OrderService oms;
    private final double[] zipf = Retailer.zipfCumulative();
    private final List<OrderId> placed = new ArrayList<>();
    private final List<OrderId> backordered = new ArrayList<>();
    private final Map<Sku, Long> initial = new TreeMap<>();
    private final Map<Sku, Long> replenished = new TreeMap<>();
    private final Map<String, Integer> actions = new LinkedHashMap<>();
    private final List<String> unexpected = new ArrayList<>();
    private Instant latest = START;
    private double plannedShippingCost;
    private int routedOrders;
    private int replenishments;
    private RoutingPlan explainedPlan;
    private OrderId explainedOrder;

    /**
     * A scenario of {@code orderCount} orders drawn with {@code seed}.
     */
    public DemoScenario(int orderCount, long seed) {
        this(orderCount, seed, new InMemoryOrderStore(), new InMemoryInventoryStore());
    }

    /**
     * A scenario of {@code orderCount} orders drawn with {@code seed} whose orders and stock live in the given,
     * empty stores (a database: {@code omskit demo --db}). An in-memory inventory gets its initial stock with
     * {@code setOnHand}; any other with {@code restock} (operation ids {@code initial-<location>-<sku>}).
     */
    public DemoScenario(int orderCount, long seed, OrderStore orders, InventoryStore inventory) {
        this.orders = java.util.Objects.requireNonNull(orders, "orders");
        this.inventory = java.util.Objects.requireNonNull(inventory, "inventory");
        if (orderCount < 1) {
            throw new IllegalArgumentException("orders must be at least 1, was " + orderCount);
        }
        this.orderCount = orderCount;
        this.random = new Random(seed);
        // about 3% of authorizations are declined: a deterministic rule on the order id
        payments.declineWhen((id, amount) -> Math.floorMod(id.value().hashCode() * 31 + 7, 100) < 3, "insufficient_funds");
        this.carrier = SimulatedCarrier.builder(clock)
                .failDeliveryWhen(r -> Math.floorMod(r.fulfillmentId().value().hashCode() + r.orderId().value().hashCode(), 100) < 3)
                .build();
        RuleBasedFraudScreener fraud = RuleBasedFraudScreener.builder()
                .reviewAbove(Money.ofMinor(45_000, "USD"))
                .rejectAbove(Money.ofMinor(150_000, "USD"))
                .velocity(4, Duration.ofDays(1))
                .build();
        for (Location location : Retailer.LOCATIONS) {
            for (int i = 0; i < Retailer.SKU_COUNT; i++) {
                int n = Retailer.initialStock(location, i);
                if (n > 0 && inventory instanceof InMemoryInventoryStore memory) {
                    memory.setOnHand(location.id(), Retailer.sku(i), n);
                    initial.merge(Retailer.sku(i), (long) n, Long::sum);
                } else if (n > 0) {
                    inventory.restock("initial-" + location.id().value() + "-" + Retailer.sku(i).value(), location.id(),
                            Retailer.sku(i), n);
                    initial.merge(Retailer.sku(i), (long) n, Long::sum);
                }
            }
        }
        this.oms = Oms.builder()
                .clock(clock)
                .orders(orders)
                .inventory(inventory)
                .locations(StaticLocationDirectory.of(Retailer.LOCATIONS))
                .payments(payments)
                .fraud(fraud)
                .carriers(carrier)
                .router(Router.standard())
                .config(EngineConfig.defaults().withCapturePolicy(CapturePolicy.AT_SHIPMENT).withRoutingStrategy("min_cost"))
                .build();
    }

    /** Runs the scenario; {@code progress} is called with the number of orders done so far. */
    public DemoResult run(IntConsumer progress) {
        Instant arrival = START;
        for (int i = 1; i <= orderCount; i++) {
            // orders arrive every few minutes; each one's journey then runs on its own time line
            arrival = arrival.plus(Duration.ofMinutes(2 + random.nextInt(9)));
            clock.set(arrival);
            OrderId id = OrderId.of(String.format("ORD-%05d", i));
            try {
                journey(id);
            } catch (CommandRejectedException e) {
                unexpected.add(id + ": " + e.getMessage());
            }
            latest = latest.isAfter(clock.instant()) ? latest : clock.instant();
            if (i % 250 == 0 || i == orderCount) {
                replenishAndFill();
                progress.accept(i);
            }
        }
        replenishAndFill();
        return result();
    }

    // =========================================================================================== the journey

    private void journey(OrderId id) {
        PlaceOrder request = newOrder(id);
        OrderSnapshot order = oms.place(request);
        placed.add(id);
        if (random.nextInt(100) < 2) {
            // the channel sent the same order twice: capture is idempotent
            oms.place(request);
            count("duplicate captures answered with the original");
        }
        order = oms.verify(id);
        if (order.status() == OrderStatus.REJECTED) {
            count(order.fraud() != null && order.fraud().decision() == io.omskit.spi.model.FraudDecision.REJECT
                    ? "rejected by fraud screen" : "payment declined");
            return;
        }
        for (Hold hold : order.holds()) {
            if (random.nextInt(100) < 70) {
                order = oms.releaseHold(id, hold.id(), "risk-team");
                count("fraud reviews released");
            } else {
                oms.cancel(id, Initiator.MERCHANT, "fraud_suspected");
                count("fraud reviews rejected (cancelled)");
                return;
            }
        }
        if (random.nextInt(100) < 3) {
            oms.cancel(id, Initiator.CUSTOMER, "customer_request");
            count("whole orders cancelled by the customer");
            return;
        }
        clock.advance(Duration.ofMinutes(5));
        RoutingPlan plan = oms.previewRouting(id);
        plannedShippingCost += plan.cost().total();
        routedOrders++;
        if (explainedPlan == null && plan.shipments() > 1) {
            explainedPlan = plan;
            explainedOrder = id;
        }
        order = oms.route(id);
        if (order.units(Bucket.BACKORDERED) > 0) {
            backordered.add(id);
            count("orders with backordered units");
        }
        maybeCancelPart(id, order);
        fulfilAll(id);
        afterDelivery(id);
    }

    private PlaceOrder newOrder(OrderId id) {
        int c = random.nextInt(100);
        ChannelType channel = c < 45 ? ChannelType.WEB : c < 70 ? ChannelType.APP : c < 85 ? ChannelType.STORE
                : ChannelType.MARKETPLACE;
        int customer = random.nextInt(600);
        Retailer.City city = Retailer.CITIES.get(customer % Retailer.CITIES.size());
        GeoPoint position = new GeoPoint(city.lat() + (random.nextDouble() - 0.5) * 0.4,
                city.lon() + (random.nextDouble() - 0.5) * 0.4);
        Address shipTo = new Address("Customer " + customer, customer + " Main St", null, city.name(), null,
                city.postalCode(), "US", position);
        Address billTo = random.nextInt(100) < 3
                ? new Address("Customer " + customer, "1 Other Rd", null, "Elsewhere", null, "99999", "US", null)
                : shipTo;
        LocationId pickup = null;
        if ((channel == ChannelType.WEB || channel == ChannelType.APP) && random.nextInt(100) < 10
                || channel == ChannelType.STORE && random.nextInt(100) < 40) {
            pickup = nearestStore(position);
            shipTo = null;
        }
        int lineCount = 1 + (random.nextInt(100) < 40 ? 1 : 0) + (random.nextInt(100) < 15 ? 1 : 0);
        List<LineSpec> lines = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (int l = 0; l < lineCount; l++) {
            int sku = drawSku();
            if (used.contains(sku)) {
                continue;
            }
            used.add(sku);
            int qty = 1 + (random.nextInt(100) < 30 ? 1 + random.nextInt(3) : 0);
            lines.add(new LineSpec(LineId.of(id.value() + "-L" + (lines.size() + 1)), Retailer.sku(sku), qty,
                    Retailer.price(sku), Retailer.cost(sku)));
        }
        Instant promised = clock.instant().plus(Duration.ofDays(5));
        String external = channel.name().toLowerCase(java.util.Locale.ROOT) + "-" + (100_000 + placed.size());
        return new PlaceOrder(id, Channel.of(channel), external, null, CustomerId.of("C" + customer), USD, shipTo,
                pickup == null ? billTo : null, pickup, promised, lines);
    }

    private int drawSku() {
        double u = random.nextDouble();
        for (int i = 0; i < zipf.length; i++) {
            if (u <= zipf[i]) {
                return i;
            }
        }
        return zipf.length - 1;
    }

    private static LocationId nearestStore(GeoPoint p) {
        LocationId best = null;
        double bestKm = Double.MAX_VALUE;
        for (Location l : Retailer.LOCATIONS) {
            if (l.pickup() && l.position().distanceKm(p) < bestKm) {
                bestKm = l.position().distanceKm(p);
                best = l.id();
            }
        }
        return best;
    }

    private void maybeCancelPart(OrderId id, OrderSnapshot order) {
        if (random.nextInt(100) >= 6) {
            return;
        }
        for (OrderLine line : order.lines()) {
            int open = line.in(Bucket.BACKORDERED) + line.in(Bucket.PENDING) + line.in(Bucket.ALLOCATED);
            if (line.quantity() >= 2 && open >= 1) {
                oms.cancelLine(id, line.id(), 1, Initiator.CUSTOMER, "customer_request");
                count("partial cancellations (1 unit of a line)");
                return;
            }
        }
    }

    /** Drives every PLANNED fulfillment of the order to delivery or pickup. */
    private void fulfilAll(OrderId id) {
        OrderSnapshot order = oms.get(id);
        for (Fulfillment f : order.fulfillments()) {
            if (f.status() == FulfillmentStatus.PLANNED) {
                fulfil(id, f.id());
            }
        }
    }

    private void fulfil(OrderId id, FulfillmentId fid) {
        clock.advance(Duration.ofMinutes(30));
        OrderSnapshot order = oms.release(id, fid);
        Fulfillment f = order.fulfillment(fid).orElseThrow();
        List<FulfillmentLine> picked = List.of();
        if (f.units() >= 2 && random.nextInt(100) < 3) {
            // a short pick: one unit of the first line was not on the shelf
            List<FulfillmentLine> fewer = new ArrayList<>();
            boolean shorted = false;
            for (FulfillmentLine l : f.lines()) {
                if (!shorted && l.quantity() >= 2) {
                    fewer.add(new FulfillmentLine(l.lineId(), l.quantity() - 1));
                    shorted = true;
                } else {
                    fewer.add(l);
                }
            }
            if (shorted) {
                picked = fewer;
                count("short picks (rest backordered)");
                if (!backordered.contains(id)) {
                    backordered.add(id);
                }
            }
        }
        clock.advance(Duration.ofHours(2));
        oms.pick(id, fid, picked);
        oms.pack(id, fid);
        if (f.pickup()) {
            clock.advance(Duration.ofHours(3));
            oms.readyForPickup(id, fid);
            clock.advance(Duration.ofHours(20));
            oms.pickedUp(id, fid);
            count("store pickups");
            return;
        }
        if (isStore(f.location())) {
            count("ship-from-store shipments");
        }
        clock.advance(Duration.ofHours(4));
        order = oms.ship(id, fid);
        String tracking = order.fulfillment(fid).orElseThrow().trackingNumber();
        clock.advance(Duration.ofDays(3));
        boolean failed = false;
        for (TrackingEvent event : carrier.trackingEvents(tracking)) {
            oms.recordTracking(id, fid, event);
            if (event.status() == io.omskit.spi.port.TrackingStatus.DELIVERY_FAILED && !failed) {
                oms.failDelivery(id, fid, "recipient_absent");
                failed = true;
            }
        }
        if (failed && random.nextInt(4) == 0) {
            // the parcel never reaches the depot again: written off (the shop would send a replacement order)
            clock.advance(Duration.ofDays(10));
            oms.declareLost(id, fid, "no_scan_after_failed_delivery");
            count("parcels lost after a failed delivery (written off)");
            return;
        }
        if (failed) {
            count("failed deliveries (redelivered)");
        }
        // a replayed carrier webhook is recognised by its event id
        List<TrackingEvent> events = carrier.trackingEvents(tracking);
        if (!events.isEmpty()) {
            oms.recordTracking(id, fid, events.get(0));
        }
        clock.advance(Duration.ofDays(failed ? 2 : 0));
        oms.deliver(id, fid, random.nextInt(100) < 2);
    }

    private static boolean isStore(LocationId id) {
        return id.value().startsWith("ST-");
    }

    private void afterDelivery(OrderId id) {
        OrderSnapshot order = oms.get(id);
        OrderLine delivered = null;
        Fulfillment from = null;
        for (Fulfillment f : order.fulfillments()) {
            if (f.status() == FulfillmentStatus.DELIVERED || f.status() == FulfillmentStatus.PICKED_UP) {
                from = f;
                delivered = order.line(f.lines().get(0).lineId()).orElseThrow();
                break;
            }
        }
        if (delivered == null || delivered.in(Bucket.DELIVERED) + delivered.in(Bucket.PICKED_UP) == 0) {
            return;
        }
        int r = random.nextInt(100);
        if (r < 9) {
            ReturnId rid = ReturnId.of("R1");
            String reason = r < 3 ? "wrong_size" : r < 6 ? "changed_mind" : "defective";
            clock.advance(Duration.ofDays(2));
            oms.requestReturn(id, rid, List.of(new OrderCommand.ReturnItem(delivered.id(), 1, reason)));
            oms.approveReturn(id, rid);
            clock.advance(Duration.ofDays(3));
            oms.receiveReturn(id, rid, from.location(), List.of(new OrderCommand.ReceivedItem(delivered.id(), 1)));
            boolean sellable = !reason.equals("defective");
            oms.inspectReturn(id, rid, delivered.id(), InspectionResult.ACCEPTED,
                    sellable ? Disposition.RESTOCK : Disposition.UNSELLABLE);
            oms.closeReturn(id, rid, Resolution.REFUND);
            count(sellable ? "returns refunded and restocked" : "returns refunded, written off (defective)");
        } else if (r < 11) {
            ReturnId rid = ReturnId.of("X1");
            clock.advance(Duration.ofDays(2));
            LineSpec spec = delivered.spec();
            // half the exchanges are for another size (the same SKU and price), half for the next model at its own
            // price: the customer pays the difference at once, or gets it back when the return is closed
            boolean otherModel = r == 10;
            int model = (Integer.parseInt(spec.sku().value().substring("SKU-".length())) % Retailer.SKU_COUNT);
            LineSpec replacement = otherModel
                    ? new LineSpec(LineId.of(id.value() + "-X1"), Retailer.sku(model), 1, Retailer.price(model),
                            Retailer.cost(model))
                    : new LineSpec(LineId.of(id.value() + "-X1"), spec.sku(), 1, spec.unitPrice(), spec.unitCost());
            oms.exchange(id, rid, List.of(new OrderCommand.ReturnItem(delivered.id(), 1, otherModel ? "changed_mind"
                    : "wrong_size")), List.of(replacement));
            oms.approveReturn(id, rid);
            OrderSnapshot order2 = oms.route(id);
            if (order2.units(Bucket.BACKORDERED) > 0 && !backordered.contains(id)) {
                backordered.add(id);
            }
            fulfilAll(id);
            clock.advance(Duration.ofDays(3));
            oms.receiveReturn(id, rid, from.location(), List.of(new OrderCommand.ReceivedItem(delivered.id(), 1)));
            oms.inspectReturn(id, rid, delivered.id(), InspectionResult.ACCEPTED, Disposition.RESTOCK);
            oms.closeReturn(id, rid, Resolution.EXCHANGE);
            count("exchanges (return + replacement line)");
            if (otherModel) {
                int cmp = replacement.unitPrice().compareTo(spec.unitPrice());
                count(cmp > 0 ? "exchanges for a dearer model (difference charged)"
                        : cmp < 0 ? "exchanges for a cheaper model (difference refunded)" : "exchanges at the same price");
            }
        }
    }

    /** A supplier delivery to the warehouses for every backordered SKU, then the backorders are filled. */
    private void replenishAndFill() {
        if (backordered.isEmpty()) {
            return;
        }
        replenishments++;
        // the supplier delivers a day after the latest event so far: every backorder is older than the fill
        Instant delivery = latest.plus(Duration.ofDays(1));
        clock.set(delivery);
        Map<LocationId, Map<Sku, Integer>> short_ = new TreeMap<>();
        for (OrderId id : backordered) {
            OrderSnapshot o = oms.get(id);
            // pickup orders can only be filled at their store; the rest from the east-coast warehouse
            LocationId at = o.pickupLocation() != null ? o.pickupLocation() : LocationId.of("DC-NJ");
            for (OrderLine line : o.lines()) {
                if (line.in(Bucket.BACKORDERED) > 0) {
                    short_.computeIfAbsent(at, k -> new TreeMap<>()).merge(line.sku(), line.in(Bucket.BACKORDERED), Integer::sum);
                }
            }
        }
        short_.forEach((at, skus) -> skus.forEach((sku, units) -> {
            int qty = units + (at.value().startsWith("DC-") ? 10 : 0);
            inventory.restock("replenish-" + replenishments + "-" + at.value() + "-" + sku.value(), at, sku, qty);
            replenished.merge(sku, (long) qty, Long::sum);
        }));
        List<OrderId> waiting = new ArrayList<>(backordered);
        backordered.clear();
        Instant reached = delivery;
        for (OrderId id : waiting) {
            clock.set(delivery); // every waiting order is filled from this delivery, on its own time line
            OrderSnapshot order = oms.get(id);
            if (order.status() != OrderStatus.CONFIRMED || order.units(Bucket.BACKORDERED) == 0) {
                continue;
            }
            try {
                int before = order.units(Bucket.BACKORDERED);
                order = oms.fillBackorders(id);
                if (order.units(Bucket.BACKORDERED) < before) {
                    count("orders whose backorders were filled after replenishment");
                }
                if (order.units(Bucket.BACKORDERED) > 0) {
                    backordered.add(id);
                }
                fulfilAll(id);
                reached = reached.isAfter(clock.instant()) ? reached : clock.instant();
            } catch (CommandRejectedException e) {
                unexpected.add(id + ": " + e.getMessage());
            }
        }
        latest = reached;
    }

    private void count(String what) {
        actions.merge(what, 1, Integer::sum);
    }

    // =========================================================================================== the result

    private DemoResult result() {
        Map<OrderStatus, Integer> byStatus = new EnumMap<>(OrderStatus.class);
        Map<Bucket, Long> units = new EnumMap<>(Bucket.class);
        Map<Sku, Long> shipped = new TreeMap<>();
        Map<Sku, Long> restocked = new TreeMap<>();
        long reservedByOrders = 0;
        int shippedOrders = 0;
        int splitOrders = 0;
        long shipments = 0;
        List<String> inconsistent = new ArrayList<>();
        OrderId storyOrder = null;
        List<OrderEvent> allEvents = new ArrayList<>();
        for (OrderId id : placed) {
            OrderSnapshot o = oms.get(id);
            byStatus.merge(o.status(), 1, Integer::sum);
            for (OrderLine line : o.lines()) {
                line.buckets().asMap().forEach((b, n) -> units.merge(b, (long) n, Long::sum));
                reservedByOrders += line.in(Bucket.ALLOCATED) + line.in(Bucket.RELEASED) + line.in(Bucket.PICKED)
                        + line.in(Bucket.PACKED) + line.in(Bucket.READY_FOR_PICKUP);
            }
            int sent = 0;
            for (Fulfillment f : o.fulfillments()) {
                if (f.shippedAt() != null || f.status() == FulfillmentStatus.PICKED_UP) {
                    sent++;
                }
            }
            if (sent > 0) {
                shippedOrders++;
                shipments += sent;
                if (sent > 1) {
                    splitOrders++;
                }
            }
            Money authorized = OrderViews.authorized(o);
            Money captured = OrderViews.captured(o);
            Money refunded = OrderViews.refunded(o);
            if (captured.compareTo(authorized) > 0 || refunded.compareTo(captured) > 0) {
                inconsistent.add(id + ": captured " + captured + ", authorized " + authorized + ", refunded " + refunded);
            }
            List<OrderEvent> history = oms.history(id);
            allEvents.addAll(history);
            for (OrderEvent e : history) {
                if (e instanceof FulfillmentShipped s) {
                    for (ShippedLine l : s.lines()) {
                        shipped.merge(l.sku(), (long) l.quantity(), Long::sum);
                    }
                } else if (e instanceof FulfillmentStateChanged c && c.toStatus() == FulfillmentStatus.PICKED_UP) {
                    Fulfillment f = o.fulfillment(c.fulfillmentId()).orElseThrow();
                    for (FulfillmentLine l : f.lines()) {
                        shipped.merge(o.line(l.lineId()).orElseThrow().sku(), (long) l.quantity(), Long::sum);
                    }
                } else if (e instanceof ReturnInspected ri && ri.disposition() == Disposition.RESTOCK
                        && ri.result() == InspectionResult.ACCEPTED) {
                    OrderReturn r = o.orderReturn(ri.returnId()).orElseThrow();
                    for (ReturnLine rl : r.lines()) {
                        if (rl.lineId().equals(ri.lineId())) {
                            restocked.merge(o.line(rl.lineId()).orElseThrow().sku(), (long) rl.received(), Long::sum);
                        }
                    }
                }
            }
            if (storyOrder == null && sent > 1 && !o.returns().isEmpty() && o.units(Bucket.CANCELLED) > 0) {
                storyOrder = id;
            }
        }
        if (storyOrder == null) {
            storyOrder = pickStory();
        }
        // stock: per SKU, initial + replenished + restocked returns = on hand + shipped
        Map<Sku, Long> onHand = new TreeMap<>();
        long reservedInStore = 0;
        long oversold = 0;
        for (Location l : Retailer.LOCATIONS) {
            for (int i = 0; i < Retailer.SKU_COUNT; i++) {
                StockLevel level = inventory.level(l.id(), Retailer.sku(i));
                onHand.merge(Retailer.sku(i), (long) level.onHand(), Long::sum);
                reservedInStore += level.reserved();
                oversold += Math.max(0, level.reserved() - level.onHand());
            }
        }
        List<String> conservation = new ArrayList<>();
        for (int i = 0; i < Retailer.SKU_COUNT; i++) {
            Sku sku = Retailer.sku(i);
            long in = initial.getOrDefault(sku, 0L) + replenished.getOrDefault(sku, 0L) + restocked.getOrDefault(sku, 0L);
            long out = onHand.getOrDefault(sku, 0L) + shipped.getOrDefault(sku, 0L);
            if (in != out) {
                conservation.add(sku + ": initial+replenished+restocked " + in + " != on hand+shipped " + out);
            }
        }
        if (reservedInStore != reservedByOrders) {
            conservation.add("reserved in the inventory store " + reservedInStore + " != units orders hold allocated "
                    + reservedByOrders);
        }
        SimulatedPaymentGateway.Totals money = payments.totals(USD);
        return new DemoResult(placed.size(), byStatus, units, sum(initial), sum(replenished), sum(restocked),
                sum(onHand), sum(shipped), reservedInStore, oversold, conservation, inconsistent, money.authorized(),
                money.captured(), money.refunded(), money.voided(), shippedOrders, shipments, splitOrders,
                routedOrders == 0 ? 0 : plannedShippingCost / routedOrders, carrier.labelCount(),
                explainedOrder, explainedPlan, storyOrder, storyOrder == null ? List.of() : oms.history(storyOrder),
                Map.copyOf(actions), List.copyOf(unexpected), allEvents);
    }

    private OrderId pickStory() {
        for (OrderId id : placed) {
            OrderSnapshot o = oms.get(id);
            if (o.fulfillments().size() > 1 && !o.returns().isEmpty()) {
                return id;
            }
        }
        return placed.isEmpty() ? null : placed.get(0);
    }

    private static long sum(Map<Sku, Long> m) {
        long s = 0;
        for (long v : m.values()) {
            s += v;
        }
        return s;
    }

    /** The engine, for tests that look further. */
    OrderService engine() {
        return oms;
    }

    /** The inventory, for tests (of the in-memory scenario). */
    InMemoryInventoryStore inventory() {
        return (InMemoryInventoryStore) inventory;
    }

    /** Counts per placed order id, for tests. */
    Map<String, Integer> actions() {
        return new HashMap<>(actions);
    }
}
