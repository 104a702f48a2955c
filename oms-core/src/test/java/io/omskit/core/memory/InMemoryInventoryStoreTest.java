package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.InventoryException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.StockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryInventoryStoreTest {
    private static final LocationId DC = LocationId.of("DC-1");
    private static final LocationId STORE = LocationId.of("STORE-1");
    private static final Sku RED = Sku.of("RED");
    private static final Sku BLUE = Sku.of("BLUE");

    private final InMemoryInventoryStore store = new InMemoryInventoryStore();

    private static OmsErrorCode code(Throwable t) {
        return ((OmsException) t).code();
    }

    @Nested
    class SetOnHand {
        @Test
        void setOnHand_negative_isRefused() {
            assertThatThrownBy(() -> store.setOnHand(DC, RED, -1))
                    .isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_QUANTITY));
            assertThat(store.levels(RED)).isEmpty();
        }

        @Test
        void setOnHand_belowReserved_isRefusedAndChangesNothing() {
            store.setOnHand(DC, RED, 5);
            store.reserve("r1", DC, Map.of(RED, 4));

            assertThatThrownBy(() -> store.setOnHand(DC, RED, 3))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_QUANTITY));
            assertThat(store.level(DC, RED)).isEqualTo(new StockLevel(5, 4));
        }

        @Test
        void setOnHand_countsNetAdjustmentInTotals() {
            store.setOnHand(DC, RED, 10);
            store.setOnHand(DC, RED, 7);
            store.setOnHand(STORE, BLUE, 2);

            assertThat(store.totals()).isEqualTo(new InMemoryInventoryStore.Totals(9, 0, 9, 0, 0));
        }
    }

    @Nested
    class Bookkeeping {
        @Test
        void totals_afterReserveConsumeRestock_areConserved() {
            store.setOnHand(DC, RED, 10);
            store.setOnHand(DC, BLUE, 4);
            store.reserve("r1", DC, Map.of(RED, 3, BLUE, 2));
            store.consume("c1", "r1", Map.of(RED, 2, BLUE, 2));
            store.release("l1", "r1", Map.of(RED, 1));
            store.restock("s1", STORE, RED, 6);

            InMemoryInventoryStore.Totals t = store.totals();

            assertThat(t).isEqualTo(new InMemoryInventoryStore.Totals(16, 0, 14, 6, 4));
            assertThat(t.conserved()).isTrue();
            assertThat(store.snapshot()).isEqualTo(Map.of(
                    DC, Map.of(RED, new StockLevel(8, 0), BLUE, new StockLevel(2, 0)),
                    STORE, Map.of(RED, new StockLevel(6, 0))));
        }

        @Test
        void held_afterPartialSettlement_reportsWhatIsLeft() {
            store.setOnHand(DC, RED, 10);
            store.setOnHand(DC, BLUE, 10);
            store.reserve("r1", DC, Map.of(RED, 3, BLUE, 2));
            store.consume("c1", "r1", Map.of(BLUE, 2));

            assertThat(store.held("r1")).isEqualTo(Map.of(RED, 3));
        }

        @Test
        void held_unknownReservation_throwsUnknownReservation() {
            assertThatThrownBy(() -> store.held("nope"))
                    .isInstanceOf(InventoryException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.UNKNOWN_RESERVATION));
        }

        @Test
        void totals_conservedFlag_detectsBrokenBooks() {
            assertThat(new InMemoryInventoryStore.Totals(10, 2, 5, 6, 1).conserved()).isTrue();
            assertThat(new InMemoryInventoryStore.Totals(11, 2, 5, 6, 1).conserved()).isFalse();
            assertThat(new InMemoryInventoryStore.Totals(10, 11, 5, 6, 1).conserved()).isFalse();
        }
    }

    @Nested
    class DocumentedChoices {
        @Test
        void reserve_repeatOfRefusedReservationAfterRestock_staysRefused() {
            store.setOnHand(DC, RED, 1);
            assertThat(store.reserve("r1", DC, Map.of(RED, 2)).reserved()).isFalse();
            store.restock("s1", DC, RED, 5);

            assertThat(store.reserve("r1", DC, Map.of(RED, 2)).reserved()).isFalse();
            assertThat(store.reserve("r2", DC, Map.of(RED, 2)).reserved()).isTrue();
        }

        @Test
        void reserve_sameIdAtOtherLocation_isConflict() {
            store.setOnHand(DC, RED, 5);
            store.setOnHand(STORE, RED, 5);
            store.reserve("r1", DC, Map.of(RED, 1));

            assertThatThrownBy(() -> store.reserve("r1", STORE, Map.of(RED, 1)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThat(store.level(STORE, RED)).isEqualTo(new StockLevel(5, 0));
        }

        @Test
        void operationId_reusedForAnotherOperation_isConflictAndChangesNothing() {
            store.setOnHand(DC, RED, 5);
            store.reserve("r1", DC, Map.of(RED, 3));
            store.release("op-1", "r1", Map.of(RED, 1));

            assertThatThrownBy(() -> store.consume("op-1", "r1", Map.of(RED, 1)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThatThrownBy(() -> store.restock("op-1", DC, RED, 1))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThat(store.level(DC, RED)).isEqualTo(new StockLevel(5, 2));
        }

        @Test
        void operationId_ofAWholeSettlement_repeatsAsANoOpAndIsAConflictForAnythingElse() {
            store.setOnHand(DC, RED, 10);
            store.setOnHand(DC, BLUE, 10);
            store.reserve("r1", DC, Map.of(RED, 3, BLUE, 2));
            store.reserve("r2", DC, Map.of(RED, 3, BLUE, 2));
            store.consume("ship-1", "r1", Map.of(BLUE, 2, RED, 3)); // every unit of r1, in another key order

            store.consume("ship-1", "r1", Map.of(RED, 3, BLUE, 2)); // the repeat: nothing more
            assertThat(store.held("r1")).isEmpty();
            assertThat(store.level(DC, RED)).isEqualTo(new StockLevel(7, 3));
            assertThat(store.level(DC, BLUE)).isEqualTo(new StockLevel(8, 2));
            // the same id for another kind, other quantities, another reservation or a restock
            assertThatThrownBy(() -> store.release("ship-1", "r1", Map.of(RED, 3, BLUE, 2)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThatThrownBy(() -> store.consume("ship-1", "r1", Map.of(RED, 3)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThatThrownBy(() -> store.consume("ship-1", "r2", Map.of(RED, 3, BLUE, 2)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThatThrownBy(() -> store.restock("ship-1", DC, RED, 1))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            // a settled reservation holds nothing more
            assertThatThrownBy(() -> store.release("rel-1", "r1", Map.of(RED, 1)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThat(store.held("r2")).isEqualTo(Map.of(RED, 3, BLUE, 2));
            assertThat(store.level(DC, RED)).isEqualTo(new StockLevel(7, 3));
            assertThat(store.totals().conserved()).isTrue();
        }

        @Test
        void settle_restOfAPartlySettledReservation_isAnOperationOfItsOwn() {
            store.setOnHand(DC, RED, 10);
            store.reserve("r1", DC, Map.of(RED, 4));
            store.release("rel-1", "r1", Map.of(RED, 1));
            store.consume("ship-1", "r1", Map.of(RED, 3));

            store.consume("ship-1", "r1", Map.of(RED, 3)); // the repeat: nothing more
            store.release("rel-1", "r1", Map.of(RED, 1));
            assertThatThrownBy(() -> store.release("ship-1", "r1", Map.of(RED, 3)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThat(store.held("r1")).isEmpty();
            assertThat(store.level(DC, RED)).isEqualTo(new StockLevel(7, 0));
        }

        @Test
        void settle_wholeReservationOfManySkus_leavesNothingHeld() {
            Map<Sku, Integer> many = new java.util.HashMap<>();
            for (int i = 0; i < 40; i++) { // more SKUs than the shared all-zero counts cover
                Sku sku = Sku.of("SKU-" + i);
                store.setOnHand(DC, sku, 5);
                many.put(sku, 1 + i % 3);
            }
            store.reserve("r1", DC, many);
            store.release("rel-1", "r1", many);

            assertThat(store.held("r1")).isEmpty();
            assertThatThrownBy(() -> store.consume("c-1", "r1", Map.of(Sku.of("SKU-0"), 1)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThat(store.totals()).isEqualTo(new InMemoryInventoryStore.Totals(200, 0, 200, 0, 0));
        }

        @Test
        void reserve_emptyOrNullQuantities_isRefused() {
            assertThatThrownBy(() -> store.reserve("r1", DC, Map.of()))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_QUANTITY));
            assertThatThrownBy(() -> store.reserve("r1", DC, null))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.MISSING_VALUE));
            assertThatThrownBy(() -> store.reserve(" ", DC, Map.of(RED, 1)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.MISSING_VALUE));
        }

        @Test
        void restock_overflowingOnHand_isRefusedAndChangesNothing() {
            store.setOnHand(DC, RED, Integer.MAX_VALUE - 1);

            assertThatThrownBy(() -> store.restock("s1", DC, RED, 2))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_QUANTITY));
            store.restock("s1", DC, RED, 1);
            assertThat(store.level(DC, RED).onHand()).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @Nested
    class Concurrency {
        @Test
        void mixedWorkloadOnThreads_conservesUnitsAndNeverOversells() throws Exception {
            List<LocationId> locations = List.of(DC, STORE, LocationId.of("DC-2"));
            List<Sku> skus = List.of(RED, BLUE, Sku.of("GREEN"));
            for (LocationId l : locations) {
                for (Sku s : skus) {
                    store.setOnHand(l, s, 40);
                }
            }
            int threads = 8;
            AtomicLong consumedByCalls = new AtomicLong();
            AtomicLong restockedByCalls = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        assertThat(start.await(10, TimeUnit.SECONDS)).isTrue();
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        for (int i = 0; i < 400; i++) {
                            LocationId l = locations.get(rnd.nextInt(locations.size()));
                            Sku a = skus.get(rnd.nextInt(skus.size()));
                            Sku b = skus.get(rnd.nextInt(skus.size()));
                            String res = "res-" + thread + "-" + i;
                            Map<Sku, Integer> q = a.equals(b) ? Map.of(a, 1 + rnd.nextInt(3))
                                    : Map.of(a, 1 + rnd.nextInt(3), b, 1);
                            if (store.reserve(res, l, q).reserved()) {
                                if (rnd.nextBoolean()) {
                                    store.consume("c-" + res, res, Map.of(a, 1));
                                    store.consume("c-" + res, res, Map.of(a, 1)); // a repeat: no effect
                                    consumedByCalls.incrementAndGet();
                                } else {
                                    store.release("l-" + res, res, q);
                                }
                            }
                            if (i % 10 == 0) {
                                store.restock("s-" + res, l, b, 2);
                                restockedByCalls.addAndGet(2);
                            }
                            InMemoryInventoryStore.Totals t2 = store.totals();
                            assertThat(t2.conserved()).as("totals %s", t2).isTrue();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            InMemoryInventoryStore.Totals t = store.totals();
            assertThat(t.conserved()).isTrue();
            assertThat(t.consumed()).isEqualTo(consumedByCalls.get());
            assertThat(t.restocked()).isEqualTo(restockedByCalls.get());
            assertThat(t.adjusted()).isEqualTo(9 * 40);
            store.snapshot().values().forEach(m -> m.values().forEach(lv ->
                    assertThat(lv.reserved()).isLessThanOrEqualTo(lv.onHand())));
        }

        @Test
        void reservationsOfOneSkuAtManyLocationsOnThreads_loseNoUpdateOfAnyLocation() throws Exception {
            // every location's level of RED lives in one table per SKU: concurrent changes at different
            // locations must all land
            List<LocationId> locations = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                locations.add(LocationId.of("L-" + i));
                store.setOnHand(locations.get(i), RED, 1_000_000);
            }
            int threads = 6;
            int perThread = 2_000;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    LocationId mine = locations.get(t);
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        assertThat(start.await(10, TimeUnit.SECONDS)).isTrue();
                        for (int i = 0; i < perThread; i++) {
                            assertThat(store.reserve("r-" + thread + "-" + i, mine, Map.of(RED, 1)).reserved()).isTrue();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            Map<LocationId, StockLevel> levels = store.levels(RED);
            assertThat(levels).hasSize(6);
            for (LocationId l : locations) {
                assertThat(levels.get(l)).isEqualTo(new StockLevel(1_000_000, perThread));
                assertThat(store.level(l, RED)).isEqualTo(new StockLevel(1_000_000, perThread));
            }
        }
    }

    @Nested
    class Levels {
        @Test
        void levels_areInLocationOrderAndUnmodifiable() {
            LocationId a = LocationId.of("A");
            LocationId c = LocationId.of("C");
            LocationId b = LocationId.of("B");
            store.setOnHand(c, RED, 3);
            store.setOnHand(a, RED, 1);
            store.setOnHand(b, RED, 2);

            Map<LocationId, StockLevel> levels = store.levels(RED);

            assertThat(levels.keySet()).containsExactly(a, b, c);
            assertThat(levels).isEqualTo(Map.of(a, new StockLevel(1, 0), b, new StockLevel(2, 0), c,
                    new StockLevel(3, 0)));
            assertThat(levels.get(LocationId.of("Z"))).isNull();
            assertThat(levels.get("A")).isNull();
            assertThat(levels.containsKey(b)).isTrue();
            assertThatThrownBy(() -> levels.put(a, new StockLevel(9, 0)))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> levels.entrySet().iterator().next().setValue(new StockLevel(9, 0)))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> levels.keySet().remove(a)).isInstanceOf(UnsupportedOperationException.class);
            assertThat(store.levels(RED)).hasSize(3);
        }

        @Test
        void levels_takenBeforeAReservation_stayAsTheyWere() {
            store.setOnHand(DC, RED, 5);
            store.setOnHand(STORE, RED, 2);
            Map<LocationId, StockLevel> before = store.levels(RED);

            store.reserve("r1", DC, Map.of(RED, 4));
            store.setOnHand(LocationId.of("DC-0"), RED, 7);

            assertThat(before).isEqualTo(Map.of(DC, new StockLevel(5, 0), STORE, new StockLevel(2, 0)));
            assertThat(store.levels(RED)).hasSize(3).containsEntry(DC, new StockLevel(5, 4));
        }

        @Test
        void reserve_unsortedRequestOfSeveralSkus_settlesEachSkuAgainstItsOwnUnits() {
            Sku green = Sku.of("GREEN");
            for (Sku s : List.of(RED, BLUE, green)) {
                store.setOnHand(DC, s, 10);
            }
            Map<Sku, Integer> request = new java.util.LinkedHashMap<>();
            request.put(RED, 1);
            request.put(green, 2);
            request.put(BLUE, 3);
            assertThat(store.reserve("r1", DC, request).reserved()).isTrue();

            store.consume("c1", "r1", Map.of(green, 2));
            store.release("l1", "r1", Map.of(BLUE, 1));

            assertThat(store.held("r1")).isEqualTo(Map.of(RED, 1, BLUE, 2));
            assertThat(store.reserve("r1", DC, Map.of(BLUE, 3, RED, 1, green, 2)).reserved()).isTrue(); // a repeat
            assertThatThrownBy(() -> store.release("l2", "r1", Map.of(green, 1)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.RESERVATION_CONFLICT));
            assertThat(store.level(DC, green)).isEqualTo(new StockLevel(8, 0));
            assertThat(store.level(DC, BLUE)).isEqualTo(new StockLevel(10, 2));
        }

        @Test
        void reserve_equalSkusUnderTwoKeyInstances_countsTheLastAsTheSortedCheckDoes() {
            store.setOnHand(DC, RED, 10);
            store.setOnHand(DC, BLUE, 10);
            Map<Sku, Integer> request = new java.util.IdentityHashMap<>();
            request.put(Sku.of("RED"), 2);
            request.put(BLUE, 1);
            request.put(Sku.of("RED"), 3); // which of 2 and 3 comes last is up to the identity map's order
            int expectedRed = InventoryStore.checkQuantities(request).get(RED);

            assertThat(store.reserve("r1", DC, request).reserved()).isTrue();

            assertThat(store.held("r1")).isEqualTo(Map.of(RED, expectedRed, BLUE, 1));
            assertThat(store.level(DC, RED)).isEqualTo(new StockLevel(10, expectedRed));
            // the same content in an ordinary map is a repeat of that reservation, not a conflict
            assertThat(store.reserve("r1", DC, Map.of(RED, expectedRed, BLUE, 1)).reserved()).isTrue();
        }
    }
}
