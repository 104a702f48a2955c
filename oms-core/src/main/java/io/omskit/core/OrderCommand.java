package io.omskit.core;

import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * A command to an order: the input of {@code decide(snapshot, command)}. Every command carries the instant
 * it happens at ({@link #at()}), so deciding never reads a clock.
 *
 * <p>Every implementation is an immutable record; thread-safe. The family is closed (sealed). Constructors
 * check presence and shape (nulls, non-positive quantities) and throw
 * {@link io.omskit.spi.OmsValidationException}; whether a command fits the order's state is the decision's
 * business, answered with a {@link Decision.Rejected}.
 */
public sealed interface OrderCommand {

    /** When it happens. */
    Instant at();

    // ---------------------------------------------------------------- 1 capture

    /** Capture a new order (the snapshot passed to decide is null). */
    record Place(OrderId orderId, Channel channel, String externalOrderId, String idempotencyKey,
                 CustomerId customer, Currency currency, Address shipTo, Address billTo, LocationId pickupLocation,
                 Instant promisedBy, List<LineSpec> lines, Instant at) implements OrderCommand {
        public Place {
            Checks.present(orderId, "order id");
            Checks.present(channel, "channel");
            Checks.id(idempotencyKey, "idempotency key");
            Checks.present(currency, "currency");
            lines = Checks.list(lines, "lines");
            Checks.present(at, "at");
        }
    }

    // ---------------------------------------------------------------- 2 verification

    /** Put a hold on the order (or on one line when {@code line} is set). */
    record PlaceHold(HoldId holdId, HoldType type, String reason, String actor, LineId line, Instant at)
            implements OrderCommand {
        public PlaceHold {
            Checks.present(holdId, "hold id");
            Checks.present(type, "hold type");
            Checks.present(actor, "actor");
            Checks.present(at, "at");
        }
    }

    /** Release a hold. */
    record ReleaseHold(HoldId holdId, String actor, Instant at) implements OrderCommand {
        public ReleaseHold {
            Checks.present(holdId, "hold id");
            Checks.present(actor, "actor");
            Checks.present(at, "at");
        }
    }

    /** The payment provider authorized an amount. */
    record RecordAuthorization(Money amount, String providerReference, Instant at) implements OrderCommand {
        public RecordAuthorization {
            Checks.present(amount, "amount");
            Checks.id(providerReference, "provider reference");
            Checks.present(at, "at");
        }
    }

    /** The payment provider declined an authorization; the order is rejected. */
    record RecordDecline(Money amount, String providerReference, String reason, Instant at) implements OrderCommand {
        public RecordDecline {
            Checks.present(amount, "amount");
            Checks.id(providerReference, "provider reference");
            Checks.present(reason, "reason");
            Checks.present(at, "at");
        }
    }

    /** The provider captured an amount. */
    record RecordCapture(Money amount, String providerReference, Instant at) implements OrderCommand {
        public RecordCapture {
            Checks.present(amount, "amount");
            Checks.id(providerReference, "provider reference");
            Checks.present(at, "at");
        }
    }

    /** The provider voided (released) the authorized amount not captured. */
    record RecordVoid(Money amount, String providerReference, Instant at) implements OrderCommand {
        public RecordVoid {
            Checks.present(amount, "amount");
            Checks.id(providerReference, "provider reference");
            Checks.present(at, "at");
        }
    }

    /** The provider refunded an amount, optionally settling a return. */
    record RecordRefund(Money amount, String providerReference, ReturnId returnId, Instant at) implements OrderCommand {
        public RecordRefund {
            Checks.present(amount, "amount");
            Checks.id(providerReference, "provider reference");
            Checks.present(at, "at");
        }
    }

    /**
     * Write payment calls ahead (see {@link io.omskit.spi.model.PaymentRequest}): each call becomes a pending
     * request with a new idempotency key, {@code <order>:<kind>:<version>} for the first and
     * {@code <order>:<kind>:<version>.<n>} for the n-th after it, where kind is {@code auth}, {@code capture},
     * {@code void} or {@code refund} and version is the order's version after this command.
     */
    record RequestPayments(List<PaymentCall> calls, Instant at) implements OrderCommand {
        public RequestPayments {
            calls = Checks.list(calls, "payment calls");
            if (calls.isEmpty()) {
                throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.MISSING_VALUE,
                        "at least one payment call is required");
            }
            Checks.present(at, "at");
        }
    }

    /**
     * One payment call to write ahead (see {@link RequestPayments}).
     *
     * @param type AUTHORIZATION, CAPTURE, VOID or REFUND
     * @param amount a positive amount (for a void: the authorized amount not captured)
     * @param targetReference the authorization a capture or void acts on, the capture a refund acts on; null for
     *     an authorization
     * @param returnId the return a refund settles, or null
     */
    record PaymentCall(io.omskit.spi.model.TransactionType type, Money amount, String targetReference,
                       ReturnId returnId) {
        public PaymentCall {
            Checks.present(type, "payment call type");
            Checks.present(amount, "amount");
        }
    }

    /** The provider answered the pending payment request with this key: record the answer, complete the request. */
    record CompletePayment(String idempotencyKey, io.omskit.spi.port.PaymentOutcome outcome, Instant at)
            implements OrderCommand {
        public CompletePayment {
            Checks.id(idempotencyKey, "idempotency key");
            Checks.present(outcome, "payment outcome");
            Checks.present(at, "at");
        }
    }

    /** A fraud screen answered: accept, review (a FRAUD_REVIEW hold) or reject (the order is rejected). */
    record RecordFraudAssessment(FraudAssessment assessment, Instant at) implements OrderCommand {
        public RecordFraudAssessment {
            Checks.present(assessment, "assessment");
            Checks.present(at, "at");
        }
    }

    /** Confirm the order explicitly (for hosts that verify outside omskit). */
    record Confirm(String actor, Instant at) implements OrderCommand {
        public Confirm {
            Checks.present(actor, "actor");
            Checks.present(at, "at");
        }
    }

    /**
     * Move the order to another state of its lifecycle graph, typically a host's custom state (such as a
     * {@code MANUAL_APPROVAL} state of category IN_REVIEW). Only transitions that keep the category, or go from
     * PLACED to IN_REVIEW, are allowed this way; confirming, completing, cancelling and rejecting have their
     * own commands because they move units and money.
     */
    record TransitionOrder(String toState, String reason, Instant at) implements OrderCommand {
        public TransitionOrder {
            Checks.id(toState, "to state");
            Checks.present(at, "at");
        }
    }

    // ---------------------------------------------------------------- 3-4 inventory and routing

    /**
     * A fulfillment to create from a routing plan: units of lines at a location, with their reservation.
     *
     * @param fulfillmentId unique within the order
     * @param location the source location
     * @param pickup whether the customer collects it there
     * @param lines the line quantities
     * @param reservationId the inventory reservation holding the stock, or null
     */
    record PlannedFulfillment(FulfillmentId fulfillmentId, LocationId location, boolean pickup,
                              List<FulfillmentLine> lines, String reservationId) {
        public PlannedFulfillment {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(location, "location");
            lines = Checks.list(lines, "lines");
        }
    }

    /**
     * Allocate from a routing plan: the planned quantities move PENDING to ALLOCATED in new fulfillments;
     * every PENDING unit left moves to BACKORDERED.
     */
    record Allocate(List<PlannedFulfillment> fulfillments, Instant at) implements OrderCommand {
        public Allocate {
            fulfillments = Checks.list(fulfillments, "fulfillments");
            Checks.present(at, "at");
        }
    }

    /**
     * The inventory store refused the reservation of a PLANNED fulfillment (another order took the stock
     * between routing and reserving): the fulfillment is CANCELLED and its units move ALLOCATED to
     * BACKORDERED (reason {@code out_of_stock}), to be filled later.
     */
    record ReservationFailed(FulfillmentId fulfillmentId, Instant at) implements OrderCommand {
        public ReservationFailed {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(at, "at");
        }
    }

    /** Stock arrived for backordered units: they move BACKORDERED to ALLOCATED in a new fulfillment. */
    record FillBackorder(PlannedFulfillment fulfillment, Instant at) implements OrderCommand {
        public FillBackorder {
            Checks.present(fulfillment, "fulfillment");
            Checks.present(at, "at");
        }
    }

    // ---------------------------------------------------------------- 5 pick and pack

    /** Release a planned fulfillment to its location. Refused while a hold is active. */
    record Release(FulfillmentId fulfillmentId, Instant at) implements OrderCommand {
        public Release {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(at, "at");
        }
    }

    /**
     * Units were picked. {@code picked} lists the quantities per line, or is empty for all of them; units
     * not picked (a short pick) leave the fulfillment and move to BACKORDERED.
     */
    record Pick(FulfillmentId fulfillmentId, List<FulfillmentLine> picked, Instant at) implements OrderCommand {
        public Pick {
            Checks.present(fulfillmentId, "fulfillment id");
            picked = Checks.list(picked, "picked");
            Checks.present(at, "at");
        }
    }

    /** The picked units were packed. */
    record Pack(FulfillmentId fulfillmentId, Instant at) implements OrderCommand {
        public Pack {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(at, "at");
        }
    }

    // ---------------------------------------------------------------- 6 ship and track

    /**
     * The packed fulfillment was handed to a carrier. {@code payments} (none by default) are payment calls written
     * ahead in the same decision, after the shipment, as {@link RequestPayments} does: the capture a shipment makes
     * due is then recorded with the shipment, without a save of its own.
     */
    record Ship(FulfillmentId fulfillmentId, String carrier, String trackingNumber, List<PaymentCall> payments,
                Instant at) implements OrderCommand {
        public Ship {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.id(carrier, "carrier");
            Checks.id(trackingNumber, "tracking number");
            payments = payments == null ? List.of() : Checks.list(payments, "payment calls");
            Checks.present(at, "at");
        }

        /** A shipment that writes no payment call ahead. */
        public Ship(FulfillmentId fulfillmentId, String carrier, String trackingNumber, Instant at) {
            this(fulfillmentId, carrier, trackingNumber, List.of(), at);
        }
    }

    /** A carrier tracking event; recorded once per {@code carrierEventId}, a repeat is rejected as a duplicate. */
    record RecordTracking(FulfillmentId fulfillmentId, String carrierEventId, String status, String description,
                          Instant at) implements OrderCommand {
        public RecordTracking {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.id(carrierEventId, "carrier event id");
            Checks.id(status, "status");
            Checks.present(at, "at");
        }
    }

    // ---------------------------------------------------------------- 7 delivery or pickup

    /** The shipped fulfillment was delivered. */
    record Deliver(FulfillmentId fulfillmentId, boolean damaged, Instant at) implements OrderCommand {
        public Deliver {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(at, "at");
        }
    }

    /**
     * The parcel is lost in transit (the carrier says so, or it stopped moving): its units are written off
     * (LOST), stay due (the host makes the customer whole, e.g. with a replacement order) and leave no stock
     * effect (they left stock when shipped).
     */
    record DeclareLost(FulfillmentId fulfillmentId, String reason, Instant at) implements OrderCommand {
        public DeclareLost {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(reason, "reason");
            Checks.present(at, "at");
        }
    }

    /** The carrier could not deliver; it may be redelivered ({@link Deliver}) later. */
    record FailDelivery(FulfillmentId fulfillmentId, String reason, Instant at) implements OrderCommand {
        public FailDelivery {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(reason, "reason");
            Checks.present(at, "at");
        }
    }

    /** A packed pickup fulfillment is waiting at its store. */
    record ReadyForPickup(FulfillmentId fulfillmentId, Instant at) implements OrderCommand {
        public ReadyForPickup {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(at, "at");
        }
    }

    /** The customer collected a pickup fulfillment. */
    record PickedUp(FulfillmentId fulfillmentId, Instant at) implements OrderCommand {
        public PickedUp {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.present(at, "at");
        }
    }

    /** Move a fulfillment to a host-defined state of its graph. */
    record TransitionFulfillment(FulfillmentId fulfillmentId, String toState, Instant at) implements OrderCommand {
        public TransitionFulfillment {
            Checks.present(fulfillmentId, "fulfillment id");
            Checks.id(toState, "to state");
            Checks.present(at, "at");
        }
    }

    // ---------------------------------------------------------------- cancellation

    /** Cancel the whole order; only before anything shipped. */
    record CancelOrder(Initiator initiator, String reason, Instant at) implements OrderCommand {
        public CancelOrder {
            Checks.present(initiator, "initiator");
            Checks.present(reason, "reason");
            Checks.present(at, "at");
        }
    }

    /** Cancel units of a line, taken from PENDING, BACKORDERED, ALLOCATED or RELEASED. */
    record CancelLine(LineId lineId, int quantity, Initiator initiator, String reason, Instant at)
            implements OrderCommand {
        public CancelLine {
            Checks.present(lineId, "line id");
            Checks.positive(quantity, "quantity to cancel");
            Checks.present(initiator, "initiator");
            Checks.present(reason, "reason");
            Checks.present(at, "at");
        }
    }

    // ---------------------------------------------------------------- 8 returns

    /**
     * Units of one line in a return request.
     *
     * @param lineId the line
     * @param quantity units, at least 1
     * @param reason the customer's reason
     */
    record ReturnItem(LineId lineId, int quantity, String reason) {
        public ReturnItem {
            Checks.present(lineId, "line id");
            Checks.positive(quantity, "return quantity");
        }
    }

    /** The customer asks to return delivered units. */
    record RequestReturn(ReturnId returnId, List<ReturnItem> items, Instant at) implements OrderCommand {
        public RequestReturn {
            Checks.present(returnId, "return id");
            items = Checks.list(items, "items");
            Checks.present(at, "at");
        }
    }

    /** An exchange: a return of {@code items} plus new lines with the replacement goods. */
    record Exchange(ReturnId returnId, List<ReturnItem> items, List<LineSpec> replacements, Instant at)
            implements OrderCommand {
        public Exchange {
            Checks.present(returnId, "return id");
            items = Checks.list(items, "items");
            replacements = Checks.list(replacements, "replacements");
            Checks.present(at, "at");
        }
    }

    /** Approve a requested return. */
    record ApproveReturn(ReturnId returnId, Instant at) implements OrderCommand {
        public ApproveReturn {
            Checks.present(returnId, "return id");
            Checks.present(at, "at");
        }
    }

    /** Refuse a requested return; its units go back to DELIVERED. */
    record RejectReturn(ReturnId returnId, String reason, Instant at) implements OrderCommand {
        public RejectReturn {
            Checks.present(returnId, "return id");
            Checks.present(reason, "reason");
            Checks.present(at, "at");
        }
    }

    /** Withdraw a return before reception; its units go back to DELIVERED. */
    record CancelReturn(ReturnId returnId, Instant at) implements OrderCommand {
        public CancelReturn {
            Checks.present(returnId, "return id");
            Checks.present(at, "at");
        }
    }

    /**
     * Units of one line received.
     *
     * @param lineId the line
     * @param quantity units, at least 1
     */
    record ReceivedItem(LineId lineId, int quantity) {
        public ReceivedItem {
            Checks.present(lineId, "line id");
            Checks.positive(quantity, "received quantity");
        }
    }

    /** Returned units arrived at a location: they move RETURN_REQUESTED to RETURNED. */
    record ReceiveReturn(ReturnId returnId, LocationId location, List<ReceivedItem> items, Instant at)
            implements OrderCommand {
        public ReceiveReturn {
            Checks.present(returnId, "return id");
            items = Checks.list(items, "items");
            Checks.present(at, "at");
        }
    }

    /** The received units of a return line were inspected. */
    record InspectReturn(ReturnId returnId, LineId lineId, InspectionResult result, Disposition disposition,
                         Instant at) implements OrderCommand {
        public InspectReturn {
            Checks.present(returnId, "return id");
            Checks.present(lineId, "line id");
            Checks.present(result, "result");
            Checks.present(disposition, "disposition");
            Checks.present(at, "at");
        }
    }

    /** Close a received return with its resolution (refund, exchange, store credit, none). */
    record CloseReturn(ReturnId returnId, Resolution resolution, Instant at) implements OrderCommand {
        public CloseReturn {
            Checks.present(returnId, "return id");
            Checks.present(resolution, "resolution");
            Checks.present(at, "at");
        }
    }
}
