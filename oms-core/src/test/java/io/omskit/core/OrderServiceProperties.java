package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.core.memory.InMemoryOrderStore;
import io.omskit.core.memory.RuleBasedFraudScreener;
import io.omskit.core.memory.SimulatedCarrier;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.ProviderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.PaymentRefunded;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnedUnits;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Balance;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.Hold;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
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
import io.omskit.spi.model.TransactionType;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationType;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import io.omskit.spi.port.StockLevel;
import io.omskit.spi.port.TrackingEvent;
import io.omskit.spi.port.TrackingStatus;
import io.omskit.spi.tck.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * A stateful QuickTheories property of the whole engine: a random network (2 to 4 locations, 3 to 6 SKUs,
 * random stock, some stores taking pickups) wired on the in-memory adapters, then random sequences of public
 * {@link OrderService} calls over several orders, sensible and nonsensical mixed, made by either of two engine
 * instances on the same adapters, with payment declines, provider failures (before or after the provider applied the
 * call) and crashes of any other port injected; after a crash the host resumes the order at once or goes on and
 * resumes it later. After every call the invariants are checked: every call returns or throws an
 * {@link OmsException}; stock conserved per SKU (added + restocked = on hand + units gone out) and never oversold;
 * each fulfillment's reservation holding exactly its units in work, the stock reserved per location and SKU equal to
 * the orders' units in work there; the provider's money equal to the ledgers (nothing moved twice), captured at most
 * authorized, refunded at most captured, no credit left owing; per order, bucket sums equal to line quantities,
 * versions rising by one per accepted command, the stored snapshot the fold of the stored events, and the listener
 * seeing each event once; a refused call, and a repeat of an idempotent call, changing nothing (but the answers of
 * payment requests pending before it).
 *
 * <p>At the end of each sequence every order is driven to its end with sensible calls only (stock added where units
 * wait for it; a card declined for an order the host confirmed is changed, and the host asks again with
 * {@code retryAuthorization}, as it does for a replacement kept beyond the goods returned or a dearer replacement
 * whose difference was declined, and when a route or a release left replacement units waiting for the money their
 * order owes): an order that a call cannot move on is stuck, a failure. Exchanges replace goods at their price,
 * dearer or cheaper. Each network draws the engine's {@link EngineConfig#routeWhileOwed} setting.
 *
 * <p>Reproducible: a fixed seed (20261127) by default, printed with any failure; {@code -Domskit.qt.seed=N} runs
 * another one and {@code -Domskit.qt.examples=N} changes the number of sequences.
 */
class OrderServiceProperties {

    private static final int SEQUENCES = Integer.getInteger("omskit.qt.examples", 300);
    private static final long SEED = Long.getLong("omskit.qt.seed", 20261127L);
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final GeoPoint CUSTOMER = new GeoPoint(40.71, -74.0);
    private static final LocationId UNKNOWN_LOCATION = LocationId.of("nowhere");
    /** The calls that are idempotent: a repeat right after one went through changes nothing. */
    private static final Set<String> IDEMPOTENT = Set.of("placeAgain", "verify", "route", "ship",
            "recordTracking", "deliver", "declareLost", "pickedUp", "cancel", "requestReturn", "exchange", "resume",
            "closeReturn", "fillBackorders");
    /** The events of completing a pending payment request (and of what its answer may settle). */
    private static final Set<String> COMPLETION_EVENTS = Set.of("PaymentRequestCompleted", "PaymentAuthorized",
            "PaymentDeclined", "PaymentCaptured", "PaymentVoided", "PaymentRefunded", "OrderStateChanged",
            "OrderCompleted");

    /**
     * The network: {@code stock} holds locations x SKUs initial units, row by row; {@code routeWhileOwed} the
     * engine's setting ({@link EngineConfig#routeWhileOwed}).
     */
    record Net(int locations, int skus, List<Integer> stock, List<Boolean> pickup, boolean atShipment,
               boolean routeWhileOwed) {
        @Override
        public String toString() {
            return "Net[" + locations + " locations, " + skus + " skus, stock " + stock + ", pickup " + pickup
                    + (atShipment ? ", capture at shipment" : ", capture at confirmation")
                    + (routeWhileOwed ? ", routes while owed" : "") + "]";
        }
    }

    /** One call, as small integers interpreted against the state of the moment. */
    record Step(int kind, int a, int b, int c) {
        @Override
        public String toString() {
            return "(" + kind + "," + a + "," + b + "," + c + ")";
        }
    }

    record Scenario(Net net, List<Step> steps) {
    }

    static Gen<Net> nets() {
        return integers().between(2, 4).zip(integers().between(3, 6), booleans().all(), booleans().all(),
                (l, s, policy, owed) -> new int[] {l, s, policy ? 1 : 0, owed ? 1 : 0})
                .flatMap(ls -> lists().of(integers().between(0, 6)).ofSize(ls[0] * ls[1])
                        .zip(lists().of(booleans().all()).ofSize(ls[0]),
                                (stock, pickup) -> new Net(ls[0], ls[1], stock, pickup, ls[2] == 1, ls[3] == 1)));
    }

    /** Step kinds: below 40 a call of a given kind (sensible or not), from 40 the next sensible call of an order. */
    static final int KINDS = 64;

    static Gen<Step> steps() {
        Gen<Integer> small = integers().between(0, 999);
        return integers().between(0, KINDS - 1).zip(small, small, small, Step::new);
    }

    static Gen<Scenario> scenarios() {
        return nets().zip(lists().of(steps()).ofSizeBetween(20, 60), Scenario::new);
    }

    private static QuickTheory theory(int examples) {
        return qt().withFixedSeed(SEED).withExamples(examples).withShrinkCycles(200);
    }

    /** Counts over a whole property run. Thread-safe. */
    static final class Stats {
        final AtomicLong sequences = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong faults = new AtomicLong();
        final Map<String, AtomicLong> okByKind = new ConcurrentHashMap<>();
        final Set<OrderStatus> statuses = ConcurrentHashMap.newKeySet();
        final Set<FulfillmentStatus> fulfillmentStatuses = ConcurrentHashMap.newKeySet();

        @Override
        public String toString() {
            return "sequences=" + sequences + " calls=" + calls + " ok=" + ok + " refused=" + refused + " faults="
                    + faults + " statuses=" + statuses + " fulfillments=" + fulfillmentStatuses + " okByKind="
                    + new TreeMap<>(okByKind);
        }
    }

