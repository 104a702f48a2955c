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
import java.util.Arrays;
import java.util.List;
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
}
