package io.omskit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.tck.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryOrderStoreTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();

    private static OmsErrorCode code(Throwable t) {
        return ((OmsException) t).code();
    }

    @Nested
    class Validation {
        @Test
        void save_eventOfAnotherOrder_isRefusedAndNothingStored() {
            OrderSnapshot s = Fixtures.placedOrder(Fixtures.newOrderId());
            OrderSnapshot other = Fixtures.placedOrder(Fixtures.newOrderId());

            assertThatThrownBy(() -> store.save(s, 0, List.of(Fixtures.orderPlaced(s), Fixtures.orderPlaced(other))))
                    .isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_VALUE));
            assertThat(store.load(s.id())).isEmpty();
            assertThat(store.findByIdempotencyKey(s.idempotencyKey())).isEmpty();
        }

        @Test
        void save_nullSnapshotOrEvents_isRefusedAsMissing() {
            OrderSnapshot s = Fixtures.placedOrder(Fixtures.newOrderId());

            assertThatThrownBy(() -> store.save(null, 0, List.of()))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.MISSING_VALUE));
            assertThatThrownBy(() -> store.save(s, 0, null))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.MISSING_VALUE));
            assertThatThrownBy(() -> store.save(s, 0, Arrays.asList((OrderEvent) null)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.MISSING_VALUE));
            assertThat(store.size()).isZero();
        }

        @Test
        void save_negativeExpectedVersion_isRefused() {
            OrderSnapshot s = Fixtures.placedOrder(Fixtures.newOrderId());

            assertThatThrownBy(() -> store.save(s, -1, List.of()))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.INVALID_VALUE));
        }
    }

    @Nested
    class Reading {
        @Test
        void orderIds_afterSaves_listsEveryOrderSorted() {
            OrderId b = OrderId.of("b-order");
            OrderId a = OrderId.of("a-order");
            for (OrderId id : List.of(b, a)) {
                OrderSnapshot s = Fixtures.placedOrder(id);
                store.save(s, 0, List.of(Fixtures.orderPlaced(s)));
            }

            assertThat(store.orderIds()).containsExactly(a, b);
            assertThat(store.size()).isEqualTo(2);
        }

        @Test
        void events_returnedList_isUnmodifiable() {
            OrderSnapshot s = Fixtures.placedOrder(Fixtures.newOrderId());
            store.save(s, 0, List.of(Fixtures.orderPlaced(s)));

            List<OrderEvent> events = store.events(s.id());

            assertThatThrownBy(() -> events.add(Fixtures.confirmed(s, 1)))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(store.events(s.id())).hasSize(1);
        }

        @Test
        void save_callerMutatesEventListAfterwards_storeKeepsItsCopy() {
            OrderSnapshot s = Fixtures.placedOrder(Fixtures.newOrderId());
            List<OrderEvent> mine = new java.util.ArrayList<>(List.of(Fixtures.orderPlaced(s)));
            store.save(s, 0, mine);

            mine.add(Fixtures.confirmed(s, 1));

            assertThat(store.events(s.id())).hasSize(1);
        }
    }

    @Nested
    class EventLog {
        /** Saves {@code saves} versions after the capture, each with {@code perSave} events; returns the last. */
        private OrderSnapshot saveMany(OrderSnapshot placed, int saves, int perSave, List<OrderEvent> all) {
            OrderEvent first = Fixtures.orderPlaced(placed);
            store.save(placed, 0, List.of(first));
            all.add(first);
            OrderSnapshot s = placed;
            for (int v = 1; v <= saves; v++) {
                OrderSnapshot next = Fixtures.nextVersion(s, v);
                List<OrderEvent> batch = new ArrayList<>();
                for (int k = 0; k < perSave; k++) {
                    batch.add(Fixtures.confirmed(next, v * 100 + k));
                }
                store.save(next, s.version(), batch);
                all.addAll(batch);
                s = next;
            }
            return s;
        }

        @Test
        void events_afterManySavesBeyondAnyInitialCapacity_areAllThereInSaveOrder() {
            List<OrderEvent> expected = new ArrayList<>();
            OrderSnapshot last = saveMany(Fixtures.placedOrder(Fixtures.newOrderId()), 40, 3, expected);

            assertThat(store.events(last.id())).containsExactlyElementsOf(expected).hasSize(121);
            assertThat(store.load(last.id())).contains(last);
        }

        @Test
        void events_listTakenEarlier_keepsItsContentWhenLaterSavesAppend() {
            OrderSnapshot placed = Fixtures.placedOrder(Fixtures.newOrderId());
            store.save(placed, 0, List.of(Fixtures.orderPlaced(placed)));
            List<OrderEvent> before = store.events(placed.id());
            List<OrderEvent> copyBefore = List.copyOf(before);

            OrderSnapshot s = placed;
            for (int v = 1; v <= 30; v++) {
                OrderSnapshot next = Fixtures.nextVersion(s, v);
                store.save(next, s.version(), List.of(Fixtures.confirmed(next, v)));
                s = next;
            }

            assertThat(before).isEqualTo(copyBefore).hasSize(1);
            assertThat(store.events(placed.id())).hasSize(31).startsWith(copyBefore.get(0));
        }

        @Test
        void save_staleAfterAppends_leavesTheLogAsItWas() {
            List<OrderEvent> expected = new ArrayList<>();
            OrderSnapshot last = saveMany(Fixtures.placedOrder(Fixtures.newOrderId()), 5, 2, expected);
            OrderSnapshot contender = Fixtures.nextVersion(last, 99);

            assertThatThrownBy(() -> store.save(Fixtures.nextVersion(contender, 1), contender.version(),
                    List.of(Fixtures.confirmed(contender, 7))))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(OmsErrorCode.STALE_VERSION));
            OrderSnapshot next = Fixtures.nextVersion(last, 1);
            OrderEvent event = Fixtures.confirmed(next, 1);
            store.save(next, last.version(), List.of(event));

            expected.add(event);
            assertThat(store.events(last.id())).containsExactlyElementsOf(expected);
        }

        @Test
        void events_readWhileAnotherThreadAppends_alwaysSeesAPrefixOfTheFinalLog() throws Exception {
            OrderSnapshot placed = Fixtures.placedOrder(Fixtures.newOrderId());
            store.save(placed, 0, List.of(Fixtures.orderPlaced(placed)));
            int saves = 2_000;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                Future<List<OrderEvent>> writer = pool.submit(() -> {
                    start.await();
                    List<OrderEvent> written = new ArrayList<>(List.of(Fixtures.orderPlaced(placed)));
                    OrderSnapshot s = placed;
                    for (int v = 1; v <= saves; v++) {
                        OrderSnapshot next = Fixtures.nextVersion(s, v);
                        OrderEvent e = Fixtures.confirmed(next, v);
                        store.save(next, s.version(), List.of(e));
                        written.add(e);
                        s = next;
                    }
                    return written;
                });
                Future<List<List<OrderEvent>>> reader = pool.submit(() -> {
                    start.await();
                    List<List<OrderEvent>> seen = new ArrayList<>();
                    do {
                        List<OrderEvent> view = store.events(placed.id());
                        seen.add(List.copyOf(view)); // copies every slot it claims to hold: none may be null
                    } while (!writer.isDone());
                    return seen;
                });
                start.countDown();
                List<OrderEvent> all = writer.get(30, TimeUnit.SECONDS);
                List<List<OrderEvent>> seen = reader.get(30, TimeUnit.SECONDS);

                assertThat(seen).isNotEmpty().allSatisfy(view ->
                        assertThat(view).isEqualTo(all.subList(0, view.size())));
                assertThat(store.events(placed.id())).isEqualTo(all);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