    @Test
    @DisplayName("random sequences of engine calls over several orders keep every global invariant after every call")
    void randomEngineCalls_afterEveryCall_keepGlobalInvariants() {
        Stats stats = new Stats();
        long start = System.nanoTime();
        try {
            theory(SEQUENCES + SEQUENCES / 50).forAll(scenarios())
                    .checkAssert(scenario -> new World(scenario, stats).run());
        } catch (AssertionError e) {
            throw new AssertionError("seed " + SEED + " (replay with -Domskit.qt.seed=" + SEED + ")\n"
                    + e.getMessage(), e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("OrderServiceProperties: " + stats + " in " + millis + " ms");
        assertThat(stats.sequences.get()).isGreaterThanOrEqualTo(SEQUENCES);
        // the sequences must reach deep into the journey, else the invariants were cheap
        assertThat(stats.statuses).as("%s", stats).contains(OrderStatus.CONFIRMED, OrderStatus.COMPLETED,
                OrderStatus.CANCELLED, OrderStatus.REJECTED, OrderStatus.IN_REVIEW);
        assertThat(stats.fulfillmentStatuses).as("%s", stats).contains(FulfillmentStatus.SHIPPED,
                FulfillmentStatus.DELIVERED, FulfillmentStatus.PICKED_UP, FulfillmentStatus.LOST,
                FulfillmentStatus.CANCELLED);
        assertThat(stats.okByKind.keySet()).as("%s", stats).contains("ship", "deliver", "receiveReturn",
                "inspectReturn", "closeReturn", "fillBackorders", "exchange", "cancelLine", "resume");
    }

    // ================================================================================================ the world

    /** Thrown by an injected crash of a port call; stands for a process crash or a lost connection. */
    static final class InjectedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedCrash(String where) {
            super("injected crash at " + where);
        }
    }

    /** One scenario: the adapters, the engine, the model of what the test did, and the checks. */
    static final class World {
        final Scenario scenario;
        final Stats stats;
        final ManualClock clock = ManualClock.at(T0);
        final InMemoryOrderStore orders = new InMemoryOrderStore();
        final InMemoryInventoryStore inventory = new InMemoryInventoryStore();
        final SimulatedPaymentGateway payments = new SimulatedPaymentGateway();
        final SimulatedCarrier carrier = SimulatedCarrier.ofDefaults(clock);
        final Set<OrderId> declining = ConcurrentHashMap.newKeySet();
        /**
         * The end's drive's routes and releases asked, by order and version: a second ask at the same version pays
         * first (replacement units wait for the money their order owes).
         */
        private final Set<String> asked = new HashSet<>();
        /** Orders the drive asked for what they owe beyond their authorizations (once each). */
        /** Orders at a version the host asked to authorize again, when driving them to their end. */
        final Set<String> retried = ConcurrentHashMap.newKeySet();
        final List<Location> locations = new ArrayList<>();
        final List<Sku> skus = new ArrayList<>();
        final List<OrderId> placed = new ArrayList<>();
        final Map<OrderId, PlaceOrder> requests = new HashMap<>();
        /** Units of each SKU the host added with setOnHand (initial stock and arrivals). */
        final Map<Sku, Long> added = new HashMap<>();
        /** Events delivered to the listener, per order. */
        final Map<OrderId, List<OrderEvent>> published = new HashMap<>();
        /** Orders a crash cut short and not resumed since: their stock effects may be missing. */
        final Set<OrderId> dirty = new HashSet<>();
        /** Orders whose events may have missed the listener (a crash between save and publish). */
        final Set<OrderId> crashed = new HashSet<>();
        final List<String> trace = new ArrayList<>();
        /** Two engine instances on the same adapters (as two nodes of a host), each call made by either. */
        final OrderService[] engines = new OrderService[2];
        /** The engine making the current call. */
        OrderService engine;
        /** A fault armed for the next call of a port: which port, and whether the call takes effect first. */
        String armedPort;
        /** The previous call, and whether it went through. */
        Call last;
        boolean armedAfter;
        boolean fired;
        int returnSeq;
        int trackSeq;

        World(Scenario scenario, Stats stats) {
            this.scenario = scenario;
            this.stats = stats;
            Net net = scenario.net();
            for (int i = 0; i < net.skus(); i++) {
                skus.add(Sku.of("SKU-" + i));
            }
            for (int i = 0; i < net.locations(); i++) {
                boolean store = i > 0 && net.pickup().get(i);
                locations.add(new Location(LocationId.of("LOC-" + i), "location " + i,
                        store ? LocationType.STORE : LocationType.WAREHOUSE,
                        new GeoPoint(40.0 + i, -74.0 - 2 * i), true, store, true, i + 1, Integer.MAX_VALUE, 0,
                        0.4 + 0.2 * i, 3.0));
                for (int s = 0; s < net.skus(); s++) {
                    int units = net.stock().get(i * net.skus() + s);
                    if (units > 0) {
                        inventory.setOnHand(locations.get(i).id(), skus.get(s), units);
                        added.merge(skus.get(s), (long) units, Long::sum);
                    }
                }
            }
            payments.declineWhen((order, amount) -> declining.contains(order), "card_declined");
            RuleBasedFraudScreener fraud = RuleBasedFraudScreener.builder()
                    .reviewAbove(Money.ofMinor(20_000, "USD")).rejectAbove(Money.ofMinor(40_000, "USD")).build();
            for (int i = 0; i < engines.length; i++) {
                engines[i] = Oms.builder()
                        .clock(clock)
                        .orders(faulty(OrderStore.class, orders))
                        .inventory(faulty(InventoryStore.class, inventory))
                        .locations(StaticLocationDirectory.of(locations))
                        .payments(faulty(PaymentGateway.class, payments))
                        .fraud(fraud)
                        .carriers(faulty(CarrierGateway.class, carrier))
                        .router(new NearestStockRouter())
                        .config(EngineConfig.defaults().withCapturePolicy(net.atShipment() ? CapturePolicy.AT_SHIPMENT
                                : CapturePolicy.AT_CONFIRMATION).withRouteWhileOwed(net.routeWhileOwed()))
                        .build();
                engines[i].onEvents(e -> published.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e));
            }
            engine = engines[0];
        }

        /**
         * The port, failing its next call when a fault is armed for it: the payment gateway with a typed
         * {@link ProviderException} (as a provider would), the other ports with an {@link InjectedCrash}.
         */
        private <T> T faulty(Class<T> type, T port) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
                if (m.getDeclaringClass() == Object.class) {
                    return m.invoke(port, args);
                }
                boolean fail = type.getSimpleName().equals(armedPort) && !m.getName().equals("load")
                        && !m.getName().equals("events") && !m.getName().equals("levels")
                        && !m.getName().equals("findByIdempotencyKey");
                if (fail) {
                    armedPort = null;
                    fired = true;
                }
                if (fail && !armedAfter) {
                    throw fault(type, m.getName(), false);
                }
                Object result;
                try {
                    result = m.invoke(port, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (fail) {
                    throw fault(type, m.getName(), true);
                }
                return result;
            }));
        }

        private static RuntimeException fault(Class<?> type, String method, boolean after) {
            String where = type.getSimpleName() + "." + method + (after ? " after applying" : " before applying");
            return type == PaymentGateway.class
                    ? new ProviderException(after ? OmsErrorCode.PROVIDER_TIMEOUT : OmsErrorCode.PROVIDER_ERROR,
                    "injected failure at " + where)
                    : new InjectedCrash(where);
        }

        String trace() {
            StringBuilder sb = new StringBuilder().append(scenario.net());
            for (String t : trace) {
                sb.append("\n  ").append(t);
            }
            return sb.toString();
        }

        void check(boolean ok, String format, Object... args) {
            if (!ok) {
                throw new AssertionError(String.format(format, args) + "\n" + trace());
            }
        }

        void run() {
            stats.sequences.incrementAndGet();
            checkAll();
            for (int i = 0; i < scenario.steps().size(); i++) {
                clock.advance(Duration.ofMinutes(7));
                step(i, scenario.steps().get(i));
            }
            drain();
        }

        // ---------------------------------------------------------------------------------------- calls

        /** What one step calls: a label, the order it is about (or null), and the call. */
        private record Call(String kind, OrderId order, Runnable body, Runnable pre) {
            Call(String kind, OrderId order, Runnable body) {
                this(kind, order, body, () -> { });
            }
        }

        private OrderId someOrder(int n) {
            return placed.isEmpty() || n % 23 == 0 ? OrderId.of("no-such-order") : placed.get(n % placed.size());
        }

        private Optional<OrderSnapshot> load(OrderId id) {
            return orders.load(id);
        }

        private FulfillmentId someFulfillment(OrderId id, int n) {
            List<Fulfillment> fs = load(id).map(OrderSnapshot::fulfillments).orElse(List.of());
            return fs.isEmpty() || n % 19 == 0 ? FulfillmentId.of("F99") : fs.get(n % fs.size()).id();
        }

        private LineId someLine(OrderId id, int n) {
            List<OrderLine> ls = load(id).map(OrderSnapshot::lines).orElse(List.of());
            return ls.isEmpty() || n % 17 == 0 ? LineId.of("no-such-line") : ls.get(n % ls.size()).id();
        }

        private ReturnId someReturn(OrderId id, int n) {
            List<OrderReturn> rs = load(id).map(OrderSnapshot::returns).orElse(List.of());
            return rs.isEmpty() || n % 13 == 0 ? ReturnId.of("R-none") : rs.get(n % rs.size()).id();
        }

        /** Items of units that reached the customer (or any line, now and then), 1 or 2 lines. */
        private List<OrderCommand.ReturnItem> returnItems(OrderId id, int n) {
            List<OrderCommand.ReturnItem> items = new ArrayList<>();
            Optional<OrderSnapshot> o = load(id);
            if (o.isEmpty()) {
                return List.of(new OrderCommand.ReturnItem(LineId.of("no-such-line"), 1, "damaged"));
            }
            for (OrderLine l : o.get().lines()) {
                int reached = l.in(Bucket.DELIVERED) + l.in(Bucket.PICKED_UP);
                if (reached > 0 || n % 11 == 0) {
                    items.add(new OrderCommand.ReturnItem(l.id(), 1 + n % Math.max(1, reached + (n % 5 == 0 ? 1 : 0)),
                            "did not fit"));
                    if (items.size() == 1 + n % 2) {
                        break;
                    }
                }
            }
            if (items.isEmpty()) {
                items.add(new OrderCommand.ReturnItem(someLine(id, n), 1, "changed mind"));
            }
            return items;
        }

        private PlaceOrder newOrder(int a, int b, int c) {
            OrderId id = OrderId.of("O-" + (placed.size() + 1));
            int nLines = 1 + a % 3;
            List<LineSpec> lines = new ArrayList<>();
            for (int i = 0; i < nLines; i++) {
                Sku sku = skus.get((b + 7 * i) % skus.size());
                int qty = 1 + (c + i) % 3;
                int skuIndex = skus.indexOf(sku);
                lines.add(new LineSpec(LineId.of(id.value() + "-L" + (i + 1)), sku, qty,
                        Money.ofMinor(1_500 + 700L * skuIndex, "USD"), Money.ofMinor(600, "USD")));
            }
            LocationId pickup = null;
            if (c % 4 == 0) {
                // a store taking pickups, or now and then a location that takes none (refused at place)
                List<Location> stores = locations.stream().filter(Location::pickup).toList();
                if (c % 16 == 0) {
                    pickup = locations.get(a % locations.size()).id();
                } else if (!stores.isEmpty()) {
                    pickup = stores.get(a % stores.size()).id();
                }
            }
            Address to = Address.at("New York", "US", CUSTOMER);
            ChannelType channel = ChannelType.values()[b % ChannelType.values().length];
            return new PlaceOrder(id, Channel.of(channel), "ext-" + id.value(), null, null, USD,
                    pickup == null ? to : null, to, pickup, null, lines);
        }

        private Call call(Step st) {
            int a = st.a();
            int b = st.b();
            int c = st.c();
            OrderId o = someOrder(a);
            switch (st.kind()) {
                case 0:
                case 1:
                case 2: {
                    PlaceOrder req = newOrder(a, b, c);
                    if (b % 5 == 0) {
                        declining.add(req.orderId());
                    }
                    requests.put(req.orderId(), req);
                    return new Call("place", req.orderId(), () -> {
                        engine.place(req);
                        placed.add(req.orderId());
                    });
                }
                case 3: {
                    // the same capture again (idempotent), or another capture reusing an order id (refused)
                    if (placed.isEmpty()) {
                        PlaceOrder req = newOrder(a, b, c);
                        requests.put(req.orderId(), req);
                        return new Call("place", req.orderId(), () -> {
                            engine.place(req);
                            placed.add(req.orderId());
                        });
                    }
                    OrderId id = placed.get(a % placed.size());
                    PlaceOrder again = b % 3 == 0 ? new PlaceOrder(id, Channel.of(ChannelType.APP), "other-" + c, null,
                            null, USD, Address.at("Boston", "US", CUSTOMER), null, null, null,
                            requests.get(id).lines()) : requests.get(id);
                    return new Call("placeAgain", id, () -> engine.place(again));
                }
                case 4:
                case 5:
                    return new Call("verify", o, () -> engine.verify(o));
                case 6: {
                    Optional<Hold> hold = load(o).flatMap(s -> s.holds().stream().findFirst());
                    if (hold.isPresent() && b % 3 != 0) {
                        return new Call("releaseHold", o, () -> engine.releaseHold(o, hold.get().id(), "agent"));
                    }
                    return b % 2 == 0 ? new Call("placeHold", o, () -> engine.placeHold(o, HoldId.of("H-" + c % 3),
                            HoldType.MANUAL, "check address", "agent"))
                            : new Call("releaseHold", o, () -> engine.releaseHold(o, HoldId.of("H-" + c % 3), "agent"));
                }
                case 7:
                    return new Call("confirm", o, () -> engine.confirm(o, "agent"));
                case 8:
                case 9:
                    return new Call("route", o, () -> engine.route(o));
                case 10: {
                    // stock arrives somewhere, then the host fills the order's backorders
                    LocationId at = locations.get(b % locations.size()).id();
                    Sku sku = skus.get(c % skus.size());
                    int more = 1 + a % 4;
                    return new Call("fillBackorders", o, () -> engine.fillBackorders(o), () -> {
                        StockLevel lv = inventory.level(at, sku);
                        inventory.setOnHand(at, sku, lv.onHand() + more);
                        added.merge(sku, (long) more, Long::sum);
                    });
                }
                case 11:
                case 12: {
                    FulfillmentId f = someFulfillment(o, b);
                    return new Call("release", o, () -> engine.release(o, f));
                }
                case 13:
                case 14: {
                    FulfillmentId f = someFulfillment(o, b);
                    List<FulfillmentLine> picked = new ArrayList<>();
                    if (c % 3 == 0) {
                        // a short pick (or an over-pick, refused)
                        load(o).flatMap(s -> s.fulfillment(f)).ifPresent(ff -> {
                            for (FulfillmentLine l : ff.lines()) {
                                int q = c % 9 == 0 ? l.quantity() + 1 : l.quantity() - 1;
                                if (q > 0) {
                                    picked.add(new FulfillmentLine(l.lineId(), q));
                                }
                            }
                        });
                    }
                    return new Call("pick", o, () -> engine.pick(o, f, picked));
                }
                case 15:
                case 16:
                    return new Call("pack", o, () -> engine.pack(o, someFulfillment(o, b)));
                case 17:
                case 18:
                    return new Call("ship", o, () -> engine.ship(o, someFulfillment(o, b)));
                case 19: {
                    FulfillmentId f = someFulfillment(o, b);
                    String tn = load(o).flatMap(s -> s.fulfillment(f)).map(Fulfillment::trackingNumber).orElse("TN-x");
                    TrackingEvent ev = new TrackingEvent("T-" + (c % 3 == 0 ? trackSeq : ++trackSeq),
                            tn == null ? "TN-x" : tn, TrackingStatus.values()[c % TrackingStatus.values().length],
                            clock.instant(), "scan");
                    return new Call("recordTracking", o, () -> engine.recordTracking(o, f, ev));
                }
                case 20:
                case 21:
                    return new Call("deliver", o, () -> engine.deliver(o, someFulfillment(o, b), c % 7 == 0));
                case 22: {
                    FulfillmentId f = someFulfillment(o, b);
                    return c % 2 == 0 ? new Call("failDelivery", o, () -> engine.failDelivery(o, f, "nobody home"))
                            : new Call("declareLost", o, () -> engine.declareLost(o, f, "carrier lost it"));
                }
                case 23: {
                    FulfillmentId f = someFulfillment(o, b);
                    return c % 2 == 0 ? new Call("readyForPickup", o, () -> engine.readyForPickup(o, f))
                            : new Call("pickedUp", o, () -> engine.pickedUp(o, f));
                }
                case 24:
                    return new Call("cancel", o, () -> engine.cancel(o, Initiator.values()[c % 3], "changed mind"));
                case 25: {
                    LineId l = someLine(o, b);
                    int q = 1 + c % 3;
                    if (c % 4 == 0) {
                        long v = load(o).map(OrderSnapshot::version).orElse(1L) - (c % 8 == 0 ? 1 : 0);
                        return new Call("cancelLine", o, () -> engine.cancelLine(o, l, q, Initiator.CUSTOMER, "no", v));
                    }
                    return new Call("cancelLine", o, () -> engine.cancelLine(o, l, q, Initiator.MERCHANT, "oos"));
                }
                case 26:
                case 27: {
                    ReturnId r = ReturnId.of("R-" + (c % 5 == 0 ? returnSeq : ++returnSeq));
                    List<OrderCommand.ReturnItem> items = returnItems(o, b);
                    if (c % 3 == 0) {
                        List<LineSpec> repl = new ArrayList<>();
                        // the same goods, at the same price, dearer (the customer owes the difference from the
                        // exchange on) or cheaper (the difference is refunded when the return closes)
                        long delta = (c / 3) % 3 == 0 ? 0 : (c / 3) % 3 == 1 ? 275 : -275;
                        Optional<OrderSnapshot> now = load(o);
                        for (OrderCommand.ReturnItem it : items) {
                            Optional<OrderLine> line = now.flatMap(x -> x.line(it.lineId()));
                            Sku sku = line.map(OrderLine::sku).orElse(skus.get(a % skus.size()));
                            long base = line.map(l -> l.spec().unitPrice().minorUnits()).orElse(1_500L);
                            Money price = Money.ofMinor(Math.max(1, base + delta), "USD");
                            repl.add(new LineSpec(LineId.of(o.value() + "-X" + r.value() + "-" + it.lineId().value()),
                                    sku, it.quantity(), price, Money.ofMinor(600, "USD")));
                        }
                        return new Call("exchange", o, () -> engine.exchange(o, r, items, repl));
                    }
                    return new Call("requestReturn", o, () -> engine.requestReturn(o, r, items));
                }
                case 28: {
                    ReturnId r = someReturn(o, b);
                    return c % 5 == 0 ? new Call("rejectReturn", o, () -> engine.rejectReturn(o, r, "worn"))
                            : new Call("approveReturn", o, () -> engine.approveReturn(o, r));
                }
                case 29:
                case 30: {
                    ReturnId r = someReturn(o, b);
                    List<OrderCommand.ReceivedItem> items = new ArrayList<>();
                    load(o).flatMap(s -> s.orderReturn(r)).ifPresent(ret -> {
                        for (ReturnLine rl : ret.lines()) {
                            int q = c % 6 == 0 ? rl.quantity() + 1 : 1 + c % Math.max(1, rl.quantity() - rl.received());
                            items.add(new OrderCommand.ReceivedItem(rl.lineId(), q));
                        }
                    });
                    if (items.isEmpty()) {
                        items.add(new OrderCommand.ReceivedItem(someLine(o, c), 1));
                    }
                    LocationId at = c % 10 == 0 ? UNKNOWN_LOCATION
                            : c % 3 == 0 ? null : locations.get(a % locations.size()).id();
                    return new Call("receiveReturn", o, () -> engine.receiveReturn(o, r, at, items));
                }
                case 31:
                case 32: {
                    ReturnId r = someReturn(o, b);
                    LineId l = load(o).flatMap(s -> s.orderReturn(r)).filter(x -> !x.lines().isEmpty())
                            .map(x -> x.lines().get(c % x.lines().size()).lineId()).orElse(someLine(o, c));
                    InspectionResult res = c % 5 == 0 ? InspectionResult.REJECTED
                            : c % 7 == 0 ? InspectionResult.PENDING : InspectionResult.ACCEPTED;
                    Disposition d = c % 3 == 0 ? Disposition.UNSELLABLE : Disposition.RESTOCK;
                    return new Call("inspectReturn", o, () -> engine.inspectReturn(o, r, l, res, d));
                }
                case 33:
                case 34: {
                    ReturnId r = someReturn(o, b);
                    Resolution res = c % 4 == 0 ? Resolution.values()[c / 4 % 4] : Resolution.REFUND;
                    return new Call("closeReturn", o, () -> engine.closeReturn(o, r, res));
                }
                case 35:
                    return new Call("resume", o, () -> engine.resume(o));
                case 36:
                    // a host asking the provider again, now and then after the customer changed the card
                    return c % 2 == 0 ? new Call("resume", o, () -> engine.resume(o))
                            : new Call("retryAuthorization", o, () -> engine.retryAuthorization(o), () -> {
                                if (c % 3 == 0) {
                                    declining.remove(o);
                                }
                            });
                case 37: {
                    // arm a fault for the next call of a port; the next step runs into it
                    String[] ports = {"PaymentGateway", "PaymentGateway", "InventoryStore", "OrderStore",
                            "CarrierGateway"};
                    String port = ports[b % ports.length];
                    boolean after = c % 2 == 0;
                    return new Call("arm", null, () -> {
                        armedPort = port;
                        armedAfter = after;
                    });
                }
                case 38:
                    return new Call("previewRouting", o, () -> engine.previewRouting(o));
                case 39:
                    // the previous call again, as a host retrying after a lost response
                    if (last != null && IDEMPOTENT.contains(last.kind())) {
                        Call again = last;
                        return new Call("repeat " + again.kind(), again.order(), again.body());
                    }
                    return new Call("query", o, () -> engine.find(o));
                default:
                    return new Call("query", o, () -> {
                        engine.find(o);
                        engine.history(o);
                    });
            }
        }

        /**
         * The next sensible call for an open order (or a new order when none is open): what a host would do next,
         * so that sequences reach shipment, delivery, returns and completion.
         */
        private Call advance(Step st) {
            List<OrderSnapshot> open = new ArrayList<>();
            for (OrderId id : placed) {
                OrderSnapshot s = load(id).orElseThrow();
                if (!finished(s)) {
                    open.add(s);
                }
            }
            if (open.isEmpty() || st.a() % 29 == 0) {
                return call(new Step(0, st.a(), st.b(), st.c()));
            }
            OrderSnapshot s = open.get(st.a() % open.size());
            OrderId o = s.id();
            int c = st.c();
            switch (s.status()) {
                case PLACED:
                    return new Call("verify", o, () -> engine.verify(o));
                case IN_REVIEW:
                    if (!s.holds().isEmpty()) {
                        HoldId h = s.holds().get(0).id();
                        return new Call("releaseHold", o, () -> engine.releaseHold(o, h, "agent"));
                    }
                    return new Call("verify", o, () -> engine.verify(o));
                default:
                    break;
            }
            if (!s.holds().isEmpty() && s.status() == OrderStatus.CONFIRMED) {
                HoldId h = s.holds().get(0).id();
                return new Call("releaseHold", o, () -> engine.releaseHold(o, h, "agent"));
            }
            if (s.units(Bucket.PENDING) > 0 && s.status() == OrderStatus.CONFIRMED) {
                return new Call("route", o, () -> engine.route(o));
            }
            List<Fulfillment> work = new ArrayList<>();
            for (Fulfillment f : s.fulfillments()) {
                if (!f.status().terminal()) {
                    work.add(f);
                }
            }
            if (!work.isEmpty() && c % 5 != 0) {
                Fulfillment f = work.get(st.b() % work.size());
                FulfillmentId fid = f.id();
                switch (f.status()) {
                    case PLANNED:
                        return new Call("release", o, () -> engine.release(o, fid));
                    case RELEASED: {
                        List<FulfillmentLine> picked = new ArrayList<>();
                        if (c % 4 == 0) {
                            for (FulfillmentLine l : f.lines()) {
                                if (l.quantity() > 1) {
                                    picked.add(new FulfillmentLine(l.lineId(), l.quantity() - 1));
                                }
                            }
                        }
                        return new Call("pick", o, () -> engine.pick(o, fid, picked));
                    }
                    case PICKING:
                        return new Call("pack", o, () -> engine.pack(o, fid));
                    case PACKED:
                        return f.pickup() ? new Call("readyForPickup", o, () -> engine.readyForPickup(o, fid))
                                : new Call("ship", o, () -> engine.ship(o, fid));
                    case READY_FOR_PICKUP:
                        return new Call("pickedUp", o, () -> engine.pickedUp(o, fid));
                    case SHIPPED:
                    case DELIVERED:
                    default:
                        if (c % 11 == 0) {
                            return new Call("declareLost", o, () -> engine.declareLost(o, fid, "lost"));
                        }
                        if (c % 7 == 0) {
                            return new Call("failDelivery", o, () -> engine.failDelivery(o, fid, "nobody home"));
                        }
                        return new Call("deliver", o, () -> engine.deliver(o, fid, c % 13 == 0));
                }
            }
            for (OrderReturn r : s.returns()) {
                ReturnId rid = r.id();
                switch (r.status()) {
                    case REQUESTED:
                        return new Call("approveReturn", o, () -> engine.approveReturn(o, rid));
                    case APPROVED: {
                        List<OrderCommand.ReceivedItem> items = unreceived(r);
                        if (items.isEmpty()) {
                            break;
                        }
                        LocationId at = locations.get(st.b() % locations.size()).id();
                        return new Call("receiveReturn", o, () -> engine.receiveReturn(o, rid, at, items));
                    }
                    case RECEIVED: {
                        for (ReturnLine rl : r.lines()) {
                            if (rl.received() > 0 && c % 3 != 0 && rl.inspection() == InspectionResult.PENDING) {
                                LineId l = rl.lineId();
                                Disposition d = c % 4 == 0 ? Disposition.UNSELLABLE : Disposition.RESTOCK;
                                return new Call("inspectReturn", o, () -> engine.inspectReturn(o, rid, l,
                                        InspectionResult.ACCEPTED, d));
                            }
                        }
                        Resolution res = r.exchange() ? Resolution.EXCHANGE : Resolution.REFUND;
                        return new Call("closeReturn", o, () -> engine.closeReturn(o, rid, res));
                    }
                    default:
                        break;
                }
            }
            if (s.units(Bucket.DELIVERED) + s.units(Bucket.PICKED_UP) > 0 && c % 3 == 0) {
                return call(new Step(26 + c % 2, st.a(), st.b(), st.c()));
            }
            if (s.units(Bucket.BACKORDERED) > 0) {
                return call(new Step(10, st.a(), st.b(), st.c()));
            }
            return new Call("resume", o, () -> engine.resume(o));
        }

        /** The state a refused call must leave as it was. */
        private record World0(Map<OrderId, OrderSnapshot> orders, Map<OrderId, Integer> events,
                              Map<LocationId, Map<Sku, StockLevel>> stock, SimulatedPaymentGateway.Totals money,
                              int labels) {
        }

        private World0 capture() {
            Map<OrderId, OrderSnapshot> os = new TreeMap<>();
            Map<OrderId, Integer> es = new TreeMap<>();
            for (OrderId id : orders.orderIds()) {
                os.put(id, orders.load(id).orElseThrow());
                es.put(id, orders.events(id).size());
            }
            return new World0(os, es, inventory.snapshot(), payments.totals(USD), carrier.labelCount());
        }

        void step(int index, Step st) {
            engine = engines[(st.c() / 7) % 2];
            step(index, st.kind() >= 40 ? advance(st) : call(st), st);
        }

        /**
         * Drives every order to its end with sensible calls only (no fault armed, stock added where units wait
         * for it): an order that cannot get there, or a call that makes no progress, is stuck.
         */
        void drain() {
            armedPort = null;
            for (OrderId id : new ArrayList<>(dirty)) {
                step(-1, new Call("resume", id, () -> engine.resume(id)), new Step(-1, 0, 0, 0));
            }
            check(dirty.isEmpty(), "orders %s not resumed", dirty);
            Map<String, Integer> repeats = new HashMap<>();
            for (int round = 0; round < 2_000; round++) {
                OrderSnapshot open = null;
                Call call = null;
                for (OrderId id : orders.orderIds()) {
                    OrderSnapshot s = orders.load(id).orElseThrow();
                    if (!finished(s)) {
                        call = progress(s);
                        if (call != null) {
                            open = s;
                            break;
                        }
                    }
                }
                if (open == null) {
                    return;
                }
                String key = open.id() + "@" + open.version() + ":" + call.kind();
                check(repeats.merge(key, 1, Integer::sum) <= 3, "order %s is stuck: %s at version %s changes nothing "
                        + "%s\n  payments %s\n  due %s, balance %s, chargeable %s, authorization %s", open.id(), call.kind(),
                        open.version(), state(open.id()), open.payments(), OrderViews.amountDue(open),
                        OrderViews.balance(open), OrderService.chargeable(open), OrderViews.authorized(open));
                step(-1, call, new Step(-1, round, 0, 0));
            }
            check(false, "orders not finished after 2000 calls");
        }

        /** Whether refunds were made or are pending for the return. */
        private boolean refunds(OrderSnapshot s, ReturnId rid) {
            if (s.paymentRequests().stream().anyMatch(r -> rid.equals(r.returnId()))) {
                return true;
            }
            return orders.events(s.id()).stream().anyMatch(e -> e instanceof PaymentRefunded p
                    && rid.equals(p.returnId()));
        }

        /** Closed, with every return closed, and nothing pending. */
        private static boolean finished(OrderSnapshot s) {
            return (s.status().terminal() || s.status() == OrderStatus.COMPLETED) && s.paymentRequests().isEmpty()
                    && s.returns().stream().allMatch(r -> r.status().terminal());
        }

        /** The next sensible call for an order that is not finished. */
        private Call progress(OrderSnapshot s) {
            OrderId o = s.id();
            if (s.status() == OrderStatus.PLACED || s.status() == OrderStatus.IN_REVIEW) {
                if (!s.holds().isEmpty()) {
                    HoldId h = s.holds().get(0).id();
                    return new Call("releaseHold", o, () -> engine.releaseHold(o, h, "agent"));
                }
                return new Call("verify", o, () -> engine.verify(o));
            }
            if (!s.holds().isEmpty() && s.status() == OrderStatus.CONFIRMED) {
                HoldId h = s.holds().get(0).id();
                return new Call("releaseHold", o, () -> engine.releaseHold(o, h, "agent"));
            }
            if (s.status() == OrderStatus.CONFIRMED && s.units(Bucket.PENDING) > 0) {
                if (asked.add(o + "@" + s.version() + " route")) {
                    return new Call("route", o, () -> engine.route(o));
                }
                // route left the units as they were: replacement units wait for the money the order owes (a
                // difference declined, or asked for and not answered): the customer changes the card, the host asks
                return new Call("retryAuthorization", o, () -> engine.retryAuthorization(o), () -> declining.remove(o));
            }
            if (s.status() == OrderStatus.CONFIRMED && OrderViews.sum(s.payments(), TransactionType.AUTHORIZATION) == 0) {
                // confirmed by the host without verification: nothing authorized, so nothing can be captured; after a
                // decline the customer changes the card and the host asks again
                return new Call("retryAuthorization", o, () -> engine.retryAuthorization(o), () -> declining.remove(o));
            }
            for (Fulfillment f : s.fulfillments()) {
                FulfillmentId fid = f.id();
                switch (f.status()) {
                    case PLANNED:
                        if (asked.add(o + "@" + s.version() + " release " + fid)) {
                            return new Call("release", o, () -> engine.release(o, fid));
                        }
                        // refused (ORDER_ON_HOLD): it carries replacement units the order owes for
                        return new Call("retryAuthorization", o, () -> engine.retryAuthorization(o),
                                () -> declining.remove(o));
                    case RELEASED:
                        return new Call("pick", o, () -> engine.pick(o, fid, List.of()));
                    case PICKING:
                        return new Call("pack", o, () -> engine.pack(o, fid));
                    case PACKED:
                        return f.pickup() ? new Call("readyForPickup", o, () -> engine.readyForPickup(o, fid))
                                : new Call("ship", o, () -> engine.ship(o, fid));
                    case READY_FOR_PICKUP:
                        return new Call("pickedUp", o, () -> engine.pickedUp(o, fid));
                    case SHIPPED:
                    case DELIVERY_FAILED:
                        return new Call("deliver", o, () -> engine.deliver(o, fid, false));
                    default:
                        break;
                }
            }
            for (OrderReturn r : s.returns()) {
                ReturnId rid = r.id();
                switch (r.status()) {
                    case REQUESTED:
                        return new Call("approveReturn", o, () -> engine.approveReturn(o, rid));
                    case APPROVED: {
                        List<OrderCommand.ReceivedItem> items = unreceived(r);
                        if (items.isEmpty()) {
                            Resolution res = r.exchange() && !refunds(s, rid) ? Resolution.EXCHANGE : Resolution.REFUND;
                            return new Call("closeReturn", o, () -> engine.closeReturn(o, rid, res));
                        }
                        LocationId at = locations.get(0).id();
                        return new Call("receiveReturn", o, () -> engine.receiveReturn(o, rid, at, items));
                    }
                    case RECEIVED: {
                        for (ReturnLine rl : r.lines()) {
                            if (rl.received() > 0 && rl.inspection() == InspectionResult.PENDING) {
                                LineId l = rl.lineId();
                                return new Call("inspectReturn", o, () -> engine.inspectReturn(o, rid, l,
                                        InspectionResult.ACCEPTED, Disposition.RESTOCK));
                            }
                        }
                        // a return with refunds made or pending closes as a refund
                        Resolution res = r.exchange() && !refunds(s, rid) ? Resolution.EXCHANGE : Resolution.REFUND;
                        return new Call("closeReturn", o, () -> engine.closeReturn(o, rid, res));
                    }
                    default:
                        break;
                }
            }
            if (s.status() == OrderStatus.CONFIRMED && s.units(Bucket.BACKORDERED) > 0) {
                // stock arrives where the order can take it, then its backorders are filled
                LocationId at = s.pickupLocation() != null ? s.pickupLocation() : locations.get(0).id();
                Map<Sku, Integer> wanted = new HashMap<>();
                for (OrderLine l : s.lines()) {
                    if (l.in(Bucket.BACKORDERED) > 0) {
                        wanted.merge(l.sku(), l.in(Bucket.BACKORDERED), Integer::sum);
                    }
                }
                return new Call("fillBackorders", o, () -> engine.fillBackorders(o), () -> wanted.forEach((sku, n) -> {
                    StockLevel lv = inventory.level(at, sku);
                    inventory.setOnHand(at, sku, lv.onHand() + n);
                    added.merge(sku, (long) n, Long::sum);
                }));
            }
            if (s.status() == OrderStatus.CONFIRMED && s.lines().stream().allMatch(l -> l.buckets().open() == 0)
                    && OrderViews.balance(s) == Balance.BALANCE_DUE && s.paymentRequests().isEmpty()
                    && !retried.contains(o + "@" + s.version())) {
                // a replacement kept beyond the goods returned (a rejected return, a return that came back in part)
                // or a dearer replacement whose difference was declined: the host asks for the difference (after a
                // decline, once the customer changed the card)
                return new Call("retryAuthorization", o, () -> engine.retryAuthorization(o), () -> {
                    retried.add(o + "@" + s.version());
                    declining.remove(o);
                });
            }
            return new Call("resume", o, () -> engine.resume(o));
        }

        void step(int index, Call call, Step st) {
            call.pre().run();
            World0 before = capture();
            fired = false;
            stats.calls.incrementAndGet();
            String outcome;
            try {
                call.body().run();
                outcome = "ok";
                stats.ok.incrementAndGet();
                stats.okByKind.computeIfAbsent(call.kind(), k -> new AtomicLong()).incrementAndGet();
            } catch (InjectedCrash e) {
                outcome = e.getMessage();
                stats.faults.incrementAndGet();
                if (call.order() != null) {
                    crashed.add(call.order());
                    if (call.kind().equals("place") && orders.load(call.order()).isPresent()) {
                        placed.add(call.order()); // saved before the crash
                    }
                }
            } catch (OmsException e) {
                outcome = (fired ? "fault " : "refused ") + e.code() + " " + e.getMessage();
                if (fired) {
                    stats.faults.incrementAndGet();
                } else {
                    stats.refused.incrementAndGet();
                }
            } catch (RuntimeException e) {
                trace.add(index + " " + call.kind() + " " + call.order() + " " + st + " -> " + e);
                throw new AssertionError("a call threw a " + e.getClass().getName() + ", not an OmsException: " + e
                        + "\n" + trace(), e);
            }
            trace.add(index + " " + call.kind() + " " + call.order() + " " + st + " -> " + outcome + state(call.order()));
            boolean repeat = call.kind().startsWith("repeat ");
            if (outcome.startsWith("refused") || (repeat && outcome.equals("ok"))) {
                World0 after = capture();
                // the only change allowed: the answers of payment requests pending before the call (every money
                // decision first completes them, a refused one too); nothing requested anew
                for (Map.Entry<OrderId, OrderSnapshot> e : before.orders().entrySet()) {
                    OrderSnapshot was = e.getValue();
                    OrderSnapshot now = after.orders().get(e.getKey());
                    if (now.equals(was) || dirty.contains(e.getKey())) {
                        continue; // (any call may repair an order a crash cut short: release settles its reservation)
                    }
                    List<OrderEvent> added = orders.events(e.getKey()).subList(before.events().get(e.getKey()),
                            after.events().get(e.getKey()));
                    boolean completions = !was.paymentRequests().isEmpty();
                    for (OrderEvent ev : added) {
                        completions &= COMPLETION_EVENTS.contains(ev.getClass().getSimpleName());
                    }
                    check(completions, "a refused or repeated %s changed order %s: %s", call.kind(), e.getKey(),
                            diff(Map.of(e.getKey(), was), Map.of(e.getKey(), now)));
                }
                check(after.orders().keySet().equals(before.orders().keySet()), "a refused or repeated %s stored an order",
                        call.kind());
                check(!dirty.isEmpty() || after.stock().equals(before.stock()), "a refused or repeated %s changed stock: %s -> %s", call.kind(),
                        before.stock(), after.stock());
                boolean pendingBefore = before.orders().values().stream().anyMatch(o -> !o.paymentRequests().isEmpty());
                check(pendingBefore || after.money().equals(before.money()), "a refused or repeated %s moved money: %s -> %s",
                        call.kind(), before.money(), after.money());
            }
            last = outcome.equals("ok") && !repeat ? call : null;
            if (call.kind().equals("resume") && outcome.equals("ok")) {
                dirty.remove(call.order());
            }
            if (outcome.startsWith("injected") && st.c() % 2 == 1 && call.order() != null
                    && orders.load(call.order()).isPresent()) {
                // the host goes on without resuming the order for now: its stock effects may be missing until it does
                dirty.add(call.order());
            } else if (outcome.startsWith("injected")) {
                // the host re-drives the order after the crash (no fault armed any more)
                if (call.order() != null && orders.load(call.order()).isPresent()) {
                    try {
                        engine.resume(call.order());
                        trace.add("   resume after crash -> ok" + state(call.order()));
                    } catch (OmsException e) {
                        trace.add("   resume after crash -> " + e.code() + " " + e.getMessage());
                    }
                }
            }
            checkAll();
        }

        private String state(OrderId id) {
            if (id == null) {
                return "";
            }
            return load(id).map(s -> "  [v" + s.version() + " " + s.status() + " " + lineBuckets(s) + " f="
                    + fulfillments(s) + " pay=" + s.payments().size() + " pending=" + s.paymentRequests().size()
                    + " ret=" + s.returns().size() + "]").orElse("");
        }

        private static String lineBuckets(OrderSnapshot s) {
            StringBuilder sb = new StringBuilder();
            for (OrderLine l : s.lines()) {
                sb.append(l.id().value()).append(l.buckets().asMap()).append(' ');
            }
            return sb.toString().trim();
        }

        private static String fulfillments(OrderSnapshot s) {
            List<String> out = new ArrayList<>();
            for (Fulfillment f : s.fulfillments()) {
                out.add(f.id().value() + "@" + f.location().value() + ":" + f.status());
            }
            return out.toString();
        }

        private static String diff(Map<OrderId, OrderSnapshot> a, Map<OrderId, OrderSnapshot> b) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<OrderId, OrderSnapshot> e : b.entrySet()) {
                OrderSnapshot old = a.get(e.getKey());
                if (!e.getValue().equals(old)) {
                    sb.append(e.getKey()).append(": ")
                            .append(old == null ? "new" : OrderDeciderProperties.Run.diff(old, e.getValue()));
                }
            }
            return sb.toString();
        }

        // ----------------------------------------------------------------------------------- invariants

        void checkAll() {
            boolean clean = dirty.isEmpty();
            Map<Sku, Long> leftStock = new HashMap<>();
            Map<Sku, Long> restocked = new HashMap<>();
            Map<LocationId, Map<Sku, Long>> inWork = new HashMap<>();
            long authorized = 0;
            long captured = 0;
            long voided = 0;
            long refunded = 0;
            boolean pendingAnywhere = false;
            for (OrderId id : orders.orderIds()) {
                OrderSnapshot s = orders.load(id).orElseThrow();
                List<OrderEvent> events = orders.events(id);
                stats.statuses.add(s.status());
                checkOrder(s, events);
                for (Fulfillment f : s.fulfillments()) {
                    stats.fulfillmentStatuses.add(f.status());
                }
                for (OrderLine l : s.lines()) {
                    long left = l.in(Bucket.SHIPPED) + l.in(Bucket.DELIVERED) + l.in(Bucket.PICKED_UP)
                            + l.in(Bucket.LOST) + l.in(Bucket.RETURN_REQUESTED) + l.in(Bucket.RETURNED);
                    leftStock.merge(l.sku(), left, Long::sum);
                }
                for (Fulfillment f : s.fulfillments()) {
                    Bucket b = f.status().bucket();
                    boolean holds = b == Bucket.ALLOCATED || b == Bucket.RELEASED || b == Bucket.PICKED
                            || b == Bucket.PACKED || b == Bucket.READY_FOR_PICKUP;
                    Map<Sku, Integer> expected = new TreeMap<>();
                    if (holds) {
                        for (FulfillmentLine fl : f.lines()) {
                            Sku sku = s.line(fl.lineId()).orElseThrow().sku();
                            inWork.computeIfAbsent(f.location(), k -> new HashMap<>()).merge(sku, (long) fl.quantity(),
                                    Long::sum);
                            expected.merge(sku, fl.quantity(), Integer::sum);
                        }
                    }
                    if (f.reservationId() != null && (holds || !expected.isEmpty())) {
                        Map<Sku, Integer> held;
                        try {
                            held = inventory.held(f.reservationId());
                        } catch (OmsException e) {
                            held = Map.of();
                        }
                        check(!clean || held.equals(expected), "order %s fulfillment %s (%s): reservation %s holds %s, the "
                                + "fulfillment has %s", id, f.id(), f.status(), f.reservationId(), held, expected);
                    }
                }
                restockedFromEvents(s, events, restocked);
                authorized += OrderViews.sum(s.payments(), TransactionType.AUTHORIZATION);
                captured += OrderViews.sum(s.payments(), TransactionType.CAPTURE);
                voided += OrderViews.sum(s.payments(), TransactionType.VOID);
                refunded += OrderViews.sum(s.payments(), TransactionType.REFUND);
                pendingAnywhere |= !s.paymentRequests().isEmpty();
            }
            // stock: per SKU, what the host added + restocked returns = on hand + what left with shipments (once
            // every order a crash cut short was resumed)
            InMemoryInventoryStore.Totals totals = inventory.totals();
            check(totals.conserved(), "inventory totals not conserved: %s", totals);
            Map<LocationId, Map<Sku, StockLevel>> snap = inventory.snapshot();
            for (Sku sku : skus) {
                long onHand = 0;
                for (Map<Sku, StockLevel> m : snap.values()) {
                    StockLevel lv = m.get(sku);
                    onHand += lv == null ? 0 : lv.onHand();
                }
                long in = added.getOrDefault(sku, 0L) + restocked.getOrDefault(sku, 0L);
                long out = onHand + leftStock.getOrDefault(sku, 0L);
                check(!clean || in == out, "%s not conserved: added %s + restocked %s != on hand %s + shipped %s", sku,
                        added.getOrDefault(sku, 0L), restocked.getOrDefault(sku, 0L), onHand,
                        leftStock.getOrDefault(sku, 0L));
            }
            for (Map.Entry<LocationId, Map<Sku, StockLevel>> e : snap.entrySet()) {
                for (Map.Entry<Sku, StockLevel> lv : e.getValue().entrySet()) {
                    StockLevel level = lv.getValue();
                    check(level.onHand() >= 0 && level.reserved() >= 0 && level.reserved() <= level.onHand(),
                            "%s at %s oversold or negative: %s", lv.getKey(), e.getKey(), level);
                    long work = inWork.getOrDefault(e.getKey(), Map.of()).getOrDefault(lv.getKey(), 0L);
                    check(!clean || level.reserved() == work, "%s at %s: %s reserved, orders have %s units in work", lv.getKey(),
                            e.getKey(), level.reserved(), work);
                }
            }
            // money: the provider moved exactly what the ledgers record (more only while a request is pending)
            SimulatedPaymentGateway.Totals money = payments.totals(USD);
            long[] provider = {money.authorized().minorUnits(), money.captured().minorUnits(),
                    money.voided().minorUnits(), money.refunded().minorUnits()};
            long[] ledger = {authorized, captured, voided, refunded};
            for (int i = 0; i < 4; i++) {
                check(pendingAnywhere ? provider[i] >= ledger[i] : provider[i] == ledger[i],
                        "provider %s, ledgers authorized %s captured %s voided %s refunded %s (pending: %s)", money,
                        authorized, captured, voided, refunded, pendingAnywhere);
            }
        }

        private void checkOrder(OrderSnapshot s, List<OrderEvent> events) {
            OrderId id = s.id();
            check(!events.isEmpty(), "order %s stored without events", id);
            // versions: 1, then each accepted command one more, every event of a command at its version
            long v = 0;
            Set<EventId> ids = new HashSet<>();
            for (OrderEvent e : events) {
                check(e.orderVersion() == v || e.orderVersion() == v + 1, "order %s: event %s at version %s after %s",
                        id, e.type(), e.orderVersion(), v);
                check(e.orderVersion() >= 1, "order %s: event at version %s", id, e.orderVersion());
                v = e.orderVersion();
                check(ids.add(e.eventId()), "order %s: event id %s twice", id, e.eventId());
                check(e.orderId().equals(id), "order %s holds an event of %s", id, e.orderId());
            }
            check(v == s.version(), "order %s at version %s, its last event at %s", id, s.version(), v);
            OrderSnapshot folded = OrderDecider.standard().replay(events);
            check(folded.equals(s), "order %s: the fold of its %s events differs from the stored snapshot in %s", id,
                    events.size(), OrderDeciderProperties.Run.diff(folded, s));
            // the listener saw each committed event once, in order (all of them unless a crash cut a publication)
            List<OrderEvent> seen = published.getOrDefault(id, List.of());
            if (crashed.contains(id)) {
                check(new HashSet<>(events).containsAll(seen) && new HashSet<>(seen).size() == seen.size(),
                        "order %s: the listener saw events not stored, or one twice", id);
            } else {
                check(seen.equals(events), "order %s: the listener saw %s events, %s are stored", id, seen.size(),
                        events.size());
            }
            // buckets and money of the order
            for (OrderLine l : s.lines()) {
                int sum = 0;
                for (Map.Entry<Bucket, Integer> e : l.buckets().asMap().entrySet()) {
                    check(e.getValue() >= 0, "order %s line %s: %s negative", id, l.id(), e.getKey());
                    sum += e.getValue();
                }
                check(sum == l.quantity(), "order %s line %s: buckets %s add up to %s, quantity %s", id, l.id(),
                        l.buckets().asMap(), sum, l.quantity());
            }
            long auth = OrderViews.sum(s.payments(), TransactionType.AUTHORIZATION);
            long cap = OrderViews.sum(s.payments(), TransactionType.CAPTURE);
            long ref = OrderViews.sum(s.payments(), TransactionType.REFUND);
            long voi = OrderViews.sum(s.payments(), TransactionType.VOID);
            check(cap + voi <= auth, "order %s: captured %s + voided %s > authorized %s", id, cap, voi, auth);
            check(ref <= cap, "order %s: refunded %s > captured %s", id, ref, cap);
            if (s.paymentRequests().isEmpty() && !dirty.contains(id)) {
                // (an order a crash cut short settles when resumed)
                check(cap - ref <= OrderService.chargeable(s), "order %s: net captured %s exceeds what it is charged "
                        + "(%s): money owed back was not refunded", id, cap - ref, OrderService.chargeable(s));
            }
            OrderDeciderProperties.DerivedViews.check(s, this::check);
        }

        /**
         * Units the engine must have restocked for the order: per (return, line), each accepted RESTOCK inspection
         * covers the units received since the previous one.
         */
        private static void restockedFromEvents(OrderSnapshot s, List<OrderEvent> events, Map<Sku, Long> restocked) {
            Map<String, Integer> received = new LinkedHashMap<>();
            Map<String, Integer> covered = new HashMap<>();
            for (OrderEvent e : events) {
                if (e instanceof ReturnReceived r) {
                    for (ReturnedUnits u : r.lines()) {
                        received.merge(r.returnId().value() + "/" + u.lineId().value(), u.quantity(), Integer::sum);
                    }
                } else if (e instanceof ReturnInspected in && in.disposition() == Disposition.RESTOCK
                        && in.result() == InspectionResult.ACCEPTED) {
                    String key = in.returnId().value() + "/" + in.lineId().value();
                    int now = received.getOrDefault(key, 0);
                    int more = now - covered.getOrDefault(key, 0);
                    if (more > 0) {
                        restocked.merge(s.line(in.lineId()).orElseThrow().sku(), (long) more, Long::sum);
                    }
                    covered.put(key, now);
                }
            }
        }
    }

    /** The units of a return not received yet, as receipt items. */
    private static List<OrderCommand.ReceivedItem> unreceived(OrderReturn r) {
        List<OrderCommand.ReceivedItem> items = new ArrayList<>();
        for (ReturnLine rl : r.lines()) {
            if (rl.quantity() > rl.received()) {
                items.add(new OrderCommand.ReceivedItem(rl.lineId(), rl.quantity() - rl.received()));
            }
        }
        return items;
    }
}
