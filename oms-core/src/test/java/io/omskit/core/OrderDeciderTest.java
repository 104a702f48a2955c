package io.omskit.core;

import static io.omskit.core.OrderFixture.A;
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
import static io.omskit.core.OrderFixture.allocateAll;
import static io.omskit.core.OrderFixture.approve;
import static io.omskit.core.OrderFixture.authorize;
import static io.omskit.core.OrderFixture.cancelLine;
import static io.omskit.core.OrderFixture.cancelOrder;
import static io.omskit.core.OrderFixture.capture;
import static io.omskit.core.OrderFixture.confirm;
import static io.omskit.core.OrderFixture.decline;
import static io.omskit.core.OrderFixture.deliver;
import static io.omskit.core.OrderFixture.fl;
import static io.omskit.core.OrderFixture.fraud;
import static io.omskit.core.OrderFixture.hold;
import static io.omskit.core.OrderFixture.item;
import static io.omskit.core.OrderFixture.line;
import static io.omskit.core.OrderFixture.pack;
import static io.omskit.core.OrderFixture.pick;
import static io.omskit.core.OrderFixture.place;
import static io.omskit.core.OrderFixture.plan;
import static io.omskit.core.OrderFixture.receive;
import static io.omskit.core.OrderFixture.received;
import static io.omskit.core.OrderFixture.refund;
import static io.omskit.core.OrderFixture.release;
import static io.omskit.core.OrderFixture.releaseHold;
import static io.omskit.core.OrderFixture.requestReturn;
import static io.omskit.core.OrderFixture.ship;
import static io.omskit.core.OrderFixture.usd;
import static io.omskit.core.OrderFixture.voidAuth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.FraudScreened;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.HoldPlaced;
import io.omskit.spi.event.HoldReleased;
import io.omskit.spi.event.LineAdded;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderCancelled;
import io.omskit.spi.event.OrderCompleted;
import io.omskit.spi.event.OrderConfirmed;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.OrderRejected;
import io.omskit.spi.event.OrderStateChanged;
import io.omskit.spi.event.PaymentAuthorized;
import io.omskit.spi.event.PaymentCaptured;
import io.omskit.spi.event.PaymentDeclined;
import io.omskit.spi.event.PaymentRefunded;
import io.omskit.spi.event.PaymentVoided;
import io.omskit.spi.event.ReturnApproved;
import io.omskit.spi.event.ReturnCancelled;
import io.omskit.spi.event.ReturnClosed;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnRejected;
import io.omskit.spi.event.ReturnRequested;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.event.TrackingEventRecorded;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderDeciderTest {

    private static OrderFixture fixture() {
        return OrderFixture.standard();
    }

    @Nested
    class MainPath {
        @Test
        void place_newOrder_isPlacedAtVersionOneWithAllUnitsPending() {
            OrderFixture.Then then = fixture().when(place()).expectEvents(OrderPlaced.class).expectStatus(OrderStatus.PLACED);
            assertThat(then.snapshot().version()).isEqualTo(1);
            assertThat(then.snapshot().state()).isEqualTo("PLACED");
            assertThat(then.snapshot().placedAt()).isEqualTo(OrderFixture.T0);
            then.expectUnits(L1, Bucket.PENDING, 2).expectUnits(L3, Bucket.PENDING, 3);
            assertThat(then.events().get(0).eventId().value()).isEqualTo("o-1-1-0");
        }

        @Test
        void authorize_placedOrder_goesIntoReview() {
            fixture().given(place()).when(authorize(TOTAL))
                    .expectEvents(PaymentAuthorized.class, OrderStateChanged.class)
                    .expectStatus(OrderStatus.IN_REVIEW);
        }

        @Test
        void fraudAccept_afterFullAuthorization_confirmsInTheSameCommand() {
            fixture().given(place(), authorize(TOTAL)).when(fraud(FraudDecision.ACCEPT))
                    .expectEvents(FraudScreened.class, OrderConfirmed.class)
                    .expectStatus(OrderStatus.CONFIRMED);
        }

        @Test
        void authorization_afterFraudAccept_confirms() {
            fixture().given(place(), fraud(FraudDecision.ACCEPT)).when(authorize(TOTAL))
                    .expectEvents(PaymentAuthorized.class, OrderConfirmed.class);
        }

        @Test
        void partialAuthorization_doesNotConfirm() {
            fixture().given(place(), fraud(FraudDecision.ACCEPT)).when(authorize(TOTAL - 1))
                    .expectEvents(PaymentAuthorized.class).expectStatus(OrderStatus.IN_REVIEW);
        }

        @Test
        void allocate_wholeOrder_createsPlannedFulfillmentAndAllocatesUnits() {
            OrderFixture.Then then = fixture().confirmed().when(allocateAll())
                    .expectEvents(FulfillmentCreated.class)
                    .expectUnits(L1, Bucket.ALLOCATED, 2).expectUnits(L1, Bucket.PENDING, 0)
                    .expectUnits(L3, Bucket.ALLOCATED, 3);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().state()).isEqualTo("PLANNED");
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().reservationId()).isEqualTo("res-F1");
            FulfillmentCreated created = then.event(FulfillmentCreated.class);
            assertThat(created.unitsFrom()).isEqualTo(Bucket.PENDING);
            assertThat(created.lines()).contains(new FulfillmentLine(L1, 2));
        }

        @Test
        void release_plannedFulfillment_releasesUnits() {
            OrderFixture.Then released = fixture().allocated().when(release(F1))
                    .expectEvents(FulfillmentStateChanged.class)
                    .expectUnits(L1, Bucket.RELEASED, 2).expectUnits(L3, Bucket.RELEASED, 3);
            FulfillmentStateChanged e = released.event(FulfillmentStateChanged.class);
            assertThat(e.fromStatus()).isEqualTo(FulfillmentStatus.PLANNED);
            assertThat(e.toStatus()).isEqualTo(FulfillmentStatus.RELEASED);
            assertThat(e.lines()).containsExactly(new FulfillmentLine(L1, 2), new FulfillmentLine(L2, 1),
                    new FulfillmentLine(L3, 3));
        }

        @Test
        void pickPackShipDeliver_fullJourney_completesOnceCaptured() {
            OrderFixture f = fixture().allocated();
            f.when(release(F1)).expectAccepted();
            f.when(pick(F1)).expectUnits(L2, Bucket.PICKED, 1);
            f.when(pack(F1)).expectUnits(L2, Bucket.PACKED, 1);
            OrderFixture.Then shipped = f.when(ship(F1)).expectUnits(L2, Bucket.SHIPPED, 1);
            FulfillmentShipped fs = shipped.event(FulfillmentShipped.class);
            assertThat(fs.lines()).containsExactly(new ShippedLine(L1, A, 2), new ShippedLine(L2, OrderFixture.B, 1),
                    new ShippedLine(L3, OrderFixture.C, 3));
            assertThat(fs.documentationOk()).isTrue();
            assertThat(fs.carrier()).isEqualTo("UPS");
            assertThat(shipped.snapshot().fulfillment(F1).orElseThrow().shippedAt()).isEqualTo(NOW);
            f.when(deliver(F1)).expectStatus(OrderStatus.CONFIRMED).expectUnits(L3, Bucket.DELIVERED, 3);
            f.when(capture(TOTAL)).expectEvents(PaymentCaptured.class, OrderCompleted.class)
                    .expectStatus(OrderStatus.COMPLETED);
        }

        @Test
        void deliver_afterCapture_completesInTheSameCommand() {
            fixture().shipped().given(capture(TOTAL)).when(deliver(F1))
                    .expectEvents(FulfillmentDelivered.class, OrderCompleted.class);
        }
    }

    @Nested
    class Place {
        @Test
        void place_withExistingSnapshot_isDuplicate() {
            fixture().given(place()).when(place()).expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void place_withoutLines_isEmptyOrder() {
            fixture().when(place(List.of())).expectRejected(OmsErrorCode.EMPTY_ORDER);
        }

        @Test
        void place_withRepeatedLineId_isDuplicateId() {
            fixture().when(place(List.of(line(L1, A, 1, 100), line(L1, OrderFixture.B, 1, 100))))
                    .expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void place_withRepeatedSku_isDuplicateSkuLine() {
            fixture().when(place(List.of(line(L1, A, 1, 100), line(L2, A, 1, 100))))
                    .expectRejected(OmsErrorCode.DUPLICATE_SKU_LINE);
        }

        @Test
        void place_withPriceInOtherCurrency_isCurrencyMismatch() {
            fixture().when(place(List.of(new io.omskit.spi.model.LineSpec(L1, A, 1, Money.ofMinor(100, "EUR"), null))))
                    .expectRejected(OmsErrorCode.CURRENCY_MISMATCH);
        }

        @Test
        void otherCommand_withoutSnapshot_throwsMissingValue() {
            assertThatThrownBy(() -> OrderDecider.standard().decide(null, confirm()))
                    .isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.MISSING_VALUE));
        }

        @Test
        void nullCommand_throwsMissingValue() {
            assertThatThrownBy(() -> OrderDecider.standard().decide(null, null))
                    .isInstanceOf(OmsValidationException.class);
        }

        @Test
        void eventId_ofVeryLongOrderId_isNameBasedUuid() {
            OrderId longId = OrderId.of("x".repeat(126));
            OrderCommand.Place p = new OrderCommand.Place(longId, place().channel(), null, "k", null,
                    OrderFixture.USD, null, null, STORE, null, OrderFixture.standardLines(), OrderFixture.T0);
            Decision d = OrderDecider.standard().decide(null, p);
            String id = ((Decision.Accepted) d).events().get(0).eventId().value();
            assertThat(id).hasSize(36).matches("[0-9a-f-]{36}");
            Decision again = OrderDecider.standard().decide(null, p);
            assertThat(((Decision.Accepted) again).events().get(0).eventId().value()).isEqualTo(id);
        }
    }

    @Nested
    class Verification {
        @Test
        void decline_inReview_rejectsOrderAndCancelsAllUnits() {
            OrderFixture.Then then = fixture().given(place(), fraud(FraudDecision.ACCEPT)).when(decline())
                    .expectStatus(OrderStatus.REJECTED)
                    .expectUnits(L1, Bucket.CANCELLED, 2).expectUnits(L2, Bucket.CANCELLED, 1)
                    .expectUnits(L3, Bucket.CANCELLED, 3);
            assertThat(then.event(PaymentDeclined.class).reason()).isEqualTo("insufficient_funds");
            assertThat(then.event(OrderRejected.class).reason()).isEqualTo("payment_declined");
            LineQuantityMoved m = then.event(LineQuantityMoved.class);
            assertThat(m.initiator()).isEqualTo(Initiator.SYSTEM);
            assertThat(m.reason()).isEqualTo("payment_declined");
            assertThat(then.snapshot().payments()).singleElement()
                    .satisfies(t -> assertThat(t.succeeded()).isFalse());
        }

        @Test
        void decline_afterConfirmation_isOnlyRecorded() {
            fixture().confirmed().when(decline()).expectEvents(PaymentDeclined.class)
                    .expectStatus(OrderStatus.CONFIRMED);
        }

        @Test
        void fraudReject_rejectsOrder() {
            fixture().given(place()).when(fraud(FraudDecision.REJECT))
                    .expectStatus(OrderStatus.REJECTED)
                    .expectUnits(L1, Bucket.CANCELLED, 2);
        }

        @Test
        void fraudReview_placesFraudHold_releaseConfirms() {
            OrderFixture f = fixture().given(place(), authorize(TOTAL));
            OrderFixture.Then review = f.when(fraud(FraudDecision.REVIEW))
                    .expectEvents(FraudScreened.class, HoldPlaced.class).expectStatus(OrderStatus.IN_REVIEW);
            String holdId = review.event(HoldPlaced.class).hold().id().value();
            assertThat(review.snapshot().holds()).singleElement()
                    .satisfies(h -> assertThat(h.type()).isEqualTo(HoldType.FRAUD_REVIEW));
            f.when(releaseHold(holdId)).expectEvents(HoldReleased.class, OrderConfirmed.class);
        }

        @Test
        void fraudAssessment_afterConfirmation_isIllegal() {
            fixture().confirmed().when(fraud(FraudDecision.ACCEPT)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void hold_onPlacedOrder_goesIntoReviewAndBlocksConfirmation() {
            OrderFixture f = fixture().given(place());
            f.when(hold("h1", HoldType.ADDRESS)).expectEvents(HoldPlaced.class, OrderStateChanged.class);
            f.when(authorize(TOTAL)).expectAccepted();
            f.when(fraud(FraudDecision.ACCEPT)).expectEvents(FraudScreened.class).expectStatus(OrderStatus.IN_REVIEW);
            f.when(releaseHold("h1")).expectEvents(HoldReleased.class, OrderConfirmed.class);
        }

        @Test
        void hold_withActiveId_isDuplicate() {
            fixture().given(place(), hold("h1", HoldType.MANUAL)).when(hold("h1", HoldType.MANUAL))
                    .expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void hold_onUnknownLine_isUnknownLine() {
            fixture().given(place()).when(new OrderCommand.PlaceHold(io.omskit.spi.model.HoldId.of("h"),
                    HoldType.MANUAL, "x", "a", LineId.of("nope"), NOW)).expectRejected(OmsErrorCode.UNKNOWN_LINE);
        }

        @Test
        void releaseHold_unknown_isUnknownHold() {
            fixture().given(place()).when(releaseHold("nope")).expectRejected(OmsErrorCode.UNKNOWN_HOLD);
        }

        @Test
        void confirm_placedOrder_confirmsExplicitly() {
            fixture().given(place()).when(confirm()).expectEvents(OrderConfirmed.class);
        }

        @Test
        void confirm_confirmedOrder_isIllegal() {
            fixture().confirmed().when(confirm()).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void anyCommand_onRejectedOrder_isOrderClosed() {
            OrderFixture f = fixture().given(place(), fraud(FraudDecision.REJECT));
            f.when(confirm()).expectRejected(OmsErrorCode.ORDER_CLOSED);
            f.when(hold("h", HoldType.MANUAL)).expectRejected(OmsErrorCode.ORDER_CLOSED);
            f.when(authorize(TOTAL)).expectRejected(OmsErrorCode.ORDER_CLOSED);
            f.when(cancelOrder()).expectRejected(OmsErrorCode.ORDER_CLOSED);
        }

        @Test
        void transitionOrder_toUnknownState_isIllegal() {
            fixture().given(place()).when(new OrderCommand.TransitionOrder("NOPE", null, NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void transitionOrder_placedToInReview_isAllowed() {
            fixture().given(place()).when(new OrderCommand.TransitionOrder("IN_REVIEW", null, NOW))
                    .expectEvents(OrderStateChanged.class).expectStatus(OrderStatus.IN_REVIEW);
        }

        @Test
        void transitionOrder_toConfirmedCategory_needsConfirm() {
            fixture().given(place()).when(new OrderCommand.TransitionOrder("CONFIRMED", null, NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }
    }

    @Nested
    class Payments {
        @Test
        void authorization_repeatedReference_isDuplicate() {
            fixture().given(place(), authorize(100)).when(authorize(100)).expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void authorization_otherCurrency_isCurrencyMismatch() {
            fixture().given(place()).when(new OrderCommand.RecordAuthorization(Money.ofMinor(100, "EUR"), "a", NOW))
                    .expectRejected(OmsErrorCode.CURRENCY_MISMATCH);
        }

        @Test
        void authorization_zeroAmount_isInvalid() {
            fixture().given(place()).when(authorize(0)).expectRejected(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void authorizations_overflowingALong_areInvalid() {
            fixture().given(place(), authorize(Long.MAX_VALUE - 10, "a1")).when(authorize(11, "a2"))
                    .expectRejected(OmsErrorCode.INVALID_VALUE);
        }

        @Test
        void place_totalOverflowingALong_isInvalid() {
            fixture().when(place(List.of(line(L1, A, 3, Long.MAX_VALUE / 2)))).expectRejected(OmsErrorCode.INVALID_VALUE);
            fixture().when(place(List.of(line(L1, A, 1, Long.MAX_VALUE - 5), line(L2, OrderFixture.B, 1, 6))))
                    .expectRejected(OmsErrorCode.INVALID_VALUE);
            fixture().when(place(List.of(line(L1, A, 1, Long.MAX_VALUE)))).expectAccepted();
        }

        @Test
        void capture_moreThanAuthorized_isExceeded() {
            fixture().confirmed().when(capture(TOTAL + 1)).expectRejected(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED);
        }

        @Test
        void capture_inParts_upToAuthorized() {
            OrderFixture f = fixture().confirmed();
            f.when(capture(1000, "c1")).expectEvents(PaymentCaptured.class);
            f.when(capture(TOTAL - 1000, "c2")).expectEvents(PaymentCaptured.class);
            f.when(capture(1, "c3")).expectRejected(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED);
            f.when(capture(5, "c1")).expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void void_ofUncapturedRemainder_isAllowed_moreIsExceeded() {
            OrderFixture f = fixture().confirmed().given(capture(1000));
            f.when(voidAuth(TOTAL - 999, "v1")).expectRejected(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED);
            f.when(voidAuth(TOTAL - 1000, "v1")).expectEvents(PaymentVoided.class);
            f.when(capture(1, "c9")).expectRejected(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED);
        }

        @Test
        void refund_moreThanCaptured_isExceeded() {
            OrderFixture f = fixture().confirmed().given(capture(1000));
            f.when(refund(1001, "r1", null)).expectRejected(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED);
            f.when(refund(1000, "r1", null)).expectEvents(PaymentRefunded.class);
            f.when(refund(1, "r2", null)).expectRejected(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED);
        }

        @Test
        void refund_forUnknownReturn_isUnknownReturn() {
            fixture().confirmed().given(capture(1000)).when(refund(10, "r1", R1))
                    .expectRejected(OmsErrorCode.UNKNOWN_RETURN);
        }

        @Test
        void voidAndRefund_onCancelledOrder_areStillRecorded() {
            OrderFixture f = fixture().confirmed().given(capture(500), cancelOrder());
            f.when(voidAuth(TOTAL - 500, "v1")).expectEvents(PaymentVoided.class);
            f.when(refund(500, "r1", null)).expectEvents(PaymentRefunded.class);
            f.when(capture(1, "c2")).expectRejected(OmsErrorCode.ORDER_CLOSED);
        }

        @Test
        void ledger_recordsEveryEntryType() {
            OrderFixture f = fixture().confirmed().given(capture(1000), refund(100, "r1", null), voidAuth(50, "v1"));
            assertThat(f.snapshot().payments()).extracting(t -> t.type()).containsExactly(
                    TransactionType.AUTHORIZATION, TransactionType.CAPTURE, TransactionType.REFUND,
                    TransactionType.VOID);
        }
    }

    @Nested
    class Allocation {
        @Test
        void allocate_partially_backordersTheRest() {
            OrderFixture.Then then = fixture().confirmed()
                    .when(allocate(plan(F1, EAST, false, fl(L1, 1), fl(L2, 1))))
                    .expectUnits(L1, Bucket.ALLOCATED, 1).expectUnits(L1, Bucket.BACKORDERED, 1)
                    .expectUnits(L3, Bucket.BACKORDERED, 3);
            assertThat(then.all(LineQuantityMoved.class)).filteredOn(m -> m.to() == Bucket.BACKORDERED)
                    .allSatisfy(m -> assertThat(m.reason()).isEqualTo("out_of_stock"));
        }

        @Test
        void allocate_nothing_backordersEverything() {
            fixture().confirmed().when(allocate()).expectUnits(L1, Bucket.BACKORDERED, 2)
                    .expectEvents(LineQuantityMoved.class, LineQuantityMoved.class, LineQuantityMoved.class);
        }

        @Test
        void allocate_beforeConfirmation_isIllegal() {
            fixture().given(place()).when(allocateAll()).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void allocate_moreThanPending_isInsufficient() {
            fixture().confirmed().when(allocate(plan(F1, EAST, false, fl(L1, 3))))
                    .expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void allocate_acrossTwoPlansMoreThanPending_isInsufficient() {
            fixture().confirmed().when(allocate(plan(F1, EAST, false, fl(L1, 2)), plan(F2, STORE, false, fl(L1, 1))))
                    .expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void allocate_unknownLine_isUnknownLine() {
            fixture().confirmed().when(allocate(plan(F1, EAST, false, fl(LineId.of("x"), 1))))
                    .expectRejected(OmsErrorCode.UNKNOWN_LINE);
        }

        @Test
        void allocate_repeatedFulfillmentId_isDuplicate() {
            fixture().confirmed().when(allocate(plan(F1, EAST, false, fl(L1, 1)), plan(F1, EAST, false, fl(L2, 1))))
                    .expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void allocate_planWithoutLines_isInvalidQuantity() {
            fixture().confirmed().when(allocate(plan(F1, EAST, false)))
                    .expectRejected(OmsErrorCode.INVALID_QUANTITY);
        }

        @Test
        void allocate_whenNothingPending_isInsufficient() {
            fixture().allocated().when(allocate()).expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void fillBackorder_movesBackorderedToAllocatedInNewFulfillment() {
            fixture().confirmed().given(allocate(plan(F1, EAST, false, fl(L1, 2), fl(L2, 1))))
                    .when(new OrderCommand.FillBackorder(plan(F2, STORE, false, fl(L3, 2)), NOW))
                    .expectEvents(FulfillmentCreated.class)
                    .expectUnits(L3, Bucket.ALLOCATED, 2)
                    .expectUnits(L3, Bucket.BACKORDERED, 1);
        }

        @Test
        void fillBackorder_moreThanBackordered_isInsufficient() {
            fixture().allocated().when(new OrderCommand.FillBackorder(plan(F2, STORE, false, fl(L3, 1)), NOW))
                    .expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void reservationFailed_cancelsFulfillmentAndBackordersItsUnits() {
            OrderFixture.Then then = fixture().allocated()
                    .when(new OrderCommand.ReservationFailed(F1, NOW))
                    .expectUnits(L1, Bucket.BACKORDERED, 2).expectUnits(L3, Bucket.BACKORDERED, 3);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().status()).isEqualTo(FulfillmentStatus.CANCELLED);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().lines()).isEmpty();
        }

        @Test
        void reservationFailed_afterRelease_isIllegal() {
            fixture().allocated().given(release(F1)).when(new OrderCommand.ReservationFailed(F1, NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }
    }

    @Nested
    class Fulfillment {
        @Test
        void release_whileOnHold_isOrderOnHold() {
            fixture().allocated().given(hold("h1", HoldType.MANUAL)).when(release(F1))
                    .expectRejected(OmsErrorCode.ORDER_ON_HOLD);
        }

        @Test
        void release_twice_isIllegal() {
            fixture().allocated().given(release(F1)).when(release(F1)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void release_unknownFulfillment_isUnknown() {
            fixture().allocated().when(release(FulfillmentId.of("nope")))
                    .expectRejected(OmsErrorCode.UNKNOWN_FULFILLMENT);
        }

        @Test
        void pick_beforeRelease_isIllegal() {
            fixture().allocated().when(pick(F1)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void pick_short_backordersTheRestAndShrinksFulfillment() {
            OrderFixture.Then then = fixture().allocated().given(release(F1))
                    .when(pick(F1, fl(L1, 1), fl(L2, 1)))
                    .expectUnits(L1, Bucket.PICKED, 1).expectUnits(L1, Bucket.BACKORDERED, 1)
                    .expectUnits(L3, Bucket.BACKORDERED, 3).expectUnits(L2, Bucket.PICKED, 1);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().lines()).containsExactly(fl(L1, 1), fl(L2, 1));
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().state()).isEqualTo("PICKING");
            assertThat(then.all(LineQuantityMoved.class)).filteredOn(m -> m.to() == Bucket.BACKORDERED)
                    .allSatisfy(m -> assertThat(m.reason()).isEqualTo("short_pick"));
        }

        @Test
        void pick_moreThanCarried_isInsufficient() {
            fixture().allocated().given(release(F1)).when(pick(F1, fl(L1, 3)))
                    .expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void pick_lineNotInFulfillment_isUnknownLine() {
            fixture().confirmed().given(allocate(plan(F1, EAST, false, fl(L1, 2))), release(F1))
                    .when(pick(F1, fl(L2, 1))).expectRejected(OmsErrorCode.UNKNOWN_LINE);
        }

        @Test
        void pick_sameLineTwice_isDuplicate() {
            fixture().allocated().given(release(F1)).when(pick(F1, fl(L1, 1), fl(L1, 1)))
                    .expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void ship_unpacked_isIllegal() {
            fixture().allocated().given(release(F1), pick(F1)).when(ship(F1))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void ship_twice_isIllegal() {
            fixture().shipped().when(ship(F1)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void tracking_recordsOnce_repeatIsDuplicate() {
            OrderFixture f = fixture().shipped();
            OrderCommand.RecordTracking t = new OrderCommand.RecordTracking(F1, "evt-1", "IN_TRANSIT", "hub", NOW);
            OrderFixture.Then then = f.when(t).expectEvents(TrackingEventRecorded.class);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().trackingEventIds()).containsExactly("evt-1");
            f.when(t).expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void failDelivery_thenDeliver_delivers() {
            OrderFixture f = fixture().shipped();
            f.when(new OrderCommand.FailDelivery(F1, "nobody_home", NOW)).expectEvents(FulfillmentStateChanged.class)
                    .expectUnits(L1, Bucket.SHIPPED, 2);
            f.when(deliver(F1)).expectUnits(L1, Bucket.DELIVERED, 2);
        }

        @Test
        void declareLost_shipped_writesOffItsUnits_andCompletesThePaidOrder() {
            OrderFixture f = fixture().shipped().given(capture(TOTAL));
            OrderFixture.Then then = f.when(new OrderCommand.DeclareLost(F1, "no_scan_for_10_days", NOW))
                    .expectEvents(FulfillmentStateChanged.class, OrderCompleted.class)
                    .expectUnits(L1, Bucket.LOST, 2).expectUnits(L1, Bucket.SHIPPED, 0)
                    .expectStatus(OrderStatus.COMPLETED);
            OrderSnapshot s = then.snapshot();
            assertThat(s.fulfillment(F1).orElseThrow().status()).isEqualTo(FulfillmentStatus.LOST);
            assertThat(s.units(Bucket.LOST)).isEqualTo(6);
            FulfillmentStateChanged e = (FulfillmentStateChanged) then.events().get(0);
            assertThat(e.fromStatus()).isEqualTo(FulfillmentStatus.SHIPPED);
            assertThat(e.toStatus()).isEqualTo(FulfillmentStatus.LOST);
            assertThat(OrderViews.amountDue(s)).as("lost units stay due").isEqualTo(usd(TOTAL));
        }

        @Test
        void declareLost_afterFailedDelivery_writesOff_thenNothingMoreMovesIt() {
            OrderFixture f = fixture().shipped().given(new OrderCommand.FailDelivery(F1, "nobody_home", NOW));
            f.when(new OrderCommand.DeclareLost(F1, "returned_unreadable", NOW)).expectUnits(L2, Bucket.LOST, 1)
                    .expectStatus(OrderStatus.CONFIRMED); // nothing captured yet: not complete
            f.when(deliver(F1)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
            f.when(new OrderCommand.DeclareLost(F1, "again", NOW)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void declareLost_beforeShipment_orOnAPickup_isIllegal() {
            fixture().packed().when(new OrderCommand.DeclareLost(F1, "x", NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
            OrderFixture pickup = fixture().confirmed()
                    .given(allocate(plan(F1, STORE, true, fl(L1, 2), fl(L2, 1), fl(L3, 3))), release(F1), pick(F1),
                            pack(F1), new OrderCommand.ReadyForPickup(F1, NOW));
            pickup.when(new OrderCommand.DeclareLost(F1, "x", NOW)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
            fixture().shipped().when(new OrderCommand.TransitionFulfillment(F1, "LOST", NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void deliver_unshipped_isIllegal() {
            fixture().packed().when(deliver(F1)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void pickup_readyThenPickedUp_completesWhenPaid() {
            OrderFixture f = fixture().confirmed().given(capture(TOTAL))
                    .given(allocate(plan(F1, STORE, true, fl(L1, 2), fl(L2, 1), fl(L3, 3))), release(F1), pick(F1),
                            pack(F1));
            f.when(ship(F1)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
            f.when(new OrderCommand.ReadyForPickup(F1, NOW)).expectUnits(L1, Bucket.READY_FOR_PICKUP, 2);
            OrderFixture.Then then = f.when(new OrderCommand.PickedUp(F1, NOW))
                    .expectUnits(L1, Bucket.PICKED_UP, 2).expectStatus(OrderStatus.COMPLETED);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().deliveredAt()).isEqualTo(NOW);
        }

        @Test
        void readyForPickup_onShippedFulfillment_isIllegal() {
            fixture().packed().when(new OrderCommand.ReadyForPickup(F1, NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void transitionFulfillment_intoShippedCategory_needsShip() {
            fixture().packed().when(new OrderCommand.TransitionFulfillment(F1, "SHIPPED", NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void transitionFulfillment_builtInEdge_isAllowed() {
            fixture().allocated().when(new OrderCommand.TransitionFulfillment(F1, "RELEASED", NOW))
                    .expectUnits(L1, Bucket.RELEASED, 2);
        }
    }

    @Nested
    class Cancellation {
        @Test
        void cancelOrder_allocated_cancelsFulfillmentAndUnits() {
            OrderFixture.Then then = fixture().allocated().when(cancelOrder())
                    .expectStatus(OrderStatus.CANCELLED)
                    .expectUnits(L1, Bucket.CANCELLED, 2).expectUnits(L3, Bucket.CANCELLED, 3);
            assertThat(then.events().get(0)).isInstanceOf(OrderCancelled.class);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().status()).isEqualTo(FulfillmentStatus.CANCELLED);
            assertThat(then.all(LineQuantityMoved.class)).allSatisfy(m -> {
                assertThat(m.initiator()).isEqualTo(Initiator.CUSTOMER);
                assertThat(m.reason()).isEqualTo("customer_request");
            });
        }

        @Test
        void cancelOrder_packed_cancelsToo() {
            fixture().packed().when(cancelOrder()).expectStatus(OrderStatus.CANCELLED)
                    .expectUnits(L2, Bucket.CANCELLED, 1);
        }

        @Test
        void cancelOrder_placed_cancelsPendingUnits() {
            fixture().given(place()).when(cancelOrder())
                    .expectEvents(OrderCancelled.class, LineQuantityMoved.class, LineQuantityMoved.class,
                            LineQuantityMoved.class);
        }

        @Test
        void cancelOrder_afterShipment_isAlreadyShipped() {
            fixture().shipped().when(cancelOrder()).expectRejected(OmsErrorCode.ALREADY_SHIPPED);
        }

        @Test
        void cancelOrder_completed_isAlreadyShipped_asOrderDeciderDocuments() {
            fixture().completed().when(cancelOrder()).expectRejected(OmsErrorCode.ALREADY_SHIPPED);
        }

        @Test
        void cancelOrder_twice_isOrderClosed() {
            fixture().given(place(), cancelOrder()).when(cancelOrder()).expectRejected(OmsErrorCode.ORDER_CLOSED);
        }

        @Test
        void cancelLine_takesBackorderedThenPendingThenAllocated() {
            OrderFixture f = fixture().confirmed()
                    .given(allocate(plan(F1, EAST, false, fl(L3, 1))));
            f.snapshot();
            OrderFixture.Then then = f.when(cancelLine(L3, 3))
                    .expectMove(L3, 2, Bucket.BACKORDERED, Bucket.CANCELLED)
                    .expectMove(L3, 1, Bucket.ALLOCATED, Bucket.CANCELLED);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().status()).isEqualTo(FulfillmentStatus.CANCELLED);
            assertThat(then.snapshot().status()).isEqualTo(OrderStatus.CONFIRMED);
        }

        @Test
        void cancelLine_partOfFulfillment_shrinksIt() {
            OrderFixture.Then then = fixture().allocated().given(release(F1)).when(cancelLine(L1, 1))
                    .expectMove(L1, 1, Bucket.RELEASED, Bucket.CANCELLED);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().quantityOf(L1)).isEqualTo(1);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().status()).isEqualTo(FulfillmentStatus.RELEASED);
        }

        @Test
        void cancelLine_moreThanCancellable_isInsufficient() {
            fixture().packed().when(cancelLine(L1, 1)).expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void cancelLine_unknownLine_isUnknownLine() {
            fixture().given(place()).when(cancelLine(LineId.of("x"), 1)).expectRejected(OmsErrorCode.UNKNOWN_LINE);
        }

        @Test
        void cancelLine_everyUnit_cancelsOrder() {
            OrderFixture f = fixture().given(place(), cancelLine(L1, 2), cancelLine(L2, 1));
            f.when(cancelLine(L3, 3)).expectEvents(LineQuantityMoved.class, OrderCancelled.class)
                    .expectStatus(OrderStatus.CANCELLED);
        }

        @Test
        void cancelLine_lowersAmountDue_soSmallerAuthorizationConfirms() {
            OrderFixture f = fixture().given(place(), fraud(FraudDecision.ACCEPT), authorize(TOTAL - 450));
            f.when(cancelLine(L3, 3)).expectStatus(OrderStatus.CONFIRMED);
        }

        @Test
        void cancelLine_ofRemainingUnits_afterDeliveryOfTheRest_completes() {
            OrderFixture f = fixture().confirmed().given(capture(2500))
                    .given(allocate(plan(F1, EAST, false, fl(L1, 2), fl(L2, 1))), release(F1), pick(F1), pack(F1),
                            ship(F1), deliver(F1));
            f.when(cancelLine(L3, 3)).expectEvents(LineQuantityMoved.class, OrderCompleted.class);
        }
    }

    @Nested
    class Returns {
        @Test
        void requestReturn_deliveredUnits_movesThemToReturnRequested() {
            OrderFixture.Then then = fixture().completed().when(requestReturn(R1, item(L1, 1)))
                    .expectEvents(ReturnRequested.class, LineQuantityMoved.class)
                    .expectMove(L1, 1, Bucket.DELIVERED, Bucket.RETURN_REQUESTED)
                    .expectStatus(OrderStatus.COMPLETED);
            assertThat(then.snapshot().orderReturn(R1).orElseThrow().status()).isEqualTo(ReturnStatus.REQUESTED);
        }

        @Test
        void requestReturn_undelivered_isInsufficient() {
            fixture().shipped().when(requestReturn(R1, item(L1, 1))).expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void requestReturn_duplicateId_isDuplicate() {
            fixture().completed().given(requestReturn(R1, item(L1, 1))).when(requestReturn(R1, item(L2, 1)))
                    .expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void requestReturn_noItems_isInvalidQuantity() {
            fixture().completed().when(requestReturn(R1)).expectRejected(OmsErrorCode.INVALID_QUANTITY);
        }

        @Test
        void fullReturnJourney_receivesInspectsClosesAndRefunds() {
            OrderFixture f = fixture().completed().given(requestReturn(R1, item(L1, 2)));
            f.when(approve(R1)).expectEvents(ReturnApproved.class);
            OrderFixture.Then part = f.when(receive(R1, received(L1, 1))).expectEvents(ReturnReceived.class,
                    LineQuantityMoved.class).expectUnits(L1, Bucket.RETURNED, 1);
            assertThat(part.snapshot().orderReturn(R1).orElseThrow().status()).isEqualTo(ReturnStatus.APPROVED);
            OrderFixture.Then all = f.when(receive(R1, received(L1, 1))).expectUnits(L1, Bucket.RETURNED, 2);
            assertThat(all.snapshot().orderReturn(R1).orElseThrow().status()).isEqualTo(ReturnStatus.RECEIVED);
            f.when(new OrderCommand.InspectReturn(R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK, NOW))
                    .expectEvents(ReturnInspected.class);
            f.when(new OrderCommand.CloseReturn(R1, Resolution.REFUND, NOW)).expectEvents(ReturnClosed.class);
            OrderFixture.Then refunded = f.when(refund(2000, "ref-1", R1)).expectEvents(PaymentRefunded.class);
            assertThat(OrderViews.balance(refunded.snapshot())).isEqualTo(io.omskit.spi.model.Balance.SETTLED);
            assertThat(refunded.snapshot().status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(refunded.snapshot().orderReturn(R1).orElseThrow().lines().get(0).disposition())
                    .isEqualTo(Disposition.RESTOCK);
        }

        @Test
        void receive_beforeApproval_isIllegal() {
            fixture().completed().given(requestReturn(R1, item(L1, 1))).when(receive(R1, received(L1, 1)))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void receive_moreThanRequested_isInsufficient() {
            fixture().completed().given(requestReturn(R1, item(L1, 1)), approve(R1))
                    .when(receive(R1, received(L1, 2))).expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void receive_lineNotInReturn_isUnknownLine() {
            fixture().completed().given(requestReturn(R1, item(L1, 1)), approve(R1))
                    .when(receive(R1, received(L2, 1))).expectRejected(OmsErrorCode.UNKNOWN_LINE);
        }

        @Test
        void inspect_beforeReception_isInsufficient() {
            fixture().completed().given(requestReturn(R1, item(L1, 1)), approve(R1))
                    .when(new OrderCommand.InspectReturn(R1, L1, InspectionResult.REJECTED, Disposition.UNSELLABLE,
                            NOW)).expectRejected(OmsErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void rejectReturn_putsUnitsBackToDelivered() {
            fixture().completed().given(requestReturn(R1, item(L1, 2)))
                    .when(new OrderCommand.RejectReturn(R1, "outside_window", NOW))
                    .expectEvents(ReturnRejected.class, LineQuantityMoved.class)
                    .expectUnits(L1, Bucket.DELIVERED, 2);
        }

        @Test
        void cancelReturn_putsUnitsBack_butNotAfterReception() {
            OrderFixture f = fixture().completed().given(requestReturn(R1, item(L1, 2)), approve(R1));
            f.when(new OrderCommand.CancelReturn(R1, NOW)).expectEvents(ReturnCancelled.class, LineQuantityMoved.class);
            OrderFixture g = fixture().completed().given(requestReturn(R1, item(L1, 2)), approve(R1),
                    receive(R1, received(L1, 1)));
            g.when(new OrderCommand.CancelReturn(R1, NOW)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void closeReturn_afterPartialReception_putsOutstandingBack() {
            fixture().completed().given(requestReturn(R1, item(L1, 2)), approve(R1), receive(R1, received(L1, 1)))
                    .when(new OrderCommand.CloseReturn(R1, Resolution.REFUND, NOW))
                    .expectEvents(ReturnClosed.class, LineQuantityMoved.class)
                    .expectUnits(L1, Bucket.RETURNED, 1).expectUnits(L1, Bucket.DELIVERED, 1);
        }

        @Test
        void closeReturn_withNothingReceived_isIllegal() {
            fixture().completed().given(requestReturn(R1, item(L1, 2)), approve(R1))
                    .when(new OrderCommand.CloseReturn(R1, Resolution.NONE, NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void approve_unknownReturn_isUnknown() {
            fixture().completed().when(approve(R1)).expectRejected(OmsErrorCode.UNKNOWN_RETURN);
        }

        @Test
        void exchange_onCompletedOrder_reopensAndCompletesAgain() {
            LineId l4 = LineId.of("L4");
            OrderFixture f = fixture().completed();
            OrderFixture.Then then = f.when(new OrderCommand.Exchange(R1, List.of(item(L2, 1)),
                            List.of(line(l4, Sku.of("SKU-B2"), 1, 0)), NOW))
                    .expectEvents(ReturnRequested.class, LineQuantityMoved.class, LineAdded.class,
                            OrderStateChanged.class)
                    .expectStatus(OrderStatus.CONFIRMED).expectUnits(l4, Bucket.PENDING, 1);
            assertThat(then.snapshot().line(l4).orElseThrow().exchangeFor()).isEqualTo(R1);
            assertThat(then.snapshot().orderReturn(R1).orElseThrow().exchange()).isTrue();
            f.given(approve(R1), receive(R1, received(L2, 1)),
                    allocate(plan(F2, EAST, false, fl(l4, 1))), release(F2), pick(F2), pack(F2), ship(F2));
            // L2 returned lowers the amount due by 5.00: the order owes a credit until it is refunded.
            f.when(deliver(F2)).expectStatus(OrderStatus.CONFIRMED);
            f.when(refund(500, "ref-x", R1)).expectEvents(PaymentRefunded.class, OrderCompleted.class);
        }

        @Test
        void exchange_replacementWithExistingLineId_isDuplicate() {
            fixture().completed().when(new OrderCommand.Exchange(R1, List.of(item(L2, 1)),
                    List.of(line(L1, Sku.of("SKU-B2"), 1, 0)), NOW)).expectRejected(OmsErrorCode.DUPLICATE_ID);
        }

        @Test
        void exchange_replacementInOtherCurrency_isMismatch() {
            fixture().completed().when(new OrderCommand.Exchange(R1, List.of(item(L2, 1)),
                    List.of(new io.omskit.spi.model.LineSpec(LineId.of("L4"), Sku.of("x"), 1, Money.ofMinor(1, "EUR"),
                            null)), NOW)).expectRejected(OmsErrorCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    class Purity {
        @Test
        void decide_sameInputs_sameOutput() {
            OrderFixture f = fixture().allocated();
            Decision a = OrderDecider.standard().decide(f.snapshot(), release(F1));
            Decision b = OrderDecider.standard().decide(f.snapshot(), release(F1));
            assertThat(a).isEqualTo(b);
        }

        @Test
        void decide_rejection_leavesSnapshotUntouched() {
            OrderFixture f = fixture().allocated();
            var before = f.snapshot();
            var copy = OrderDecider.standard().replay(f.history());
            OrderDecider.standard().decide(before, cancelLine(L1, 99));
            assertThat(before).isEqualTo(copy);
        }

        @Test
        void unknownFulfillment_inEveryFulfillmentCommand_isRejectedNotThrown() {
            OrderFixture f = fixture().allocated();
            FulfillmentId x = FulfillmentId.of("x");
            List<OrderCommand> commands = List.of(release(x), pick(x), pack(x), ship(x), deliver(x),
                    new OrderCommand.FailDelivery(x, "r", NOW), new OrderCommand.DeclareLost(x, "r", NOW),
                    new OrderCommand.ReadyForPickup(x, NOW),
                    new OrderCommand.PickedUp(x, NOW), new OrderCommand.TransitionFulfillment(x, "PACKED", NOW),
                    new OrderCommand.RecordTracking(x, "e", "s", null, NOW), new OrderCommand.ReservationFailed(x, NOW));
            for (OrderCommand c : commands) {
                f.when(c).expectRejected(OmsErrorCode.UNKNOWN_FULFILLMENT);
            }
        }

        @Test
        void amountsAreCheckedAgainstLedger_notDouble() {
            assertThat(OrderViews.amountDue(fixture().given(place()).snapshot())).isEqualTo(usd(TOTAL));
        }
    }

    @Nested
    class MoreExamples {
        @Test
        void decline_repeatedReference_isDuplicate_andOnClosedOrder_isClosed() {
            OrderFixture f = fixture().given(place(), authorize(100, "auth-x"));
            f.when(decline()).expectRejected(OmsErrorCode.DUPLICATE_ID);
            fixture().given(place(), cancelOrder()).when(decline()).expectRejected(OmsErrorCode.ORDER_CLOSED);
        }

        @Test
        void pack_beforePick_isIllegal() {
            fixture().allocated().given(release(F1)).when(pack(F1)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void failDelivery_beforeShipment_isIllegal() {
            fixture().packed().when(new OrderCommand.FailDelivery(F1, "x", NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void pickedUp_beforeReady_isIllegal_andOnShippedFulfillmentToo() {
            OrderFixture f = fixture().confirmed()
                    .given(allocate(plan(F1, STORE, true, fl(L1, 2), fl(L2, 1), fl(L3, 3))), release(F1), pick(F1),
                            pack(F1));
            f.when(new OrderCommand.PickedUp(F1, NOW)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
            fixture().packed().when(new OrderCommand.PickedUp(F1, NOW)).expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void approve_twice_isIllegal() {
            fixture().completed().given(requestReturn(R1, item(L1, 1)), approve(R1)).when(approve(R1))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void rejectReturn_afterApproval_isIllegal() {
            fixture().completed().given(requestReturn(R1, item(L1, 1)), approve(R1))
                    .when(new OrderCommand.RejectReturn(R1, "late", NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void closeReturn_twice_isIllegal() {
            fixture().completed().given(requestReturn(R1, item(L1, 1)), approve(R1), receive(R1, received(L1, 1)),
                    new OrderCommand.CloseReturn(R1, Resolution.REFUND, NOW))
                    .when(new OrderCommand.CloseReturn(R1, Resolution.REFUND, NOW))
                    .expectRejected(OmsErrorCode.ILLEGAL_TRANSITION);
        }

        @Test
        void pick_listedLinesOnly_shrinksFulfillmentToThem() {
            OrderFixture.Then then = fixture().confirmed().given(allocate(plan(F1, EAST, false, fl(L1, 2))), release(F1))
                    .when(pick(F1, fl(L1, 1)))
                    .expectUnits(L1, Bucket.PICKED, 1);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().state()).isEqualTo("PICKING");
            OrderFixture g = fixture().confirmed().given(allocate(plan(F1, EAST, false, fl(L1, 2), fl(L2, 1))),
                    release(F1));
            OrderFixture.Then none = g.when(pick(F1, fl(L2, 1)));
            assertThat(none.snapshot().fulfillment(F1).orElseThrow().lines()).containsExactly(fl(L2, 1));
        }

        @Test
        void pick_lineOfAnotherFulfillment_isUnknownLine() {
            OrderFixture f = fixture().confirmed().given(allocate(plan(F1, EAST, false, fl(L1, 2)),
                    plan(F2, STORE, false, fl(L2, 1))), release(F1));
            f.when(pick(F1, fl(L2, 1))).expectRejected(OmsErrorCode.UNKNOWN_LINE);
        }

        @Test
        void cancelLine_acrossTwoFulfillments_takesMostRecentFirst() {
            OrderFixture.Then then = fixture().confirmed()
                    .given(allocate(plan(F1, EAST, false, fl(L3, 2)), plan(F2, STORE, false, fl(L3, 1))))
                    .when(cancelLine(L3, 2));
            assertThat(then.snapshot().fulfillment(F2).orElseThrow().status()).isEqualTo(FulfillmentStatus.CANCELLED);
            assertThat(then.snapshot().fulfillment(F1).orElseThrow().quantityOf(L3)).isEqualTo(1);
            assertThat(then.all(LineQuantityMoved.class)).extracting(LineQuantityMoved::reference)
                    .containsExactly("F2", "F1");
        }

        @Test
        void transitionFulfillment_intoReleasedCategoryWhileOnHold_isOnHold() {
            fixture().allocated().given(hold("h", HoldType.MANUAL))
                    .when(new OrderCommand.TransitionFulfillment(F1, "RELEASED", NOW))
                    .expectRejected(OmsErrorCode.ORDER_ON_HOLD);
        }

        @Test
        void guard_returningNull_isAConfigurationError() {
            OrderDecider d = OrderDecider.builder().guard((s, c) -> null).build();
            assertThatThrownBy(() -> d.decide(null, place())).isInstanceOf(OmsValidationException.class)
                    .satisfies(e -> assertThat(((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.CONFIGURATION));
        }

        @Test
        void holdOnLine_blocksReleaseOfTheWholeOrder() {
            fixture().allocated().given(new OrderCommand.PlaceHold(io.omskit.spi.model.HoldId.of("h"), HoldType.ADDRESS,
                    "check", "agent", L2, NOW)).when(release(F1)).expectRejected(OmsErrorCode.ORDER_ON_HOLD);
        }

        @Test
        void release_afterHoldReleased_releases() {
            fixture().allocated().given(hold("h", HoldType.MANUAL), releaseHold("h")).when(release(F1))
                    .expectUnits(L1, Bucket.RELEASED, 2);
        }
    }

    @Nested
    class SharedLists {
        @Test
        void decide_twiceFromOneSnapshot_leavesItAndTheFirstResultUnchanged() {
            // snapshots share their unchanged lists, and a decision's working arrays become its snapshot's lists:
            // no later decision may write into either
            OrderDecider decider = OrderDecider.standard();
            OrderSnapshot allocated = fixture().allocated().snapshot();
            String before = allocated.toString();
            Decision.Accepted released = (Decision.Accepted) decider.decide(allocated, release(F1));
            String releasedText = released.snapshot().toString();
            Decision.Accepted cancelled = (Decision.Accepted) decider.decide(allocated, cancelOrder());
            Decision.Accepted picked = (Decision.Accepted) decider.decide(released.snapshot(), pick(F1));

            assertThat(allocated.toString()).isEqualTo(before);
            assertThat(released.snapshot().toString()).isEqualTo(releasedText);
            assertThat(allocated.line(L1).orElseThrow().in(Bucket.ALLOCATED)).isEqualTo(2);
            assertThat(released.snapshot().line(L1).orElseThrow().in(Bucket.RELEASED)).isEqualTo(2);
            assertThat(cancelled.snapshot().line(L1).orElseThrow().in(Bucket.CANCELLED)).isEqualTo(2);
            assertThat(picked.snapshot().line(L1).orElseThrow().in(Bucket.PICKED)).isEqualTo(2);
            assertThat(released.snapshot().placement()).isSameAs(allocated.placement());
            OrderSnapshot replayedPick = released.snapshot();
            for (var e : picked.events()) {
                replayedPick = decider.apply(replayedPick, e);
            }
            assertThat(replayedPick).isEqualTo(picked.snapshot());
        }
    }
}
