package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.InventoryException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.StockLevel;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link InventoryStore}: extend it in your test sources, implement {@link #createStore()},
 * and every rule R2.1 to R2.8 of the port runs against your adapter, named {@code required_R2_<n>_...}.
 * Not thread-safe itself: JUnit makes one instance per test.
 *
 * <p>Stock is set up through {@link #stock}, which by default calls the port's own
 * {@link InventoryStore#restock} on a location and SKU no other test uses: a store whose records start at
 * zero needs nothing more. Override it when your store seeds stock another way (a warehouse feed, a direct
 * insert). Each test uses fresh random location ids and SKUs ({@link Fixtures#unique}), so a durable store
 * need not be emptied between tests.
 *
 * <p>Optional capability, declared and not disabled: {@link #supportsPeers()} with {@link #createPeer}, to check
 * that two store instances over one database (as two application servers have) keep R2.3 and R2.4 together (the
 * {@code optional_R2_3_...} and {@code optional_R2_4_...} tests of the {@code Peers} group).
 */
public abstract class InventoryStoreCompatibilityKit {

    /** The store under test, made by {@link #createStore()} before each test. */
    protected InventoryStore store;

    /** A store to test. Called before each test. */
    protected abstract InventoryStore createStore();

    /**
     * Makes the on-hand units of {@code sku} at {@code location} equal to {@code onHand}, with nothing reserved,
     * for a location and SKU the test has not used yet. The default restocks through the port.
     */
    protected void stock(InventoryStore target, LocationId location, Sku sku, int onHand) {
        target.restock(Fixtures.unique("seed"), location, sku, onHand);
    }

    /**
     * Whether the kit may make a second store instance over the same data with {@link #createPeer} (false by
     * default). Declare it when your store can be opened twice in one test (two connection pools on one database):
     * several application servers running the engine on one database each open their own store, and one server
     * may repeat a reservation or settlement another started, or race it for the last unit. A store that keeps
     * operation ids, or serializes reservations, in its own memory (a map, a JVM lock) passes every other test of
     * this kit and oversells or settles twice then.
     */
    protected boolean supportsPeers() {
        return false;
    }

    /**
     * Another instance over the same data as {@code first}, as a second server would open: a new store object, for
     * instance over its own connection pool on the same database (not {@code first} itself, nor a wrapper or view of
     * it: a view tests nothing). Called at most once per test, only when {@link #supportsPeers()} is true. Close what
     * it opens yourself: for instance one peer's resources for the whole test class, closed in an {@code @AfterAll}, as
     * the PostgreSQL example does.
     */
    protected InventoryStore createPeer(InventoryStore first) {
        throw new UnsupportedOperationException("declare supportsPeers() and implement createPeer()");
    }

    /** Contenders in each concurrency round (8 by default). */
    protected int threads() {
        return 8;
    }

    /** Rounds of each concurrency test (40 by default); lower it for a slow remote store. */
    protected int rounds() {
        return 40;
    }

    @BeforeEach
    void createStoreUnderTest() {
        store = createStore();
        assertThat(store).as("createStore() result").isNotNull();
    }

    private LocationId loc;
    private Sku a;
    private Sku b;

    @BeforeEach
    void freshIds() {
        loc = Fixtures.newLocation();
        a = Fixtures.newSku();
        b = Fixtures.newSku();
    }

    private void assertLevel(Sku sku, int onHand, int reserved) {
        assertThat(store.level(loc, sku)).as("level of %s", sku).isEqualTo(new StockLevel(onHand, reserved));
    }

    private static long reservedCount(List<Race.Outcome<ReservationResult>> outcomes) {
        long won = 0;
        for (Race.Outcome<ReservationResult> o : outcomes) {
            assertThat(o.error()).as("a reservation failed").isNull();
            if (o.value().reserved()) {
                won++;
            }
        }
        return won;
    }

    private static void assertCode(ThrowingCallable call, Class<? extends OmsException> type, OmsErrorCode code) {
        assertThatThrownBy(call).as("the call must throw %s with code %s", type.getSimpleName(), code)
                .isInstanceOf(type)
                .satisfies(e -> assertThat(((OmsException) e).code()).isEqualTo(code));
    }

    @Nested
    @DisplayName("R2.1: reading stock")
    class Reading {

        @Test
        @DisplayName("R2.1 a SKU never stocked at a location has nothing on hand and nothing reserved")
        void required_R2_1_levelOfNeverStockedSku_isZeroZero() {
            assertThat(store.level(loc, a)).isEqualTo(new StockLevel(0, 0));
        }

        @Test
        @DisplayName("R2.1 stocked units show on hand, per location")
        void required_R2_1_levelsOfStockedSku_listEveryLocationWithIt() {
            LocationId other = Fixtures.newLocation();
            stock(store, loc, a, 5);
            stock(store, other, a, 3);

            assertThat(store.level(loc, a)).isEqualTo(new StockLevel(5, 0));
            assertThat(store.levels(a)).containsEntry(loc, new StockLevel(5, 0)).containsEntry(other, new StockLevel(3, 0))
                    .hasSize(2);
            assertThat(store.levels(b)).isEmpty();
        }

        @Test
        @DisplayName("R2.1 levels count reserved units as level does")
        void required_R2_1_levelsOfAReservedSku_showTheReservedUnits() {
            LocationId other = Fixtures.newLocation();
            stock(store, loc, a, 5);
            stock(store, other, a, 3);
            store.reserve(Fixtures.unique("res"), loc, Map.of(a, 2));

            assertThat(store.levels(a)).containsEntry(loc, new StockLevel(5, 2)).containsEntry(other, new StockLevel(3, 0))
                    .hasSize(2);
            assertThat(store.levels(a).get(loc)).isEqualTo(store.level(loc, a));
        }
    }

    @Nested
    @DisplayName("R2.2: reservations are all-or-nothing")
    class AllOrNothing {

        @Test
        @DisplayName("R2.2 a reservation within available stock reserves every line")
        void required_R2_2_reserveWithinStock_reservesAll() {
            stock(store, loc, a, 5);
            stock(store, loc, b, 2);

            ReservationResult r = store.reserve(Fixtures.unique("res"), loc, Map.of(a, 3, b, 2));

            assertThat(r.reserved()).isTrue();
            assertThat(r.shortages()).isEmpty();
            assertLevel(a, 5, 3);
            assertLevel(b, 2, 2);
            assertThat(store.level(loc, a).available()).isEqualTo(2);
        }

        @Test
        @DisplayName("R2.2 a reservation one SKU cannot cover reserves nothing and lists the shortage")
        void required_R2_2_reserveBeyondStock_reservesNothingAndListsShortages() {
            stock(store, loc, a, 5);
            stock(store, loc, b, 1);

            ReservationResult r = store.reserve(Fixtures.unique("res"), loc, Map.of(a, 3, b, 4));

            assertThat(r.reserved()).isFalse();
            assertThat(r.shortages()).isEqualTo(Map.of(b, 3));
            assertLevel(a, 5, 0);
            assertLevel(b, 1, 0);
        }

        @Test
        @DisplayName("R2.2 a SKU the location never had is short by the whole quantity")
        void required_R2_2_reserveUnknownSku_isShortByAll() {
            stock(store, loc, a, 5);

            ReservationResult r = store.reserve(Fixtures.unique("res"), loc, Map.of(a, 1, b, 2));

            assertThat(r.reserved()).isFalse();
            assertThat(r.shortages()).isEqualTo(Map.of(b, 2));
            assertLevel(a, 5, 0);
        }

        @Test
        @DisplayName("R2.2 reserved units are no longer available to the next reservation")
        void required_R2_2_secondReservation_seesOnlyWhatIsLeft() {
            stock(store, loc, a, 5);
            assertThat(store.reserve(Fixtures.unique("res"), loc, Map.of(a, 4)).reserved()).isTrue();

            ReservationResult second = store.reserve(Fixtures.unique("res"), loc, Map.of(a, 2));

            assertThat(second.reserved()).isFalse();
            assertThat(second.shortages()).isEqualTo(Map.of(a, 1));
            assertLevel(a, 5, 4);
        }
    }

    @Nested
    @DisplayName("R2.3: no oversell under concurrency")
    class NoOversell {

        @Test
        @DisplayName("R2.3 threads racing for the last units never reserve more than on hand")
        void required_R2_3_concurrentReservationsOfLastUnits_neverOversell() {
            for (int round = 0; round < rounds(); round++) {
                Sku sku = Fixtures.newSku();
                int units = 1 + round % Math.max(1, threads() - 1);
                stock(store, loc, sku, units);

                List<Race.Outcome<ReservationResult>> outcomes = Race.run(threads(),
                        i -> () -> store.reserve(Fixtures.unique("res"), loc, Map.of(sku, 1)));

                long won = reservedCount(outcomes);
                assertThat(won).as("round %d: reservations of %d units by %d threads", round, units, threads())
                        .isEqualTo(Math.min(units, threads()));
                assertThat(store.level(loc, sku)).as("round %d", round).isEqualTo(new StockLevel(units, (int) won));
            }
        }

        @Test
        @DisplayName("R2.3 threads reserving unit by unit until refused take exactly the stock, no more, no less")
        void required_R2_3_concurrentUnitReservationsUntilRefused_takeExactlyTheStock() {
            for (int round = 0; round < Math.max(1, rounds() / 8); round++) {
                Sku sku = Fixtures.newSku();
                int units = threads() * 25 + round;
                stock(store, loc, sku, units);

                List<Race.Outcome<Integer>> outcomes = Race.run(threads(), i -> () -> {
                    int won = 0;
                    while (won <= units && store.reserve(Fixtures.unique("res"), loc, Map.of(sku, 1)).reserved()) {
                        won++;
                    }
                    return won;
                });

                int won = 0;
                for (Race.Outcome<Integer> o : outcomes) {
                    assertThat(o.error()).as("a reservation failed").isNull();
                    won += o.value();
                }
                assertThat(won).as("round %d: units reserved by %d threads", round, threads()).isEqualTo(units);
                assertThat(store.level(loc, sku)).as("round %d", round).isEqualTo(new StockLevel(units, units));
            }
        }

        @Test
        @DisplayName("R2.3 racing multi-SKU reservations stay all-or-nothing")
        void required_R2_3_concurrentMultiSkuReservations_allOrNothingNeverOversell() {
            for (int round = 0; round < rounds(); round++) {
                Sku x = Fixtures.newSku();
                Sku y = Fixtures.newSku();
                int scarce = 1 + round % 3;
                stock(store, loc, x, scarce);
                stock(store, loc, y, threads() * 2);

                List<Race.Outcome<ReservationResult>> outcomes = Race.run(threads(),
                        i -> () -> store.reserve(Fixtures.unique("res"), loc,
                                i % 2 == 0 ? Map.of(x, 1, y, 2) : Map.of(y, 1, x, 1)));

                long won = reservedCount(outcomes);
                long yReserved = 0;
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).value().reserved()) {
                        yReserved += i % 2 == 0 ? 2 : 1;
                    }
                }
                assertThat(won).as("round %d", round).isEqualTo(Math.min(scarce, threads()));
                assertThat(store.level(loc, x)).as("round %d x", round).isEqualTo(new StockLevel(scarce, (int) won));
                assertThat(store.level(loc, y)).as("round %d y", round)
                        .isEqualTo(new StockLevel(threads() * 2, (int) yReserved));
            }
        }
    }

    @Nested
    @DisplayName("R2.3, R2.4 (optional: peers): two store instances over one database, as two servers have")
    class Peers {
        private InventoryStore peer;

        @BeforeEach
        void createPeerOfStoreUnderTest() {
            Assumptions.assumeTrue(supportsPeers(), "optional capability not declared: supportsPeers() is false");
            peer = createPeer(store);
            assertThat(peer).as("createPeer() result").isNotNull().isNotSameAs(store);
        }

        private InventoryStore side(int contender) {
            return contender % 2 == 0 ? store : peer;
        }

        @Test
        @DisplayName("R2.3 (peers) threads on both instances racing for the last units never reserve more than on hand")
        void optional_R2_3_concurrentReservationsOnBothInstances_neverOversell() {
            for (int round = 0; round < rounds(); round++) {
                Sku sku = Fixtures.newSku();
                int units = 1 + round % Math.max(1, threads() - 1);
                stock(store, loc, sku, units);

                List<Race.Outcome<ReservationResult>> outcomes = Race.run(threads(),
                        i -> () -> side(i).reserve(Fixtures.unique("res"), loc, Map.of(sku, 1)));

                long won = reservedCount(outcomes);
                assertThat(won).as("round %d: reservations of %d units by %d threads on two servers", round, units,
                        threads()).isEqualTo(Math.min(units, threads()));
                assertThat(peer.level(loc, sku)).as("round %d", round).isEqualTo(new StockLevel(units, (int) won));
            }
        }

        @Test
        @DisplayName("R2.4 (peers) a reservation, settlement or restock repeated on the other instance changes nothing more")
        void optional_R2_4_callsRepeatedOnPeer_returnFirstOutcomeChangeNothingMore() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");
            ReservationResult first = store.reserve(res, loc, Map.of(a, 4));
            assertThat(peer.reserve(res, loc, Map.of(a, 4))).as("the repeat on the second server").isEqualTo(first);
            assertThat(peer.level(loc, a)).isEqualTo(new StockLevel(5, 4));

            String release = Fixtures.unique("op");
            peer.release(release, res, Map.of(a, 1));
            store.release(release, res, Map.of(a, 1));
            String consume = Fixtures.unique("op");
            store.consume(consume, res, Map.of(a, 2));
            peer.consume(consume, res, Map.of(a, 2));
            String restock = Fixtures.unique("op");
            peer.restock(restock, loc, a, 10);
            store.restock(restock, loc, a, 10);

            assertLevel(a, 13, 1);
            assertThat(peer.level(loc, a)).isEqualTo(new StockLevel(13, 1));
        }

        @Test
        @DisplayName("R2.4, R2.5, R2.6 (peers) a reservation id first used on the other instance is known to this one")
        void optional_R2_4_reservationFirstMadeOnPeer_isKnownToTheFirstInstance() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");

            ReservationResult first = peer.reserve(res, loc, Map.of(a, 2));

            assertThat(store.reserve(res, loc, Map.of(a, 2))).isEqualTo(first);
            assertCode(() -> store.reserve(res, loc, Map.of(a, 3)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);
            // the first server settles the second server's reservation
            store.consume(Fixtures.unique("op"), res, Map.of(a, 2));
            assertLevel(a, 3, 0);
        }

        @Test
        @DisplayName("R2.4 (peers) concurrent repeats of one reservation or one release on both instances take effect once")
        void optional_R2_4_concurrentRepeatsOnBothInstances_takeEffectOnce() {
            for (int round = 0; round < rounds(); round++) {
                Sku sku = Fixtures.newSku();
                stock(store, loc, sku, 100);
                String res = Fixtures.unique("res");

                List<Race.Outcome<ReservationResult>> reservations = Race.run(threads(),
                        i -> () -> side(i).reserve(res, loc, Map.of(sku, 3)));
                for (Race.Outcome<ReservationResult> o : reservations) {
                    assertThat(o.error()).isNull();
                    assertThat(o.value().reserved()).isTrue();
                }
                String op = Fixtures.unique("op");
                List<Race.Outcome<Boolean>> releases = Race.run(threads(), i -> () -> {
                    side(i + 1).release(op, res, Map.of(sku, 1));
                    return true;
                });
                for (Race.Outcome<Boolean> o : releases) {
                    assertThat(o.error()).as("a repeated release failed").isNull();
                }
                assertThat(store.level(loc, sku)).as("round %d: reserved once, released once", round)
                        .isEqualTo(new StockLevel(100, 2));
            }
        }
    }

    @Nested
    @DisplayName("R2.4, R2.5: idempotency by id")
    class Idempotency {

        @Test
        @DisplayName("R2.4 repeating a reservation returns the first outcome and reserves nothing more")
        void required_R2_4_repeatReserve_returnsFirstOutcomeReservesOnce() {
            stock(store, loc, a, 5);
            String id = Fixtures.unique("res");

            ReservationResult first = store.reserve(id, loc, Map.of(a, 2));
            ReservationResult again = store.reserve(id, loc, Map.of(a, 2));

            assertThat(again).isEqualTo(first);
            assertLevel(a, 5, 2);
        }

        @Test
        @DisplayName("R2.4 a repeat after the reservation was released or consumed in full reserves nothing again")
        void required_R2_4_repeatReserveAfterItsUnitsLeft_returnsFirstOutcomeReservesNothing() {
            stock(store, loc, a, 5);
            String released = Fixtures.unique("res");
            ReservationResult first = store.reserve(released, loc, Map.of(a, 2));
            store.release(Fixtures.unique("op"), released, Map.of(a, 2));
            String consumed = Fixtures.unique("res");
            ReservationResult second = store.reserve(consumed, loc, Map.of(a, 1));
            store.consume(Fixtures.unique("op"), consumed, Map.of(a, 1));
            assertLevel(a, 4, 0);

            assertThat(store.reserve(released, loc, Map.of(a, 2))).isEqualTo(first);
            assertThat(store.reserve(consumed, loc, Map.of(a, 1))).isEqualTo(second);
            assertLevel(a, 4, 0);
        }

        @Test
        @DisplayName("R2.4 a refused reservation repeated after stock arrived is still refused and reserves nothing")
        void required_R2_4_repeatOfARefusedReservation_staysRefused() {
            stock(store, loc, a, 1);
            String id = Fixtures.unique("res");
            ReservationResult first = store.reserve(id, loc, Map.of(a, 3));
            assertThat(first.reserved()).isFalse();
            store.restock(Fixtures.unique("op"), loc, a, 10);

            assertThat(store.reserve(id, loc, Map.of(a, 3))).isEqualTo(first);
            assertLevel(a, 11, 0);
        }

        @Test
        @DisplayName("R2.4 concurrent repeats of one reservation reserve once")
        void required_R2_4_concurrentRepeatsOfOneReservation_reserveOnce() {
            for (int round = 0; round < rounds(); round++) {
                Sku sku = Fixtures.newSku();
                stock(store, loc, sku, 100);
                String id = Fixtures.unique("res");

                List<Race.Outcome<ReservationResult>> outcomes = Race.run(threads(),
                        i -> () -> store.reserve(id, loc, Map.of(sku, 3)));

                for (Race.Outcome<ReservationResult> o : outcomes) {
                    assertThat(o.error()).isNull();
                    assertThat(o.value().reserved()).isTrue();
                }
                assertThat(store.level(loc, sku)).as("round %d", round).isEqualTo(new StockLevel(100, 3));
            }
        }

        @Test
        @DisplayName("R2.4 repeating a release with its operation id releases nothing more")
        void required_R2_4_repeatRelease_releasesOnce() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 4));
            String op = Fixtures.unique("op");

            store.release(op, res, Map.of(a, 1));
            store.release(op, res, Map.of(a, 1));

            assertLevel(a, 5, 3);
        }

        @Test
        @DisplayName("R2.4 releases and consumptions with different operation ids each take effect")
        void required_R2_4_settlementsWithDistinctOperationIds_eachTakeEffect() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 4));

            // the same content under new ids: an adapter that deduplicates by reservation or by content loses them
            store.release(Fixtures.unique("op"), res, Map.of(a, 1));
            store.release(Fixtures.unique("op"), res, Map.of(a, 1));
            store.consume(Fixtures.unique("op"), res, Map.of(a, 1));
            store.consume(Fixtures.unique("op"), res, Map.of(a, 1));

            assertLevel(a, 3, 0);
        }

        @Test
        @DisplayName("R2.4 repeating a consumption with its operation id consumes nothing more")
        void required_R2_4_repeatConsume_consumesOnce() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 4));
            String op = Fixtures.unique("op");

            store.consume(op, res, Map.of(a, 2));
            store.consume(op, res, Map.of(a, 2));

            assertLevel(a, 3, 2);
        }

        @Test
        @DisplayName("R2.4 repeating a release or consumption that settled the whole reservation changes nothing")
        void required_R2_4_repeatOfAWholeSettlement_isRecognisedBeforeItsQuantity() {
            stock(store, loc, a, 5);
            stock(store, loc, b, 5);
            String released = Fixtures.unique("res");
            String consumed = Fixtures.unique("res");
            store.reserve(released, loc, Map.of(a, 4));
            store.reserve(consumed, loc, Map.of(b, 4));
            String releaseOp = Fixtures.unique("op");
            String consumeOp = Fixtures.unique("op");

            store.release(releaseOp, released, Map.of(a, 4));
            store.consume(consumeOp, consumed, Map.of(b, 4));
            // the reservations hold nothing now: a store that checks the quantity before the id refuses these
            store.release(releaseOp, released, Map.of(a, 4));
            store.consume(consumeOp, consumed, Map.of(b, 4));

            assertLevel(a, 5, 0);
            assertLevel(b, 1, 0);
        }

        @Test
        @DisplayName("R2.4 a release that failed has not used its operation id")
        void required_R2_4_failedRelease_leavesItsOperationIdUnused() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");
            String op = Fixtures.unique("op");
            assertCode(() -> store.release(op, res, Map.of(a, 1)), InventoryException.class,
                    OmsErrorCode.UNKNOWN_RESERVATION);

            store.reserve(res, loc, Map.of(a, 2)); // the reservation arrives after the release was first asked
            store.release(op, res, Map.of(a, 1));

            assertLevel(a, 5, 1);
        }

        @Test
        @DisplayName("R2.4 repeating a restock with its operation id adds nothing more")
        void required_R2_4_repeatRestock_addsOnce() {
            stock(store, loc, a, 5);
            String op = Fixtures.unique("op");

            store.restock(op, loc, a, 3);
            store.restock(op, loc, a, 3);

            assertLevel(a, 8, 0);
        }

        @Test
        @DisplayName("R2.4 concurrent repeats of one restock add once")
        void required_R2_4_concurrentRepeatsOfOneRestock_addOnce() {
            for (int round = 0; round < rounds(); round++) {
                Sku sku = Fixtures.newSku();
                String op = Fixtures.unique("op");

                List<Race.Outcome<Boolean>> outcomes = Race.run(threads(), i -> () -> {
                    store.restock(op, loc, sku, 7);
                    return true;
                });

                outcomes.forEach(o -> assertThat(o.error()).isNull());
                assertThat(store.level(loc, sku)).as("round %d", round).isEqualTo(new StockLevel(7, 0));
            }
        }

        @Test
        @DisplayName("R2.5 reusing a reservation id with other lines is a conflict and changes nothing")
        void required_R2_5_reuseReservationIdWithOtherLines_throwsConflictChangesNothing() {
            stock(store, loc, a, 5);
            stock(store, loc, b, 5);
            String id = Fixtures.unique("res");
            store.reserve(id, loc, Map.of(a, 2));

            assertCode(() -> store.reserve(id, loc, Map.of(a, 3)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);
            assertCode(() -> store.reserve(id, loc, Map.of(a, 2, b, 1)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);

            assertLevel(a, 5, 2);
            assertLevel(b, 5, 0);
        }
    }

    @Nested
    @DisplayName("R2.6, R2.7: release, consume, restock")
    class Settlement {

        @Test
        @DisplayName("R2.6 releasing returns reserved units to available")
        void required_R2_6_release_returnsUnitsToAvailable() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 4));

            store.release(Fixtures.unique("op"), res, Map.of(a, 3));

            assertLevel(a, 5, 1);
            assertThat(store.level(loc, a).available()).isEqualTo(4);
        }

        @Test
        @DisplayName("R2.6 consuming removes units from on hand and reserved")
        void required_R2_6_consume_removesFromOnHandAndReserved() {
            stock(store, loc, a, 5);
            stock(store, loc, b, 2);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 4, b, 2));

            store.consume(Fixtures.unique("op"), res, Map.of(a, 4, b, 1));

            assertLevel(a, 1, 0);
            assertLevel(b, 1, 1);
        }

        @Test
        @DisplayName("R2.6 release and consume together may use the whole reservation, not more")
        void required_R2_6_releaseThenConsumeBeyondReservation_throwsConflictChangesNothing() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 4));
            store.release(Fixtures.unique("op"), res, Map.of(a, 1));
            store.consume(Fixtures.unique("op"), res, Map.of(a, 2));

            assertCode(() -> store.consume(Fixtures.unique("op"), res, Map.of(a, 2)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);
            assertCode(() -> store.release(Fixtures.unique("op"), res, Map.of(a, 2)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);

            assertLevel(a, 3, 1);
        }

        @Test
        @DisplayName("R2.6 releasing more than the reservation holds is a conflict and changes nothing")
        void required_R2_6_releaseMoreThanHeld_throwsConflictChangesNothing() {
            stock(store, loc, a, 5);
            stock(store, loc, b, 5);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 2, b, 1));

            assertCode(() -> store.release(Fixtures.unique("op"), res, Map.of(a, 1, b, 2)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);
            assertCode(() -> store.consume(Fixtures.unique("op"), res, Map.of(a, 3)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);

            assertLevel(a, 5, 2);
            assertLevel(b, 5, 1);
        }

        @Test
        @DisplayName("R2.6 what a reservation may release is what it holds, not what its location has reserved")
        void required_R2_6_releaseMoreThanItsOwnReservation_isAConflictWhileOthersHoldTheRest() {
            stock(store, loc, a, 4);
            String mine = Fixtures.unique("res");
            String other = Fixtures.unique("res");
            store.reserve(mine, loc, Map.of(a, 2));
            store.reserve(other, loc, Map.of(a, 2));

            // the location has 4 reserved, this reservation 2: releasing 3 would free units the other one holds
            assertCode(() -> store.release(Fixtures.unique("op"), mine, Map.of(a, 3)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);
            assertCode(() -> store.consume(Fixtures.unique("op"), mine, Map.of(a, 3)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);
            assertLevel(a, 4, 4);
        }

        @Test
        @DisplayName("R2.6 releasing a SKU the reservation does not hold is a conflict")
        void required_R2_6_releaseSkuNotInReservation_throwsConflict() {
            stock(store, loc, a, 5);
            stock(store, loc, b, 5);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 2));

            assertCode(() -> store.release(Fixtures.unique("op"), res, Map.of(b, 1)), InventoryException.class,
                    OmsErrorCode.RESERVATION_CONFLICT);
            assertLevel(b, 5, 0);
        }

        @Test
        @DisplayName("R2.6 an unknown reservation is refused")
        void required_R2_6_unknownReservation_throwsUnknownReservation() {
            stock(store, loc, a, 5);

            assertCode(() -> store.release(Fixtures.unique("op"), Fixtures.unique("res"), Map.of(a, 1)),
                    InventoryException.class, OmsErrorCode.UNKNOWN_RESERVATION);
            assertCode(() -> store.consume(Fixtures.unique("op"), Fixtures.unique("res"), Map.of(a, 1)),
                    InventoryException.class, OmsErrorCode.UNKNOWN_RESERVATION);
            assertLevel(a, 5, 0);
        }

        @Test
        @DisplayName("R2.7 restocking adds units to on hand, also where the SKU was never stocked")
        void required_R2_7_restock_addsToOnHand() {
            stock(store, loc, a, 5);

            store.restock(Fixtures.unique("op"), loc, a, 2);
            store.restock(Fixtures.unique("op"), loc, b, 4);

            assertLevel(a, 7, 0);
            assertLevel(b, 4, 0);
        }

        @Test
        @DisplayName("R2.7 restocked units can be reserved")
        void required_R2_7_restockedUnits_areReservable() {
            stock(store, loc, a, 1);
            store.restock(Fixtures.unique("op"), loc, a, 2);

            assertThat(store.reserve(Fixtures.unique("res"), loc, Map.of(a, 3)).reserved()).isTrue();
            assertLevel(a, 3, 3);
        }
    }

    @Nested
    @DisplayName("R2.8: quantities must be positive")
    class Validation {

        @Test
        @DisplayName("R2.8 a zero or negative quantity in a reservation is refused and reserves nothing")
        void required_R2_8_reserveNonPositiveQuantity_throwsInvalidQuantity() {
            stock(store, loc, a, 5);
            stock(store, loc, b, 5);

            assertCode(() -> store.reserve(Fixtures.unique("res"), loc, Map.of(a, 1, b, 0)),
                    OmsValidationException.class, OmsErrorCode.INVALID_QUANTITY);
            assertCode(() -> store.reserve(Fixtures.unique("res"), loc, Map.of(a, -1)),
                    OmsValidationException.class, OmsErrorCode.INVALID_QUANTITY);
            assertLevel(a, 5, 0);
            assertLevel(b, 5, 0);
        }

        @Test
        @DisplayName("R2.8 a zero or negative quantity in a release or consumption is refused and changes nothing")
        void required_R2_8_releaseOrConsumeNonPositiveQuantity_throwsInvalidQuantity() {
            stock(store, loc, a, 5);
            String res = Fixtures.unique("res");
            store.reserve(res, loc, Map.of(a, 2));

            assertCode(() -> store.release(Fixtures.unique("op"), res, Map.of(a, 0)),
                    OmsValidationException.class, OmsErrorCode.INVALID_QUANTITY);
            assertCode(() -> store.consume(Fixtures.unique("op"), res, Map.of(a, -2)),
                    OmsValidationException.class, OmsErrorCode.INVALID_QUANTITY);
            assertLevel(a, 5, 2);
        }

        @Test
        @DisplayName("R2.8 a zero or negative restock is refused and changes nothing")
        void required_R2_8_restockNonPositiveQuantity_throwsInvalidQuantity() {
            stock(store, loc, a, 5);

            assertCode(() -> store.restock(Fixtures.unique("op"), loc, a, 0),
                    OmsValidationException.class, OmsErrorCode.INVALID_QUANTITY);
            assertCode(() -> store.restock(Fixtures.unique("op"), loc, a, -3),
                    OmsValidationException.class, OmsErrorCode.INVALID_QUANTITY);
            assertLevel(a, 5, 0);
        }
    }

    @Nested
    @DisplayName("R2.9: ids are compared exactly")
    class ExactIds {

        @Test
        @DisplayName("R2.9 reservation ids that differ only in case or trailing spaces are different reservations")
        void required_R2_9_reservationIdsDifferingInCaseOrSpaces_areDifferentReservations() {
            stock(store, loc, a, 3);
            String base = Fixtures.unique("Res");
            // a case-insensitive store returns the first outcome to the others: 3 orders, 1 unit reserved
            for (String id : List.of(base, base.toUpperCase(java.util.Locale.ROOT), base + " ")) {
                assertThat(store.reserve(id, loc, Map.of(a, 1)).reserved()).as("reservation '%s'", id).isTrue();
            }
            assertLevel(a, 3, 3);
        }

        @Test
        @DisplayName("R2.9 operation ids, SKUs and locations that differ only in case are different")
        void required_R2_9_operationIdsSkusAndLocationsDifferingInCase_areDifferent() {
            String op = Fixtures.unique("Op");
            store.restock(op, loc, a, 2);
            store.restock(op.toUpperCase(java.util.Locale.ROOT), loc, a, 3);
            assertLevel(a, 5, 0);

            Sku upper = Sku.of(a.value().toUpperCase(java.util.Locale.ROOT));
            LocationId upperLoc = LocationId.of(loc.value().toUpperCase(java.util.Locale.ROOT));
            assertThat(store.level(loc, upper)).isEqualTo(new StockLevel(0, 0));
            assertThat(store.level(upperLoc, a)).isEqualTo(new StockLevel(0, 0));
        }
    }
}
