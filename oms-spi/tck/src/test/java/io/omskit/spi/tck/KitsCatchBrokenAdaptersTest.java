package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.DuplicateIdempotencyKeyException;
import io.omskit.spi.InventoryException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import io.omskit.spi.port.RateQuote;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.ShipmentRequest;
import io.omskit.spi.port.ShippingLabel;
import io.omskit.spi.port.StockLevel;
import io.omskit.spi.port.TrackingEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The kits fail adapters that break a rule: each broken adapter below gets one rule wrong, and the kit's test
 * of that rule must throw an {@link AssertionError}. (A kit that passes everything would be worthless.)
 */
class KitsCatchBrokenAdaptersTest {

    /** Checks stock and then reserves, without a lock: two threads may both see the last unit. */
    static final class RacyInventoryStore implements InventoryStore {
        private final ConcurrentMap<String, int[]> levels = new ConcurrentHashMap<>();

        private int[] lv(LocationId l, Sku s) {
            return levels.computeIfAbsent(l.value() + "\u0000" + s.value(), k -> new int[2]);
        }

        @Override
        public StockLevel level(LocationId location, Sku sku) {
            int[] v = lv(location, sku);
            return new StockLevel(v[0], Math.min(v[0], v[1]));
        }

        @Override
        public Map<LocationId, StockLevel> levels(Sku sku) {
            return Map.of();
        }

        @Override
        public ReservationResult reserve(String reservationId, LocationId location, Map<Sku, Integer> quantities) {
            Map<Sku, Integer> shortages = new HashMap<>();
            quantities.forEach((s, q) -> {
                int[] v = lv(location, s);
                if (v[0] - v[1] < q) {
                    shortages.put(s, q - (v[0] - v[1]));
                }
            });
            if (!shortages.isEmpty()) {
                return ReservationResult.rejected(shortages);
            }
            Thread.yield(); // the window a database round trip would open
            quantities.forEach((s, q) -> {
                int[] v = lv(location, s);
                synchronized (v) {
                    v[1] += q;
                }
            });
            return ReservationResult.ok();
        }

        @Override
        public void release(String operationId, String reservationId, Map<Sku, Integer> quantities) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void consume(String operationId, String reservationId, Map<Sku, Integer> quantities) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restock(String operationId, LocationId location, Sku sku, int quantity) {
            int[] v = lv(location, sku);
            synchronized (v) {
                v[0] += quantity;
            }
        }
    }

    /** Reads the version, then writes, without holding anything in between. */
    static final class CheckThenActOrderStore implements OrderStore {
        private record Entry(OrderSnapshot snapshot, List<OrderEvent> events) {
        }

        private final ConcurrentMap<OrderId, Entry> orders = new ConcurrentHashMap<>();

        @Override
        public Optional<OrderSnapshot> load(OrderId orderId) {
            return Optional.ofNullable(orders.get(orderId)).map(Entry::snapshot);
        }

        @Override
        public void save(OrderSnapshot snapshot, long expectedVersion, List<OrderEvent> newEvents) {
            Entry current = orders.get(snapshot.id());
            long stored = current == null ? 0 : current.snapshot().version();
            if (stored != expectedVersion) {
                throw new StaleOrderException(snapshot.id().value(), expectedVersion, stored);
            }
            Thread.yield();
            List<OrderEvent> all = new ArrayList<>(current == null ? List.of() : current.events());
            all.addAll(newEvents);
            orders.put(snapshot.id(), new Entry(snapshot, List.copyOf(all)));
        }

        @Override
        public Optional<OrderId> findByIdempotencyKey(String idempotencyKey) {
            return Optional.empty();
        }

        @Override
        public List<OrderEvent> events(OrderId orderId) {
            return Optional.ofNullable(orders.get(orderId)).map(Entry::events).orElse(List.of());
        }
    }

    /** Authorizes anew on every call: a repeat doubles the money. */
    static final class ForgetfulPaymentGateway implements PaymentGateway {
        private final AtomicLong seq = new AtomicLong();
        private final ConcurrentMap<String, long[]> auths = new ConcurrentHashMap<>();

        @Override
        public PaymentOutcome authorize(String idempotencyKey, OrderId orderId, Money amount) {
            String ref = "a" + seq.incrementAndGet();
            auths.put(ref, new long[] {amount.minorUnits(), 0});
            return PaymentOutcome.approved(ref, amount);
        }

        @Override
        public PaymentOutcome capture(String idempotencyKey, String authorizationReference, Money amount) {
            long[] a = auths.get(authorizationReference);
            String ref = "c" + seq.incrementAndGet();
            if (a == null || a[0] - a[1] < amount.minorUnits()) {
                return PaymentOutcome.declined(ref, amount, "limit");
            }
            a[1] += amount.minorUnits();
            return PaymentOutcome.approved(ref, amount);
        }

        @Override
        public PaymentOutcome voidAuthorization(String idempotencyKey, String authorizationReference) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PaymentOutcome refund(String idempotencyKey, String captureReference, Money amount) {
            throw new UnsupportedOperationException();
        }
    }

