package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pure heart of omskit: {@code decide(snapshot, command) -> Accepted(new snapshot, events) | Rejected(code,
 * message)}, and the fold of events back into snapshots ({@link #replay}, {@link #apply}).
 *
 * <p>Immutable and thread-safe: one instance serves all orders and threads. {@link #standard()} uses the
 * built-in {@link OrderGraphs}; {@link #builder()} lets a host swap in extended graphs and add {@link Guard}s and
 * {@link TransitionGuard}s.
 *
 * <h2>Purity and events</h2>
 * <ul>
 *   <li>{@code decide} reads no clock, does no I/O, uses no randomness and mutates nothing. On rejection nothing
 *       changes. Time comes from {@link OrderCommand#at()}.</li>
 *   <li>Every accepted command produces at least one event and raises the version by exactly 1; all its events
 *       carry the new version and {@code occurredAt = command.at()}. Event ids are
 *       {@code orderId + "-" + version + "-" + index} (index from 0 within the command), or a name-based UUID of
 *       that string when it is longer than 128 characters.</li>
 *   <li>{@code decide} validates, produces events and applies each to a working copy as it goes: the snapshot
 *       it returns is by construction {@code apply}'s fold of its events over the old snapshot, so
 *       {@code replay(all events)} equals the latest snapshot.</li>
 *   <li>A well-formed command in a wrong state is a {@link Decision.Rejected}, never an exception. Host
 *       {@link Guard}s run after the built-in rules accepted a command; a refusal is {@code GUARD_REJECTED}.</li>
 * </ul>
 *
 * <h2>Order lifecycle</h2>
 * <ul>
 *   <li>{@code Place} (snapshot null) creates the order at version 1 in PLACED: {@code EMPTY_ORDER} without
 *       lines, {@code DUPLICATE_ID} for a repeated line id, {@code DUPLICATE_SKU_LINE} for a repeated SKU,
 *       {@code CURRENCY_MISMATCH} for a price not in the order currency, {@code INVALID_VALUE} when the total
 *       overflows a {@code long} of minor units. With a snapshot it is
 *       {@code DUPLICATE_ID}.</li>
 *   <li>The first verification command (authorization, fraud assessment, hold) moves PLACED to IN_REVIEW
 *       ({@code OrderStateChanged}).</li>
 *   <li>After every accepted command, an order in an IN_REVIEW-category state confirms automatically
 *       ({@code OrderConfirmed}) when its graph allows it and: authorized (successful authorizations minus
 *       voids) &ge; amount due, the fraud assessment is ACCEPT (or REVIEW with its FRAUD_REVIEW hold released),
 *       and no hold is active. A host that wants a manual step keeps a hold on the order. {@code Confirm}
 *       confirms explicitly from PLACED or IN_REVIEW, holds or not.</li>
 *   <li>{@code RecordDecline} and a fraud REJECT while PLACED or IN_REVIEW reject the order
 *       ({@code OrderRejected}, reason {@code payment_declined} or {@code fraud_suspected}) and move every open
 *       unit to CANCELLED (initiator SYSTEM, same reason). A decline after confirmation is only recorded in the
 *       ledger. A fraud assessment after confirmation is {@code ILLEGAL_TRANSITION}.</li>
 *   <li>After every accepted command, an order in CONFIRMED completes ({@code OrderCompleted}, same command)
 *       when every unit of every line is in a terminal bucket and captured - refunded == amount due. Returns
 *       remain possible after COMPLETED; the status stays COMPLETED. An {@code Exchange} on a COMPLETED order
 *       adds open units, so the order goes back to CONFIRMED ({@code OrderStateChanged}) and completes again
 *       once they are delivered and paid.</li>
 *   <li>{@code CancelOrder}: {@code ORDER_CLOSED} when cancelled or rejected, {@code ALREADY_SHIPPED} if any
 *       unit was ever shipped, delivered or picked up, else {@code OrderCancelled}, every open fulfillment
 *       cancelled (its units move to CANCELLED with the fulfillment as reference, then
 *       {@code FulfillmentStateChanged} to CANCELLED), then every other open unit to CANCELLED. A completed
 *       order cannot be cancelled ({@code ALREADY_SHIPPED}: its units were shipped or picked up).</li>
 *   <li>{@code TransitionOrder} follows any graph edge that keeps the category (or goes PLACED to IN_REVIEW),
 *       typically into a host's custom state.</li>
 *   <li>Commands on a CANCELLED or REJECTED order are {@code ORDER_CLOSED}, except {@code RecordVoid} and
 *       {@code RecordRefund}, which record money going back.</li>
 * </ul>
 *
 * <h2>Holds</h2>
 * A set beside the state. {@code PlaceHold} ({@code DUPLICATE_ID} if that hold id is active; a line hold needs
 * a known line) and {@code ReleaseHold} ({@code UNKNOWN_HOLD}). A fraud REVIEW places a FRAUD_REVIEW hold with
 * id {@code fraud-review-<version>}, actor {@code fraud-screen}. Any active hold makes {@code Release} (and a
 * {@code TransitionFulfillment} into the RELEASED category) {@code ORDER_ON_HOLD}.
 *
 * <h2>Buckets and fulfillment</h2>
 * Every unit change is a move the bucket graph must allow, recorded by an event that carries its quantities.
 * Fulfillment commands name their built-in target state and are legal when the fulfillment graph has the edge
 * from the current state (custom states included); the units the fulfillment carries follow from the bucket of
 * the current state's category to the bucket of the target's category, carried by the step's own event (one
 * event per step, however many lines): {@code FulfillmentCreated.lines} (with {@code unitsFrom}),
 * {@code FulfillmentStateChanged.lines}, {@code FulfillmentShipped.lines},
 * {@code FulfillmentDelivered.lines}. Units that leave a fulfillment (backorders, short picks, cancellations)
 * and units outside fulfillments move by {@code LineQuantityMoved(line, qty, from, to, reference, initiator,
 * reason)}, one per line, with the fulfillment id as reference when they leave one.
 * <ul>
 *   <li>{@code Allocate} (CONFIRMED only): each planned fulfillment creates a fulfillment in PLANNED
 *       ({@code FulfillmentCreated}, {@code unitsFrom} PENDING) and moves its quantities PENDING to ALLOCATED
 *       with it; then every PENDING unit
 *       left moves to BACKORDERED (reason {@code out_of_stock}). Fulfillment ids must be new
 *       ({@code DUPLICATE_ID}); a plan needs lines ({@code INVALID_QUANTITY}); lines must be known and planned
 *       quantities at most pending ({@code INSUFFICIENT_QUANTITY}); with nothing pending it is
 *       {@code INSUFFICIENT_QUANTITY}.</li>
 *   <li>{@code ReservationFailed} (PLANNED fulfillments only): units move ALLOCATED to BACKORDERED (reason
 *       {@code out_of_stock}) and leave the fulfillment, which becomes CANCELLED.</li>
 *   <li>{@code FillBackorder} (CONFIRMED only): a new fulfillment, BACKORDERED to ALLOCATED
 *       ({@code unitsFrom} BACKORDERED).</li>
 *   <li>{@code Release}: PLANNED to RELEASED, units ALLOCATED to RELEASED.</li>
 *   <li>{@code Pick}: RELEASED to PICKING, units to PICKED; with a list, unlisted or shorter quantities are a
 *       short pick: they move RELEASED to BACKORDERED (reason {@code short_pick}) and leave the fulfillment.
 *       A listed line must be carried ({@code UNKNOWN_LINE}), at most once ({@code DUPLICATE_ID}), and not
 *       above the carried quantity ({@code INSUFFICIENT_QUANTITY}).</li>
 *   <li>{@code Pack}: PICKING to PACKED. {@code Ship} (not for pickup fulfillments): PACKED to SHIPPED,
 *       {@code FulfillmentShipped} with one {@code ShippedLine} per line (the line's SKU) and
 *       {@code documentationOk} true. {@code RecordTracking}: records the carrier event id on a
 *       fulfillment that has shipped (one without a tracking number is {@code ILLEGAL_TRANSITION}); a repeated id
 *       is {@code DUPLICATE_ID}. {@code Deliver}: SHIPPED or DELIVERY_FAILED to DELIVERED
 *       ({@code FulfillmentDelivered}). {@code FailDelivery}: SHIPPED to DELIVERY_FAILED, units stay SHIPPED.
 *       {@code DeclareLost} (not for pickup fulfillments): SHIPPED or DELIVERY_FAILED to LOST, units SHIPPED to
 *       LOST (terminal; still due).
 *       {@code ReadyForPickup} / {@code PickedUp} (pickup fulfillments only): PACKED to READY_FOR_PICKUP to
 *       PICKED_UP.</li>
 *   <li>{@code TransitionFulfillment}: any graph edge; entering the SHIPPED, DELIVERED, PICKED_UP, LOST or CANCELLED
 *       category from another one needs its own command ({@code ILLEGAL_TRANSITION}).</li>
 *   <li>{@code CancelLine(qty)}: takes units from BACKORDERED, then PENDING, then ALLOCATED (PLANNED
 *       fulfillments, the most recent first), then RELEASED (RELEASED fulfillments, the most recent first);
 *       more than that is {@code INSUFFICIENT_QUANTITY}. A fulfillment left with nothing becomes CANCELLED.
 *       When every unit of the order is then cancelled, the order is cancelled too ({@code OrderCancelled}).</li>
 * </ul>
 *
 * <h2>Payment ledger</h2>
 * Authorization, capture, void, refund and declines append ledger entries. Amounts must be positive
 * ({@code INVALID_VALUE}) and in the order currency ({@code CURRENCY_MISMATCH}); a provider reference already
 * recorded with the same type is {@code DUPLICATE_ID} (an idempotent re-delivery). Captures total at most
 * authorized - voided; a void at most authorized - voided - captured; refunds total at most captured
 * ({@code PAYMENT_AMOUNT_EXCEEDED}); each limit less the amounts of pending requests of those kinds (below). A
 * refund may name a return ({@code UNKNOWN_RETURN}).
 *
 * <p>Payment calls written ahead: {@code RequestPayments} records each call as a pending
 * {@link io.omskit.spi.model.PaymentRequest} ({@code PaymentRequested}) with the key
 * {@code <order>:<kind>:<version>} ({@code .<n>} appended for the n-th call after the first of one command). An
 * authorization or a capture needs an open order ({@code ORDER_CLOSED}); a capture or void names a recorded
 * authorization, a refund a recorded capture ({@code INVALID_VALUE}); captures and voids total at most authorized -
 * voided - captured - pending captures and voids, refunds at most captured - refunded - pending refunds
 * ({@code PAYMENT_AMOUNT_EXCEEDED}). {@code CompletePayment} records the provider's answer to a pending request
 * ({@code INVALID_VALUE} for a key not pending), in any status, since the money moved: an approval appends its
 * ledger event within the ledger's limits, the request's own amount no longer counted as pending (skipped if its
 * provider reference is recorded already), a declined authorization
 * {@code PaymentDeclined}, then {@code PaymentRequestCompleted} removes the request; an approved authorization
 * moves PLACED to IN_REVIEW and a declined one rejects a PLACED or IN_REVIEW order, as above. An order with a
 * pending request does not complete. {@code Ship} may carry payment calls: they are requested as by
 * {@code RequestPayments}, after the shipment, in the same decision.
 *
 * <h2>Returns</h2>
 * {@code RequestReturn}: units must be DELIVERED or PICKED_UP (taken from DELIVERED first) and move to
 * RETURN_REQUESTED. {@code ApproveReturn}: REQUESTED to APPROVED. {@code ReceiveReturn} (APPROVED only, partial
 * receptions allowed): RETURN_REQUESTED to RETURNED; the return becomes RECEIVED once every requested unit
 * arrived. {@code InspectReturn}: records result and disposition of a line with received units.
 * {@code CloseReturn}: from RECEIVED, or from APPROVED after a partial reception; units never received go back
 * to DELIVERED. {@code RejectReturn} / {@code CancelReturn} (nothing received yet): units go back to DELIVERED,
 * and an exchange's replacement units not yet allocated (PENDING, BACKORDERED) are cancelled.
 * {@code Exchange} = {@code RequestReturn} (flagged as exchange) plus one {@code LineAdded} per replacement
 * (new lines start PENDING and are allocated later; replacement prices count in the amount due and returned units
 * do not, so a replacement priced like the unit it replaces leaves the amount due as it was, and one priced
 * otherwise changes it by the difference, which the payment ledger settles: {@link OrderService} charges a dearer
 * replacement's difference from the exchange on and refunds a cheaper one's when the return is closed; it also
 * refuses a place without ship-to or pickup location and a refund of an exchange's return while its replacement is
 * due). Replacement line ids must be
 * new ({@code DUPLICATE_ID}); their SKUs may repeat an existing line's (a like-for-like replacement); an exchange
 * needs at least one replacement ({@code INVALID_QUANTITY}).
 */
public final class OrderDecider {
    private static final int ORDER_STATES = OrderStatus.values().length;
    private static final OrderDecider STANDARD = new Builder().build();

    private final StateGraph<OrderStatus> orderGraph;
    private final StateGraph<FulfillmentStatus> fulfillmentGraph;
    private final StateGraph<ReturnStatus> returnGraph;
    private final StateGraph<Bucket> bucketGraph;
    private final boolean[] bucketMoves;
    // the graphs' answers for the built-in states, precomputed (the graphs are immutable): see orderEdge
    private final boolean[] orderEdges;
    private final boolean[] fulfillmentEdges;
    private final FulfillmentStatus[] fulfillmentCategories;
    private final GuardEntry[] guards;
    private final TransitionGuardEntry[] transitionGuards;

    private record GuardEntry(Class<? extends OrderCommand> type, Guard guard) {
    }

    private record TransitionGuardEntry(OrderStatus entering, TransitionGuard guard) {
    }

    private OrderDecider(Builder b) {
        this.orderGraph = b.orderGraph;
        this.fulfillmentGraph = b.fulfillmentGraph;
        this.returnGraph = b.returnGraph;
        this.bucketGraph = b.bucketGraph;
        int n = Bucket.count();
        this.bucketMoves = new boolean[n * n];
        for (StateGraph.Transition t : bucketGraph.transitions()) {
            bucketMoves[Bucket.valueOf(t.from()).ordinal() * n + Bucket.valueOf(t.to()).ordinal()] = true;
        }
        this.guards = b.guards.toArray(new GuardEntry[0]);
        this.transitionGuards = b.transitionGuards.toArray(new TransitionGuardEntry[0]);
        OrderStatus[] os = OrderStatus.values();
        this.orderEdges = new boolean[os.length * os.length];
        for (OrderStatus from : os) {
            for (OrderStatus to : os) {
                orderEdges[from.ordinal() * os.length + to.ordinal()] = orderGraph.canTransition(from.name(), to.name());
            }
        }
        FulfillmentStatus[] fs = FulfillmentStatus.values();
        this.fulfillmentEdges = new boolean[fs.length * fs.length];
        this.fulfillmentCategories = new FulfillmentStatus[fs.length];
        for (FulfillmentStatus from : fs) {
            fulfillmentCategories[from.ordinal()] = fulfillmentGraph.categoryOf(from.name()).orElse(null);
            for (FulfillmentStatus to : fs) {
                fulfillmentEdges[from.ordinal() * fs.length + to.ordinal()] =
                        fulfillmentGraph.canTransition(from.name(), to.name());
            }
        }
    }

    /** The decider with the built-in graphs and no guards (one shared instance). */
    public static OrderDecider standard() {
        return STANDARD;
    }

    /** A builder starting from the built-in graphs and no guards. */
    public static Builder builder() {
        return new Builder();
    }

    /** The order lifecycle graph in use. */
    public StateGraph<OrderStatus> orderGraph() {
        return orderGraph;
    }

    /** The fulfillment graph in use. */
    public StateGraph<FulfillmentStatus> fulfillmentGraph() {
        return fulfillmentGraph;
    }

    /** The return graph in use. */
    public StateGraph<ReturnStatus> returnGraph() {
        return returnGraph;
    }

    /** The bucket move graph in use. */
    public StateGraph<Bucket> bucketGraph() {
        return bucketGraph;
    }

    boolean bucketMove(Bucket from, Bucket to) {
        return bucketMoves[from.ordinal() * Bucket.count() + to.ordinal()];
    }

    /**
     * {@code orderGraph().canTransition(from, to.name())}, where {@code fromStatus} is the category stored with
     * {@code from}. When {@code from} is the very name string of a built-in state (as the engine writes it), the
     * answer comes from a table; any other string (a custom state, a name read from JSON) asks the graph.
     */
    boolean orderEdge(String from, OrderStatus fromStatus, OrderStatus to) {
        if (fromStatus != null && from == fromStatus.name()) { // identity on purpose: a cheap exact test
            return orderEdges[fromStatus.ordinal() * ORDER_STATES + to.ordinal()];
        }
        return orderGraph.canTransition(from, to.name());
    }

    /** {@code fulfillmentGraph().canTransition(from, to.name())}; see {@link #orderEdge}. */
    boolean fulfillmentEdge(String from, FulfillmentStatus fromStatus, FulfillmentStatus to) {
        if (fromStatus != null && from == fromStatus.name()) { // identity on purpose: a cheap exact test
            return fulfillmentEdges[fromStatus.ordinal() * fulfillmentCategories.length + to.ordinal()];
        }
        return fulfillmentGraph.canTransition(from, to.name());
    }

    /** {@code fulfillmentGraph().category(state.name())}, from a table. */
    FulfillmentStatus fulfillmentCategory(FulfillmentStatus state) {
        FulfillmentStatus c = fulfillmentCategories[state.ordinal()];
        return c != null ? c : fulfillmentGraph.category(state.name());
    }

    /**
     * Decides a command against an order (see the class documentation for every rule).
     *
     * @param snapshot the order, or null for {@link OrderCommand.Place}
     * @param command the command
     * @return accepted with the new snapshot and its events, or rejected with a code and a message
     * @throws OmsValidationException {@code MISSING_VALUE} if the command is null, or the snapshot is null for
     *     any command but Place
     */
    public Decision decide(OrderSnapshot snapshot, OrderCommand command) {
        if (command == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "command is required");
        }
        Decision.Accepted accepted;
        try {
            if (command instanceof OrderCommand.Place p) {
                if (snapshot != null) {
                    return new Decision.Rejected(OmsErrorCode.DUPLICATE_ID, "order " + snapshot.id()
                            + " already exists");
                }
                accepted = place(p);
            } else {
                if (snapshot == null) {
                    throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "an order snapshot is required for "
                            + command.getClass().getSimpleName());
                }
                // arguments in locals before each allocation: the inlined constructors' stores then follow it
                // directly (no GC write barrier for them)
                Decide d = new Decide(this, snapshot); // run reads the command's time after its cast
                d.run(command);
                OrderSnapshot next = d.toSnapshot();
                List<OrderEvent> events = d.events();
                accepted = new Decision.Accepted(next, events);
            }
        } catch (Refusal r) {
            return r.toDecision();
        } catch (OmsValidationException e) {
            if (snapshot == null && !(command instanceof OrderCommand.Place)) {
                throw e;
            }
            return new Decision.Rejected(e.code(), e.getMessage());
        }
        for (int i = 0, n = guards.length; i < n; i++) {
            GuardEntry g = guards[i];
            if (g.type().isInstance(command)) {
                Optional<String> reason = g.guard().check(snapshot, command);
                if (reason == null) {
                    throw new OmsValidationException(OmsErrorCode.CONFIGURATION, "guard " + g.guard()
                            + " returned null instead of an Optional");
                }
                if (reason.isPresent()) {
                    return new Decision.Rejected(OmsErrorCode.GUARD_REJECTED, reason.get());
                }
            }
        }
        for (int i = 0, n = transitionGuards.length; i < n && !reportsFact(command); i++) {
            TransitionGuardEntry g = transitionGuards[i];
            OrderSnapshot after = accepted.snapshot();
            if (after.status() == g.entering() && (snapshot == null || (snapshot.status() != g.entering()
                    && snapshot.status() != OrderStatus.COMPLETED))) { // an exchange reopening an order: no entering
                Optional<String> reason = g.guard().check(snapshot, command, after);
                if (reason == null) {
                    throw new OmsValidationException(OmsErrorCode.CONFIGURATION, "guard " + g.guard()
                            + " returned null instead of an Optional");
                }
                if (reason.isPresent()) {
                    return new Decision.Rejected(OmsErrorCode.GUARD_REJECTED, reason.get());
                }
            }
        }
        return accepted;
    }

    /**
     * Whether {@code c} records what a provider, a carrier, a screen or a warehouse reported (money that moved, a
     * parcel delivered, goods received): transition guards do not run for it, as refusing it would leave the fact
     * unrecorded (a payment answer pending for good, the money moved all the same).
     */
    private static boolean reportsFact(OrderCommand c) {
        return c instanceof OrderCommand.CompletePayment || c instanceof OrderCommand.RecordAuthorization
                || c instanceof OrderCommand.RecordDecline || c instanceof OrderCommand.RecordCapture
                || c instanceof OrderCommand.RecordVoid || c instanceof OrderCommand.RecordRefund
                || c instanceof OrderCommand.RecordFraudAssessment || c instanceof OrderCommand.ReservationFailed
                || c instanceof OrderCommand.RecordTracking || c instanceof OrderCommand.Deliver
                || c instanceof OrderCommand.FailDelivery || c instanceof OrderCommand.DeclareLost
                || c instanceof OrderCommand.PickedUp || c instanceof OrderCommand.ReceiveReturn
                || c instanceof OrderCommand.InspectReturn;
    }

    private Decision.Accepted place(OrderCommand.Place p) {
        if (p.lines().isEmpty()) {
            throw Decide.refuse(OmsErrorCode.EMPTY_ORDER, "order " + p.orderId() + " has no lines");
        }
        List<LineSpec> specs = p.lines();
        int n = specs.size();
        // small orders: pairwise checks (no hash sets); same first offender, same order of checks
        Set<LineId> ids = n > SMALL_ORDER ? new HashSet<>() : null;
        Set<Sku> skus = n > SMALL_ORDER ? new HashSet<>() : null;
        for (int i = 0; i < n; i++) {
            LineSpec s = specs.get(i);
            if (ids != null ? !ids.add(s.lineId()) : seenLine(specs, i)) {
                throw Decide.refuse(OmsErrorCode.DUPLICATE_ID, "line " + s.lineId() + " appears twice on order "
                        + p.orderId());
            }
            if (skus != null ? !skus.add(s.sku()) : seenSku(specs, i)) {
                throw Decide.refuse(OmsErrorCode.DUPLICATE_SKU_LINE, "SKU " + s.sku() + " appears on two lines of order "
                        + p.orderId());
            }
            if (!s.unitPrice().currency().equals(p.currency())
                    || (s.unitCost() != null && !s.unitCost().currency().equals(p.currency()))) {
                throw Decide.refuse(OmsErrorCode.CURRENCY_MISMATCH, "line " + s.lineId() + " is priced in "
                        + s.unitPrice().currency() + " but order " + p.orderId() + " is in " + p.currency());
            }
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            LineSpec s = specs.get(i);
            long line = s.unitPrice().minorUnits() * s.quantity();
            if (s.unitPrice().minorUnits() != 0 && (line / s.quantity() != s.unitPrice().minorUnits()
                    || line > Long.MAX_VALUE - total)) {
                throw Decide.refuse(OmsErrorCode.INVALID_VALUE, "the total of order " + p.orderId()
                        + " overflows a long of minor units");
            }
            total += line;
        }
        OrderPlaced e = placedEvent(Decide.eventId(p.orderId(), 1, 0), p.orderId(), p.at(), p.channel(),
                p.externalOrderId(), p.idempotencyKey(), p.customer(), p.currency(), p.shipTo(), p.billTo(),
                p.pickupLocation(), p.promisedBy(), p.lines());
        OrderSnapshot placed = Draft.placed(e);
        List<OrderEvent> events = List.of(e);
        return new Decision.Accepted(placed, events);
    }

    /**
     * The OrderPlaced event of a Place; a factory so that its arguments are computed before the allocation, which
     * the inlined constructor's stores then follow directly (no GC write barrier for them).
     */
    private static OrderPlaced placedEvent(EventId eventId, OrderId orderId, Instant at, Channel channel,
                                           String externalOrderId, String idempotencyKey, CustomerId customer,
                                           Currency currency, Address shipTo, Address billTo,
                                           LocationId pickupLocation, Instant promisedBy, List<LineSpec> lines) {
        return new OrderPlaced(eventId, orderId, 1, at, channel, externalOrderId, idempotencyKey, customer, currency,
                shipTo, billTo, pickupLocation, promisedBy, lines);
    }

    private static final int SMALL_ORDER = 16;

    private static boolean seenLine(List<LineSpec> specs, int i) {
        LineId id = specs.get(i).lineId();
        for (int j = 0; j < i; j++) {
            if (specs.get(j).lineId().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean seenSku(List<LineSpec> specs, int i) {
        Sku sku = specs.get(i).sku();
        for (int j = 0; j < i; j++) {
            if (specs.get(j).sku().equals(sku)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Folds events from nothing into a snapshot. The first event must be {@link OrderPlaced}; each event is
     * applied as {@link #apply} does, never re-decided, so imported history replays as it was recorded.
     *
     * @throws OmsValidationException if the list is empty or an event does not fit the order
     */
    public OrderSnapshot replay(List<? extends OrderEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "no events to replay");
        }
        Draft d = new Draft();
        for (OrderEvent e : events) {
            d.apply(Objects.requireNonNull(e, "event"));
        }
        return d.toSnapshot();
    }

    /**
     * One step of the fold. Each event changes exactly what it records; version and {@code updatedAt} become the
     * event's. The units a fulfillment step's event lists move with it: {@code FulfillmentStateChanged} from the
     * bucket of {@code fromStatus} to that of {@code toStatus} (which must be the fulfillment's category, and
     * never out of the fulfillment), {@code FulfillmentCreated} from {@code unitsFrom} to ALLOCATED,
     * {@code FulfillmentShipped} from {@code unitsFrom} (the fulfillment's bucket) to SHIPPED and
     * {@code FulfillmentDelivered} from the fulfillment's bucket to DELIVERED; a null {@code unitsFrom} or empty
     * {@code lines} moves nothing (the units move by their own events). Two effects are
     * derived from the event alone: a {@code LineQuantityMoved} whose reference is a fulfillment id and that takes
     * units out of fulfillment work (from ALLOCATED, RELEASED, PICKED, PACKED or READY_FOR_PICKUP to PENDING,
     * BACKORDERED or CANCELLED) shrinks that fulfillment's line (as do such units of a step's event); a
     * {@code ReturnReceived} that completes every line of an open return makes it RECEIVED.
     * A {@code FulfillmentStateChanged} to PICKED_UP sets {@code deliveredAt}.
     *
     * @param snapshot the order before, or null when {@code event} is {@link OrderPlaced}
     * @throws OmsValidationException if the event does not fit the order
     */
    public OrderSnapshot apply(OrderSnapshot snapshot, OrderEvent event) {
        Objects.requireNonNull(event, "event");
        Draft d = snapshot == null ? new Draft() : new Draft(snapshot);
        d.apply(event);
        return d.toSnapshot();
    }

    /**
     * Builds an {@link OrderDecider} from graphs and guards. Not thread-safe; the built decider is.
     */
    public static final class Builder {
        private StateGraph<OrderStatus> orderGraph = OrderGraphs.orderLifecycle();
        private StateGraph<FulfillmentStatus> fulfillmentGraph = OrderGraphs.fulfillment();
        private StateGraph<ReturnStatus> returnGraph = OrderGraphs.returns();
        private StateGraph<Bucket> bucketGraph = OrderGraphs.buckets();
        private final List<GuardEntry> guards = new ArrayList<>();
        private final List<TransitionGuardEntry> transitionGuards = new ArrayList<>();

        private Builder() {
        }

        /** The order lifecycle graph (custom states allowed). */
        public Builder orderGraph(StateGraph<OrderStatus> graph) {
            this.orderGraph = Objects.requireNonNull(graph, "graph");
            return this;
        }

        /** The fulfillment graph (custom states allowed). */
        public Builder fulfillmentGraph(StateGraph<FulfillmentStatus> graph) {
            this.fulfillmentGraph = Objects.requireNonNull(graph, "graph");
            return this;
        }

        /**
         * The return graph. Transitions may be added or removed; custom states are refused because a return's
         * state is the {@link ReturnStatus} enum.
         */
        public Builder returnGraph(StateGraph<ReturnStatus> graph) {
            this.returnGraph = noCustomStates(graph);
            return this;
        }

        /** The legal bucket moves. Moves may be added or removed; custom buckets are refused. */
        public Builder bucketGraph(StateGraph<Bucket> graph) {
            this.bucketGraph = noCustomStates(graph);
            return this;
        }

        /** A guard run for every command. */
        public Builder guard(Guard guard) {
            return guard(OrderCommand.class, guard);
        }

        /**
         * A guard run for commands of {@code type} (and its subtypes). A guard sees commands, not their effects: a
         * {@code CancelLine} of a line's last open units cancels the order too, and an accepted payment or fraud
         * command may confirm it; a host guarding an effect (cancellation, confirmation) registers a
         * {@link #guardEntering} guard instead.
         */
        public Builder guard(Class<? extends OrderCommand> type, Guard guard) {
            guards.add(new GuardEntry(Objects.requireNonNull(type, "type"), Objects.requireNonNull(guard, "guard")));
            return this;
        }

        /**
         * A guard run for every decision of the host's that brings the order into {@code status} (its status
         * category: a custom state counts as its category) from another status, whatever the command: entering
         * {@link OrderStatus#CANCELLED}, say, by {@code CancelOrder} or by the {@code CancelLine} of the last open
         * units. Not for commands that record what a provider, a carrier or a warehouse reported (payment answers,
         * the fraud screen, tracking, delivery, pickup, loss, received and inspected returns): what they bring about
         * (a confirmation, a completion, a rejection) always happens; a host that wants an order to wait places a
         * hold. An exchange reopening a completed order does not count as entering {@code CONFIRMED}. It runs after
         * the command guards; see {@link TransitionGuard}.
         */
        public Builder guardEntering(OrderStatus status, TransitionGuard guard) {
            transitionGuards.add(new TransitionGuardEntry(Objects.requireNonNull(status, "status"),
                    Objects.requireNonNull(guard, "guard")));
            return this;
        }

        /** The decider. */
        public OrderDecider build() {
            return new OrderDecider(this);
        }

        private static <C extends Enum<C>> StateGraph<C> noCustomStates(StateGraph<C> graph) {
            Objects.requireNonNull(graph, "graph");
            for (String s : graph.states()) {
                if (graph.isCustom(s)) {
                    throw new IllegalArgumentException("the " + graph.name() + " graph cannot have custom state " + s);
                }
            }
            return graph;
        }
    }

    @Override
    public String toString() {
        return "OrderDecider[" + orderGraph + ", " + fulfillmentGraph + ", " + guards.length + " guards, "
                + transitionGuards.length + " transition guards]";
    }
}
