package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
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
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderRejected;
import io.omskit.spi.event.OrderStateChanged;
import io.omskit.spi.event.PaymentAuthorized;
import io.omskit.spi.event.PaymentCaptured;
import io.omskit.spi.event.PaymentDeclined;
import io.omskit.spi.event.PaymentRefunded;
import io.omskit.spi.event.PaymentRequestCompleted;
import io.omskit.spi.event.PaymentRequested;
import io.omskit.spi.event.PaymentVoided;
import io.omskit.spi.event.ReturnApproved;
import io.omskit.spi.event.ReturnCancelled;
import io.omskit.spi.event.ReturnClosed;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnRejected;
import io.omskit.spi.event.ReturnRequested;
import io.omskit.spi.event.ReturnedUnits;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.event.TrackingEventRecorded;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.Hold;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentRequest;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnLine;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import io.omskit.spi.port.PaymentOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of {@code decide} on an existing order: validates the command against the current state, produces
 * its events and applies each to a {@link Draft} as it is produced (so later rules see its effect and the final
 * snapshot is exactly the fold of the events). The rules are documented on {@link OrderDecider}.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class Decide extends Draft {
    /** Each transaction type's name in lower case, by ordinal (made once, not per payment call). */
    private static final String[] LOWER_NAMES = lowerNames();

    private static final Bucket[] REPLACEMENT_OPEN_BUCKETS = {Bucket.PENDING, Bucket.BACKORDERED};
    static final String REASON_PAYMENT_DECLINED = "payment_declined";
    static final String REASON_FRAUD = "fraud_suspected";
    static final String REASON_OUT_OF_STOCK = "out_of_stock";
    static final String REASON_SHORT_PICK = "short_pick";
    static final String FRAUD_ACTOR = "fraud-screen";

    private static final Bucket[] CANCEL_ORDER_BUCKETS = {Bucket.PENDING, Bucket.BACKORDERED, Bucket.ALLOCATED,
            Bucket.RELEASED, Bucket.PICKED, Bucket.PACKED, Bucket.READY_FOR_PICKUP};
    private static final Bucket[] SHIPPED_BUCKETS = {Bucket.SHIPPED, Bucket.DELIVERED, Bucket.PICKED_UP,
            Bucket.RETURN_REQUESTED, Bucket.RETURNED, Bucket.LOST};

    private final OrderDecider rules;
    private final long version;
    // the command's time: read in run after the dispatch's cast (a direct field read; through the OrderCommand
    // interface it is a call through a stub, the call site seeing every command class)
    private Instant at;
    // the first two events in fields (most commands emit one or two), the rest in an array made for the third;
    // Object[]: no array store check on the hot path
    private OrderEvent first;
    private OrderEvent second;
    private Object[] more;
    private int eventCount;
    // set by a fulfillment step that moved units into a bucket that is not terminal: then a line has open units,
    // and tryComplete, which returns at the first such line, has nothing to do
    private boolean unitsOpen;

    /**
     * A decision on {@code snapshot} (the draft starts from it; this object is the draft, one allocation); its time
     * is the command's, read by {@link #run}.
     */
    Decide(OrderDecider rules, OrderSnapshot snapshot) {
        super(snapshot);
        this.rules = rules;
        this.version = snapshot.version() + 1;
    }

    /** The events so far, as an immutable list. */
    List<OrderEvent> events() {
        switch (eventCount) {
            case 0:
                return List.of();
            case 1:
                return List.of(first);
            case 2:
                return List.of(first, second);
            default:
                Object[] all = new Object[eventCount];
                all[0] = first;
                all[1] = second;
                System.arraycopy(more, 0, all, 2, eventCount - 2);
                return Draft.Work.listOf(all, eventCount);
        }
    }

    // ================================================================== ids, emit, refuse

    /** {@code orderId-version-index}, or a name-based UUID of it when longer than an id may be. */
    static EventId eventId(OrderId orderId, long version, int index) {
        return EventId.of(orderId, version, index);
    }

    private EventId nextId() {
        return eventId(id, version, eventCount); // the event about to be emitted is number eventCount
    }

    private void emit(OrderEvent e) {
        record(e);
        applyOwn(e, version, at); // built here with id, version and at: no reads of them through OrderEvent
    }

    /** Adds {@code e} to the decision's events (emit, or a fulfillment step that applies its event itself). */
    private void record(OrderEvent e) {
        if (eventCount == 0) {
            first = e;
        } else if (eventCount == 1) {
            second = e;
        } else if (more == null) {
            more = new Object[4];
            more[0] = e;
        } else {
            if (eventCount - 2 == more.length) {
                more = Arrays.copyOf(more, more.length * 2);
            }
            more[eventCount - 2] = e;
        }
        eventCount++;
    }

    static Refusal refuse(OmsErrorCode code, String message) {
        return new Refusal(code, message);
    }

    // ================================================================== dispatch

    /** Decides {@code c}: its time first (read after the cast, see {@link #at}), then its rule. */
    void run(OrderCommand c) {
        if (c instanceof OrderCommand.Allocate x) {
            at = x.at();
            allocate(x);
        } else if (c instanceof OrderCommand.Release x) {
            at = x.at();
            release(x);
        } else if (c instanceof OrderCommand.Pick x) {
            at = x.at();
            pick(x);
        } else if (c instanceof OrderCommand.Pack x) {
            at = x.at();
            pack(x);
        } else if (c instanceof OrderCommand.Ship x) {
            at = x.at();
            ship(x);
        } else if (c instanceof OrderCommand.Deliver x) {
            at = x.at();
            deliver(x);
        } else if (c instanceof OrderCommand.RecordAuthorization x) {
            at = x.at();
            recordAuthorization(x);
        } else if (c instanceof OrderCommand.RecordCapture x) {
            at = x.at();
            recordCapture(x);
        } else if (c instanceof OrderCommand.RecordFraudAssessment x) {
            at = x.at();
            recordFraud(x);
        } else if (c instanceof OrderCommand.RecordTracking x) {
            at = x.at();
            recordTracking(x);
        } else if (c instanceof OrderCommand.RecordVoid x) {
            at = x.at();
            recordVoid(x);
        } else if (c instanceof OrderCommand.RecordRefund x) {
            at = x.at();
            recordRefund(x);
        } else if (c instanceof OrderCommand.RecordDecline x) {
            at = x.at();
            recordDecline(x);
        } else if (c instanceof OrderCommand.RequestPayments x) {
            at = x.at();
            requestPayments(x);
        } else if (c instanceof OrderCommand.CompletePayment x) {
            at = x.at();
            completePayment(x);
        } else if (c instanceof OrderCommand.PlaceHold x) {
            at = x.at();
            placeHold(x);
        } else if (c instanceof OrderCommand.ReleaseHold x) {
            at = x.at();
            releaseHold(x);
        } else if (c instanceof OrderCommand.Confirm x) {
            at = x.at();
            confirm(x);
        } else if (c instanceof OrderCommand.TransitionOrder x) {
            at = x.at();
            transitionOrder(x);
        } else if (c instanceof OrderCommand.ReservationFailed x) {
            at = x.at();
            reservationFailed(x);
        } else if (c instanceof OrderCommand.FillBackorder x) {
            at = x.at();
            fillBackorder(x);
        } else if (c instanceof OrderCommand.FailDelivery x) {
            at = x.at();
            failDelivery(x);
        } else if (c instanceof OrderCommand.DeclareLost x) {
            at = x.at();
            declareLost(x);
        } else if (c instanceof OrderCommand.ReadyForPickup x) {
            at = x.at();
            readyForPickup(x);
        } else if (c instanceof OrderCommand.PickedUp x) {
            at = x.at();
            pickedUp(x);
        } else if (c instanceof OrderCommand.TransitionFulfillment x) {
            at = x.at();
            transitionFulfillment(x);
        } else if (c instanceof OrderCommand.CancelOrder x) {
            at = x.at();
            cancelOrder(x);
        } else if (c instanceof OrderCommand.CancelLine x) {
            at = x.at();
            cancelLine(x);
        } else if (c instanceof OrderCommand.RequestReturn x) {
            at = x.at();
            requestReturn(x.returnId(), x.items(), false);
        } else if (c instanceof OrderCommand.Exchange x) {
            at = x.at();
            exchange(x);
        } else if (c instanceof OrderCommand.ApproveReturn x) {
            at = x.at();
            approveReturn(x);
        } else if (c instanceof OrderCommand.RejectReturn x) {
            at = x.at();
            rejectReturn(x);
        } else if (c instanceof OrderCommand.CancelReturn x) {
            at = x.at();
            cancelReturn(x);
        } else if (c instanceof OrderCommand.ReceiveReturn x) {
            at = x.at();
            receiveReturn(x);
        } else if (c instanceof OrderCommand.InspectReturn x) {
            at = x.at();
            inspectReturn(x);
        } else if (c instanceof OrderCommand.CloseReturn x) {
            at = x.at();
            closeReturn(x);
        } else if (c instanceof OrderCommand.Place) {
            throw refuse(OmsErrorCode.DUPLICATE_ID, "order " + id + " already exists");
        } else {
            throw new IllegalStateException("no rule for command " + c.getClass().getName());
        }
        after();
    }

    /** Automatic lifecycle steps after every accepted command: confirmation, then completion. */
    private void after() {
        if (status() == OrderStatus.IN_REVIEW) {
            tryConfirm();
        }
        if (status() == OrderStatus.CONFIRMED && !unitsOpen) {
            tryComplete();
        }
    }

    private void tryConfirm() {
        if (!rules.orderEdge(state(), status(), OrderStatus.CONFIRMED)) {
            return;
        }
        if (!holds().isEmpty() || !fraudCleared()) {
            return;
        }
        if (authorizedNet() < amountDue()) {
            return;
        }
        EventId eventId = nextId();
        record(new OrderConfirmed(eventId, id, version, at));
        applyOwnStatus(OrderStatus.CONFIRMED, version, at);
    }

    private boolean fraudCleared() {
        if (fraud() == null) {
            return false;
        }
        FraudDecision d = fraud().decision();
        return d == FraudDecision.ACCEPT || (d == FraudDecision.REVIEW && !hasHold(HoldType.FRAUD_REVIEW));
    }

    private boolean hasHold(HoldType type) {
        List<Hold> hs = holds();
        for (int i = 0, n = hs.size(); i < n; i++) {
            if (hs.get(i).type().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private void tryComplete() {
        if (!rules.orderEdge(state(), status(), OrderStatus.COMPLETED)) {
            return;
        }
        for (int i = 0, n = lineCount(); i < n; i++) {
            if (lineAt(i).buckets().open() != 0) {
                return;
            }
        }
        long net = sum(TransactionType.CAPTURE) - sum(TransactionType.REFUND);
        if (net != amountDue() || !paymentRequests().isEmpty()) {
            return;
        }
        EventId eventId = nextId();
        record(new OrderCompleted(eventId, id, version, at));
        applyOwnStatus(OrderStatus.COMPLETED, version, at);
    }

    // ================================================================== money

    private long sum(TransactionType type) {
        return OrderViews.sum(payments(), type);
    }

    private long authorizedNet() {
        return sum(TransactionType.AUTHORIZATION) - sum(TransactionType.VOID);
    }

    private long amountDue() {
        return OrderViews.amountDueMinor(lines(), returns());
    }

    private void amount(Money m, String what) {
        amount(m, what, "");
    }

    /**
     * Checks an amount named {@code what + suffix}: the name is put together only for a refusal (payment calls
     * check several amounts per order, and the name is never read when they are valid).
     */
    private void amount(Money m, String what, String suffix) {
        if (!m.currency().equals(currency())) {
            throw refuse(OmsErrorCode.CURRENCY_MISMATCH,
                    what + suffix + " is in " + m.currency() + " but order " + id + " is in " + currency());
        }
        if (!m.isPositive()) {
            throw refuse(OmsErrorCode.INVALID_VALUE, what + suffix + " must be positive, was " + m);
        }
    }

    private static String[] lowerNames() {
        TransactionType[] types = TransactionType.values();
        String[] names = new String[types.length];
        for (TransactionType t : types) {
            names[t.ordinal()] = t.name().toLowerCase(java.util.Locale.ROOT);
        }
        return names;
    }

    private static String lower(TransactionType type) {
        return LOWER_NAMES[type.ordinal()];
    }

    private void notDuplicate(TransactionType type, String reference) {
        List<PaymentTransaction> ps = payments();
        for (int i = 0, n = ps.size(); i < n; i++) {
            PaymentTransaction t = ps.get(i);
            if (t.type() == type && t.providerReference().equals(reference)) {
                throw refuse(OmsErrorCode.DUPLICATE_ID,
                        type + " " + reference + " is already recorded on order " + id);
            }
        }
    }

    // ================================================================== order-level guards

    /** ORDER_CLOSED when the order is cancelled or rejected. */
    private void open() {
        if (status().terminal()) {
            throw refuse(OmsErrorCode.ORDER_CLOSED, "order " + id + " is " + state());
        }
    }

    private void confirmedOnly(String what) {
        open();
        if (status() != OrderStatus.CONFIRMED) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION,
                    what + " needs a confirmed order; order " + id + " is " + state());
        }
    }

    private void orderTo(OrderStatus target) {
        if (!rules.orderEdge(state(), status(), target)) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION,
                    "order " + id + " cannot go from " + state() + " to " + target);
        }
    }

    private void intoReview() {
        if (status() == OrderStatus.PLACED
                && rules.orderEdge(state(), status(), OrderStatus.IN_REVIEW)) {
            EventId eventId = nextId();
            String from = state();
            record(new OrderStateChanged(eventId, id, version, at, from, OrderStatus.IN_REVIEW.name(),
                    OrderStatus.IN_REVIEW));
            applyOwnStatus(OrderStatus.IN_REVIEW, version, at);
        }
    }

    private OrderLine line(LineId lineId) {
        return line(lineId, 0);
    }

    /** {@link #line(LineId)}, trying position {@code hint} first (see {@link Draft#lineIndex(LineId, int)}). */
    private OrderLine line(LineId lineId, int hint) {
        int i = lineIndex(lineId, hint);
        if (i < 0) {
            throw refuse(OmsErrorCode.UNKNOWN_LINE, "order " + id + " has no line " + lineId);
        }
        return lineAt(i);
    }

    private Fulfillment fulfillment(FulfillmentId fid) {
        int i = fulfillmentIndex(fid);
        if (i < 0) {
            throw refuse(OmsErrorCode.UNKNOWN_FULFILLMENT, "order " + id + " has no fulfillment " + fid);
        }
        return fulfillmentAt(i);
    }

    private OrderReturn orderReturn(ReturnId rid) {
        int i = returnIndex(rid);
        if (i < 0) {
            throw refuse(OmsErrorCode.UNKNOWN_RETURN, "order " + id + " has no return " + rid);
        }
        return returns().get(i);
    }

    // ================================================================== bucket moves

    private void move(LineId lineId, int quantity, Bucket from, Bucket to, String reference, Initiator initiator,
                      String reason) {
        OrderLine l = line(lineId);
        checkMove(l, quantity, from, to);
        emit(new LineQuantityMoved(nextId(), id, version, at, lineId, l.sku(), quantity, from, to, reference,
                initiator, reason));
    }

    /** Whether {@code quantity} units of line {@code l} may move: the bucket graph allows it and they are there. */
    private void checkMove(OrderLine l, int quantity, Bucket from, Bucket to) {
        if (!rules.bucketMove(from, to)) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "units of line " + l.id() + " cannot move from " + from
                    + " to " + to);
        }
        if (l.in(from) < quantity) {
            throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "line " + l.id() + " has " + l.in(from) + " units in "
                    + from + ", cannot move " + quantity);
        }
    }

    // ================================================================== verification

    private void placeHold(OrderCommand.PlaceHold c) {
        open();
        if (holdIndex(c.holdId()) >= 0) {
            throw refuse(OmsErrorCode.DUPLICATE_ID, "hold " + c.holdId() + " is already active on order " + id);
        }
        if (c.line() != null) {
            line(c.line());
        }
        emit(new HoldPlaced(nextId(), id, version, at,
                new Hold(c.holdId(), c.type(), c.reason(), c.actor(), c.line(), c.at())));
        intoReview();
    }

    private void releaseHold(OrderCommand.ReleaseHold c) {
        open();
        int i = holdIndex(c.holdId());
        if (i < 0) {
            throw refuse(OmsErrorCode.UNKNOWN_HOLD, "order " + id + " has no active hold " + c.holdId());
        }
        Hold h = holds().get(i);
        emit(new HoldReleased(nextId(), id, version, at, h.id(), h.type(), c.actor()));
    }

    private void recordAuthorization(OrderCommand.RecordAuthorization c) {
        open();
        amount(c.amount(), "authorization");
        notDuplicate(TransactionType.AUTHORIZATION, c.providerReference());
        if (c.amount().minorUnits() > Long.MAX_VALUE - sum(TransactionType.AUTHORIZATION)) {
            throw refuse(OmsErrorCode.INVALID_VALUE, "authorizations of order " + id
                    + " would overflow a long of minor units");
        }
        EventId eventId = nextId();
        Money amount = c.amount();
        String reference = c.providerReference();
        record(new PaymentAuthorized(eventId, id, version, at, amount, reference));
        applyOwnPayment(TransactionType.AUTHORIZATION, amount, reference, version, at); // amount() checked it
        intoReview();
    }

    private void recordDecline(OrderCommand.RecordDecline c) {
        open();
        amount(c.amount(), "declined amount");
        notDuplicate(TransactionType.AUTHORIZATION, c.providerReference());
        emit(new PaymentDeclined(nextId(), id, version, at, c.amount(), c.providerReference(), c.reason()));
        if (status() == OrderStatus.PLACED || status() == OrderStatus.IN_REVIEW) {
            rejectOrder(REASON_PAYMENT_DECLINED);
        }
    }

    private void recordCapture(OrderCommand.RecordCapture c) {
        open();
        amount(c.amount(), "capture");
        notDuplicate(TransactionType.CAPTURE, c.providerReference());
        long capturable = authorizedNet() - sum(TransactionType.CAPTURE) - pending(TransactionType.CAPTURE)
                - pending(TransactionType.VOID);
        if (c.amount().minorUnits() > capturable) {
            throw refuse(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED, "capture of " + c.amount() + " exceeds the "
                    + new Money(capturable, currency()) + " authorized and not yet captured on order " + id);
        }
        EventId eventId = nextId();
        Money amount = c.amount();
        String reference = c.providerReference();
        record(new PaymentCaptured(eventId, id, version, at, amount, reference));
        applyOwnPayment(TransactionType.CAPTURE, amount, reference, version, at); // amount() checked it
    }

    private void recordVoid(OrderCommand.RecordVoid c) {
        amount(c.amount(), "void");
        notDuplicate(TransactionType.VOID, c.providerReference());
        long voidable = authorizedNet() - sum(TransactionType.CAPTURE) - pending(TransactionType.CAPTURE)
                - pending(TransactionType.VOID);
        if (c.amount().minorUnits() > voidable) {
            throw refuse(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED, "void of " + c.amount() + " exceeds the "
                    + new Money(voidable, currency()) + " authorized and not captured on order " + id);
        }
        emit(new PaymentVoided(nextId(), id, version, at, c.amount(), c.providerReference()));
    }

    private void recordRefund(OrderCommand.RecordRefund c) {
        amount(c.amount(), "refund");
        notDuplicate(TransactionType.REFUND, c.providerReference());
        if (c.returnId() != null) {
            orderReturn(c.returnId());
        }
        long refundable = sum(TransactionType.CAPTURE) - sum(TransactionType.REFUND) - pending(TransactionType.REFUND);
        if (c.amount().minorUnits() > refundable) {
            throw refuse(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED, "refund of " + c.amount() + " exceeds the "
                    + new Money(refundable, currency()) + " captured and not refunded on order " + id);
        }
        emit(new PaymentRefunded(nextId(), id, version, at, c.amount(), c.providerReference(), c.returnId()));
    }

    // ================================================================== payment requests (written ahead)

    private long pending(TransactionType type) {
        long n = 0;
        List<PaymentRequest> rs = paymentRequests();
        for (int i = 0, size = rs.size(); i < size; i++) {
            PaymentRequest r = rs.get(i);
            if (r.type() == type) {
                n += r.amount().minorUnits();
            }
        }
        return n;
    }

    /** Whether the ledger holds a successful entry of {@code type} with this provider reference. */
    private boolean recorded(TransactionType type, String reference) {
        List<PaymentTransaction> ps = payments();
        for (int i = 0, n = ps.size(); i < n; i++) {
            PaymentTransaction t = ps.get(i);
            if (t.type() == type && t.succeeded() && t.providerReference().equals(reference)) {
                return true;
            }
        }
        return false;
    }

    /** {@code <order>:<kind>:<version>[.<n>]}, or a name-based UUID of it when longer than an id may be. */
    private String requestKey(TransactionType type, int n) {
        String kind = type == TransactionType.AUTHORIZATION ? "auth" : lower(type);
        String key = id.value() + ":" + kind + ":" + version + (n == 0 ? "" : "." + n);
        return key.length() <= io.omskit.spi.model.Checks.MAX_ID_LENGTH ? key
                : java.util.UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private void requestPayments(OrderCommand.RequestPayments c) {
        requestPayments(c.calls());
    }

    private void requestPayments(List<OrderCommand.PaymentCall> calls) {
        for (int n = 0, size = calls.size(); n < size; n++) {
            OrderCommand.PaymentCall call = calls.get(n);
            TransactionType type = call.type();
            amount(call.amount(), lower(type), " request");
            long amount = call.amount().minorUnits();
            if (type == TransactionType.AUTHORIZATION || type == TransactionType.CAPTURE) {
                open(); // a closed order only gives money back
            }
            if (type == TransactionType.AUTHORIZATION) {
                if (call.targetReference() != null) {
                    throw refuse(OmsErrorCode.INVALID_VALUE, "an authorization acts on no reference, was "
                            + call.targetReference());
                }
                if (amount > Long.MAX_VALUE - sum(TransactionType.AUTHORIZATION) - pending(TransactionType.AUTHORIZATION)) {
                    throw refuse(OmsErrorCode.INVALID_VALUE, "authorizations of order " + id
                            + " would overflow a long of minor units");
                }
            } else if (type == TransactionType.CAPTURE || type == TransactionType.VOID) {
                if (!recorded(TransactionType.AUTHORIZATION, String.valueOf(call.targetReference()))) {
                    throw refuse(OmsErrorCode.INVALID_VALUE, "order " + id + " has no authorization "
                            + call.targetReference() + " to " + lower(type));
                }
                long open = authorizedNet() - sum(TransactionType.CAPTURE) - pending(TransactionType.CAPTURE)
                        - pending(TransactionType.VOID);
                if (amount > open) {
                    throw refuse(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED, type + " request of " + call.amount()
                            + " exceeds the " + new Money(open, currency())
                            + " authorized and neither captured, voided nor requested on order " + id);
                }
            } else {
                if (!recorded(TransactionType.CAPTURE, String.valueOf(call.targetReference()))) {
                    throw refuse(OmsErrorCode.INVALID_VALUE, "order " + id + " has no capture "
                            + call.targetReference() + " to refund");
                }
                if (call.returnId() != null) {
                    orderReturn(call.returnId());
                }
                long open = sum(TransactionType.CAPTURE) - sum(TransactionType.REFUND) - pending(TransactionType.REFUND);
                if (amount > open) {
                    throw refuse(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED, "refund request of " + call.amount()
                            + " exceeds the " + new Money(open, currency())
                            + " captured and neither refunded nor requested on order " + id);
                }
            }
            PaymentRequest request;
            try {
                request = new PaymentRequest(requestKey(type, n), type, call.amount(), call.targetReference(),
                        call.returnId(), at);
            } catch (io.omskit.spi.OmsValidationException e) {
                throw refuse(e.code(), e.getMessage());
            }
            emit(new PaymentRequested(nextId(), id, version, at, request));
        }
    }

    private void completePayment(OrderCommand.CompletePayment c) {
        int i = paymentRequestIndex(c.idempotencyKey());
        if (i < 0) {
            throw refuse(OmsErrorCode.INVALID_VALUE, "order " + id + " has no pending payment request "
                    + c.idempotencyKey());
        }
        PaymentRequest r = paymentRequests().get(i);
        PaymentOutcome o = c.outcome();
        TransactionType type = r.type();
        // always recorded: the request leaves in this decision, so no answer is recorded twice, and a provider
        // that gives two operations one reference must not make the ledger lose the second
        boolean ledger = o.approved();
        if (ledger) {
            amount(o.amount(), lower(type));
            long amount = o.amount().minorUnits();
            // no open() check: the request was made while the order was open, and the money has moved
            if (type == TransactionType.AUTHORIZATION) {
                if (amount > Long.MAX_VALUE - sum(TransactionType.AUTHORIZATION)) {
                    throw refuse(OmsErrorCode.INVALID_VALUE, "authorizations of order " + id
                            + " would overflow a long of minor units");
                }
                emit(new PaymentAuthorized(nextId(), id, version, at, o.amount(), o.providerReference()));
            } else if (type == TransactionType.CAPTURE || type == TransactionType.VOID) {
                // what the other pending captures and voids leave (this request is still pending here)
                long open = authorizedNet() - sum(TransactionType.CAPTURE) - pending(TransactionType.CAPTURE)
                        - pending(TransactionType.VOID) + r.amount().minorUnits();
                if (amount > open) {
                    throw refuse(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED, type + " of " + o.amount() + " exceeds the "
                            + new Money(open, currency()) + " authorized and not captured on order " + id);
                }
                emit(type == TransactionType.CAPTURE
                        ? new PaymentCaptured(nextId(), id, version, at, o.amount(), o.providerReference())
                        : new PaymentVoided(nextId(), id, version, at, o.amount(), o.providerReference()));
            } else {
                long open = sum(TransactionType.CAPTURE) - sum(TransactionType.REFUND) - pending(TransactionType.REFUND)
                        + r.amount().minorUnits();
                if (amount > open) {
                    throw refuse(OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED, "refund of " + o.amount() + " exceeds the "
                            + new Money(open, currency()) + " captured and not refunded on order " + id);
                }
                emit(new PaymentRefunded(nextId(), id, version, at, o.amount(), o.providerReference(), r.returnId()));
            }
        } else if (!o.approved() && type == TransactionType.AUTHORIZATION
                && !recorded(TransactionType.AUTHORIZATION, o.providerReference())) {
            emit(new PaymentDeclined(nextId(), id, version, at, r.amount(), o.providerReference(),
                    o.declineReason() == null ? "declined" : o.declineReason()));
        }
        emit(new PaymentRequestCompleted(nextId(), id, version, at, r.idempotencyKey(), o.approved(),
                o.providerReference(), o.approved() ? null : o.declineReason()));
        if (type == TransactionType.AUTHORIZATION && !status().terminal()) {
            if (o.approved()) {
                intoReview();
            } else if (status() == OrderStatus.PLACED || status() == OrderStatus.IN_REVIEW) {
                rejectOrder(REASON_PAYMENT_DECLINED);
            }
        }
    }

    private void recordFraud(OrderCommand.RecordFraudAssessment c) {
        open();
        if (status() != OrderStatus.PLACED && status() != OrderStatus.IN_REVIEW) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION,
                    "order " + id + " is " + state() + "; fraud screening happens before confirmation");
        }
        EventId eventId = nextId();
        FraudAssessment assessment = c.assessment();
        record(new FraudScreened(eventId, id, version, at, assessment));
        applyOwnFraud(assessment, version, at);
        FraudDecision d = c.assessment().decision();
        if (d == FraudDecision.REJECT) {
            rejectOrder(REASON_FRAUD);
            return;
        }
        intoReview();
        if (d == FraudDecision.REVIEW && !hasHold(HoldType.FRAUD_REVIEW)) {
            emit(new HoldPlaced(nextId(), id, version, at, new Hold(fraudHoldId(), HoldType.FRAUD_REVIEW,
                    "fraud_review", FRAUD_ACTOR, null, at)));
        }
    }

    /** "fraud-review-&lt;version&gt;", or with a suffix when a host's active hold already has that id. */
    private HoldId fraudHoldId() {
        HoldId h = new HoldId("fraud-review-" + version);
        for (int k = 2; holdIndex(h) >= 0; k++) {
            h = new HoldId("fraud-review-" + version + "-" + k);
        }
        return h;
    }

    private void rejectOrder(String reason) {
        orderTo(OrderStatus.REJECTED);
        emit(new OrderRejected(nextId(), id, version, at, reason));
        cancelOpenUnits(Initiator.SYSTEM, reason);
    }

    private void confirm(OrderCommand.Confirm c) {
        open();
        if (status() == OrderStatus.CONFIRMED || status() == OrderStatus.COMPLETED) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "order " + id + " is already " + state());
        }
        orderTo(OrderStatus.CONFIRMED);
        emit(new OrderConfirmed(nextId(), id, version, at));
    }

    private void transitionOrder(OrderCommand.TransitionOrder c) {
        open();
        StateGraph<OrderStatus> g = rules.orderGraph();
        if (!g.hasState(c.toState())) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "the order graph has no state " + c.toState());
        }
        if (!g.canTransition(state(), c.toState())) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION,
                    "order " + id + " cannot go from " + state() + " to " + c.toState());
        }
        OrderStatus to = g.category(c.toState());
        OrderStatus from = status();
        if (to != from && !(from == OrderStatus.PLACED && to == OrderStatus.IN_REVIEW)) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "moving order " + id + " from category " + from
                    + " to " + to + " needs its own command (Confirm, CancelOrder, ...)");
        }
        emit(new OrderStateChanged(nextId(), id, version, at, state(), c.toState(), to));
    }

    // ================================================================== allocation

    /** Checks plan {@code p}; the first {@code earlier} plans of {@code plans} were checked before it. */
    private void checkPlan(OrderCommand.PlannedFulfillment p, List<OrderCommand.PlannedFulfillment> plans, int earlier,
                           int[] wanted) {
        if (fulfillmentIndex(p.fulfillmentId()) >= 0 || planned(p.fulfillmentId(), plans, earlier)) {
            throw refuse(OmsErrorCode.DUPLICATE_ID, "fulfillment " + p.fulfillmentId() + " already exists on order "
                    + id);
        }
        if (p.lines().isEmpty()) {
            throw refuse(OmsErrorCode.INVALID_QUANTITY, "fulfillment " + p.fulfillmentId() + " has no lines");
        }
        for (int i = 0; i < p.lines().size(); i++) {
            FulfillmentLine fl = p.lines().get(i);
            for (int j = 0; j < i; j++) {
                if (p.lines().get(j).lineId().equals(fl.lineId())) {
                    throw refuse(OmsErrorCode.DUPLICATE_ID, "line " + fl.lineId() + " appears twice in fulfillment "
                            + p.fulfillmentId());
                }
            }
            int li = lineIndex(fl.lineId(), i);
            if (li < 0) {
                throw refuse(OmsErrorCode.UNKNOWN_LINE, "order " + id + " has no line " + fl.lineId());
            }
            wanted[li] += fl.quantity();
        }
    }

    private static boolean planned(FulfillmentId fid, List<OrderCommand.PlannedFulfillment> plans, int count) {
        for (int j = 0; j < count; j++) {
            if (fid.equals(plans.get(j).fulfillmentId())) {
                return true;
            }
        }
        return false;
    }

    private void createFulfillment(OrderCommand.PlannedFulfillment p, Bucket from) {
        List<FulfillmentLine> fls = p.lines();
        FulfillmentId fid = p.fulfillmentId();
        // as in movedStep: the units checked and the new lines built in one pass, the event applied without the
        // fold (whose duplicate check checkPlan made already: the generic path if it would refuse all the same)
        Object[] next = fulfillmentIndex(fid) >= 0 ? null : movedLines(fls, from, Bucket.ALLOCATED);
        if (next == null) {
            for (int i = 0, n = fls.size(); i < n; i++) {
                FulfillmentLine fl = fls.get(i);
                checkMove(line(fl.lineId(), i), fl.quantity(), from, Bucket.ALLOCATED);
            }
        }
        EventId eventId = nextId();
        LocationId location = p.location();
        boolean pickup = p.pickup();
        String reservationId = p.reservationId();
        long v = version;
        Instant t = at;
        FulfillmentCreated e = new FulfillmentCreated(eventId, id, v, t, fid, location, pickup, fls, reservationId,
                from);
        if (next == null) {
            emit(e);
        } else {
            record(e);
            applyOwnCreated(next, Draft.planned(fid, location, pickup, e.lines(), reservationId), v, t);
            unitsOpen = true; // ALLOCATED is not terminal, and a planned line has units
        }
    }

    private void allocate(OrderCommand.Allocate c) {
        confirmedOnly("allocation");
        int[] wanted = new int[lineCount()];
        List<OrderCommand.PlannedFulfillment> plans = c.fulfillments();
        for (int i = 0, n = plans.size(); i < n; i++) {
            checkPlan(plans.get(i), plans, i, wanted);
        }
        int pending = 0;
        for (int i = 0; i < wanted.length; i++) {
            OrderLine l = lineAt(i);
            if (wanted[i] > l.in(Bucket.PENDING)) {
                throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "line " + l.id() + " has " + l.in(Bucket.PENDING)
                        + " pending units, the plan allocates " + wanted[i]);
            }
            pending += l.in(Bucket.PENDING);
        }
        if (pending == 0) {
            throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "order " + id + " has no pending units to allocate");
        }
        for (int i = 0, n = plans.size(); i < n; i++) {
            createFulfillment(plans.get(i), Bucket.PENDING);
        }
        for (int i = 0, n = lineCount(); i < n; i++) {
            OrderLine l = lineAt(i);
            int left = l.in(Bucket.PENDING);
            if (left > 0) {
                move(l.id(), left, Bucket.PENDING, Bucket.BACKORDERED, null, null, REASON_OUT_OF_STOCK);
            }
        }
    }

    private void reservationFailed(OrderCommand.ReservationFailed c) {
        open();
        Fulfillment f = fulfillment(c.fulfillmentId());
        if (f.status() != FulfillmentStatus.PLANNED) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "fulfillment " + f.id() + " is " + f.state()
                    + "; only a planned fulfillment can lose its reservation");
        }
        fulfillmentTo(f, FulfillmentStatus.CANCELLED.name());
        unitsFollow(f.id(), f.status().bucket(), Bucket.BACKORDERED, null, REASON_OUT_OF_STOCK);
        stateChanged(fulfillment(f.id()), FulfillmentStatus.CANCELLED.name(), REASON_OUT_OF_STOCK);
    }

    private void fillBackorder(OrderCommand.FillBackorder c) {
        confirmedOnly("filling a backorder");
        int[] wanted = new int[lineCount()];
        checkPlan(c.fulfillment(), List.of(), 0, wanted);
        for (int i = 0; i < wanted.length; i++) {
            OrderLine l = lineAt(i);
            if (wanted[i] > l.in(Bucket.BACKORDERED)) {
                throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "line " + l.id() + " has "
                        + l.in(Bucket.BACKORDERED) + " backordered units, the plan allocates " + wanted[i]);
            }
        }
        createFulfillment(c.fulfillment(), Bucket.BACKORDERED);
    }

    // ================================================================== fulfillment

    private FulfillmentStatus fcat(String state) {
        return rules.fulfillmentGraph().category(state);
    }

    private void fulfillmentTo(Fulfillment f, String to) {
        if (!rules.fulfillmentGraph().canTransition(f.state(), to)) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "fulfillment " + f.id() + " is " + f.state()
                    + " and cannot go to " + to);
        }
    }

    /** {@link #fulfillmentTo(Fulfillment, String)} for a built-in target state. */
    private void fulfillmentTo(Fulfillment f, FulfillmentStatus to) {
        if (!rules.fulfillmentEdge(f.state(), f.status(), to)) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "fulfillment " + f.id() + " is " + f.state()
                    + " and cannot go to " + to.name());
        }
    }

    /**
     * A {@code FulfillmentStateChanged} into a built-in state, with no units moving with it (they stay, or they
     * moved by their own {@code LineQuantityMoved} events).
     */
    private void stateChanged(Fulfillment f, String to, String reason) {
        stateChanged(f, to, fcat(to), reason, List.of());
    }

    private void stateChanged(Fulfillment f, String to, FulfillmentStatus toStatus, String reason,
                              List<FulfillmentLine> moved) {
        emit(stateChangedEvent(f, to, toStatus, reason, moved));
    }

    /** The step event of {@code f} into {@code to}, with the units {@code moved}; the next event of the decision. */
    private FulfillmentStateChanged stateChangedEvent(Fulfillment f, String to, FulfillmentStatus toStatus,
                                                      String reason, List<FulfillmentLine> moved) {
        // arguments in locals first: the inlined constructor's stores then follow the allocation directly
        EventId eventId = nextId();
        OrderId orderId = id;
        long v = version;
        Instant t = at;
        FulfillmentId fid = f.id();
        LocationId location = f.location();
        String fromState = f.state();
        FulfillmentStatus fromStatus = f.status();
        return stateChangedEvent(eventId, orderId, v, t, fid, location, fromState, fromStatus, to, toStatus, reason,
                moved);
    }

    /** The event; a factory, so that the constructor is inlined where it allocates (see Draft.fulfillment). */
    private static FulfillmentStateChanged stateChangedEvent(EventId eventId, OrderId orderId, long version, Instant at,
                                                             FulfillmentId fid, LocationId location, String fromState,
                                                             FulfillmentStatus fromStatus, String toState,
                                                             FulfillmentStatus toStatus, String reason,
                                                             List<FulfillmentLine> lines) {
        return new FulfillmentStateChanged(eventId, orderId, version, at, fid, location, fromState, fromStatus, toState,
                toStatus, reason, lines);
    }

    /**
     * Moves every unit the fulfillment carries (as it is now) from one bucket to another by one
     * {@code LineQuantityMoved} per line: for units that leave the fulfillment (a backorder, a cancellation), which
     * carry an initiator and a reason.
     */
    private void unitsFollow(FulfillmentId fid, Bucket from, Bucket to, Initiator initiator, String reason) {
        if (from == to) {
            return;
        }
        Fulfillment f = fulfillment(fid);
        String ref = fid.value();
        List<FulfillmentLine> fls = f.lines();
        for (int i = 0, n = fls.size(); i < n; i++) {
            FulfillmentLine fl = fls.get(i);
            move(fl.lineId(), fl.quantity(), from, to, ref, initiator, reason);
        }
    }

    /**
     * The units that move with fulfillment {@code f} from bucket {@code from} to {@code to} in its step event:
     * all it carries, checked as {@link #move} checks one line (the bucket graph allows the move, each line holds
     * the units); none when both buckets are the same.
     */
    private List<FulfillmentLine> unitsWith(Fulfillment f, Bucket from, Bucket to) {
        if (from == to) {
            return List.of();
        }
        List<FulfillmentLine> fls = f.lines();
        for (int i = 0, n = fls.size(); i < n; i++) {
            FulfillmentLine fl = fls.get(i);
            checkMove(line(fl.lineId(), i), fl.quantity(), from, to);
        }
        return fls;
    }

    /** The common step: graph check, a FulfillmentStateChanged carrying the units that follow the category's bucket. */
    private void step(Fulfillment f, String to, String reason) {
        fulfillmentTo(f, to);
        checkedStep(f, to, fcat(to), reason);
    }

    /** {@link #step(Fulfillment, String, String)} for a built-in target state. */
    private void step(Fulfillment f, FulfillmentStatus to, String reason) {
        fulfillmentTo(f, to);
        checkedStep(f, to.name(), rules.fulfillmentCategory(to), reason);
    }

    /** {@link #step} once {@code fulfillmentTo(f, to)} passed; {@code toStatus} is the category of {@code to}. */
    private void checkedStep(Fulfillment f, String to, FulfillmentStatus toStatus, String reason) {
        if (!movedStep(f, to, toStatus, reason)) {
            stateChanged(f, to, toStatus, reason, unitsWith(f, f.status().bucket(), toStatus.bucket()));
        }
    }

    /**
     * The usual step, whose units move with its event ({@code FulfillmentStateChanged}): the lines checked as
     * {@link #unitsWith} checks them, in the same order with the same refusals, the order's new lines built in the
     * same pass ({@link #movedLines}), the event applied by {@link Draft#applyOwnStep} instead of the fold, which
     * would look up and check every line again. False, with nothing changed, when the step is not that case.
     */
    private boolean movedStep(Fulfillment f, String to, FulfillmentStatus toStatus, String reason) {
        Bucket toBucket = toStatus.bucket();
        int fi = stepIndex(f);
        Object[] lines = fi < 0 ? null : movedLines(f.lines(), f.status().bucket(), toBucket);
        if (lines == null) {
            return false;
        }
        record(stateChangedEvent(f, to, toStatus, reason, f.lines()));
        long v = version;
        Instant t = at;
        // the fold's: the time of a pickup is the delivery time
        Instant deliveredAt = toStatus == FulfillmentStatus.PICKED_UP ? t : f.deliveredAt();
        applyOwnStep(lines, fi, Draft.withState(f, to, toStatus, deliveredAt), v, t);
        unitsOpen = !toBucket.terminal();
        return true;
    }

    /**
     * Where the fold of a step event on {@code f} finds it (by its id, as the fold does), or -1 when that is not
     * {@code f} itself (an order with two fulfillments of one id: the generic path keeps its behaviour).
     */
    private int stepIndex(Fulfillment f) {
        int fi = fulfillmentIndex(f.id());
        return fi >= 0 && fulfillmentAt(fi) == f ? fi : -1;
    }

    /**
     * The order's lines once the units of {@code units} moved {@code from} one bucket {@code to} another, in a fresh
     * array (no line of the draft changes here): each line checked first, in order, as {@link #unitsWith} checks it
     * (unknown line, the bucket graph, the units there), then moved as the fold moves it. Null when the fold's
     * generic path is needed: no units or no move, units leaving fulfillment work (the fold refuses them), or a line
     * named twice (the generic path checks every line before moving any).
     */
    private Object[] movedLines(List<FulfillmentLine> units, Bucket from, Bucket to) {
        int n = units.size();
        if (n == 0 || from == to || leavesFulfillment(from, to)) {
            return null;
        }
        Object[] lines = linesCopy(); // the lines now: read here, written only where a line moved
        int count = lines.length;
        if (count > Long.SIZE) {
            return null; // the lines moved are marked in a long below
        }
        boolean allowed = rules.bucketMove(from, to); // checkMove's first check, the same for every line
        long moved = 0;
        for (int k = 0; k < n; k++) {
            FulfillmentLine u = units.get(k);
            LineId lineId = u.lineId();
            int li = k; // the k-th unit is usually line k (see Draft.lineIndex(LineId, int))
            if (k >= count || ((OrderLine) lines[k]).spec().lineId() != lineId) {
                li = lineIndex(lineId);
                if (li < 0) {
                    throw refuse(OmsErrorCode.UNKNOWN_LINE, "order " + id + " has no line " + lineId);
                }
            }
            long bit = 1L << li;
            if ((moved & bit) != 0) {
                return null;
            }
            moved |= bit;
            OrderLine l = (OrderLine) lines[li];
            int quantity = u.quantity();
            if (!allowed || l.in(from) < quantity) {
                checkMove(l, quantity, from, to); // refuses, naming the line
            }
            lines[li] = l.withBuckets(l.buckets().move(from, to, quantity));
        }
        return lines;
    }

    private void release(OrderCommand.Release c) {
        open();
        Fulfillment f = fulfillment(c.fulfillmentId());
        fulfillmentTo(f, FulfillmentStatus.RELEASED);
        notOnHold();
        checkedStep(f, FulfillmentStatus.RELEASED.name(), rules.fulfillmentCategory(FulfillmentStatus.RELEASED), null);
    }

    private void notOnHold() {
        if (!holds().isEmpty()) {
            throw refuse(OmsErrorCode.ORDER_ON_HOLD, "order " + id + " has " + holds().size()
                    + " active hold(s), first " + holds().get(0).type());
        }
    }

    private void pick(OrderCommand.Pick c) {
        open();
        Fulfillment f = fulfillment(c.fulfillmentId());
        FulfillmentStatus picking = FulfillmentStatus.PICKING;
        fulfillmentTo(f, picking);
        List<FulfillmentLine> picked = c.picked();
        for (int i = 0; i < picked.size(); i++) {
            FulfillmentLine p = picked.get(i);
            for (int j = 0; j < i; j++) {
                if (picked.get(j).lineId().equals(p.lineId())) {
                    throw refuse(OmsErrorCode.DUPLICATE_ID, "line " + p.lineId() + " appears twice in the pick");
                }
            }
            int have = f.quantityOf(p.lineId());
            if (have == 0) {
                throw refuse(OmsErrorCode.UNKNOWN_LINE, "fulfillment " + f.id() + " has no line " + p.lineId());
            }
            if (p.quantity() > have) {
                throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "fulfillment " + f.id() + " carries " + have
                        + " units of line " + p.lineId() + ", cannot pick " + p.quantity());
            }
        }
        Bucket from = f.status().bucket();
        if (!picked.isEmpty()) {
            for (FulfillmentLine fl : f.lines()) {
                int got = 0;
                for (FulfillmentLine p : picked) {
                    if (p.lineId().equals(fl.lineId())) {
                        got = p.quantity();
                    }
                }
                if (got < fl.quantity()) {
                    move(fl.lineId(), fl.quantity() - got, from, Bucket.BACKORDERED, f.id().value(), null,
                            REASON_SHORT_PICK);
                }
            }
        }
        // a non-empty pick list names at least one carried unit, so the fulfillment never empties here
        Fulfillment now = fulfillment(f.id());
        FulfillmentStatus category = rules.fulfillmentCategory(picking);
        if (!movedStep(now, picking.name(), category, null)) {
            stateChanged(now, picking.name(), category, null, unitsWith(now, from, category.bucket()));
        }
    }

    private void pack(OrderCommand.Pack c) {
        open();
        step(fulfillment(c.fulfillmentId()), FulfillmentStatus.PACKED, null);
    }

    private void ship(OrderCommand.Ship c) {
        open();
        Fulfillment f = fulfillment(c.fulfillmentId());
        if (f.pickup()) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "fulfillment " + f.id() + " is collected at "
                    + f.location() + "; it is not shipped");
        }
        fulfillmentTo(f, FulfillmentStatus.SHIPPED);
        List<FulfillmentLine> fls = f.lines();
        int n = fls.size();
        ShippedLine[] shipped = new ShippedLine[n];
        for (int i = 0; i < n; i++) {
            FulfillmentLine fl = fls.get(i);
            LineId lineId = fl.lineId();
            Sku sku = line(lineId, i).sku();
            int quantity = fl.quantity();
            shipped[i] = new ShippedLine(lineId, sku, quantity);
        }
        Bucket from = f.status().bucket();
        // as in movedStep: the units checked and the new lines built in one pass, the event applied without the
        // fold; the generic path when that is not possible (from SHIPPED the fold checks units that do not move)
        int fi = from == Bucket.SHIPPED ? -1 : stepIndex(f);
        Object[] next = fi < 0 ? null : movedLines(fls, from, Bucket.SHIPPED);
        if (next == null) {
            unitsWith(f, from, Bucket.SHIPPED);
        }
        // arguments in locals first: the inlined constructor's stores then follow the allocation directly
        List<ShippedLine> lines = Draft.Work.listOf(shipped, n);
        EventId eventId = nextId();
        FulfillmentId fid = f.id();
        LocationId location = f.location();
        String carrier = c.carrier();
        String trackingNumber = c.trackingNumber();
        long v = version;
        Instant t = at;
        FulfillmentShipped e = new FulfillmentShipped(eventId, id, v, t, fid, location, carrier, trackingNumber, lines,
                true, from);
        if (next == null) {
            emit(e);
        } else {
            record(e);
            applyOwnStep(next, fi, Draft.shipped(f, carrier, trackingNumber, t), v, t);
            unitsOpen = true; // SHIPPED is not terminal
        }
        if (!c.payments().isEmpty()) {
            requestPayments(c.payments());
        }
    }

    private void recordTracking(OrderCommand.RecordTracking c) {
        open();
        Fulfillment f = fulfillment(c.fulfillmentId());
        if (f.trackingNumber() == null) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "fulfillment " + f.id()
                    + " has not shipped: no tracking event can be recorded on it");
        }
        if (f.trackingEventIds().contains(c.carrierEventId())) {
            throw refuse(OmsErrorCode.DUPLICATE_ID, "tracking event " + c.carrierEventId()
                    + " is already recorded on fulfillment " + f.id());
        }
        emit(new TrackingEventRecorded(nextId(), id, version, at, f.id(), c.carrierEventId(), c.status(),
                c.description()));
    }

    private void deliver(OrderCommand.Deliver c) {
        open();
        Fulfillment f = fulfillment(c.fulfillmentId());
        fulfillmentTo(f, FulfillmentStatus.DELIVERED);
        // as in movedStep
        int fi = stepIndex(f);
        Object[] next = fi < 0 ? null : movedLines(f.lines(), f.status().bucket(), Bucket.DELIVERED);
        List<FulfillmentLine> lines = next != null ? f.lines() : unitsWith(f, f.status().bucket(), Bucket.DELIVERED);
        EventId eventId = nextId();
        FulfillmentId fid = f.id();
        LocationId location = f.location();
        boolean damaged = c.damaged();
        long v = version;
        Instant t = at;
        FulfillmentDelivered e = new FulfillmentDelivered(eventId, id, v, t, fid, location, damaged, lines);
        if (next == null) {
            emit(e);
        } else {
            record(e);
            applyOwnStep(next, fi, Draft.withState(f, FulfillmentStatus.DELIVERED.name(), FulfillmentStatus.DELIVERED,
                    t), v, t);
        }
    }

    private void failDelivery(OrderCommand.FailDelivery c) {
        open();
        step(fulfillment(c.fulfillmentId()), FulfillmentStatus.DELIVERY_FAILED, c.reason());
    }

    private void declareLost(OrderCommand.DeclareLost c) {
        open();
        Fulfillment f = fulfillment(c.fulfillmentId());
        if (f.pickup()) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "fulfillment " + f.id() + " is collected at "
                    + f.location() + "; it is not in transit");
        }
        step(f, FulfillmentStatus.LOST, c.reason());
    }

    private void readyForPickup(OrderCommand.ReadyForPickup c) {
        open();
        Fulfillment f = pickupOnly(c.fulfillmentId());
        step(f, FulfillmentStatus.READY_FOR_PICKUP, null);
    }

    private void pickedUp(OrderCommand.PickedUp c) {
        open();
        Fulfillment f = pickupOnly(c.fulfillmentId());
        step(f, FulfillmentStatus.PICKED_UP, null);
    }

    private Fulfillment pickupOnly(FulfillmentId fid) {
        Fulfillment f = fulfillment(fid);
        if (!f.pickup()) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "fulfillment " + fid + " is shipped, not collected");
        }
        return f;
    }

    private void transitionFulfillment(OrderCommand.TransitionFulfillment c) {
        open();
        Fulfillment f = fulfillment(c.fulfillmentId());
        StateGraph<FulfillmentStatus> g = rules.fulfillmentGraph();
        if (!g.hasState(c.toState())) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "the fulfillment graph has no state " + c.toState());
        }
        fulfillmentTo(f, c.toState());
        FulfillmentStatus to = g.category(c.toState());
        if (to != f.status()) {
            if (to == FulfillmentStatus.SHIPPED || to == FulfillmentStatus.DELIVERED
                    || to == FulfillmentStatus.PICKED_UP || to == FulfillmentStatus.CANCELLED
                    || to == FulfillmentStatus.LOST) {
                throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "moving fulfillment " + f.id() + " into category "
                        + to + " needs its own command (Ship, Deliver, PickedUp, DeclareLost, CancelOrder or"
                        + " CancelLine)");
            }
            if (to == FulfillmentStatus.READY_FOR_PICKUP && !f.pickup()) {
                // a shipment waiting at a counter has no way out: PickedUp refuses it and nothing else moves it
                throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "fulfillment " + f.id()
                        + " is shipped, not collected: it cannot wait for pickup");
            }
            if (to == FulfillmentStatus.RELEASED) {
                notOnHold();
            }
        }
        step(f, c.toState(), null);
    }

    // ================================================================== cancellation

    private boolean shippedEver() {
        for (int i = 0, n = lineCount(); i < n; i++) {
            OrderLine l = lineAt(i);
            for (Bucket b : SHIPPED_BUCKETS) {
                if (l.in(b) > 0) {
                    return true;
                }
            }
        }
        for (int i = 0, n = fulfillmentCount(); i < n; i++) {
            Fulfillment f = fulfillmentAt(i);
            FulfillmentStatus s = f.status();
            if (f.shippedAt() != null || s == FulfillmentStatus.SHIPPED || s == FulfillmentStatus.DELIVERED
                    || s == FulfillmentStatus.DELIVERY_FAILED || s == FulfillmentStatus.PICKED_UP) {
                return true;
            }
        }
        return false;
    }

    private void cancelOrder(OrderCommand.CancelOrder c) {
        open();
        if (shippedEver()) {
            throw refuse(OmsErrorCode.ALREADY_SHIPPED, "order " + id
                    + " has shipped or handed over units; cancel remaining lines with CancelLine instead");
        }
        orderTo(OrderStatus.CANCELLED);
        emit(new OrderCancelled(nextId(), id, version, at, c.initiator(), c.reason()));
        cancelOpenUnits(c.initiator(), c.reason());
    }

    /**
     * Cancels every open fulfillment (its units move to CANCELLED with the fulfillment as reference, then it
     * becomes CANCELLED), then every unit left in a bucket before shipment.
     */
    private void cancelOpenUnits(Initiator initiator, String reason) {
        for (int i = 0, n = fulfillmentCount(); i < n; i++) {
            Fulfillment f = fulfillmentAt(i);
            if (f.status().terminal() || f.status() == FulfillmentStatus.SHIPPED
                    || f.status() == FulfillmentStatus.DELIVERY_FAILED) {
                continue;
            }
            fulfillmentTo(f, FulfillmentStatus.CANCELLED.name());
            unitsFollow(f.id(), f.status().bucket(), Bucket.CANCELLED, initiator, reason);
            stateChanged(fulfillment(f.id()), FulfillmentStatus.CANCELLED.name(), reason);
        }
        for (int i = 0, lc = lineCount(); i < lc; i++) {
            for (Bucket b : CANCEL_ORDER_BUCKETS) {
                OrderLine l = lineAt(i);
                int n = l.in(b);
                if (n > 0) {
                    move(l.id(), n, b, Bucket.CANCELLED, null, initiator, reason);
                }
            }
        }
    }

    private void cancelLine(OrderCommand.CancelLine c) {
        open();
        OrderLine l = line(c.lineId());
        int cancellable = l.in(Bucket.BACKORDERED) + l.in(Bucket.PENDING);
        for (int i = 0, n = fulfillmentCount(); i < n; i++) {
            Fulfillment f = fulfillmentAt(i);
            if (f.status() == FulfillmentStatus.PLANNED || f.status() == FulfillmentStatus.RELEASED) {
                cancellable += f.quantityOf(l.id());
            }
        }
        if (c.quantity() > cancellable) {
            throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "line " + l.id() + " has " + cancellable
                    + " cancellable units (backordered, pending, allocated or released), cannot cancel "
                    + c.quantity());
        }
        int rest = c.quantity();
        rest = cancelFrom(l.id(), Bucket.BACKORDERED, rest, c);
        rest = cancelFrom(l.id(), Bucket.PENDING, rest, c);
        List<FulfillmentId> touched = new ArrayList<>(2);
        rest = cancelFromFulfillments(l.id(), FulfillmentStatus.PLANNED, rest, c, touched);
        cancelFromFulfillments(l.id(), FulfillmentStatus.RELEASED, rest, c, touched);
        for (FulfillmentId fid : touched) {
            Fulfillment f = fulfillment(fid);
            if (f.lines().isEmpty()) {
                fulfillmentTo(f, FulfillmentStatus.CANCELLED.name());
                stateChanged(f, FulfillmentStatus.CANCELLED.name(), c.reason());
            }
        }
        for (int i = 0, n = lineCount(); i < n; i++) {
            OrderLine x = lineAt(i);
            if (x.in(Bucket.CANCELLED) != x.quantity()) {
                return;
            }
        }
        if (rules.orderEdge(state(), status(), OrderStatus.CANCELLED)) {
            emit(new OrderCancelled(nextId(), id, version, at, c.initiator(), c.reason()));
        }
    }

    private int cancelFrom(LineId lineId, Bucket b, int rest, OrderCommand.CancelLine c) {
        if (rest == 0) {
            return 0;
        }
        int n = Math.min(rest, line(lineId).in(b));
        if (n > 0) {
            move(lineId, n, b, Bucket.CANCELLED, null, c.initiator(), c.reason());
        }
        return rest - n;
    }

    /** Takes units from fulfillments of one category, the most recently created first. */
    private int cancelFromFulfillments(LineId lineId, FulfillmentStatus category, int rest, OrderCommand.CancelLine c,
                                       List<FulfillmentId> touched) {
        for (int i = fulfillmentCount() - 1; i >= 0 && rest > 0; i--) {
            Fulfillment f = fulfillmentAt(i);
            if (f.status() != category) {
                continue;
            }
            int n = Math.min(rest, f.quantityOf(lineId));
            if (n > 0) {
                move(lineId, n, category.bucket(), Bucket.CANCELLED, f.id().value(), c.initiator(), c.reason());
                touched.add(f.id());
                rest -= n;
            }
        }
        return rest;
    }

    // ================================================================== returns

    private void requestReturn(ReturnId rid, List<OrderCommand.ReturnItem> items, boolean exchange) {
        open();
        if (returnIndex(rid) >= 0) {
            throw refuse(OmsErrorCode.DUPLICATE_ID, "return " + rid + " already exists on order " + id);
        }
        if (items.isEmpty()) {
            throw refuse(OmsErrorCode.INVALID_QUANTITY, "return " + rid + " has no items");
        }
        List<ReturnedUnits> units = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            OrderCommand.ReturnItem it = items.get(i);
            for (int j = 0; j < i; j++) {
                if (items.get(j).lineId().equals(it.lineId())) {
                    throw refuse(OmsErrorCode.DUPLICATE_ID, "line " + it.lineId() + " appears twice in return " + rid);
                }
            }
            OrderLine l = line(it.lineId());
            int returnable = l.in(Bucket.DELIVERED) + l.in(Bucket.PICKED_UP);
            if (it.quantity() > returnable) {
                throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "line " + l.id() + " has " + returnable
                        + " delivered units, cannot return " + it.quantity());
            }
            units.add(new ReturnedUnits(l.id(), l.sku(), it.quantity(), it.reason()));
        }
        emit(new ReturnRequested(nextId(), id, version, at, rid, units, exchange));
        for (OrderCommand.ReturnItem it : items) {
            OrderLine l = line(it.lineId());
            int fromDelivered = Math.min(it.quantity(), l.in(Bucket.DELIVERED));
            if (fromDelivered > 0) {
                move(l.id(), fromDelivered, Bucket.DELIVERED, Bucket.RETURN_REQUESTED, rid.value(), null, null);
            }
            if (it.quantity() > fromDelivered) {
                move(l.id(), it.quantity() - fromDelivered, Bucket.PICKED_UP, Bucket.RETURN_REQUESTED, rid.value(),
                        null, null);
            }
        }
    }

    private void exchange(OrderCommand.Exchange c) {
        open();
        if (c.replacements().isEmpty()) {
            throw refuse(OmsErrorCode.INVALID_QUANTITY, "exchange " + c.returnId() + " has no replacement lines");
        }
        for (int i = 0; i < c.replacements().size(); i++) {
            LineSpec s = c.replacements().get(i);
            if (lineIndex(s.lineId()) >= 0) {
                throw refuse(OmsErrorCode.DUPLICATE_ID, "order " + id + " already has line " + s.lineId());
            }
            for (int j = 0; j < i; j++) {
                if (c.replacements().get(j).lineId().equals(s.lineId())) {
                    throw refuse(OmsErrorCode.DUPLICATE_ID, "line " + s.lineId() + " appears twice in the exchange");
                }
            }
            lineCurrency(s);
        }
        requestReturn(c.returnId(), c.items(), true);
        for (LineSpec s : c.replacements()) {
            emit(new LineAdded(nextId(), id, version, at, s, c.returnId()));
        }
        amountDue(); // refuses (INVALID_VALUE) replacements whose prices overflow the order total
        if (status() == OrderStatus.COMPLETED) {
            orderTo(OrderStatus.CONFIRMED);
            emit(new OrderStateChanged(nextId(), id, version, at, state(), OrderStatus.CONFIRMED.name(),
                    OrderStatus.CONFIRMED));
        }
    }

    private void lineCurrency(LineSpec s) {
        if (!s.unitPrice().currency().equals(currency())
                || (s.unitCost() != null && !s.unitCost().currency().equals(currency()))) {
            throw refuse(OmsErrorCode.CURRENCY_MISMATCH, "line " + s.lineId() + " is priced in "
                    + s.unitPrice().currency() + " but order " + id + " is in " + currency());
        }
    }

    private void returnTo(OrderReturn r, ReturnStatus to) {
        if (!rules.returnGraph().canTransition(r.status(), to)) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "return " + r.id() + " is " + r.status()
                    + " and cannot go to " + to);
        }
    }

    /**
     * Units requested but not received go back to where they came from: DELIVERED as far as the line's
     * delivered fulfillments account for units no longer in DELIVERED, the rest to PICKED_UP (a store
     * collection stays a collection). Exact whenever a line was either delivered or collected; for a line
     * that was both, delivered units are restored first, as the request took them first.
     */
    private void putBack(ReturnId rid) {
        OrderReturn r = orderReturn(rid);
        for (ReturnLine rl : r.lines()) {
            int n = rl.quantity() - rl.received();
            if (n <= 0) {
                continue;
            }
            int delivered = 0;
            for (int i = 0, k = fulfillmentCount(); i < k; i++) {
                Fulfillment f = fulfillmentAt(i);
                if (f.status() != FulfillmentStatus.PICKED_UP) {
                    delivered += f.status() == FulfillmentStatus.DELIVERED ? f.quantityOf(rl.lineId()) : 0;
                }
            }
            int toDelivered = Math.min(n, Math.max(0, delivered - line(rl.lineId()).in(Bucket.DELIVERED)));
            if (toDelivered > 0) {
                move(rl.lineId(), toDelivered, Bucket.RETURN_REQUESTED, Bucket.DELIVERED, rid.value(), null, null);
            }
            if (n > toDelivered) {
                move(rl.lineId(), n - toDelivered, Bucket.RETURN_REQUESTED, Bucket.PICKED_UP, rid.value(), null, null);
            }
        }
    }

    private void approveReturn(OrderCommand.ApproveReturn c) {
        open();
        OrderReturn r = orderReturn(c.returnId());
        returnTo(r, ReturnStatus.APPROVED);
        emit(new ReturnApproved(nextId(), id, version, at, r.id()));
    }

    private void rejectReturn(OrderCommand.RejectReturn c) {
        open();
        OrderReturn r = orderReturn(c.returnId());
        returnTo(r, ReturnStatus.REJECTED);
        emit(new ReturnRejected(nextId(), id, version, at, r.id(), c.reason()));
        putBack(r.id());
        cancelReplacements(r.id(), "exchange_rejected");
    }

    /**
     * An exchange that will not happen: the units of its replacement lines not yet given to a fulfillment (PENDING,
     * BACKORDERED) are cancelled, so the replacement is neither shipped nor due. Units already allocated or further
     * are the host's to cancel ({@code CancelLine}) or to let ship.
     */
    private void cancelReplacements(ReturnId rid, String reason) {
        for (int i = 0, n = lineCount(); i < n; i++) {
            OrderLine l = lineAt(i);
            if (!rid.equals(l.exchangeFor())) {
                continue;
            }
            for (Bucket b : REPLACEMENT_OPEN_BUCKETS) {
                int units = lineAt(i).in(b);
                if (units > 0) {
                    move(l.id(), units, b, Bucket.CANCELLED, null, Initiator.SYSTEM, reason);
                }
            }
        }
    }

    private void cancelReturn(OrderCommand.CancelReturn c) {
        open();
        OrderReturn r = orderReturn(c.returnId());
        returnTo(r, ReturnStatus.CANCELLED);
        for (ReturnLine rl : r.lines()) {
            if (rl.received() > 0) {
                throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "return " + r.id() + " already received units of line "
                        + rl.lineId() + "; close it instead");
            }
        }
        emit(new ReturnCancelled(nextId(), id, version, at, r.id()));
        putBack(r.id());
        cancelReplacements(r.id(), "exchange_cancelled");
    }

    private void receiveReturn(OrderCommand.ReceiveReturn c) {
        open();
        OrderReturn r = orderReturn(c.returnId());
        if (r.status() != ReturnStatus.APPROVED) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "return " + r.id() + " is " + r.status()
                    + "; only an approved return receives units");
        }
        returnTo(r, ReturnStatus.RECEIVED);
        if (c.items().isEmpty()) {
            throw refuse(OmsErrorCode.INVALID_QUANTITY, "reception of return " + r.id() + " has no items");
        }
        List<ReturnedUnits> units = new ArrayList<>(c.items().size());
        for (int i = 0; i < c.items().size(); i++) {
            OrderCommand.ReceivedItem it = c.items().get(i);
            for (int j = 0; j < i; j++) {
                if (c.items().get(j).lineId().equals(it.lineId())) {
                    throw refuse(OmsErrorCode.DUPLICATE_ID, "line " + it.lineId() + " appears twice in the reception");
                }
            }
            ReturnLine rl = returnLine(r, it.lineId());
            int outstanding = rl.quantity() - rl.received();
            if (it.quantity() > outstanding) {
                throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "return " + r.id() + " expects " + outstanding
                        + " more units of line " + it.lineId() + ", received " + it.quantity());
            }
            units.add(new ReturnedUnits(it.lineId(), line(it.lineId()).sku(), it.quantity(), rl.reason()));
        }
        emit(new ReturnReceived(nextId(), id, version, at, r.id(), c.location(), units));
        for (OrderCommand.ReceivedItem it : c.items()) {
            move(it.lineId(), it.quantity(), Bucket.RETURN_REQUESTED, Bucket.RETURNED, r.id().value(), null, null);
        }
    }

    private ReturnLine returnLine(OrderReturn r, LineId lineId) {
        for (ReturnLine rl : r.lines()) {
            if (rl.lineId().equals(lineId)) {
                return rl;
            }
        }
        throw refuse(OmsErrorCode.UNKNOWN_LINE, "return " + r.id() + " has no line " + lineId);
    }

    private void inspectReturn(OrderCommand.InspectReturn c) {
        open();
        OrderReturn r = orderReturn(c.returnId());
        if (r.status() != ReturnStatus.APPROVED && r.status() != ReturnStatus.RECEIVED) {
            throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "return " + r.id() + " is " + r.status()
                    + "; only received units of an open return are inspected");
        }
        ReturnLine rl = returnLine(r, c.lineId());
        if (rl.received() == 0) {
            throw refuse(OmsErrorCode.INSUFFICIENT_QUANTITY, "no units of line " + c.lineId()
                    + " were received on return " + r.id());
        }
        emit(new ReturnInspected(nextId(), id, version, at, r.id(), c.lineId(), c.result(), c.disposition()));
    }

    private void closeReturn(OrderCommand.CloseReturn c) {
        open();
        OrderReturn r = orderReturn(c.returnId());
        returnTo(r, ReturnStatus.CLOSED);
        if (r.status() == ReturnStatus.APPROVED) {
            int received = 0;
            for (ReturnLine rl : r.lines()) {
                received += rl.received();
            }
            if (received == 0) {
                throw refuse(OmsErrorCode.ILLEGAL_TRANSITION, "return " + r.id()
                        + " received nothing; cancel or reject it instead");
            }
        }
        emit(new ReturnClosed(nextId(), id, version, at, r.id(), c.resolution()));
        putBack(r.id());
    }
}