    /** A payment provider's side: its ledger, which every adapter instance reaches. Guarded by itself. */
    static final class SandboxLedger {
        final Map<String, long[]> authorizations = new HashMap<>(); // reference -> {authorized, captured, voided}
        final Map<String, long[]> captures = new HashMap<>(); // reference -> {captured, refunded}
        long sequence;

        String next(String kind) {
            return kind + "-" + ++sequence;
        }
    }

    /**
     * Remembers its keys in a map of its own, over the provider's shared ledger: right within one instance (every
     * call under one lock), but a second server's instance does not know the first one's keys and moves money again.
     */
    static final class PerInstanceKeysPaymentGateway implements PaymentGateway {
        private final SandboxLedger ledger;
        private final Map<String, PaymentOutcome> seen = new HashMap<>(); // guarded by ledger

        PerInstanceKeysPaymentGateway(SandboxLedger ledger) {
            this.ledger = ledger;
        }

        private PaymentOutcome once(String key, Supplier<PaymentOutcome> call) {
            synchronized (ledger) {
                return seen.computeIfAbsent(key, k -> call.get());
            }
        }

        @Override
        public PaymentOutcome authorize(String idempotencyKey, OrderId orderId, Money amount) {
            return once(idempotencyKey, () -> {
                String ref = ledger.next("auth");
                ledger.authorizations.put(ref, new long[] {amount.minorUnits(), 0, 0});
                return PaymentOutcome.approved(ref, amount);
            });
        }

        @Override
        public PaymentOutcome capture(String idempotencyKey, String authorizationReference, Money amount) {
            return once(idempotencyKey, () -> {
                long[] a = ledger.authorizations.get(authorizationReference);
                String ref = ledger.next("cap");
                if (a == null || a[2] == 1 || a[0] - a[1] < amount.minorUnits()) {
                    return PaymentOutcome.declined(ref, amount, "limit");
                }
                a[1] += amount.minorUnits();
                ledger.captures.put(ref, new long[] {amount.minorUnits(), 0});
                return PaymentOutcome.approved(ref, amount);
            });
        }

        @Override
        public PaymentOutcome voidAuthorization(String idempotencyKey, String authorizationReference) {
            return once(idempotencyKey, () -> {
                long[] a = ledger.authorizations.get(authorizationReference);
                String ref = ledger.next("void");
                if (a == null || a[2] == 1 || a[0] == a[1]) {
                    return PaymentOutcome.declined(ref, Money.zero(Fixtures.USD), "nothing to void");
                }
                a[2] = 1;
                return PaymentOutcome.approved(ref, new Money(a[0] - a[1], Fixtures.USD));
            });
        }

        @Override
        public PaymentOutcome refund(String idempotencyKey, String captureReference, Money amount) {
            return once(idempotencyKey, () -> {
                long[] c = ledger.captures.get(captureReference);
                String ref = ledger.next("ref");
                if (c == null || c[0] - c[1] < amount.minorUnits()) {
                    return PaymentOutcome.declined(ref, amount, "limit");
                }
                c[1] += amount.minorUnits();
                return PaymentOutcome.approved(ref, amount);
            });
        }
    }

    /**
     * A carrier adapter over a map of labels by key and a sequence of tracking numbers, either of which may be its
     * own or shared with the other instances: a key map of its own buys a second label when another server repeats
     * the key; a sequence of its own gives two servers' labels one tracking number.
     */
    static final class SplitStateCarrier implements CarrierGateway {
        private final ConcurrentMap<String, ShippingLabel> labels;
        private final AtomicLong sequence;

        SplitStateCarrier(ConcurrentMap<String, ShippingLabel> labels, AtomicLong sequence) {
            this.labels = labels;
            this.sequence = sequence;
        }

        @Override
        public List<RateQuote> quote(ShipmentRequest request) {
            return List.of(new RateQuote("split", "ground", new Money(500, Fixtures.USD), 2));
        }

        @Override
        public ShippingLabel createLabel(String idempotencyKey, ShipmentRequest request) {
            return labels.computeIfAbsent(idempotencyKey,
                    k -> new ShippingLabel("split", "ground", "SPL" + sequence.incrementAndGet(),
                            new Money(500, Fixtures.USD)));
        }

        @Override
        public List<TrackingEvent> trackingEvents(String trackingNumber) {
            return List.of();
        }
    }

    /** The database every store instance below reaches: stock rows, what each reservation holds. Guarded by itself. */
    static final class Warehouse {
        final Map<String, int[]> rows = new HashMap<>(); // location + sku -> {on hand, reserved}
        final Map<String, Map<Sku, Integer>> held = new HashMap<>();
        final Map<String, LocationId> reservedAt = new HashMap<>();

        int[] row(LocationId l, Sku s) {
            return rows.computeIfAbsent(l.value() + "\u0000" + s.value(), k -> new int[2]);
        }
    }

