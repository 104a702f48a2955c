package io.omskit.core;

import static io.omskit.core.OrderFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.model.Balance;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Command sequences a review found mishandled by {@code decide}, each with a test that failed before its fix. The
 * fixture checks after every accepted step that the version rose by one and that replay equals the snapshot.
 */
class DecideEdgeCasesTest {
    private static final LineId L9 = LineId.of("L9");
    private static final FulfillmentId F3 = FulfillmentId.of("F3");

    @Nested
    class Fulfillments {
        @Test
        void transitionFulfillment_shipmentIntoReadyForPickup_isRefused() {
            OrderFixture f = OrderFixture.standard().confirmed()
                    .given(allocate(plan(F1, EAST, false, fl(L1, 2)), plan(F2, EAST, false, fl(L2, 1), fl(L3, 3))),
                            release(F2), pick(F2), pack(F2), ship(F2), deliver(F2),
                            release(F1), pick(F1), pack(F1), capture(TOTAL));
            // accepted, it left F1 where PickedUp, Ship, CancelLine and CancelOrder all refuse it: stuck forever
            f.when(new OrderCommand.TransitionFulfillment(F1, "READY_FOR_PICKUP", NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
            f.when(ship(F1)).expectAccepted();
        }
    }

    @Nested
    class Exchanges {
        @Test
        void rejectReturn_ofAnExchange_cancelsItsReplacementNotYetAllocated() {
            OrderFixture f = OrderFixture.standard().completed();
            f.given(new OrderCommand.Exchange(R1, List.of(item(L1, 1)), List.of(line(L9, A, 1, 1000)), NOW));
            f.when(new OrderCommand.RejectReturn(R1, "worn", NOW)).expectAccepted()
                    .expectUnits(L9, Bucket.CANCELLED, 1).expectStatus(OrderStatus.COMPLETED);
            assertThat(f.snapshot().line(L9).orElseThrow().in(Bucket.PENDING)).isZero();
        }

        @Test
        void cancelReturn_ofAnExchange_cancelsItsReplacementNotYetAllocated() {
            OrderFixture f = OrderFixture.standard().completed();
            f.given(new OrderCommand.Exchange(R1, List.of(item(L1, 1)), List.of(line(L9, A, 1, 1000)), NOW));
            f.when(new OrderCommand.CancelReturn(R1, NOW)).expectAccepted()
                    .expectUnits(L9, Bucket.CANCELLED, 1).expectStatus(OrderStatus.COMPLETED);
        }

        @Test
        void evenExchange_replacementPricedLikeTheReturnedUnit_completesSettled() {
            OrderFixture f = OrderFixture.standard().completed();
            long unitPrice = f.snapshot().line(L1).orElseThrow().spec().unitPrice().minorUnits();
            f.given(new OrderCommand.Exchange(R1, List.of(item(L1, 1)), List.of(line(L9, A, 1, unitPrice)), NOW),
                    approve(R1), receive(R1, received(L1, 1)), new OrderCommand.CloseReturn(R1, Resolution.EXCHANGE, NOW),
                    allocate(plan(F3, EAST, false, fl(L9, 1))), release(F3), pick(F3), pack(F3), ship(F3), deliver(F3));
            assertThat(OrderViews.balance(f.snapshot())).isEqualTo(Balance.SETTLED);
            assertThat(f.snapshot().status()).isEqualTo(OrderStatus.COMPLETED);
        }
    }

    @Nested
    class Holds {
        @Test
        void fraudReview_whenAHostHoldHasItsId_getsAnotherId() {
            OrderFixture f = OrderFixture.standard().given(place());
            f.given(hold("fraud-review-3", HoldType.MANUAL));
            f.when(fraud(FraudDecision.REVIEW)).expectAccepted();
            assertThat(f.snapshot().holds().stream().map(h -> h.id().value()).toList())
                    .containsExactly("fraud-review-3", "fraud-review-3-2");
        }
    }
}
