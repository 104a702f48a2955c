package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.DuplicateIdempotencyKeyException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.port.OrderStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link OrderStore}: extend it in your test sources, implement {@link #createStore()},
 * and every rule R1.1 to R1.10 of the port runs against your adapter, one test per rule and case, named
 * {@code required_R1_<n>_...}.
 * Not thread-safe itself: JUnit makes one instance per test.
 *
 * <p>Each test gets a new store from {@link #createStore()} and uses fresh random order ids and keys
 * ({@link Fixtures#unique}), so a durable store need not be emptied between tests. Concurrency rules run on
 * real threads ({@link #threads()} contenders, {@link #rounds()} rounds), every wait bounded.
 *
 * <p>Optional capability, declared and not disabled: {@link #supportsPeers()} with {@link #createPeer}, to check
 * that two store instances over one database (as two application servers have) keep versions and idempotency keys
 * together (the {@code optional_R1_...} tests of the {@code Peers} group).
 */
public abstract class OrderStoreCompatibilityKit {

    /** The store under test, made by {@link #createStore()} before each test. */
    protected OrderStore store;

    /** A store to test: empty, or holding data of other orders only. Called before each test. */
    protected abstract OrderStore createStore();

    /**
     * Whether the kit may make a second store instance over the same data with {@link #createPeer} (false by
     * default). Declare it when your store can be opened twice in one test (two connection pools on one database):
     * several application servers running the engine on one database each open their own store, and both may save
     * one order or place one idempotency key at the same moment. A store that caches versions or keys in its own
     * memory passes every other test of this kit and loses a save or places an order twice then.
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
    protected OrderStore createPeer(OrderStore first) {
        throw new UnsupportedOperationException("declare supportsPeers() and implement createPeer()");
    }

    /** Contenders in each concurrency round (8 by default). */
    protected int threads() {
        return 8;
    }

    /** Rounds of each concurrency test (20 by default); lower it for a slow remote store. */
    protected int rounds() {
        return 20;
    }

    @BeforeEach
    void createStoreUnderTest() {
        store = createStore();
        assertThat(store).as("createStore() result").isNotNull();
    }

    /** Saves a new placed order with its OrderPlaced event and returns the snapshot. */
    private OrderSnapshot saveNew(OrderId id, String key) {
        OrderSnapshot s = Fixtures.placedOrder(id, key);
        store.save(s, 0, List.of(Fixtures.orderPlaced(s)));
        return s;
    }

    /** One round of R1.6: {@link #threads()} saves of version 2, contender {@code i} on {@code side.apply(i)}. */
    private void saveRace(int round, IntFunction<OrderStore> side) {
        OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
        List<Race.Outcome<OrderSnapshot>> outcomes = Race.run(threads(), i -> () -> {
            OrderSnapshot v2 = Fixtures.nextVersion(v1, i);
            side.apply(i).save(v2, 1, List.of(Fixtures.confirmed(v2, i)));
            return v2;
        });

        List<OrderSnapshot> winners = new ArrayList<>();
        for (Race.Outcome<OrderSnapshot> o : outcomes) {
            if (o.succeeded()) {
                winners.add(o.value());
            } else {
                assertThat(o.error()).as("round %d: a losing save", round).isInstanceOf(StaleOrderException.class);
            }
        }
        assertThat(winners).as("round %d: winners", round).hasSize(1);
        OrderSnapshot winner = winners.get(0);
        int tag = (int) (winner.updatedAt().getEpochSecond() - v1.updatedAt().getEpochSecond() - 1);
        for (OrderStore reader : List.of(side.apply(0), side.apply(1))) {
            assertThat(reader.load(v1.id())).as("round %d: stored snapshot", round).contains(winner);
            assertThat(reader.events(v1.id())).as("round %d: stored events", round)
                    .containsExactly(Fixtures.orderPlaced(v1), Fixtures.confirmed(winner, tag));
        }
    }

    /** One round of R1.8: new orders with one key, contender {@code i} on {@code side.apply(i)}. */
    private void newOrderRace(int round, IntFunction<OrderStore> side) {
        String key = Fixtures.unique("idem");
        List<OrderSnapshot> contenders = new ArrayList<>();
        for (int i = 0; i < threads(); i++) {
            contenders.add(Fixtures.placedOrder(Fixtures.newOrderId(), key));
        }
        List<Race.Outcome<OrderId>> outcomes = Race.run(threads(), i -> () -> {
            OrderSnapshot s = contenders.get(i);
            side.apply(i).save(s, 0, List.of(Fixtures.orderPlaced(s)));
            return s.id();
        });

        List<OrderId> stored = new ArrayList<>();
        for (Race.Outcome<OrderId> o : outcomes) {
            if (o.succeeded()) {
                stored.add(o.value());
            } else {
                assertThat(o.error()).as("round %d: a losing save", round)
                        .isInstanceOf(DuplicateIdempotencyKeyException.class);
            }
        }
        assertThat(stored).as("round %d: stored orders", round).hasSize(1);
        for (OrderStore reader : List.of(side.apply(0), side.apply(1))) {
            assertThat(reader.findByIdempotencyKey(key)).contains(stored.get(0));
            for (OrderSnapshot c : contenders) {
                boolean winner = c.id().equals(stored.get(0));
                assertThat(reader.load(c.id()).isPresent()).as("round %d: %s stored", round, c.id()).isEqualTo(winner);
                assertThat(reader.events(c.id())).hasSize(winner ? 1 : 0);
            }
        }
    }

    @Nested
    @DisplayName("R1.1, R1.10: an order that was never saved")
    class NeverSaved {

        @Test
        @DisplayName("R1.1 load of an unknown order returns empty")
        void required_R1_1_loadUnknownOrder_returnsEmpty() {
            assertThat(store.load(Fixtures.newOrderId())).isEmpty();
        }

        @Test
        @DisplayName("R1.10 events of an unknown order is an empty list")
        void required_R1_10_eventsOfUnknownOrder_returnsEmptyList() {
            assertThat(store.events(Fixtures.newOrderId())).isNotNull().isEmpty();
        }
    }

    @Nested
    @DisplayName("R1.2, R1.3: saving a new order")
    class NewOrder {

        @Test
        @DisplayName("R1.2 a new order comes back equal, with its events in order")
        void required_R1_2_saveNewOrder_loadReturnsEqualSnapshotAndEventsInOrder() {
            OrderSnapshot s = Fixtures.placedOrder(Fixtures.newOrderId());
            List<OrderEvent> events = List.of(Fixtures.orderPlaced(s), Fixtures.confirmed(s, 1), Fixtures.confirmed(s, 2));

            store.save(s, 0, events);

            assertThat(store.load(s.id())).contains(s);
            assertThat(store.events(s.id())).containsExactlyElementsOf(events);
        }

        @Test
        @DisplayName("R1.2 events come back in the order they were saved over many versions, whatever their ids' text")
        void required_R1_2_eventsOfManyVersions_comeBackInSaveOrder_notInIdOrder() {
            OrderSnapshot s = Fixtures.placedOrder(Fixtures.newOrderId());
            List<OrderEvent> all = new ArrayList<>();
            all.add(Fixtures.orderPlaced(s));
            store.save(s, 0, all);
            // versions 2 to 12, each with events whose ids sort against the save order (".../10/..." before
            // ".../2/...", "c11" before "c2"): a store that orders by event id, not by save, fails
            for (int v = 2; v <= 12; v++) {
                OrderSnapshot next = Fixtures.nextVersion(s, 0);
                List<OrderEvent> events = new ArrayList<>();
                for (int tag = 11; tag >= 0; tag--) {
                    events.add(Fixtures.confirmed(next, tag));
                }
                store.save(next, s.version(), events);
                all.addAll(events);
                s = next;
            }

            assertThat(store.events(s.id())).as("events in the order they were saved").containsExactlyElementsOf(all);
        }

        @Test
        @DisplayName("R1.3 saving a new order whose id is already stored throws a stale-order error and stores nothing")
        void required_R1_3_saveNewOrder_idAlreadyStored_throwsStaleAndStoresNothing() {
            OrderId id = Fixtures.newOrderId();
            OrderSnapshot first = saveNew(id, Fixtures.unique("idem"));
            OrderSnapshot second = Fixtures.placedOrder(id, Fixtures.unique("idem"));

            assertThatThrownBy(() -> store.save(second, 0, List.of(Fixtures.confirmed(second, 9))))
                    .isInstanceOf(StaleOrderException.class)
                    .satisfies(e -> assertThat(((StaleOrderException) e).code()).isEqualTo(OmsErrorCode.STALE_VERSION));

            assertThat(store.load(id)).contains(first);
            assertThat(store.events(id)).containsExactly(Fixtures.orderPlaced(first));
            assertThat(store.findByIdempotencyKey(second.idempotencyKey())).isEmpty();
        }
    }

    @Nested
    @DisplayName("R1.3 to R1.5: saving a new version")
    class NewVersion {

        @Test
        @DisplayName("R1.4 a save with the stored version replaces the snapshot and appends the events")
        void required_R1_4_saveNextVersion_replacesSnapshotAndAppendsEvents() {
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
            OrderSnapshot v2 = Fixtures.nextVersion(v1, 0);
            OrderSnapshot v3 = Fixtures.nextVersion(v2, 0);

            store.save(v2, 1, List.of(Fixtures.confirmed(v2, 0)));
            store.save(v3, 2, List.of(Fixtures.confirmed(v3, 0), Fixtures.confirmed(v3, 1)));

            assertThat(store.load(v1.id())).contains(v3);
            assertThat(store.events(v1.id())).containsExactly(Fixtures.orderPlaced(v1), Fixtures.confirmed(v2, 0),
                    Fixtures.confirmed(v3, 0), Fixtures.confirmed(v3, 1));
        }

        @Test
        @DisplayName("R1.4 a pending payment request comes back with the snapshot, and its event with the events")
        void required_R1_4_saveWithPendingPaymentRequest_loadReturnsItAndItsEvent() {
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
            OrderSnapshot v2 = Fixtures.withPaymentRequest(Fixtures.nextVersion(v1, 0));
            OrderEvent requested = Fixtures.paymentRequested(v2);

            store.save(v2, 1, List.of(requested));

            assertThat(store.load(v1.id())).contains(v2);
            assertThat(store.load(v1.id()).orElseThrow().paymentRequests())
                    .isEqualTo(v2.paymentRequests()).hasSize(3);
            assertThat(store.events(v1.id())).containsExactly(Fixtures.orderPlaced(v1), requested);
        }

        @Test
        @DisplayName("R1.4 a save without events replaces the snapshot and keeps the events")
        void required_R1_4_saveNextVersionWithoutEvents_replacesSnapshotKeepsEvents() {
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
            OrderSnapshot v2 = Fixtures.nextVersion(v1, 0);

            store.save(v2, 1, List.of());

            assertThat(store.load(v1.id())).contains(v2);
            assertThat(store.events(v1.id())).containsExactly(Fixtures.orderPlaced(v1));
        }

        @Test
        @DisplayName("R1.3 a save with an outdated expected version throws and stores nothing")
        void required_R1_3_staleSave_throwsAndStoresNothing() {
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
            OrderSnapshot v2 = Fixtures.nextVersion(v1, 0);
            store.save(v2, 1, List.of(Fixtures.confirmed(v2, 0)));
            OrderSnapshot lateV2 = Fixtures.nextVersion(v1, 7);

            assertThatThrownBy(() -> store.save(lateV2, 1, List.of(Fixtures.confirmed(lateV2, 7))))
                    .isInstanceOf(StaleOrderException.class)
                    .satisfies(e -> {
                        StaleOrderException s = (StaleOrderException) e;
                        assertThat(s.code()).isEqualTo(OmsErrorCode.STALE_VERSION);
                        assertThat(s.orderId()).isEqualTo(v1.id().value());
                        assertThat(s.expectedVersion()).isEqualTo(1);
                    });

            assertThat(store.load(v1.id())).contains(v2);
            assertThat(store.events(v1.id())).containsExactly(Fixtures.orderPlaced(v1), Fixtures.confirmed(v2, 0));
        }

        @Test
        @DisplayName("R1.3 a save expecting a version of an order never stored throws and stores nothing")
        void required_R1_3_saveExpectingVersionOfUnknownOrder_throwsStaleAndStoresNothing() {
            OrderSnapshot v2 = Fixtures.nextVersion(Fixtures.placedOrder(Fixtures.newOrderId()), 0);

            assertThatThrownBy(() -> store.save(v2, 1, List.of(Fixtures.confirmed(v2, 0))))
                    .isInstanceOf(StaleOrderException.class);

            assertThat(store.load(v2.id())).isEmpty();
            assertThat(store.events(v2.id())).isEmpty();
            assertThat(store.findByIdempotencyKey(v2.idempotencyKey())).isEmpty();
        }

        @Test
        @DisplayName("R1.3 a save expecting a version ahead of the stored one throws and stores nothing")
        void required_R1_3_saveExpectingFutureVersion_throwsStaleAndStoresNothing() {
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
            OrderSnapshot v3 = Fixtures.nextVersion(Fixtures.nextVersion(v1, 0), 0);

            assertThatThrownBy(() -> store.save(v3, 2, List.of(Fixtures.confirmed(v3, 0))))
                    .isInstanceOf(StaleOrderException.class);

            assertThat(store.load(v1.id())).contains(v1);
            assertThat(store.events(v1.id())).containsExactly(Fixtures.orderPlaced(v1));
        }

        @Test
        @DisplayName("R1.5 a snapshot whose version is not expected + 1 is refused and nothing is stored")
        void required_R1_5_snapshotVersionNotExpectedPlusOne_throwsValidationAndStoresNothing() {
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
            OrderSnapshot v3 = Fixtures.nextVersion(Fixtures.nextVersion(v1, 0), 0);

            assertThatThrownBy(() -> store.save(v3, 1, List.of(Fixtures.confirmed(v3, 0))))
                    .isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE));

            assertThat(store.load(v1.id())).contains(v1);
            assertThat(store.events(v1.id())).containsExactly(Fixtures.orderPlaced(v1));
        }

        @Test
        @DisplayName("R1.5 a new order whose snapshot is not at version 1 is refused and nothing is stored")
        void required_R1_5_newOrderNotAtVersionOne_throwsValidationAndStoresNothing() {
            OrderSnapshot v2 = Fixtures.nextVersion(Fixtures.placedOrder(Fixtures.newOrderId()), 0);

            assertThatThrownBy(() -> store.save(v2, 0, List.of(Fixtures.confirmed(v2, 0))))
                    .isInstanceOf(OmsValidationException.class);

            assertThat(store.load(v2.id())).isEmpty();
            assertThat(store.findByIdempotencyKey(v2.idempotencyKey())).isEmpty();
        }
    }

    @Nested
    @DisplayName("R1.7, R1.8: idempotency keys")
    class IdempotencyKeys {

        @Test
        @DisplayName("R1.7 the key of a saved order finds that order")
        void required_R1_7_findByIdempotencyKey_ofSavedOrder_returnsItsId() {
            String key = Fixtures.unique("idem");
            OrderSnapshot s = saveNew(Fixtures.newOrderId(), key);

            assertThat(store.findByIdempotencyKey(key)).contains(s.id());
        }

        @Test
        @DisplayName("R1.7 a key no order was saved with finds nothing")
        void required_R1_7_findByIdempotencyKey_unknownKey_returnsEmpty() {
            saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));

            assertThat(store.findByIdempotencyKey(Fixtures.unique("idem"))).isEmpty();
        }

        @Test
        @DisplayName("R1.7 the key still finds the order after later versions")
        void required_R1_7_findByIdempotencyKey_afterUpdates_returnsSameOrder() {
            String key = Fixtures.unique("idem");
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), key);
            OrderSnapshot v2 = Fixtures.nextVersion(v1, 0);
            store.save(v2, 1, List.of(Fixtures.confirmed(v2, 0)));

            assertThat(store.findByIdempotencyKey(key)).contains(v1.id());
        }

        @Test
        @DisplayName("R1.8 a new order with a key another order holds is refused and nothing is stored")
        void required_R1_8_newOrderWithKeyHeldByAnother_throwsDuplicateAndStoresNothing() {
            String key = Fixtures.unique("idem");
            OrderSnapshot first = saveNew(Fixtures.newOrderId(), key);
            OrderSnapshot second = Fixtures.placedOrder(Fixtures.newOrderId(), key);

            assertThatThrownBy(() -> store.save(second, 0, List.of(Fixtures.orderPlaced(second))))
                    .isInstanceOf(DuplicateIdempotencyKeyException.class)
                    .satisfies(e -> {
                        DuplicateIdempotencyKeyException d = (DuplicateIdempotencyKeyException) e;
                        assertThat(d.code()).isEqualTo(OmsErrorCode.DUPLICATE_IDEMPOTENCY_KEY);
                        assertThat(d.existingOrderId()).isEqualTo(first.id().value());
                    });

            assertThat(store.load(second.id())).isEmpty();
            assertThat(store.events(second.id())).isEmpty();
            assertThat(store.findByIdempotencyKey(key)).contains(first.id());
        }
    }

    @Nested
    @DisplayName("R1.4, R1.6, R1.8: concurrent saves")
    class Concurrency {

        @Test
        @DisplayName("R1.6 of concurrent saves with one expected version exactly one wins, the others are stale")
        void required_R1_6_concurrentSavesWithSameExpectedVersion_exactlyOneWins() {
            for (int round = 0; round < rounds(); round++) {
                saveRace(round, i -> store);
            }
        }

        @Test
        @DisplayName("R1.8 of concurrent new orders with one idempotency key exactly one is stored")
        void required_R1_8_concurrentNewOrdersWithOneKey_exactlyOneStored() {
            for (int round = 0; round < rounds(); round++) {
                newOrderRace(round, i -> store);
            }
        }

        @Test
        @DisplayName("R1.4 readers racing a writer never see a snapshot without its events or events without their snapshot")
        void required_R1_4_readersDuringSaves_seeSnapshotAndEventsTogether() {
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
            int versions = 30 * Math.max(1, rounds() / 4);
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> violation = new AtomicReference<>();
            List<Race.Outcome<Integer>> outcomes = Race.run(Math.max(2, threads()), i -> () -> {
                if (i == 0) {
                    try {
                        OrderSnapshot s = v1;
                        for (int v = 2; v <= versions; v++) {
                            OrderSnapshot next = Fixtures.nextVersion(s, 0);
                            store.save(next, s.version(), List.of(Fixtures.confirmed(next, 0)));
                            s = next;
                        }
                    } finally {
                        done.set(true);
                    }
                    return versions;
                }
                int reads = 0;
                while (!done.get() || reads < 10) {
                    reads++;
                    // snapshot first: its own event must already be visible
                    Optional<OrderSnapshot> s = store.load(v1.id());
                    List<OrderEvent> after = store.events(v1.id());
                    long snapVersion = s.map(OrderSnapshot::version).orElse(0L);
                    if (maxVersion(after) < snapVersion) {
                        violation.compareAndSet(null, "load saw version " + snapVersion + " but events then ended at "
                                + maxVersion(after));
                    }
                    // events first: their snapshot must already be visible
                    List<OrderEvent> before = store.events(v1.id());
                    long loaded = store.load(v1.id()).map(OrderSnapshot::version).orElse(0L);
                    if (loaded < maxVersion(before)) {
                        violation.compareAndSet(null, "events reached version " + maxVersion(before)
                                + " but load then returned version " + loaded);
                    }
                }
                return reads;
            });
            for (Race.Outcome<Integer> o : outcomes) {
                assertThat(o.error()).as("a reader or the writer failed").isNull();
            }
            assertThat(violation.get()).as("atomicity violation").isNull();
            assertThat(store.events(v1.id())).hasSize(versions);
        }

        private long maxVersion(List<OrderEvent> events) {
            long max = 0;
            for (OrderEvent e : events) {
                max = Math.max(max, e.orderVersion());
            }
            return max;
        }
    }

    @Nested
    @DisplayName("R1.3, R1.6 to R1.8 (optional: peers): two store instances over one database, as two servers have")
    class Peers {
        private OrderStore peer;

        @BeforeEach
        void createPeerOfStoreUnderTest() {
            Assumptions.assumeTrue(supportsPeers(), "optional capability not declared: supportsPeers() is false");
            peer = createPeer(store);
            assertThat(peer).as("createPeer() result").isNotNull().isNotSameAs(store);
        }

        private OrderStore side(int contender) {
            return contender % 2 == 0 ? store : peer;
        }

        @Test
        @DisplayName("R1.3 (peers) a version saved on the other instance is loaded here and makes the older expectation stale")
        void optional_R1_3_versionSavedOnPeer_isLoadedHereAndMakesTheOlderExpectationStale() {
            OrderSnapshot v1 = saveNew(Fixtures.newOrderId(), Fixtures.unique("idem"));
            assertThat(peer.load(v1.id())).contains(v1);
            OrderSnapshot v2 = Fixtures.nextVersion(v1, 0);
            peer.save(v2, 1, List.of(Fixtures.confirmed(v2, 0)));

            assertThat(store.load(v1.id())).as("the first server loads the second's save").contains(v2);
            assertThat(store.events(v1.id())).containsExactly(Fixtures.orderPlaced(v1), Fixtures.confirmed(v2, 0));
            OrderSnapshot late = Fixtures.nextVersion(v1, 1);
            assertThatThrownBy(() -> store.save(late, 1, List.of(Fixtures.confirmed(late, 1))))
                    .as("a save on the first server expecting version 1, now 2")
                    .isInstanceOf(StaleOrderException.class);
            assertThat(peer.load(v1.id())).contains(v2);
        }

        @Test
        @DisplayName("R1.7 (peers) a key saved on the other instance is found here and refused for another order (R1.8)")
        void optional_R1_7_keySavedOnPeer_isFoundHereAndRefusedForAnotherOrder() {
            String key = Fixtures.unique("idem");
            OrderSnapshot first = Fixtures.placedOrder(Fixtures.newOrderId(), key);
            peer.save(first, 0, List.of(Fixtures.orderPlaced(first)));
            OrderSnapshot second = Fixtures.placedOrder(Fixtures.newOrderId(), key);

            assertThat(store.findByIdempotencyKey(key)).as("the first server finds the second's key")
                    .contains(first.id());
            assertThatThrownBy(() -> store.save(second, 0, List.of(Fixtures.orderPlaced(second))))
                    .isInstanceOf(DuplicateIdempotencyKeyException.class);
            assertThat(peer.load(second.id())).isEmpty();
        }

        @Test
        @DisplayName("R1.6 (peers) of concurrent saves with one expected version on both instances exactly one wins")
        void optional_R1_6_concurrentSavesOnBothInstances_exactlyOneWins() {
            for (int round = 0; round < rounds(); round++) {
                saveRace(round, this::side);
            }
        }

        @Test
        @DisplayName("R1.8 (peers) of concurrent new orders with one key on both instances exactly one is stored")
        void optional_R1_8_concurrentNewOrdersWithOneKeyOnBothInstances_exactlyOneStored() {
            for (int round = 0; round < rounds(); round++) {
                newOrderRace(round, this::side);
            }
        }
    }

    @Nested
    @DisplayName("R1.9: text is stored verbatim")
    class Verbatim {

        @Test
        @DisplayName("R1.9 quotes, semicolons, SQL, markup and unicode come back unchanged")
        void required_R1_9_hostileText_roundTripsUnchanged() {
            for (String text : Fixtures.hostileTexts()) {
                OrderId id = OrderId.of(text + Fixtures.unique(""));
                String key = text + Fixtures.unique("");
                OrderSnapshot s = Fixtures.orderWithText(id, key, text);
                OrderSnapshot v2 = Fixtures.nextVersion(s, 0);

                store.save(s, 0, List.of(Fixtures.orderPlaced(s)));
                store.save(v2, 1, List.of(Fixtures.confirmed(v2, 0)));

                assertThat(store.load(id)).as("snapshot with %s", text).contains(v2);
                assertThat(store.events(id)).as("events with %s", text)
                        .containsExactly(Fixtures.orderPlaced(s), Fixtures.confirmed(v2, 0));
                assertThat(store.findByIdempotencyKey(key)).as("key with %s", text).contains(id);
            }
        }

        @Test
        @DisplayName("R1.9 ids that differ only in case or trailing spaces stay distinct")
        void required_R1_9_idsDifferingInCaseOrSpaces_stayDistinct() {
            String base = Fixtures.unique("Order");
            List<OrderId> ids = List.of(OrderId.of(base), OrderId.of(base.toUpperCase(java.util.Locale.ROOT)),
                    OrderId.of(base + " "));
            for (OrderId id : ids) {
                saveNew(id, Fixtures.unique("idem"));
            }
            for (OrderId id : ids) {
                assertThat(store.load(id).map(OrderSnapshot::id)).contains(id);
                assertThat(store.events(id)).hasSize(1);
            }
        }

        @Test
        @DisplayName("R1.9 idempotency keys that differ only in case or trailing spaces belong to different orders")
        void required_R1_9_idempotencyKeysDifferingInCaseOrSpaces_stayDistinct() {
            String base = Fixtures.unique("web:Ext");
            List<String> keys = List.of(base, base.toUpperCase(java.util.Locale.ROOT), base + " ");
            List<OrderId> ids = new java.util.ArrayList<>();
            for (String key : keys) {
                OrderId id = Fixtures.newOrderId();
                saveNew(id, key); // a store that folds keys refuses the second as a duplicate
                ids.add(id);
            }
            for (int i = 0; i < keys.size(); i++) {
                assertThat(store.findByIdempotencyKey(keys.get(i))).as("order of key '%s'", keys.get(i))
                        .contains(ids.get(i));
            }
        }
    }
}