    /**
     * Stock in the shared warehouse, but reservation outcomes and operation ids remembered by each instance: right
     * within one instance (every call under one lock), while a second server's instance repeats what the first did.
     */
    static final class PerInstanceIdsInventoryStore implements InventoryStore {
        private final Warehouse db;
        private final Map<String, ReservationResult> outcomes = new HashMap<>(); // guarded by db
        private final Map<String, Map<Sku, Integer>> lines = new HashMap<>(); // guarded by db
        private final java.util.Set<String> done = new java.util.HashSet<>(); // guarded by db

        PerInstanceIdsInventoryStore(Warehouse db) {
            this.db = db;
        }

        @Override
        public StockLevel level(LocationId location, Sku sku) {
            synchronized (db) {
                int[] r = db.row(location, sku);
                return new StockLevel(r[0], r[1]);
            }
        }

        @Override
        public Map<LocationId, StockLevel> levels(Sku sku) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ReservationResult reserve(String reservationId, LocationId location, Map<Sku, Integer> quantities) {
            synchronized (db) {
                ReservationResult seen = outcomes.get(reservationId);
                if (seen != null) {
                    if (!lines.get(reservationId).equals(quantities)) {
                        throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT, "other lines");
                    }
                    return seen;
                }
                Map<Sku, Integer> shortages = new HashMap<>();
                quantities.forEach((s, q) -> {
                    int[] r = db.row(location, s);
                    if (r[0] - r[1] < q) {
                        shortages.put(s, q - (r[0] - r[1]));
                    }
                });
                ReservationResult result = shortages.isEmpty() ? ReservationResult.ok()
                        : ReservationResult.rejected(shortages);
                if (shortages.isEmpty()) {
                    quantities.forEach((s, q) -> db.row(location, s)[1] += q);
                    db.held.merge(reservationId, new HashMap<>(quantities), (old, more) -> {
                        more.forEach((s, q) -> old.merge(s, q, Integer::sum));
                        return old;
                    });
                    db.reservedAt.put(reservationId, location);
                }
                outcomes.put(reservationId, result);
                lines.put(reservationId, Map.copyOf(quantities));
                return result;
            }
        }

