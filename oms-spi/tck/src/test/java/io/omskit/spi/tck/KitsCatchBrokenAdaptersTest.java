package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.StockLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

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
        OrderStoreCompatibilityKit kit = new OrderStoreCompatibilityKit() {
            @Override
            protected OrderStore createStore() {
                return new CheckThenActOrderStore();
            }
        };
        kit.createStoreUnderTest();
        OrderStoreCompatibilityKit.Concurrency tests = kit.new Concurrency();

        assertThatThrownBy(tests::required_R1_6_concurrentSavesWithSameExpectedVersion_exactlyOneWins)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void orderStoreKit_storeWithoutKeyIndex_failsR1_7() {
        OrderStoreCompatibilityKit kit = new OrderStoreCompatibilityKit() {
            @Override
            protected OrderStore createStore() {
                return new CheckThenActOrderStore();
            }
        };
        kit.createStoreUnderTest();
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
}
