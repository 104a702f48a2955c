package io.omskit.core;

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
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
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
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.BucketCounts;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.Hold;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderPlacement;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentRequest;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnLine;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.TransactionType;
import io.omskit.spi.model.internal.FrozenList;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The fold of events into an order: a mutable working copy of an {@link OrderSnapshot} that applies one event
 * at a time and builds the immutable snapshot at the end. Both {@link OrderDecider#decide decide} (which applies
 * the events it produces) and {@link OrderDecider#replay replay} use it, so they cannot diverge.
 *
 * <p>Lists are copied only when an event changes them; unchanged lists are handed back as they were. Changed
 * lines and fulfillments live in plain arrays until {@link #toSnapshot}, which turns each into an immutable list
 * with a single copy (the kind {@code List.copyOf} keeps as is, so the snapshot does not copy it again). The
 * fields no event after {@code OrderPlaced} changes are read from the starting snapshot or that event.
 * {@link Decide} extends this class, so that one decision is one object.
 *
 * <p>Not thread-safe: confined to one call.
 */
class Draft {
    private static final Bucket[] FULFILLMENT_BUCKETS = {Bucket.ALLOCATED, Bucket.RELEASED, Bucket.PICKED,
            Bucket.PACKED, Bucket.READY_FOR_PICKUP};

    OrderId id; // read by Decide, which extends this class (one object per decision)
    private long version;
    private String state;
    private OrderStatus status;
    // The snapshot the draft started from (for a replay, the one OrderPlaced makes): its placement, shared by every
    // later snapshot, and its lists until an event changes them (then the working arrays and lists below). Read
    // from it instead of copied into seven fields: a decision is one object, and its constructor stores less
    private OrderSnapshot base;
    private FraudAssessment fraud;
    private Instant updatedAt;

    // written lines and fulfillments: a working array (null until the first change) and its size; Object[]:
    // copied from the lists without toArray(T[])'s reflective array creation, and stored without array store checks.
    // At toSnapshot the arrays become the snapshot's lists (FrozenList, no copy when full): the draft is not
    // changed after toSnapshot
    private Object[] linesA;
    private int linesN;
    private Work<Hold> holdsW;
    private Object[] fulfillmentsA;
    private int fulfillmentsN;
    // an order's only fulfillment, once changed or added (most orders have one): no working array, and the
    // snapshot's list is List.of(it); null when fulfillmentsA is used or the only one is unchanged
    private Fulfillment onlyFulfillment;
    private Work<PaymentTransaction> paymentsW;
    private Work<OrderReturn> returnsW;
    private Work<PaymentRequest> paymentRequestsW;

    /** An empty draft: the first event must be {@link OrderPlaced}. */
    Draft() {
    }

    /** A draft starting from {@code s}. */
    Draft(OrderSnapshot s) {
        id = s.id();
        version = s.version();
        state = s.state();
        status = s.status();
        base = s;
        fraud = s.fraud();
        updatedAt = s.updatedAt();
    }

    /** A ledger event's amount, refused when it is not in the order's currency (a replayed history is checked too). */
    private Money inOrderCurrency(OrderEvent e, Money amount) {
        if (!amount.currency().equals(currency())) {
            throw new OmsValidationException(OmsErrorCode.CURRENCY_MISMATCH, "event " + e.eventId() + " of order " + id
                    + " is in " + amount.currency() + ", the order in " + currency());
        }
        return amount;
    }

    boolean started() {
        return id != null;
    }

    // ------------------------------------------------------------------ reads (current state)

    OrderId id() {
        return id;
    }

    long version() {
        return version;
    }

    String state() {
        return state;
    }

    OrderStatus status() {
        return status;
    }

    Currency currency() {
        return base.placement().currency();
    }

    FraudAssessment fraud() {
        return fraud;
    }

    /** The lines now; a live view once they changed (prefer {@link #lineCount} and {@link #lineAt}). */
    List<OrderLine> lines() {
        return linesA == null ? base.lines() : new AbstractListView<>() {
            @Override
            public OrderLine get(int index) {
                return lineAt(index);
            }

            @Override
            public int size() {
                return linesN;
            }
        };
    }

    int lineCount() {
        return linesA != null ? linesN : base.lines().size();
    }

    OrderLine lineAt(int i) {
        if (linesA == null) {
            return base.lines().get(i);
        }
        return (OrderLine) linesA[Objects.checkIndex(i, linesN)];
    }

    int fulfillmentCount() {
        return fulfillmentsA != null ? fulfillmentsN : onlyFulfillment != null ? 1 : base.fulfillments().size();
    }

    Fulfillment fulfillmentAt(int i) {
        if (fulfillmentsA == null) {
            Fulfillment only = onlyFulfillment;
            if (only != null) {
                Objects.checkIndex(i, 1);
                return only;
            }
            return base.fulfillments().get(i);
        }
        return (Fulfillment) fulfillmentsA[Objects.checkIndex(i, fulfillmentsN)];
    }

    List<Hold> holds() {
        return holdsW != null ? holdsW : base.holds();
    }

    /** The fulfillments now; a live view once they changed (prefer {@link #fulfillmentCount}, {@link #fulfillmentAt}). */
    List<Fulfillment> fulfillments() {
        return fulfillmentsA == null && onlyFulfillment == null ? base.fulfillments() : new AbstractListView<>() {
            @Override
            public Fulfillment get(int index) {
                return fulfillmentAt(index);
            }

            @Override
            public int size() {
                return fulfillmentCount();
            }
        };
    }

    List<PaymentTransaction> payments() {
        return paymentsW != null ? paymentsW : base.payments();
    }

    List<OrderReturn> returns() {
        return returnsW != null ? returnsW : base.returns();
    }

    /** The pending payment requests now, in request order. */
    List<PaymentRequest> paymentRequests() {
        return paymentRequestsW != null ? paymentRequestsW : base.paymentRequests();
    }

    /** The index of the pending payment request with this key, or -1. */
    int paymentRequestIndex(String idempotencyKey) {
        List<PaymentRequest> rs = paymentRequests();
        for (int i = 0, n = rs.size(); i < n; i++) {
            if (rs.get(i).idempotencyKey().equals(idempotencyKey)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@link #lineIndex(LineId)}, trying position {@code hint} first: the lines of a fulfillment, a plan or a
     * shipment usually come in the order of the order's lines, so the k-th of them is usually line k.
     */
    int lineIndex(LineId lineId, int hint) {
        Object[] a = linesA;
        if (a != null) {
            if (hint < linesN && ((OrderLine) a[hint]).spec().lineId() == lineId) {
                return hint;
            }
        } else {
            List<OrderLine> ls = base.lines();
            if (hint < ls.size() && ls.get(hint).spec().lineId() == lineId) {
                return hint;
            }
        }
        return lineIndex(lineId);
    }

    int lineIndex(LineId lineId) {
        // ids usually are the very instances of the snapshot's lines (plans and fulfillments copy them): an
        // identity pass first, then equals
        Object[] a = linesA;
        if (a != null) {
            int n = linesN;
            for (int i = 0; i < n; i++) {
                if (((OrderLine) a[i]).spec().lineId() == lineId) {
                    return i;
                }
            }
            for (int i = 0; i < n; i++) {
                if (((OrderLine) a[i]).spec().lineId().equals(lineId)) {
                    return i;
                }
            }
            return -1;
        }
        List<OrderLine> ls = base.lines();
        int n = ls.size();
        for (int i = 0; i < n; i++) {
            if (ls.get(i).spec().lineId() == lineId) {
                return i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (ls.get(i).spec().lineId().equals(lineId)) {
                return i;
            }
        }
        return -1;
    }

    int fulfillmentIndex(FulfillmentId fulfillmentId) {
        int n = fulfillmentCount();
        for (int i = 0; i < n; i++) { // identity first, as in lineIndex
            if (fulfillmentAt(i).id() == fulfillmentId) {
                return i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (fulfillmentAt(i).id().equals(fulfillmentId)) {
                return i;
            }
        }
        return -1;
    }

    private int fulfillmentIndex(String reference) {
        for (int i = 0, n = fulfillmentCount(); i < n; i++) {
            if (fulfillmentAt(i).id().value().equals(reference)) {
                return i;
            }
        }
        return -1;
    }

    int returnIndex(ReturnId returnId) {
        List<OrderReturn> rs = returns();
        for (int i = 0, n = rs.size(); i < n; i++) {
            if (rs.get(i).id().equals(returnId)) {
                return i;
            }
        }
        return -1;
    }

    int holdIndex(HoldId holdId) {
        List<Hold> hs = holds();
        for (int i = 0, n = hs.size(); i < n; i++) {
            if (hs.get(i).id().equals(holdId)) {
                return i;
            }
        }
        return -1;
    }

    /** The immutable snapshot of the current state; the draft is not to be changed afterwards (see linesA). */
    OrderSnapshot toSnapshot() {
        OrderSnapshot b = base;
        if (linesA == null && holdsW == null && fulfillmentsA == null && onlyFulfillment == null && paymentsW == null
                && returnsW == null
                && paymentRequestsW == null && version == b.version() && state == b.state() && status == b.status()
                && fraud == b.fraud() && updatedAt == b.updatedAt()) {
            return b; // nothing changed since it (a replay of OrderPlaced alone)
        }
        // every argument in a local first: the inlined constructor's stores then follow the allocation directly
        // (no GC write barrier for them)
        OrderId i = id;
        long v = version;
        String st = state;
        OrderStatus ss = status;
        OrderPlacement placement = b.placement();
        List<OrderLine> lines = linesA != null ? FrozenList.wrap(linesA, linesN) : b.lines();
        List<Hold> holds = holdsW != null ? holdsW.freeze() : b.holds();
        List<Fulfillment> fulfillments = fulfillmentsA != null ? FrozenList.wrap(fulfillmentsA, fulfillmentsN)
                : onlyFulfillment != null ? FrozenList.of(onlyFulfillment) : b.fulfillments();
        List<PaymentTransaction> payments = paymentsW != null ? paymentsW.freeze() : b.payments();
        List<OrderReturn> returns = returnsW != null ? returnsW.freeze() : b.returns();
        FraudAssessment fr = fraud;
        Instant u = updatedAt;
        List<PaymentRequest> requests = paymentRequestsW != null ? paymentRequestsW.freeze() : b.paymentRequests();
        return snapshot(i, v, st, ss, placement, lines, holds, fulfillments, payments, returns, fr, u, requests);
    }

    // ------------------------------------------------------------------ writable lists

    private void setLine(int i, OrderLine l) {
        if (linesA == null) {
            linesA = base.lines().toArray(); // exact: lines are rarely added (addLine grows)
            linesN = linesA.length;
        }
        linesA[Objects.checkIndex(i, linesN)] = l;
    }

    private void addLine(OrderLine l) {
        if (linesA == null) {
            List<OrderLine> ls = base.lines();
            linesA = Arrays.copyOf(ls.toArray(), ls.size() + 1);
            linesN = ls.size();
        } else if (linesN == linesA.length) {
            linesA = Arrays.copyOf(linesA, linesN + 1 + (linesN >> 1));
        }
        linesA[linesN++] = l;
    }

    private Work<Hold> holdsW() {
        if (holdsW == null) {
            holdsW = new Work<>(base.holds(), 1);
        }
        return holdsW;
    }

    private void setFulfillment(int i, Fulfillment f) {
        if (fulfillmentsA == null) {
            if (onlyFulfillment != null || base.fulfillments().size() == 1) {
                Objects.checkIndex(i, 1);
                onlyFulfillment = f;
                return;
            }
            fulfillmentsA = base.fulfillments().toArray(); // exact, as in setLine
            fulfillmentsN = fulfillmentsA.length;
        }
        fulfillmentsA[Objects.checkIndex(i, fulfillmentsN)] = f;
    }

    private void addFulfillment(Fulfillment f) {
        if (fulfillmentsA == null) {
            Fulfillment only = onlyFulfillment;
            if (only != null) {
                fulfillmentsA = new Object[] {only, f, null};
                fulfillmentsN = 2;
                onlyFulfillment = null;
                return;
            }
            List<Fulfillment> fs = base.fulfillments();
            if (fs.isEmpty()) {
                onlyFulfillment = f;
                return;
            }
            fulfillmentsA = Arrays.copyOf(fs.toArray(), fs.size() + 1);
            fulfillmentsN = fs.size();
        } else if (fulfillmentsN == fulfillmentsA.length) {
            fulfillmentsA = Arrays.copyOf(fulfillmentsA, fulfillmentsN + 1 + (fulfillmentsN >> 1));
        }
        fulfillmentsA[fulfillmentsN++] = f;
    }

    /** Base of the read-only live views handed out by {@link #lines()} and {@link #fulfillments()}. */
    private abstract static class AbstractListView<E> extends AbstractList<E> implements RandomAccess {
    }

    private Work<PaymentTransaction> paymentsW() {
        if (paymentsW == null) {
            paymentsW = new Work<>(base.payments(), 1);
        }
        return paymentsW;
    }

    private Work<PaymentRequest> paymentRequestsW() {
        if (paymentRequestsW == null) {
            paymentRequestsW = new Work<>(base.paymentRequests(), 1);
        }
        return paymentRequestsW;
    }

    private Work<OrderReturn> returnsW() {
        if (returnsW == null) {
            returnsW = new Work<>(base.returns(), 1);
        }
        return returnsW;
    }

    // ------------------------------------------------------------------ the fold

    /**
     * Applies one event. Each event changes exactly what it says; nothing is decided here. The only derived
     * effects are documented on {@link OrderDecider#apply}: a move out of a fulfillment's bucket with that
     * fulfillment as reference shrinks it, and a return whose units all arrived becomes RECEIVED.
     *
     * @throws OmsValidationException if the event does not fit the order (another order, a first event that
     *     is not OrderPlaced, an unknown line, fulfillment or return, a bucket holding too few units)
     */
    void apply(OrderEvent e) {
        if (!(e instanceof OrderPlaced)) {
            if (id == null) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                        "the first event of an order must be " + OrderPlaced.TYPE + ", was " + e.type());
            }
            if (id != e.orderId() && !id.equals(e.orderId())) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                        "event " + e.eventId() + " is for order " + e.orderId() + ", not " + id);
            }
        }
        fold(e);
        version = e.orderVersion();
        updatedAt = e.occurredAt();
    }

    /**
     * Applies an event {@link Decide} built itself on this draft's order (never an {@code OrderPlaced}), whose
     * version and time are {@code eventVersion} and {@code eventAt}: the fold of {@link #apply}, without reading the
     * event's order id, version and time through the {@code OrderEvent} interface (a call site that sees a dozen
     * event classes, so a call through a stub for each read). {@code OrderDeciderProperties} checks after every
     * step of random command sequences that both paths give the same snapshot (replay and apply of the events).
     */
    final void applyOwn(OrderEvent e, long eventVersion, Instant eventAt) {
        fold(e);
        stamp(eventVersion, eventAt);
    }

    /**
     * The lines now, in a fresh array the caller owns: a fulfillment step of {@link Decide} builds the order's new
     * lines into it and hands it back to {@link #applyOwnStep}.
     */
    final Object[] linesCopy() {
        Object[] a = linesA;
        return a != null ? Arrays.copyOf(a, linesN) : base.lines().toArray();
    }

    /**
     * Applies a fulfillment step {@link Decide} built and checked itself: what the fold of its event does (the
     * order's lines become {@code lines}, in which the step's units moved; fulfillment {@code fi} becomes
     * {@code stepped}), without the fold's second lookup and check of every line. Replay and
     * {@link OrderDecider#apply} fold the same event through {@link #apply}; {@code OrderDeciderProperties} checks
     * after every step of random command sequences that both give the same snapshot.
     */
    final void applyOwnStep(Object[] lines, int fi, Fulfillment stepped, long eventVersion, Instant eventAt) {
        linesA = lines;
        linesN = lines.length;
        setFulfillment(fi, stepped);
        stamp(eventVersion, eventAt);
    }

    /**
     * Applies a {@code FulfillmentCreated} {@link Decide} built and checked itself (see {@link #applyOwnStep}): the
     * order's lines become {@code lines}, in which the planned units moved, and {@code created} is added.
     */
    final void applyOwnCreated(Object[] lines, Fulfillment created, long eventVersion, Instant eventAt) {
        linesA = lines;
        linesN = lines.length;
        addFulfillment(created);
        stamp(eventVersion, eventAt);
    }

    /**
     * Applies a {@code PaymentAuthorized} or {@code PaymentCaptured} {@link Decide} built and checked itself (its
     * amount is in the order's currency): the fold's transaction of {@code type}, added without the fold's dispatch
     * through a chain of event classes (see {@link #applyOwnStep}).
     */
    final void applyOwnPayment(TransactionType type, Money amount, String providerReference, long eventVersion,
                               Instant eventAt) {
        paymentsW().add(transaction(type, amount, providerReference, true, eventAt));
        stamp(eventVersion, eventAt);
    }

    /**
     * Applies an event of {@link Decide} that only sets the order's built-in status {@code s} ({@code OrderConfirmed},
     * {@code OrderCompleted}, or an {@code OrderStateChanged} to {@code s.name()}), as the fold does, without its
     * dispatch (see {@link #applyOwnPayment}).
     */
    final void applyOwnStatus(OrderStatus s, long eventVersion, Instant eventAt) {
        setState(s);
        stamp(eventVersion, eventAt);
    }

    /** Applies a {@code FraudScreened} of {@link Decide} as the fold does, without its dispatch. */
    final void applyOwnFraud(FraudAssessment assessment, long eventVersion, Instant eventAt) {
        fraud = assessment;
        stamp(eventVersion, eventAt);
    }

    /**
     * The version and time of an event {@link Decide} applied itself; the time is the same for every event of a
     * decision, so it is stored once.
     */
    private void stamp(long eventVersion, Instant eventAt) {
        version = eventVersion;
        if (updatedAt != eventAt) {
            updatedAt = eventAt;
        }
    }

    /** What an event changes besides the order's version and time (see {@link #apply}). */
    private void fold(OrderEvent e) {
        if (e instanceof LineQuantityMoved m) {
            applyMove(m);
        } else if (e instanceof FulfillmentStateChanged f) {
            int i = requireFulfillment(f.fulfillmentId());
            if (f.fromStatus() != fulfillmentAt(i).status()) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "event " + f.eventId() + " moves fulfillment "
                        + f.fulfillmentId() + " from " + f.fromStatus() + ", but it is " + fulfillmentAt(i).status());
            }
            moveWith(i, f.lines(), f.fromStatus().bucket(), f.toStatus().bucket());
            Fulfillment old = fulfillmentAt(i);
            Instant delivered = f.toStatus() == FulfillmentStatus.PICKED_UP ? f.occurredAt() : old.deliveredAt();
            setFulfillment(i, withState(old, f.toState(), f.toStatus(), delivered));
        } else if (e instanceof FulfillmentShipped f) {
            int i = requireFulfillment(f.fulfillmentId());
            Fulfillment old = fulfillmentAt(i);
            Bucket from = f.unitsFrom();
            if (from != null) {
                if (from != old.status().bucket()) {
                    throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "event " + f.eventId()
                            + " ships units of fulfillment " + f.fulfillmentId() + " from " + from + ", but they are "
                            + old.status().bucket());
                }
                List<ShippedLine> shipped = f.lines();
                for (int k = 0, n = shipped.size(); k < n; k++) {
                    ShippedLine l = shipped.get(k);
                    moveUnits(l.lineId(), k, l.quantity(), from, Bucket.SHIPPED);
                }
            }
            setFulfillment(i, shipped(old, f.carrier(), f.trackingNumber(), f.occurredAt()));
        } else if (e instanceof FulfillmentDelivered f) {
            int i = requireFulfillment(f.fulfillmentId());
            moveWith(i, f.lines(), fulfillmentAt(i).status().bucket(), Bucket.DELIVERED);
            Fulfillment old = fulfillmentAt(i);
            setFulfillment(i, fulfillment(old.id(), old.location(), FulfillmentStatus.DELIVERED.name(),
                    FulfillmentStatus.DELIVERED, old.pickup(), old.lines(), old.carrier(), old.trackingNumber(),
                    old.reservationId(), old.shippedAt(), f.occurredAt(), old.trackingEventIds()));
        } else if (e instanceof FulfillmentCreated f) {
            if (fulfillmentIndex(f.fulfillmentId()) >= 0) {
                throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID,
                        "order " + id + " already has fulfillment " + f.fulfillmentId());
            }
            addFulfillment(planned(f.fulfillmentId(), f.location(), f.pickup(), f.lines(), f.reservationId()));
            if (f.unitsFrom() != null) {
                moveWith(fulfillmentCount() - 1, f.lines(), f.unitsFrom(), Bucket.ALLOCATED);
            }
        } else if (e instanceof TrackingEventRecorded t) {
            int i = requireFulfillment(t.fulfillmentId());
            Fulfillment old = fulfillmentAt(i);
            List<String> ids = new ArrayList<>(old.trackingEventIds().size() + 1);
            ids.addAll(old.trackingEventIds());
            ids.add(t.carrierEventId());
            setFulfillment(i, fulfillment(old.id(), old.location(), old.state(), old.status(), old.pickup(),
                    old.lines(), old.carrier(), old.trackingNumber(), old.reservationId(), old.shippedAt(),
                    old.deliveredAt(), ids));
        } else if (e instanceof PaymentAuthorized p) {
            paymentsW().add(transaction(TransactionType.AUTHORIZATION, inOrderCurrency(p, p.amount()),
                    p.providerReference(), true, p.occurredAt()));
        } else if (e instanceof PaymentCaptured p) {
            paymentsW().add(transaction(TransactionType.CAPTURE, inOrderCurrency(p, p.amount()),
                    p.providerReference(), true, p.occurredAt()));
        } else if (e instanceof PaymentRefunded p) {
            paymentsW().add(transaction(TransactionType.REFUND, inOrderCurrency(p, p.amount()),
                    p.providerReference(), true, p.occurredAt()));
        } else if (e instanceof PaymentVoided p) {
            paymentsW().add(transaction(TransactionType.VOID, inOrderCurrency(p, p.amount()),
                    p.providerReference(), true, p.occurredAt()));
        } else if (e instanceof PaymentDeclined p) {
            paymentsW().add(transaction(TransactionType.AUTHORIZATION, inOrderCurrency(p, p.amount()),
                    p.providerReference(), false, p.occurredAt()));
        } else if (e instanceof PaymentRequested p) {
            if (paymentRequestIndex(p.request().idempotencyKey()) >= 0) {
                throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID, "order " + id
                        + " already has a pending payment request " + p.request().idempotencyKey());
            }
            paymentRequestsW().add(p.request());
        } else if (e instanceof PaymentRequestCompleted p) {
            int i = paymentRequestIndex(p.idempotencyKey());
            if (i < 0) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "event " + p.eventId()
                        + " completes payment request " + p.idempotencyKey() + ", which order " + id
                        + " has not pending");
            }
            paymentRequestsW().remove(i);
        } else if (e instanceof OrderConfirmed) {
            setState(OrderStatus.CONFIRMED);
        } else if (e instanceof OrderCompleted) {
            setState(OrderStatus.COMPLETED);
        } else if (e instanceof OrderCancelled) {
            setState(OrderStatus.CANCELLED);
        } else if (e instanceof OrderRejected) {
            setState(OrderStatus.REJECTED);
        } else if (e instanceof OrderStateChanged c) {
            state = c.toState();
            status = c.toStatus();
        } else if (e instanceof HoldPlaced h) {
            holdsW().add(h.hold());
        } else if (e instanceof HoldReleased h) {
            int i = holdIndex(h.holdId());
            if (i >= 0) {
                holdsW().remove(i);
            }
        } else if (e instanceof FraudScreened f) {
            fraud = f.assessment();
        } else if (e instanceof LineAdded a) {
            if (lineIndex(a.line().lineId()) >= 0) {
                throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID,
                        "order " + id + " already has line " + a.line().lineId());
            }
            addLine(new OrderLine(a.line(), BucketCounts.of(Bucket.PENDING, a.line().quantity()),
                    a.exchangeFor()));
        } else if (e instanceof ReturnRequested r) {
            List<ReturnLine> rl = new ArrayList<>(r.lines().size());
            for (ReturnedUnits u : r.lines()) {
                rl.add(new ReturnLine(u.lineId(), u.quantity(), u.reason(), 0, InspectionResult.PENDING, null));
            }
            returnsW().add(new OrderReturn(r.returnId(), ReturnStatus.REQUESTED, rl, r.exchange(), null,
                    r.occurredAt()));
        } else if (e instanceof ReturnApproved r) {
            setReturnStatus(r.returnId(), ReturnStatus.APPROVED);
        } else if (e instanceof ReturnRejected r) {
            setReturnStatus(r.returnId(), ReturnStatus.REJECTED);
        } else if (e instanceof ReturnCancelled r) {
            setReturnStatus(r.returnId(), ReturnStatus.CANCELLED);
        } else if (e instanceof ReturnReceived r) {
            applyReceived(r);
        } else if (e instanceof ReturnInspected r) {
            int i = requireReturn(r.returnId());
            OrderReturn old = returns().get(i);
            List<ReturnLine> rl = new ArrayList<>(old.lines().size());
            for (ReturnLine l : old.lines()) {
                rl.add(l.lineId().equals(r.lineId())
                        ? new ReturnLine(l.lineId(), l.quantity(), l.reason(), l.received(), r.result(), r.disposition())
                        : l);
            }
            returnsW().set(i, new OrderReturn(old.id(), old.status(), rl, old.exchange(), old.resolution(),
                    old.requestedAt()));
        } else if (e instanceof ReturnClosed r) {
            int i = requireReturn(r.returnId());
            OrderReturn old = returns().get(i);
            returnsW().set(i, new OrderReturn(old.id(), ReturnStatus.CLOSED, old.lines(), old.exchange(),
                    r.resolution(), old.requestedAt()));
        } else if (e instanceof OrderPlaced p) {
            applyPlaced(p);
        } else {
            throw new IllegalStateException("no fold for event type " + e.getClass().getName());
        }
    }

    /** {@code old} in another state (see {@link #copy}). */
    static Fulfillment withState(Fulfillment old, String state, FulfillmentStatus status, Instant deliveredAt) {
        return copy(old, state, status, old.carrier(), old.trackingNumber(), old.shippedAt(), deliveredAt);
    }

    /**
     * {@code old} with another state, shipment and delivery: every argument read into a local before the
     * allocation, so that the inlined constructor's stores follow it directly (no GC write barrier for them).
     */
    private static Fulfillment copy(Fulfillment old, String state, FulfillmentStatus status, String carrier,
                                    String trackingNumber, Instant shippedAt, Instant deliveredAt) {
        FulfillmentId fid = old.id();
        LocationId location = old.location();
        boolean pickup = old.pickup();
        List<FulfillmentLine> lines = old.lines();
        String reservationId = old.reservationId();
        List<String> trackingEventIds = old.trackingEventIds();
        return fulfillment(fid, location, state, status, pickup, lines, carrier, trackingNumber, reservationId,
                shippedAt, deliveredAt, trackingEventIds);
    }

    /** A new fulfillment, PLANNED: the fold of FulfillmentCreated (see copy). */
    static Fulfillment planned(FulfillmentId fid, LocationId location, boolean pickup, List<FulfillmentLine> lines,
                               String reservationId) {
        List<String> noTracking = List.of();
        return fulfillment(fid, location, FulfillmentStatus.PLANNED.name(), FulfillmentStatus.PLANNED, pickup, lines,
                null, null, reservationId, null, null, noTracking);
    }

    /** {@code old} shipped by {@code carrier} at {@code shippedAt}: the fold of FulfillmentShipped. */
    static Fulfillment shipped(Fulfillment old, String carrier, String trackingNumber, Instant shippedAt) {
        return copy(old, FulfillmentStatus.SHIPPED.name(), FulfillmentStatus.SHIPPED, carrier, trackingNumber,
                shippedAt, old.deliveredAt());
    }

    /**
     * A snapshot: the one place the draft makes them (see {@link #fulfillment}). The draft's lists are FrozenLists
     * (its empty and one-element lists too), and so are those of every snapshot it made: once their class is
     * checked here, before the allocation, the JIT knows it in the inlined constructor, whose list checks then cost
     * nothing and whose list stores then follow the allocation directly (no GC write barrier). Other lists (a
     * snapshot the host built) take the second allocation, checked as always.
     */
    static OrderSnapshot snapshot(OrderId id, long version, String state, OrderStatus status, OrderPlacement placement,
                                  List<OrderLine> lines, List<Hold> holds, List<Fulfillment> fulfillments,
                                  List<PaymentTransaction> payments, List<OrderReturn> returns, FraudAssessment fraud,
                                  Instant updatedAt, List<PaymentRequest> paymentRequests) {
        if (lines != null && lines.getClass() == FrozenList.class
                && holds != null && holds.getClass() == FrozenList.class
                && fulfillments != null && fulfillments.getClass() == FrozenList.class
                && payments != null && payments.getClass() == FrozenList.class
                && returns != null && returns.getClass() == FrozenList.class
                && paymentRequests != null && paymentRequests.getClass() == FrozenList.class) {
            return new OrderSnapshot(id, version, state, status, placement, lines, holds, fulfillments, payments,
                    returns, fraud, updatedAt, paymentRequests);
        }
        return new OrderSnapshot(id, version, state, status, placement, lines, holds, fulfillments, payments, returns,
                fraud, updatedAt, paymentRequests);
    }

    /**
     * A fulfillment: the one place the draft makes them, a factory whose arguments are computed before the
     * allocation, so that the inlined constructor's stores follow it directly (no GC write barrier for them). The
     * JIT inlines a constructor only while it has not compiled it on its own into a large method; called only from
     * here, the constructor is invoked once per call of this factory, which the JIT therefore compiles first (with
     * the constructor inlined), whether or not it then inlines the factory into its callers.
     */
    private static Fulfillment fulfillment(FulfillmentId id, LocationId location, String state, FulfillmentStatus status,
                                           boolean pickup, List<FulfillmentLine> lines, String carrier,
                                           String trackingNumber, String reservationId, Instant shippedAt,
                                           Instant deliveredAt, List<String> trackingEventIds) {
        return new Fulfillment(id, location, state, status, pickup, lines, carrier, trackingNumber, reservationId,
                shippedAt, deliveredAt, trackingEventIds);
    }

    /**
     * A ledger entry; a factory so that its arguments are computed before the allocation, which the inlined
     * constructor's stores then follow directly (no GC write barrier for them; see withState).
     */
    private static PaymentTransaction transaction(TransactionType type, Money amount, String providerReference,
                                                  boolean succeeded, Instant at) {
        return new PaymentTransaction(type, amount, providerReference, succeeded, at);
    }

    private void setState(OrderStatus s) {
        state = s.name();
        status = s;
    }

    private void applyPlaced(OrderPlaced p) {
        if (id != null) {
            throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID, "order " + id + " was already placed");
        }
        id = p.orderId();
        state = OrderStatus.PLACED.name();
        status = OrderStatus.PLACED;
        fraud = null;
        // the order as placed (version and updatedAt are the event's, as apply sets them): the base of the rest
        // of a replay, and the snapshot itself when nothing follows
        base = placed(p);
    }

    /**
     * The order as {@code p} places it: what applying it to an empty draft and taking the snapshot gives, without
     * the draft ({@link OrderDecider#decide} of a Place).
     */
    static OrderSnapshot placed(OrderPlaced p) {
        // arguments in locals before each allocation: the inlined constructors' stores then follow it directly (no
        // GC write barrier for them)
        Channel channel = p.channel();
        String externalOrderId = p.externalOrderId();
        String idempotencyKey = p.idempotencyKey();
        CustomerId customer = p.customer();
        Currency currency = p.currency();
        Address shipTo = p.shipTo();
        Address billTo = p.billTo();
        LocationId pickupLocation = p.pickupLocation();
        Instant at = p.occurredAt();
        Instant promisedBy = p.promisedBy();
        OrderPlacement placement = new OrderPlacement(channel, externalOrderId, idempotencyKey, customer, currency,
                shipTo, billTo, pickupLocation, at, promisedBy);
        List<LineSpec> specs = p.lines();
        Object[] ls = new Object[specs.size()];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = OrderLine.pending(specs.get(i));
        }
        List<OrderLine> lines = FrozenList.wrap(ls);
        OrderId orderId = p.orderId();
        long version = p.orderVersion();
        List<Hold> holds = FrozenList.empty();
        List<Fulfillment> fulfillments = FrozenList.empty();
        List<PaymentTransaction> payments = FrozenList.empty();
        List<OrderReturn> returns = FrozenList.empty();
        List<PaymentRequest> requests = FrozenList.empty();
        return snapshot(orderId, version, OrderStatus.PLACED.name(), OrderStatus.PLACED, placement, lines, holds,
                fulfillments, payments, returns, null, at, requests);
    }

    private void applyMove(LineQuantityMoved m) {
        moveUnits(m.lineId(), 0, m.quantity(), m.from(), m.to());
        if (m.reference() != null && leavesFulfillment(m.from(), m.to())) {
            int fi = fulfillmentIndex(m.reference());
            if (fi >= 0) {
                shrink(fi, m.lineId(), m.quantity());
            }
        }
    }

    /** Moves units of one line between buckets; {@code hint}: where the line probably is (see lineIndex). */
    private void moveUnits(LineId lineId, int hint, int quantity, Bucket from, Bucket to) {
        int i = lineIndex(lineId, hint);
        if (i < 0) {
            throw new OmsValidationException(OmsErrorCode.UNKNOWN_LINE, "order " + id + " has no line " + lineId);
        }
        OrderLine old = lineAt(i);
        setLine(i, old.withBuckets(old.buckets().move(from, to, quantity)));
    }

    /**
     * Moves the units a fulfillment step's event carries (those of fulfillment {@code fi}) between buckets of its
     * work; units that would leave it (to PENDING, BACKORDERED or CANCELLED) are refused.
     */
    private void moveWith(int fi, List<FulfillmentLine> units, Bucket from, Bucket to) {
        if (!units.isEmpty() && leavesFulfillment(from, to)) {
            // such units move by LineQuantityMoved events, which carry initiator and reason and which the engine
            // and the KPIs act on (stock released, cancelled and backordered units counted)
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "fulfillment "
                    + fulfillmentAt(fi).id() + ": units leaving it (" + from + " to " + to
                    + ") must move by their own line.quantity_moved events, not with its step event");
        }
        for (int k = 0, n = units.size(); k < n; k++) {
            FulfillmentLine l = units.get(k);
            moveUnits(l.lineId(), k, l.quantity(), from, to);
        }
    }

    /** Whether a move takes units out of fulfillment work (back to routing, to a backorder, or cancelled). */
    static boolean leavesFulfillment(Bucket from, Bucket to) {
        if (to != Bucket.PENDING && to != Bucket.BACKORDERED && to != Bucket.CANCELLED) {
            return false;
        }
        for (Bucket b : FULFILLMENT_BUCKETS) {
            if (b == from) {
                return true;
            }
        }
        return false;
    }

    private void shrink(int fi, LineId lineId, int quantity) {
        Fulfillment old = fulfillmentAt(fi);
        List<FulfillmentLine> fl = new ArrayList<>(old.lines().size());
        for (FulfillmentLine l : old.lines()) {
            if (l.lineId().equals(lineId)) {
                int left = l.quantity() - quantity;
                if (left > 0) {
                    fl.add(new FulfillmentLine(lineId, left));
                }
            } else {
                fl.add(l);
            }
        }
        setFulfillment(fi, fulfillment(old.id(), old.location(), old.state(), old.status(), old.pickup(), fl,
                old.carrier(), old.trackingNumber(), old.reservationId(), old.shippedAt(), old.deliveredAt(),
                old.trackingEventIds()));
    }

    private void applyReceived(ReturnReceived r) {
        int i = requireReturn(r.returnId());
        OrderReturn old = returns().get(i);
        List<ReturnLine> rl = new ArrayList<>(old.lines().size());
        boolean all = true;
        for (ReturnLine l : old.lines()) {
            int add = 0;
            for (ReturnedUnits u : r.lines()) {
                if (u.lineId().equals(l.lineId())) {
                    add += u.quantity();
                }
            }
            ReturnLine nl = add == 0 ? l : new ReturnLine(l.lineId(), l.quantity(), l.reason(), l.received() + add,
                    l.inspection(), l.disposition());
            all &= nl.received() == nl.quantity();
            rl.add(nl);
        }
        ReturnStatus st = all && !old.status().terminal() ? ReturnStatus.RECEIVED : old.status();
        returnsW().set(i, new OrderReturn(old.id(), st, rl, old.exchange(), old.resolution(), old.requestedAt()));
    }

    private void setReturnStatus(ReturnId returnId, ReturnStatus st) {
        int i = requireReturn(returnId);
        OrderReturn old = returns().get(i);
        returnsW().set(i, new OrderReturn(old.id(), st, old.lines(), old.exchange(), old.resolution(),
                old.requestedAt()));
    }

    private int requireFulfillment(FulfillmentId fid) {
        int i = fulfillmentIndex(fid);
        if (i < 0) {
            throw new OmsValidationException(OmsErrorCode.UNKNOWN_FULFILLMENT,
                    "order " + id + " has no fulfillment " + fid);
        }
        return i;
    }

    private int requireReturn(ReturnId rid) {
        int i = returnIndex(rid);
        if (i < 0) {
            throw new OmsValidationException(OmsErrorCode.UNKNOWN_RETURN, "order " + id + " has no return " + rid);
        }
        return i;
    }

    /**
     * A working copy of one list: an array with a size, copied once from the immutable list and turned back into
     * an immutable list once ({@link #freeze}), without the extra copies of {@code ArrayList} and
     * {@code List.copyOf}. Elements are never null (the model's lists hold none).
     */
    static final class Work<E> extends AbstractList<E> implements RandomAccess {
        private Object[] a;
        private int n;

        Work(int capacity) {
            a = new Object[capacity];
        }

        Work(List<E> from, int spare) {
            n = from.size();
            a = new Object[n + spare];
            for (int i = 0; i < n; i++) {
                a[i] = from.get(i);
            }
        }

        @Override
        @SuppressWarnings("unchecked") // only E is ever stored in a
        public E get(int index) {
            Objects.checkIndex(index, n);
            return (E) a[index];
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public E set(int index, E e) {
            E old = get(index);
            a[index] = e;
            return old;
        }

        @Override
        public boolean add(E e) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n + 1 + (n >> 1));
            }
            a[n++] = e;
            return true;
        }

        @Override
        public E remove(int index) {
            E old = get(index);
            System.arraycopy(a, index + 1, a, index, n - index - 1);
            a[--n] = null;
            return old;
        }

        /** An immutable list of the elements; this working copy is not changed afterwards. */
        List<E> freeze() {
            return listOf(a, n);
        }

        /**
         * An immutable list of the first {@code n} elements of {@code x} (none null): {@code x} itself when it holds
         * exactly {@code n} (then nobody writes it again), else a copy. A {@link FrozenList}, which the model's
         * list checks keep as is.
         */
        static <E> List<E> listOf(Object[] x, int n) {
            return FrozenList.wrap(x, n);
        }
    }
}