        private void settle(String operationId, String reservationId, Map<Sku, Integer> quantities, boolean consume) {
            synchronized (db) {
                if (done.contains(operationId)) {
                    return;
                }
                Map<Sku, Integer> mine = db.held.get(reservationId);
                if (mine == null) {
                    throw new InventoryException(OmsErrorCode.UNKNOWN_RESERVATION, "no reservation " + reservationId);
                }
                quantities.forEach((s, q) -> {
                    if (q > mine.getOrDefault(s, 0)) {
                        throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT, "more than held");
                    }
                });
                LocationId location = db.reservedAt.get(reservationId);
                quantities.forEach((s, q) -> {
                    int[] r = db.row(location, s);
                    r[1] -= q;
                    if (consume) {
                        r[0] -= q;
                    }
                    mine.merge(s, -q, Integer::sum);
                });
                done.add(operationId);
            }
        }

        @Override
        public void release(String operationId, String reservationId, Map<Sku, Integer> quantities) {
            settle(operationId, reservationId, quantities, false);
        }

        @Override
        public void consume(String operationId, String reservationId, Map<Sku, Integer> quantities) {
            settle(operationId, reservationId, quantities, true);
        }

        @Override
        public void restock(String operationId, LocationId location, Sku sku, int quantity) {
            synchronized (db) {
                if (done.add(operationId)) {
                    db.row(location, sku)[0] += quantity;
                }
            }
        }
    }

    /** An order table every store instance below reaches. */
    record OrderRow(OrderSnapshot snapshot, List<OrderEvent> events) {
    }

    /**
     * Orders in a shared table, but each instance checks a save's expected version against the versions it saw
     * itself (a cache that spares a read), and keeps its own index of idempotency keys: right within one instance
     * (every save under its lock), while a second server's saves are invisible to its checks.
     */
    static final class CachingOrderStore implements OrderStore {
        private final ConcurrentMap<OrderId, OrderRow> table;
        private final Map<OrderId, Long> versions = new HashMap<>(); // guarded by this
        private final Map<String, OrderId> keys = new HashMap<>(); // guarded by this

        CachingOrderStore(ConcurrentMap<OrderId, OrderRow> table) {
            this.table = table;
        }

        @Override
        public Optional<OrderSnapshot> load(OrderId orderId) {
            return Optional.ofNullable(table.get(orderId)).map(OrderRow::snapshot);
        }

        @Override
        public synchronized void save(OrderSnapshot snapshot, long expectedVersion, List<OrderEvent> newEvents) {
            OrderId id = snapshot.id();
            OrderRow row = table.get(id);
            long stored = versions.computeIfAbsent(id, k -> row == null ? 0L : row.snapshot().version());
            if (stored != expectedVersion) {
                throw new StaleOrderException(id.value(), expectedVersion, stored);
            }
            if (expectedVersion == 0) {
                OrderId holder = keys.get(snapshot.idempotencyKey());
                if (holder != null) {
                    throw new DuplicateIdempotencyKeyException(snapshot.idempotencyKey(), holder.value());
                }
                keys.put(snapshot.idempotencyKey(), id);
            }
            List<OrderEvent> all = new ArrayList<>(row == null ? List.of() : row.events());
            all.addAll(newEvents);
            table.put(id, new OrderRow(snapshot, List.copyOf(all)));
            versions.put(id, snapshot.version());
        }

        @Override
        public synchronized Optional<OrderId> findByIdempotencyKey(String idempotencyKey) {
            return Optional.ofNullable(keys.get(idempotencyKey));
        }

        @Override
        public List<OrderEvent> events(OrderId orderId) {
            return Optional.ofNullable(table.get(orderId)).map(OrderRow::events).orElse(List.of());
        }
    }

    /** Returns an order's events sorted by their ids' text (an {@code ORDER BY event_id}), not in save order. */
    static final class IdOrderedOrderStore implements OrderStore {
        private final CheckThenActOrderStore saved = new CheckThenActOrderStore();

        @Override
        public Optional<OrderSnapshot> load(OrderId orderId) {
            return saved.load(orderId);
        }

        @Override
        public void save(OrderSnapshot snapshot, long expectedVersion, List<OrderEvent> newEvents) {
            saved.save(snapshot, expectedVersion, newEvents);
        }

        @Override
        public Optional<OrderId> findByIdempotencyKey(String idempotencyKey) {
            return saved.findByIdempotencyKey(idempotencyKey);
        }

        @Override
        public List<OrderEvent> events(OrderId orderId) {
            List<OrderEvent> events = new ArrayList<>(saved.events(orderId));
            events.sort(java.util.Comparator.comparing(e -> e.eventId().value()));
            return List.copyOf(events);
        }
    }

    /**
     * A single-threaded inventory store with one of two integrator mistakes: settlements checked against what the
     * location has reserved instead of what the reservation holds, or settlements deduplicated by reservation id
     * instead of by operation id.
     */
    static final class SloppySettlementStore implements InventoryStore {
        private final boolean checkAgainstLocation;
        private final Map<String, int[]> rows = new HashMap<>(); // location + sku -> {on hand, reserved}
        private final Map<String, LocationId> reservedAt = new HashMap<>();
        private final Map<String, Map<Sku, Integer>> held = new HashMap<>();
        private final Map<String, ReservationResult> outcomes = new HashMap<>();
        private final java.util.Set<String> done = new java.util.HashSet<>();

        SloppySettlementStore(boolean checkAgainstLocation) {
            this.checkAgainstLocation = checkAgainstLocation;
        }

        private int[] row(LocationId l, Sku s) {
            return rows.computeIfAbsent(l.value() + "\u0000" + s.value(), k -> new int[2]);
        }

        @Override
        public StockLevel level(LocationId location, Sku sku) {
            int[] r = row(location, sku);
            return new StockLevel(r[0], r[1]);
        }

        @Override
        public Map<LocationId, StockLevel> levels(Sku sku) {
            Map<LocationId, StockLevel> all = new HashMap<>();
            rows.forEach((k, r) -> {
                int cut = k.indexOf('\u0000');
                if (k.substring(cut + 1).equals(sku.value())) {
                    all.put(LocationId.of(k.substring(0, cut)), new StockLevel(r[0], r[1]));
                }
            });
            return all;
        }

        @Override
        public ReservationResult reserve(String reservationId, LocationId location, Map<Sku, Integer> quantities) {
            ReservationResult seen = outcomes.get(reservationId);
            if (seen != null) {
                return seen;
            }
            Map<Sku, Integer> shortages = new HashMap<>();
            quantities.forEach((s, q) -> {
                int[] r = row(location, s);
                if (r[0] - r[1] < q) {
                    shortages.put(s, q - (r[0] - r[1]));
                }
            });
            ReservationResult result = shortages.isEmpty() ? ReservationResult.ok()
                    : ReservationResult.rejected(shortages);
            if (shortages.isEmpty()) {
                quantities.forEach((s, q) -> row(location, s)[1] += q);
                reservedAt.put(reservationId, location);
                held.put(reservationId, new HashMap<>(quantities));
            }
            outcomes.put(reservationId, result);
            return result;
        }

        private void settle(String operationId, String reservationId, Map<Sku, Integer> quantities, boolean consume) {
            // the second mistake: a settlement is known by its reservation, so a second one is taken for a repeat
            String key = checkAgainstLocation ? operationId : reservationId + (consume ? "/consume" : "/release");
            if (done.contains(key)) {
                return;
            }
            LocationId location = reservedAt.get(reservationId);
            if (location == null) {
                throw new InventoryException(OmsErrorCode.UNKNOWN_RESERVATION, "no reservation " + reservationId);
            }
            Map<Sku, Integer> mine = held.get(reservationId);
            quantities.forEach((s, q) -> {
                int limit = checkAgainstLocation ? row(location, s)[1] : mine.getOrDefault(s, 0);
                if (q > limit) {
                    throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT, "more than held");
                }
            });
            quantities.forEach((s, q) -> {
                int[] r = row(location, s);
                r[1] -= q;
                if (consume) {
                    r[0] -= q;
                }
                mine.merge(s, -q, Integer::sum);
            });
            done.add(key);
        }

        @Override
        public void release(String operationId, String reservationId, Map<Sku, Integer> quantities) {
            settle(operationId, reservationId, quantities, false);
        }

        @Override
        public void consume(String operationId, String reservationId, Map<Sku, Integer> quantities) {
            settle(operationId, reservationId, quantities, true);
        }

        @Override
        public void restock(String operationId, LocationId location, Sku sku, int quantity) {
            if (done.add(operationId)) {
                row(location, sku)[0] += quantity;
            }
        }
    }

    private static OrderStoreCompatibilityKit orderStoreKit(OrderStore broken) {
        OrderStoreCompatibilityKit kit = new OrderStoreCompatibilityKit() {
            @Override
            protected OrderStore createStore() {
                return broken;
            }
        };
        kit.createStoreUnderTest();
        return kit;
    }

    private static InventoryStoreCompatibilityKit inventoryKit(InventoryStore broken) {
        InventoryStoreCompatibilityKit kit = new InventoryStoreCompatibilityKit() {
            @Override
            protected InventoryStore createStore() {
                return broken;
            }
        };
        kit.createStoreUnderTest();
        kit.freshIds();
        return kit;
    }

    @Test
    void inventoryKit_settlementsCheckedAgainstTheLocation_failR2_6() {
        InventoryStoreCompatibilityKit kit = inventoryKit(new SloppySettlementStore(true));
        InventoryStoreCompatibilityKit.Settlement tests = kit.new Settlement();

        assertThatThrownBy(tests::required_R2_6_releaseMoreThanItsOwnReservation_isAConflictWhileOthersHoldTheRest)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void inventoryKit_settlementsDeduplicatedByReservation_failR2_4() {
        InventoryStoreCompatibilityKit kit = inventoryKit(new SloppySettlementStore(false));
        InventoryStoreCompatibilityKit.Idempotency tests = kit.new Idempotency();

        assertThatThrownBy(tests::required_R2_4_settlementsWithDistinctOperationIds_eachTakeEffect)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void inventoryKit_sloppyStores_passTheRulesTheyKeep() {
        // each mistake is caught by its own rule, not by an accident of the other tests
        InventoryStoreCompatibilityKit kit = inventoryKit(new SloppySettlementStore(true));
        kit.new Idempotency().required_R2_4_settlementsWithDistinctOperationIds_eachTakeEffect();
        kit = inventoryKit(new SloppySettlementStore(false));
        kit.new Settlement().required_R2_6_releaseMoreThanItsOwnReservation_isAConflictWhileOthersHoldTheRest();
    }

    @Test
    void orderStoreKit_eventsInIdOrder_failR1_2() {
        OrderStoreCompatibilityKit kit = orderStoreKit(new IdOrderedOrderStore());
        OrderStoreCompatibilityKit.NewOrder tests = kit.new NewOrder();

        assertThatThrownBy(tests::required_R1_2_eventsOfManyVersions_comeBackInSaveOrder_notInIdOrder)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void inventoryKit_racyReservations_failsR2_3() {
        InventoryStoreCompatibilityKit kit = new InventoryStoreCompatibilityKit() {
            @Override
            protected InventoryStore createStore() {
                return new RacyInventoryStore();
            }
        };
        kit.createStoreUnderTest();
        kit.freshIds();
        InventoryStoreCompatibilityKit.NoOversell tests = kit.new NoOversell();

        assertThatThrownBy(tests::required_R2_3_concurrentUnitReservationsUntilRefused_takeExactlyTheStock)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void orderStoreKit_checkThenActSave_failsR1_6() {
        OrderStoreCompatibilityKit kit = orderStoreKit(new CheckThenActOrderStore());
        OrderStoreCompatibilityKit.Concurrency tests = kit.new Concurrency();

        assertThatThrownBy(tests::required_R1_6_concurrentSavesWithSameExpectedVersion_exactlyOneWins)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void orderStoreKit_storeWithoutKeyIndex_failsR1_7() {
        OrderStoreCompatibilityKit kit = orderStoreKit(new CheckThenActOrderStore());
        OrderStoreCompatibilityKit.IdempotencyKeys tests = kit.new IdempotencyKeys();

        assertThatThrownBy(tests::required_R1_7_findByIdempotencyKey_ofSavedOrder_returnsItsId)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void paymentKit_forgetfulGateway_failsR4_1() {
        PaymentGatewayCompatibilityKit kit = new PaymentGatewayCompatibilityKit() {
            @Override
            protected PaymentGateway createGateway() {
                return new ForgetfulPaymentGateway();
            }
        };
        kit.createGatewayUnderTest();
        PaymentGatewayCompatibilityKit.Idempotency tests = kit.new Idempotency();

        assertThatThrownBy(tests::required_R4_1_repeatAuthorize_returnsFirstOutcomeAuthorizesOnce)
                .isInstanceOf(AssertionError.class);
    }

    @Nested
    class TwoServers {
        private final SandboxLedger ledger = new SandboxLedger();

        private PaymentGatewayCompatibilityKit.Peers paymentPeers(boolean declared, UnaryOperator<PaymentGateway> peerOf) {
            PaymentGatewayCompatibilityKit kit = new PaymentGatewayCompatibilityKit() {
                @Override
                protected PaymentGateway createGateway() {
                    return new PerInstanceKeysPaymentGateway(ledger);
                }

                @Override
                protected boolean supportsPeers() {
                    return declared;
                }

                @Override
                protected PaymentGateway createPeer(PaymentGateway first) {
                    return peerOf.apply(first);
                }
            };
            kit.createGatewayUnderTest();
            return kit.new Peers();
        }

        private PaymentGatewayCompatibilityKit.Peers perInstanceKeyPeers() {
            PaymentGatewayCompatibilityKit.Peers tests =
                    paymentPeers(true, first -> new PerInstanceKeysPaymentGateway(ledger));
            tests.createPeerOfGatewayUnderTest();
            return tests;
        }

        @Test
        void paymentKit_keysKeptPerInstance_failR4_1OnPeers() {
            assertThatThrownBy(perInstanceKeyPeers()
                    ::optional_R4_1_authorizeRepeatedOnPeer_returnsFirstOutcomeAuthorizesOnce)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(perInstanceKeyPeers()
                    ::optional_R4_1_callsRepeatedOnPeer_returnFirstOutcomeMoveMoneyOnce)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(perInstanceKeyPeers()
                    ::optional_R4_1_keyFirstSeenOnPeer_isKnownToTheFirstInstance)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(perInstanceKeyPeers()
                    ::optional_R4_1_concurrentCallsWithOneKeyOnBothInstances_takeEffectOnce)
                    .isInstanceOf(AssertionError.class);
        }

        @Test
        void paymentKit_keysKeptPerInstance_passTheOneInstanceRules() {
            // what the kits could not see before peers: one instance keeps R4.1, repeats and races included
            PaymentGatewayCompatibilityKit kit = new PaymentGatewayCompatibilityKit() {
                @Override
                protected PaymentGateway createGateway() {
                    return new PerInstanceKeysPaymentGateway(ledger);
                }
            };
            kit.createGatewayUnderTest();
            PaymentGatewayCompatibilityKit.Idempotency tests = kit.new Idempotency();
            tests.required_R4_1_repeatAuthorize_returnsFirstOutcomeAuthorizesOnce();
            tests.required_R4_1_repeatCapture_returnsFirstOutcomeCapturesOnce();
            tests.required_R4_1_repeatRefund_returnsFirstOutcomeRefundsOnce();
            tests.required_R4_1_repeatVoid_returnsFirstOutcome();
            tests.required_R4_1_concurrentCapturesWithOneKey_captureOnce();
        }

        @Test
        void paymentKit_sharedLedgerAndKeys_passR4_1OnPeers() {
            // one instance wrapped twice: the peer tests pass an adapter that does keep its keys with the provider
            PerInstanceKeysPaymentGateway shared = new PerInstanceKeysPaymentGateway(ledger);
            PaymentGatewayCompatibilityKit kit = new PaymentGatewayCompatibilityKit() {
                @Override
                protected PaymentGateway createGateway() {
                    return forwardingTo(PaymentGateway.class, shared);
                }

                @Override
                protected boolean supportsPeers() {
                    return true;
                }

                @Override
                protected PaymentGateway createPeer(PaymentGateway first) {
                    return forwardingTo(PaymentGateway.class, shared);
                }
            };
            kit.createGatewayUnderTest();
            PaymentGatewayCompatibilityKit.Peers tests = kit.new Peers();
            tests.createPeerOfGatewayUnderTest();
            tests.optional_R4_1_authorizeRepeatedOnPeer_returnsFirstOutcomeAuthorizesOnce();
            tests.optional_R4_1_callsRepeatedOnPeer_returnFirstOutcomeMoveMoneyOnce();
            tests.optional_R4_1_keyFirstSeenOnPeer_isKnownToTheFirstInstance();
            tests.optional_R4_1_concurrentCallsWithOneKeyOnBothInstances_takeEffectOnce();
        }

        @Test
        void paymentKit_peersNotDeclared_skipsThePeerTestsSayingSo() {
            PaymentGatewayCompatibilityKit.Peers tests = paymentPeers(false, first -> first);

            assertThatThrownBy(tests::createPeerOfGatewayUnderTest).isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("supportsPeers() is false");
        }

        @Test
        void paymentKit_peerThatIsTheFirstInstance_isRefused() {
            // returning the first instance would pass every peer test and check nothing
            PaymentGatewayCompatibilityKit.Peers tests = paymentPeers(true, first -> first);

            assertThatThrownBy(tests::createPeerOfGatewayUnderTest).isInstanceOf(AssertionError.class);
        }

        private CarrierGatewayCompatibilityKit.Peers carrierPeers(boolean keysPerInstance, boolean sequencePerInstance) {
            ConcurrentMap<String, ShippingLabel> labels = new ConcurrentHashMap<>();
            AtomicLong sequence = new AtomicLong();
            CarrierGatewayCompatibilityKit kit = new CarrierGatewayCompatibilityKit() {
                @Override
                protected CarrierGateway createCarrier() {
                    return new SplitStateCarrier(labels, sequence);
                }

                @Override
                protected boolean supportsPeers() {
                    return true;
                }

                @Override
                protected CarrierGateway createPeer(CarrierGateway first) {
                    return new SplitStateCarrier(keysPerInstance ? new ConcurrentHashMap<>() : labels,
                            sequencePerInstance ? new AtomicLong() : sequence);
                }
            };
            kit.createCarrierUnderTest();
            CarrierGatewayCompatibilityKit.Peers tests = kit.new Peers();
            tests.createPeerOfCarrierUnderTest();
            return tests;
        }

        @Test
        void carrierKit_keysKeptPerInstance_failR6_2OnPeers() {
            assertThatThrownBy(carrierPeers(true, false)::optional_R6_2_labelRepeatedOnPeer_returnsTheFirstLabel)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(carrierPeers(true, false)::optional_R6_2_keyFirstSeenOnPeer_isKnownToTheFirstInstance)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(carrierPeers(true, false)
                    ::optional_R6_2_concurrentCreateLabelWithOneKeyOnBothInstances_returnsOneLabel)
                    .isInstanceOf(AssertionError.class);
            carrierPeers(true, false).optional_R6_3_differentKeysOnBothInstances_getDifferentTrackingNumbers();
        }

        @Test
        void carrierKit_trackingNumbersCountedPerInstance_failR6_3OnPeers() {
            assertThatThrownBy(carrierPeers(false, true)
                    ::optional_R6_3_differentKeysOnBothInstances_getDifferentTrackingNumbers)
                    .isInstanceOf(AssertionError.class);
            CarrierGatewayCompatibilityKit.Peers tests = carrierPeers(false, true);
            tests.optional_R6_2_labelRepeatedOnPeer_returnsTheFirstLabel();
            tests.optional_R6_2_keyFirstSeenOnPeer_isKnownToTheFirstInstance();
            tests.optional_R6_2_concurrentCreateLabelWithOneKeyOnBothInstances_returnsOneLabel();
        }

        @Test
        void carrierKit_sharedKeysAndSequence_passThePeerTests() {
            CarrierGatewayCompatibilityKit.Peers tests = carrierPeers(false, false);
            tests.optional_R6_2_labelRepeatedOnPeer_returnsTheFirstLabel();
            tests.optional_R6_2_keyFirstSeenOnPeer_isKnownToTheFirstInstance();
            tests.optional_R6_2_concurrentCreateLabelWithOneKeyOnBothInstances_returnsOneLabel();
            tests.optional_R6_3_differentKeysOnBothInstances_getDifferentTrackingNumbers();
        }

        private InventoryStoreCompatibilityKit.Peers inventoryPeers() {
            Warehouse db = new Warehouse();
            InventoryStoreCompatibilityKit kit = new InventoryStoreCompatibilityKit() {
                @Override
                protected InventoryStore createStore() {
                    return new PerInstanceIdsInventoryStore(db);
                }

                @Override
                protected boolean supportsPeers() {
                    return true;
                }

                @Override
                protected InventoryStore createPeer(InventoryStore first) {
                    return new PerInstanceIdsInventoryStore(db);
                }
            };
            kit.createStoreUnderTest();
            kit.freshIds();
            InventoryStoreCompatibilityKit.Peers tests = kit.new Peers();
            tests.createPeerOfStoreUnderTest();
            return tests;
        }

        @Test
        void inventoryKit_idsKeptPerInstance_failR2_4OnPeers() {
            assertThatThrownBy(inventoryPeers()
                    ::optional_R2_4_callsRepeatedOnPeer_returnFirstOutcomeChangeNothingMore)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(inventoryPeers()
                    ::optional_R2_4_reservationFirstMadeOnPeer_isKnownToTheFirstInstance)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(inventoryPeers()::optional_R2_4_concurrentRepeatsOnBothInstances_takeEffectOnce)
                    .isInstanceOf(AssertionError.class);
            // stock itself is shared and locked: no oversell across the two instances
            inventoryPeers().optional_R2_3_concurrentReservationsOnBothInstances_neverOversell();
        }

        @Test
        void inventoryKit_oneStoreSeenThroughTwoObjects_passesThePeerTests() {
            PerInstanceIdsInventoryStore shared = new PerInstanceIdsInventoryStore(new Warehouse());
            InventoryStoreCompatibilityKit kit = new InventoryStoreCompatibilityKit() {
                @Override
                protected InventoryStore createStore() {
                    return forwardingTo(InventoryStore.class, shared);
                }

                @Override
                protected boolean supportsPeers() {
                    return true;
                }

                @Override
                protected InventoryStore createPeer(InventoryStore first) {
                    return forwardingTo(InventoryStore.class, shared);
                }
            };
            kit.createStoreUnderTest();
            InventoryStoreCompatibilityKit.Peers tests = kit.new Peers();
            tests.createPeerOfStoreUnderTest();
            kit.freshIds();
            tests.optional_R2_3_concurrentReservationsOnBothInstances_neverOversell();
            kit.freshIds();
            tests.optional_R2_4_callsRepeatedOnPeer_returnFirstOutcomeChangeNothingMore();
            kit.freshIds();
            tests.optional_R2_4_reservationFirstMadeOnPeer_isKnownToTheFirstInstance();
            kit.freshIds();
            tests.optional_R2_4_concurrentRepeatsOnBothInstances_takeEffectOnce();
        }

        @Test
        void inventoryKit_idsKeptPerInstance_passTheOneInstanceRules() {
            InventoryStoreCompatibilityKit kit = inventoryKit(new PerInstanceIdsInventoryStore(new Warehouse()));
            InventoryStoreCompatibilityKit.Idempotency tests = kit.new Idempotency();
            tests.required_R2_4_repeatReserve_returnsFirstOutcomeReservesOnce();
            kit.freshIds();
            tests.required_R2_4_repeatRelease_releasesOnce();
            kit.freshIds();
            tests.required_R2_4_repeatConsume_consumesOnce();
            kit.freshIds();
            tests.required_R2_4_repeatRestock_addsOnce();
            kit.freshIds();
            tests.required_R2_4_concurrentRepeatsOfOneReservation_reserveOnce();
        }

        private OrderStoreCompatibilityKit.Peers orderStorePeers() {
            ConcurrentMap<OrderId, OrderRow> table = new ConcurrentHashMap<>();
            OrderStoreCompatibilityKit kit = new OrderStoreCompatibilityKit() {
                @Override
                protected OrderStore createStore() {
                    return new CachingOrderStore(table);
                }

                @Override
                protected boolean supportsPeers() {
                    return true;
                }

                @Override
                protected OrderStore createPeer(OrderStore first) {
                    return new CachingOrderStore(table);
                }
            };
            kit.createStoreUnderTest();
            OrderStoreCompatibilityKit.Peers tests = kit.new Peers();
            tests.createPeerOfStoreUnderTest();
            return tests;
        }

        @Test
        void orderStoreKit_versionsAndKeysCachedPerInstance_failR1OnPeers() {
            assertThatThrownBy(orderStorePeers()
                    ::optional_R1_3_versionSavedOnPeer_isLoadedHereAndMakesTheOlderExpectationStale)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(orderStorePeers()
                    ::optional_R1_7_keySavedOnPeer_isFoundHereAndRefusedForAnotherOrder)
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(orderStorePeers()
                    ::optional_R1_8_concurrentNewOrdersWithOneKeyOnBothInstances_exactlyOneStored)
                    .isInstanceOf(AssertionError.class);
        }

        @Test
        void orderStoreKit_oneStoreSeenThroughTwoObjects_passesThePeerTests() {
            CachingOrderStore shared = new CachingOrderStore(new ConcurrentHashMap<>());
            OrderStoreCompatibilityKit kit = new OrderStoreCompatibilityKit() {
                @Override
                protected OrderStore createStore() {
                    return forwardingTo(OrderStore.class, shared);
                }

                @Override
                protected boolean supportsPeers() {
                    return true;
                }

                @Override
                protected OrderStore createPeer(OrderStore first) {
                    return forwardingTo(OrderStore.class, shared);
                }
            };
            kit.createStoreUnderTest();
            OrderStoreCompatibilityKit.Peers tests = kit.new Peers();
            tests.createPeerOfStoreUnderTest();
            tests.optional_R1_3_versionSavedOnPeer_isLoadedHereAndMakesTheOlderExpectationStale();
            tests.optional_R1_7_keySavedOnPeer_isFoundHereAndRefusedForAnotherOrder();
            tests.optional_R1_6_concurrentSavesOnBothInstances_exactlyOneWins();
            tests.optional_R1_8_concurrentNewOrdersWithOneKeyOnBothInstances_exactlyOneStored();
        }

        @Test
        void orderStoreKit_versionsAndKeysCachedPerInstance_passTheOneInstanceRules() {
            OrderStoreCompatibilityKit kit = orderStoreKit(new CachingOrderStore(new ConcurrentHashMap<>()));
            kit.new NewVersion().required_R1_3_staleSave_throwsAndStoresNothing();
            kit.new IdempotencyKeys().required_R1_7_findByIdempotencyKey_ofSavedOrder_returnsItsId();
            kit.new IdempotencyKeys().required_R1_8_newOrderWithKeyHeldByAnother_throwsDuplicateAndStoresNothing();
            kit.new Concurrency().required_R1_6_concurrentSavesWithSameExpectedVersion_exactlyOneWins();
            kit.new Concurrency().required_R1_8_concurrentNewOrdersWithOneKey_exactlyOneStored();
        }
    }

    /** A second adapter object that forwards every call to {@code target}: another instance over the same state. */
    private static <T> T forwardingTo(Class<T> port, T target) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
