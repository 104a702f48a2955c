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
import io.omskit.spi.event.PaymentVoided;
import io.omskit.spi.event.ReturnApproved;
import io.omskit.spi.event.ReturnCancelled;
import io.omskit.spi.event.ReturnClosed;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnRejected;
import io.omskit.spi.event.ReturnRequested;
import io.omskit.spi.event.ReturnedUnits;
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
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnLine;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.TransactionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The fold of events into an order: a mutable working copy of an {@link OrderSnapshot} that applies one event
 * at a time and builds the immutable snapshot at the end. Both {@link OrderDecider#decide decide} (which applies
 * the events it produces) and {@link OrderDecider#replay replay} use it, so they cannot diverge.
 *
 * <p>Lists are copied only when an event changes them; unchanged lists are handed back as they were.
 *
 * <p>Not thread-safe: confined to one call.
 */
final class Draft {
    private static final Bucket[] FULFILLMENT_BUCKETS = {Bucket.ALLOCATED, Bucket.RELEASED, Bucket.PICKED,
            Bucket.PACKED, Bucket.READY_FOR_PICKUP};

    private OrderId id;
    private long version;
    private String state;
    private OrderStatus status;
    private Channel channel;
    private String externalOrderId;
    private String idempotencyKey;
    private CustomerId customer;
    private Currency currency;
    private Address shipTo;
    private Address billTo;
    private LocationId pickupLocation;
    private Instant placedAt;
    private Instant promisedBy;
    private List<OrderLine> lines;
    private List<Hold> holds;
    private List<Fulfillment> fulfillments;
    private List<PaymentTransaction> payments;
    private List<OrderReturn> returns;
    private FraudAssessment fraud;
    private Instant updatedAt;

    private ArrayList<OrderLine> linesW;
    private ArrayList<Hold> holdsW;
    private ArrayList<Fulfillment> fulfillmentsW;
    private ArrayList<PaymentTransaction> paymentsW;
    private ArrayList<OrderReturn> returnsW;

    /** An empty draft: the first event must be {@link OrderPlaced}. */
    Draft() {
    }

    /** A draft starting from {@code s}. */
    Draft(OrderSnapshot s) {
        id = s.id();
        version = s.version();
        state = s.state();
        status = s.status();
        channel = s.channel();
        externalOrderId = s.externalOrderId();
        idempotencyKey = s.idempotencyKey();
        customer = s.customer();
        currency = s.currency();
        shipTo = s.shipTo();
        billTo = s.billTo();
        pickupLocation = s.pickupLocation();
        placedAt = s.placedAt();
        promisedBy = s.promisedBy();
        lines = s.lines();
        holds = s.holds();
        fulfillments = s.fulfillments();
        payments = s.payments();
        returns = s.returns();
        fraud = s.fraud();
        updatedAt = s.updatedAt();
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
        return currency;
    }

    FraudAssessment fraud() {
        return fraud;
    }

    List<OrderLine> lines() {
        return linesW != null ? linesW : lines;
    }

    List<Hold> holds() {
        return holdsW != null ? holdsW : holds;
    }

    List<Fulfillment> fulfillments() {
        return fulfillmentsW != null ? fulfillmentsW : fulfillments;
    }

    List<PaymentTransaction> payments() {
        return paymentsW != null ? paymentsW : payments;
    }

    List<OrderReturn> returns() {
        return returnsW != null ? returnsW : returns;
    }

    int lineIndex(LineId lineId) {
        List<OrderLine> ls = lines();
        for (int i = 0, n = ls.size(); i < n; i++) {
            LineId x = ls.get(i).id();
            if (x == lineId || x.equals(lineId)) {
                return i;
            }
        }
        return -1;
    }

    int fulfillmentIndex(FulfillmentId fulfillmentId) {
        List<Fulfillment> fs = fulfillments();
        for (int i = 0, n = fs.size(); i < n; i++) {
            FulfillmentId x = fs.get(i).id();
            if (x == fulfillmentId || x.equals(fulfillmentId)) {
                return i;
            }
        }
        return -1;
    }

    private int fulfillmentIndex(String reference) {
        List<Fulfillment> fs = fulfillments();
        for (int i = 0, n = fs.size(); i < n; i++) {
            if (fs.get(i).id().value().equals(reference)) {
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

    /** The immutable snapshot of the current state. */
    OrderSnapshot toSnapshot() {
        return new OrderSnapshot(id, version, state, status, channel, externalOrderId, idempotencyKey, customer,
                currency, shipTo, billTo, pickupLocation, placedAt, promisedBy,
                linesW != null ? List.copyOf(linesW) : lines,
                holdsW != null ? List.copyOf(holdsW) : holds,
                fulfillmentsW != null ? List.copyOf(fulfillmentsW) : fulfillments,
                paymentsW != null ? List.copyOf(paymentsW) : payments,
                returnsW != null ? List.copyOf(returnsW) : returns,
                fraud, updatedAt);
    }

    // ------------------------------------------------------------------ writable lists

    private ArrayList<OrderLine> linesW() {
        if (linesW == null) {
            linesW = new ArrayList<>(lines.size() + 1);
            linesW.addAll(lines);
        }
        return linesW;
    }

    private ArrayList<Hold> holdsW() {
        if (holdsW == null) {
            holdsW = new ArrayList<>(holds.size() + 1);
            holdsW.addAll(holds);
        }
        return holdsW;
    }

    private ArrayList<Fulfillment> fulfillmentsW() {
        if (fulfillmentsW == null) {
            fulfillmentsW = new ArrayList<>(fulfillments.size() + 1);
            fulfillmentsW.addAll(fulfillments);
        }
        return fulfillmentsW;
    }

    private ArrayList<PaymentTransaction> paymentsW() {
        if (paymentsW == null) {
            paymentsW = new ArrayList<>(payments.size() + 1);
            paymentsW.addAll(payments);
        }
        return paymentsW;
    }

    private ArrayList<OrderReturn> returnsW() {
        if (returnsW == null) {
            returnsW = new ArrayList<>(returns.size() + 1);
            returnsW.addAll(returns);
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
        if (e instanceof LineQuantityMoved m) {
            applyMove(m);
        } else if (e instanceof FulfillmentStateChanged f) {
            int i = requireFulfillment(f.fulfillmentId());
            Fulfillment old = fulfillments().get(i);
            Instant delivered = f.toStatus() == FulfillmentStatus.PICKED_UP ? f.occurredAt() : old.deliveredAt();
            fulfillmentsW().set(i, new Fulfillment(old.id(), old.location(), f.toState(), f.toStatus(), old.pickup(),
                    old.lines(), old.carrier(), old.trackingNumber(), old.reservationId(), old.shippedAt(), delivered,
                    old.trackingEventIds()));
        } else if (e instanceof FulfillmentShipped f) {
            int i = requireFulfillment(f.fulfillmentId());
            Fulfillment old = fulfillments().get(i);
            fulfillmentsW().set(i, new Fulfillment(old.id(), old.location(), FulfillmentStatus.SHIPPED.name(),
                    FulfillmentStatus.SHIPPED, old.pickup(), old.lines(), f.carrier(), f.trackingNumber(),
                    old.reservationId(), f.occurredAt(), old.deliveredAt(), old.trackingEventIds()));
        } else if (e instanceof FulfillmentDelivered f) {
            int i = requireFulfillment(f.fulfillmentId());
            Fulfillment old = fulfillments().get(i);
            fulfillmentsW().set(i, new Fulfillment(old.id(), old.location(), FulfillmentStatus.DELIVERED.name(),
                    FulfillmentStatus.DELIVERED, old.pickup(), old.lines(), old.carrier(), old.trackingNumber(),
                    old.reservationId(), old.shippedAt(), f.occurredAt(), old.trackingEventIds()));
        } else if (e instanceof FulfillmentCreated f) {
            fulfillmentsW().add(new Fulfillment(f.fulfillmentId(), f.location(), FulfillmentStatus.PLANNED.name(),
                    FulfillmentStatus.PLANNED, f.pickup(), f.lines(), null, null, f.reservationId(), null, null,
                    List.of()));
        } else if (e instanceof TrackingEventRecorded t) {
            int i = requireFulfillment(t.fulfillmentId());
            Fulfillment old = fulfillments().get(i);
            List<String> ids = new ArrayList<>(old.trackingEventIds().size() + 1);
            ids.addAll(old.trackingEventIds());
            ids.add(t.carrierEventId());
            fulfillmentsW().set(i, new Fulfillment(old.id(), old.location(), old.state(), old.status(), old.pickup(),
                    old.lines(), old.carrier(), old.trackingNumber(), old.reservationId(), old.shippedAt(),
                    old.deliveredAt(), ids));
        } else if (e instanceof PaymentAuthorized p) {
            paymentsW().add(new PaymentTransaction(TransactionType.AUTHORIZATION, p.amount(), p.providerReference(),
                    true, p.occurredAt()));
        } else if (e instanceof PaymentCaptured p) {
            paymentsW().add(new PaymentTransaction(TransactionType.CAPTURE, p.amount(), p.providerReference(), true,
                    p.occurredAt()));
        } else if (e instanceof PaymentRefunded p) {
            paymentsW().add(new PaymentTransaction(TransactionType.REFUND, p.amount(), p.providerReference(), true,
                    p.occurredAt()));
        } else if (e instanceof PaymentVoided p) {
            paymentsW().add(new PaymentTransaction(TransactionType.VOID, p.amount(), p.providerReference(), true,
                    p.occurredAt()));
        } else if (e instanceof PaymentDeclined p) {
            paymentsW().add(new PaymentTransaction(TransactionType.AUTHORIZATION, p.amount(), p.providerReference(),
                    false, p.occurredAt()));
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
            linesW().add(new OrderLine(a.line(), BucketCounts.of(Bucket.PENDING, a.line().quantity()),
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
        version = e.orderVersion();
        updatedAt = e.occurredAt();
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
        channel = p.channel();
        externalOrderId = p.externalOrderId();
        idempotencyKey = p.idempotencyKey();
        customer = p.customer();
        currency = p.currency();
        shipTo = p.shipTo();
        billTo = p.billTo();
        pickupLocation = p.pickupLocation();
        placedAt = p.occurredAt();
        promisedBy = p.promisedBy();
        OrderLine[] ls = new OrderLine[p.lines().size()];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = OrderLine.pending(p.lines().get(i));
        }
        lines = List.of(ls);
        holds = List.of();
        fulfillments = List.of();
        payments = List.of();
        returns = List.of();
        fraud = null;
    }

    private void applyMove(LineQuantityMoved m) {
        int i = lineIndex(m.lineId());
        if (i < 0) {
            throw new OmsValidationException(OmsErrorCode.UNKNOWN_LINE, "order " + id + " has no line " + m.lineId());
        }
        OrderLine old = lines().get(i);
        linesW().set(i, old.withBuckets(old.buckets().move(m.from(), m.to(), m.quantity())));
        if (m.reference() != null && leavesFulfillment(m.from(), m.to())) {
            int fi = fulfillmentIndex(m.reference());
            if (fi >= 0) {
                shrink(fi, m.lineId(), m.quantity());
            }
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
        Fulfillment old = fulfillments().get(fi);
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
        fulfillmentsW().set(fi, new Fulfillment(old.id(), old.location(), old.state(), old.status(), old.pickup(), fl,
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
}
