package io.omskit.core;

import static io.omskit.core.OrderFixture.EAST;
import static io.omskit.core.OrderFixture.F1;
import static io.omskit.core.OrderFixture.F2;
import static io.omskit.core.OrderFixture.L1;
import static io.omskit.core.OrderFixture.L2;
import static io.omskit.core.OrderFixture.L3;
import static io.omskit.core.OrderFixture.NOW;
import static io.omskit.core.OrderFixture.R1;
import static io.omskit.core.OrderFixture.STORE;
import static io.omskit.core.OrderFixture.TOTAL;
import static io.omskit.core.OrderFixture.allocate;
import static io.omskit.core.OrderFixture.approve;
import static io.omskit.core.OrderFixture.authorize;
import static io.omskit.core.OrderFixture.cancelLine;
import static io.omskit.core.OrderFixture.cancelOrder;
import static io.omskit.core.OrderFixture.capture;
import static io.omskit.core.OrderFixture.decline;
import static io.omskit.core.OrderFixture.deliver;
import static io.omskit.core.OrderFixture.fl;
import static io.omskit.core.OrderFixture.item;
import static io.omskit.core.OrderFixture.pack;
import static io.omskit.core.OrderFixture.pick;
import static io.omskit.core.OrderFixture.place;
import static io.omskit.core.OrderFixture.plan;
import static io.omskit.core.OrderFixture.receive;
import static io.omskit.core.OrderFixture.received;
import static io.omskit.core.OrderFixture.refund;
import static io.omskit.core.OrderFixture.release;
import static io.omskit.core.OrderFixture.requestReturn;
import static io.omskit.core.OrderFixture.ship;
import static io.omskit.core.OrderFixture.usd;
import static io.omskit.core.OrderFixture.voidAuth;
import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.Balance;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.PaymentStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderViewsTest {

    private static OrderFixture f() {
        return OrderFixture.standard();
    }

    @Nested
    class FulfillmentStatus {
        @Test
        void placed_isNotFulfilled() {
            assertThat(OrderViews.fulfillmentStatus(f().given(place()).snapshot())).isEqualTo(FulfillmentView.NOT_FULFILLED);
        }

        @Test
        void allBackordered_isBackordered() {
            assertThat(OrderViews.fulfillmentStatus(f().confirmed().given(allocate()).snapshot()))
                    .isEqualTo(FulfillmentView.BACKORDERED);
        }

        @Test
        void someAllocated_isPartiallyAllocated_allAllocated_isAllocated() {
            assertThat(OrderViews.fulfillmentStatus(f().confirmed().given(allocate(plan(F1, EAST, false, fl(L1, 1))))
                    .snapshot())).isEqualTo(FulfillmentView.PARTIALLY_ALLOCATED);
            assertThat(OrderViews.fulfillmentStatus(f().allocated().snapshot())).isEqualTo(FulfillmentView.ALLOCATED);
            assertThat(OrderViews.fulfillmentStatus(f().packed().snapshot())).isEqualTo(FulfillmentView.ALLOCATED);
        }

        @Test
        void shippedAndDelivered_inFullAndInPart() {
            OrderFixture split = f().confirmed().given(
                    allocate(plan(F1, EAST, false, fl(L1, 2)), plan(F2, STORE, false, fl(L2, 1), fl(L3, 3))),
                    release(F1), pick(F1), pack(F1), ship(F1));
            assertThat(OrderViews.fulfillmentStatus(split.snapshot())).isEqualTo(FulfillmentView.PARTIALLY_SHIPPED);
            split.given(deliver(F1));
            assertThat(OrderViews.fulfillmentStatus(split.snapshot())).isEqualTo(FulfillmentView.PARTIALLY_DELIVERED);
            assertThat(OrderViews.fulfillmentStatus(f().shipped().snapshot())).isEqualTo(FulfillmentView.SHIPPED);
            assertThat(OrderViews.fulfillmentStatus(f().delivered().snapshot())).isEqualTo(FulfillmentView.DELIVERED);
        }

        @Test
        void deliveredRestCancelled_isDelivered_allCancelled_isCancelled() {
            OrderFixture part = f().confirmed().given(allocate(plan(F1, EAST, false, fl(L1, 2), fl(L2, 1))),
                    release(F1), pick(F1), pack(F1), ship(F1), deliver(F1), cancelLine(L3, 3));
            assertThat(OrderViews.fulfillmentStatus(part.snapshot())).isEqualTo(FulfillmentView.DELIVERED);
            assertThat(OrderViews.fulfillmentStatus(f().given(place(), cancelOrder()).snapshot()))
                    .isEqualTo(FulfillmentView.CANCELLED);
        }

        @Test
        void pickupWaiting_isReadyForPickup() {
            OrderFixture p = f().confirmed().given(allocate(plan(F1, STORE, true, fl(L1, 2), fl(L2, 1), fl(L3, 3))),
                    release(F1), pick(F1), pack(F1), new OrderCommand.ReadyForPickup(F1, NOW));
            assertThat(OrderViews.fulfillmentStatus(p.snapshot())).isEqualTo(FulfillmentView.READY_FOR_PICKUP);
        }
    }

    @Nested
    class Payment {
        @Test
        void ledgerStages_giveEachStatus() {
            assertThat(OrderViews.paymentStatus(f().given(place()).snapshot())).isEqualTo(PaymentStatus.NOT_PAID);
            assertThat(OrderViews.paymentStatus(f().given(place(), decline()).snapshot())).isEqualTo(PaymentStatus.FAILED);
            assertThat(OrderViews.paymentStatus(f().given(place(), authorize(100)).snapshot()))
                    .isEqualTo(PaymentStatus.PARTIALLY_AUTHORIZED);
            assertThat(OrderViews.paymentStatus(f().confirmed().snapshot())).isEqualTo(PaymentStatus.AUTHORIZED);
            assertThat(OrderViews.paymentStatus(f().confirmed().given(capture(100)).snapshot()))
                    .isEqualTo(PaymentStatus.PARTIALLY_PAID);
            assertThat(OrderViews.paymentStatus(f().confirmed().given(capture(TOTAL)).snapshot()))
                    .isEqualTo(PaymentStatus.PAID);
            assertThat(OrderViews.paymentStatus(f().confirmed().given(capture(TOTAL), refund(100, "r", null))
                    .snapshot())).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
            assertThat(OrderViews.paymentStatus(f().confirmed().given(capture(TOTAL), refund(TOTAL, "r", null))
                    .snapshot())).isEqualTo(PaymentStatus.REFUNDED);
            assertThat(OrderViews.paymentStatus(f().confirmed().given(voidAuth(TOTAL, "v")).snapshot()))
                    .isEqualTo(PaymentStatus.VOIDED);
        }

        @Test
        void totals_followTheLedger() {
            OrderSnapshot s = f().confirmed().given(capture(2000), voidAuth(950, "v"), refund(300, "r", null)).snapshot();
            assertThat(OrderViews.authorized(s)).isEqualTo(usd(2000));
            assertThat(OrderViews.captured(s)).isEqualTo(usd(2000));
            assertThat(OrderViews.refunded(s)).isEqualTo(usd(300));
            assertThat(OrderViews.voided(s)).isEqualTo(usd(950));
        }

        @Test
        void balance_dueSettledAndCreditOwed() {
            assertThat(OrderViews.balance(f().confirmed().snapshot())).isEqualTo(Balance.BALANCE_DUE);
            assertThat(OrderViews.balance(f().confirmed().given(capture(TOTAL)).snapshot())).isEqualTo(Balance.SETTLED);
            assertThat(OrderViews.balance(f().confirmed().given(capture(TOTAL), cancelLine(L3, 1)).snapshot()))
                    .isEqualTo(Balance.CREDIT_OWED);
        }

        @Test
        void amountDue_excludesCancelledAndReturnedUnits() {
            assertThat(OrderViews.amountDue(f().given(place(), cancelLine(L1, 1)).snapshot())).isEqualTo(usd(TOTAL - 1000));
            OrderSnapshot returned = f().completed().given(requestReturn(R1, item(L3, 2)), approve(R1),
                    receive(R1, received(L3, 2))).snapshot();
            assertThat(OrderViews.amountDue(returned)).isEqualTo(usd(TOTAL - 300));
            OrderSnapshot requested = f().completed().given(requestReturn(R1, item(L3, 2))).snapshot();
            assertThat(OrderViews.amountDue(requested)).isEqualTo(usd(TOTAL));
        }
    }

    @Nested
    class Returns {
        @Test
        void returnStages_giveEachStatus() {
            assertThat(OrderViews.returnStatus(f().completed().snapshot())).isEqualTo(ReturnView.NONE);
            OrderFixture r = f().completed().given(requestReturn(R1, item(L3, 3)));
            assertThat(OrderViews.returnStatus(r.snapshot())).isEqualTo(ReturnView.RETURN_REQUESTED);
            r.given(approve(R1), receive(R1, received(L3, 3)));
            assertThat(OrderViews.returnStatus(r.snapshot())).isEqualTo(ReturnView.PARTIALLY_RETURNED);
            OrderFixture all = f().completed().given(requestReturn(R1, item(L1, 2), item(L2, 1), item(L3, 3)),
                    approve(R1), receive(R1, received(L1, 2), received(L2, 1), received(L3, 3)));
            assertThat(OrderViews.returnStatus(all.snapshot())).isEqualTo(ReturnView.RETURNED);
        }
    }
}
