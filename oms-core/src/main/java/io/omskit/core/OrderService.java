package io.omskit.core;

import io.omskit.spi.DuplicateIdempotencyKeyException;
import io.omskit.spi.InventoryException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.OrderNotFoundException;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.ReturnLine;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import io.omskit.spi.model.internal.FrozenList;
import io.omskit.spi.port.Allocation;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.FraudScreener;
import io.omskit.spi.port.FulfillmentRouter;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationDirectory;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingOptions;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import io.omskit.spi.port.ShipmentRequest;
import io.omskit.spi.port.ShippingLabel;
import io.omskit.spi.port.StockLevel;
import io.omskit.spi.port.TrackingEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order engine: the imperative shell around the pure {@link OrderDecider}. Each method loads the order,
 * calls the ports it needs, decides, saves the new snapshot and events under the expected version, and
 * publishes the events to listeners after the commit. Build one with {@link Oms#builder()}.
 *
 * <p>Thread-safe: it holds no mutable state of its own besides the listener list and a lossy memo of the
 * reservation ids it saw accepted (which only spares {@link #release} a repeat of such a reservation); concurrent
 * commands on one order are serialised by the {@link OrderStore}'s version check, and a stale save is retried from a
 * fresh load up to {@link EngineConfig#maxAttempts()} times before a {@link StaleOrderException} with
 * {@link OmsErrorCode#CONCURRENT_MODIFICATION}. Within one method, a step decides on the snapshot the previous
 * step loaded or saved rather than loading it again: its save still names the version decided on, so a write
 * from elsewhere in between makes it stale and it is retried from a fresh load, exactly as before; an outcome
 * that is not saved (nothing to do, or a rejection) is confirmed against a fresh load first.
 *
 * <h2>Crash safety</h2>
 * Every external call carries a key derived from the order and the step (for example
 * {@code <order>:label:<fulfillment>}) and every inventory operation an id derived from the event that caused
 * it. The saved order (its snapshot and events) is the journal: {@link #resume} looks at it and repeats whatever
 * may not have happened (a reservation, a release of stock, a consumption, a restock, a payment call), and the
 * providers' idempotency makes each repeat a no-op when the first attempt did happen.
 *
 * <p>Payment calls are written ahead. Before calling the {@link PaymentGateway}, the engine saves the call in the
 * order as a pending {@link io.omskit.spi.model.PaymentRequest} (type, amount, target, a new key
 * {@code <order>:<kind>:<version>}; event {@code PaymentRequested}) under the same version check as every save, then
 * calls the provider with exactly that key and amount and records the answer, which completes the request
 * ({@code PaymentRequestCompleted}, with the ledger event of an approval). Every money decision (authorize,
 * capture, settle after a cancellation, refund a return) counts the pending requests (refundable = captured -
 * refunded - pending refunds; capturable = authorized - voided - captured - pending captures and voids) and first
 * completes them by repeating them exactly; {@link #resume} does so in every status, CANCELLED and REJECTED
 * included. So a call whose answer was lost, or that is still in flight on another thread or engine instance, is
 * never made again under another key or amount: two deciders racing on one snapshot cannot both request from it
 * (the loser's save is stale; it decides again and sees the winner's request), and a lost answer is recovered by
 * the next money decision whatever changed on the order meanwhile. A pending request whose repeat fails again
 * ({@link io.omskit.spi.ProviderException}) stays pending, and the command fails; a later command or
 * {@code resume} completes it. Two engines completing the same request may both call the provider with its key,
 * at the same time: the provider's idempotency (R4.1) must answer both with the one outcome.
 *
 * <p>So an order can be re-driven after a crash at any point without charging, reserving, labelling or
 * restocking anything twice, and concurrent commands on one order cannot move its money twice.
 *
 * <p>Not covered: a provider that forgets idempotency keys (some expire them after a day) while a request is
 * pending would move the money again when the request is repeated later; and calls made by an engine built before
 * write-ahead (keys such as {@code <order>:auth} or {@code <order>:settle:...}) whose answers were lost are unknown
 * to this one, which decides again under new keys: drain such orders ({@link #resume} on the old build) before
 * upgrading. A declined capture, void or refund is asked again, under a new key, by the next money decision
 * (no back-off). What a closed order leaves authorized and not captured is voided when it closes (a completed
 * order too). An exchange's returned goods pay for its replacement; a difference in value is charged (a dearer
 * replacement, from the exchange on; a return that comes back only in part) or refunded (a cheaper replacement, when
 * the return closes), and a replacement kept while its return is rejected is charged at its price ({@link #exchange},
 * {@link #retryAuthorization}). While an order owes more than its authorizations cover, its replacement units are
 * neither routed nor released until it is paid ({@link #route}, {@link #release}; {@link EngineConfig#routeWhileOwed}
 * lets them go).
 */
public final class OrderService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    private final Clock clock;
    private final OrderStore orders;
    private final InventoryStore inventory;
    private final LocationDirectory locations;
    private final PaymentGateway payments;
    private final FraudScreener fraud;
    private final CarrierGateway carriers;
    private final FulfillmentRouter router;
    private final OrderDecider decider;
    private final EngineConfig config;
    /** The routing options of every request (the config is immutable): one value, not one per request. */
    private final RoutingOptions routingOptions;
    private final EventListeners listeners = new EventListeners();
    /** Reservation ids this engine saw accepted lately (a lossy memo: a miss only means one more repeat). */
    private final RecentIds reserved = new RecentIds(1024);

    OrderService(Clock clock, OrderStore orders, InventoryStore inventory, LocationDirectory locations,
                 PaymentGateway payments, FraudScreener fraud, CarrierGateway carriers, FulfillmentRouter router,
                 OrderDecider decider, EngineConfig config) {
        this.clock = clock;
        this.orders = orders;
        this.inventory = inventory;
        this.locations = locations;
        this.payments = payments;
        this.fraud = fraud;
        this.carriers = carriers;
        this.router = router;
        this.decider = decider;
        this.config = config;
        this.routingOptions = new RoutingOptions(true, config.maxShipments(), true);
        LOG.info("omskit engine ready: capture {}, routing {}, {} attempts", config.capturePolicy(),
                config.routingStrategy(), config.maxAttempts());
        if (EngineConfig.MIN_COST.equals(config.routingStrategy()) && config.costModel().unfilledPenaltyPerUnit() == 0) {
            LOG.warn("routing min_cost with an unfilled penalty of 0: omskit's router backorders every unit, since the "
                    + "engine routes with partial plans allowed (see EngineConfig's cost model)");
        }
    }

    // =============================================================================== queries and listeners

    /** The order's latest snapshot. */
    public Optional<OrderSnapshot> find(OrderId orderId) {
        return orders.load(Checks.present(orderId, "order id"));
    }

    /** The order's latest snapshot, or {@link OrderNotFoundException}. */
    public OrderSnapshot get(OrderId orderId) {
        return find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId.value()));
    }

    /** The order's events, oldest first; empty for an order the store does not know (no {@code ORDER_NOT_FOUND}). */
    public List<OrderEvent> history(OrderId orderId) {
        return orders.events(Checks.present(orderId, "order id"));
    }

    /**
     * Registers a listener called with the events of every committed command, after the commit, on the
     * calling thread. A throwing listener is logged at WARN and changes nothing.
     */
    public Registration onEvents(Consumer<? super OrderEvent> listener) {
        return listeners.register(listener);
    }

    /** The configuration. */
    public EngineConfig config() {
        return config;
    }

    // =============================================================================== 1 capture

    /**
     * Captures an order. Idempotent: a request whose key was seen before returns the original order and
     * creates nothing (also when two such requests race). SKUs are not checked against the inventory: units of a
     * SKU no location stocks (a new product, stock still to arrive) wait as backordered when the order is routed.
     *
     * @throws OmsValidationException {@code UNKNOWN_LOCATION} for a pickup location the directory does not know,
     *     {@code INVALID_VALUE} for one that takes no pickups (nothing stored)
     */
    public OrderSnapshot place(PlaceOrder request) {
        Checks.present(request, "place order request");
        String key = request.effectiveIdempotencyKey();
        Optional<OrderId> existing = orders.findByIdempotencyKey(key);
        if (existing.isPresent()) {
            LOG.debug("order {}: duplicate capture, returning the original", existing.get());
            return get(existing.get());
        }
        checkPickupStore(request.pickupLocation());
        OrderCommand.Place place = new OrderCommand.Place(request.orderId(), request.channel(),
                request.externalOrderId(), key, request.customer(), request.currency(), request.shipTo(),
                request.billTo(), request.pickupLocation(), request.promisedBy(), request.lines(), now());
        Decision.Accepted accepted = accept(request.orderId().value(), decider.decide(null, place));
        try {
            orders.save(accepted.snapshot(), 0, accepted.events());
        } catch (DuplicateIdempotencyKeyException e) {
            LOG.debug("order {}: lost a capture race, returning order {}", request.orderId(), e.existingOrderId());
            return get(OrderId.of(e.existingOrderId()));
        } catch (StaleOrderException e) {
            // an order with this id exists already: the same capture retried, or another order reusing the id
            OrderSnapshot holder = get(request.orderId());
            if (!holder.idempotencyKey().equals(key)) {
                throw new CommandRejectedException(request.orderId().value(), OmsErrorCode.DUPLICATE_ID,
                        "order id already used by another capture");
            }
            return holder;
        }
        publish(accepted.events());
        LOG.debug("order {}: placed with {} lines", request.orderId(), request.lines().size());
        return accepted.snapshot();
    }

    // =============================================================================== 2 verification

    /**
     * Verifies a placed order: authorizes what it charges (a payment request written ahead, key
     * {@code <order>:auth:<version>}) and screens it for fraud (not an order the host confirmed already with
     * {@link #confirm}: screening comes before confirmation). A decline rejects the order (one the host confirmed
     * stays confirmed and unpaid: see {@link #retryAuthorization}); a fraud review puts a
     * hold; a fraud reject rejects the order and voids its authorization. When the order is confirmed and the
     * capture policy is {@link CapturePolicy#AT_CONFIRMATION}, captures. Pending payment requests are completed
     * first, on a closed order too (which then settles: an authorization whose answer was lost is voided).
     */
    public OrderSnapshot verify(OrderId orderId) {
        OrderSnapshot order = completePendingAndSettle(get(orderId));
        if (order.status().terminal()) {
            // a repeat finishes the void of a closed order's authorization if a crash cut it short
            return settle(order);
        }
        if (authorizationDue(order, false)) {
            order = authorize(order, false);
        }
        // screening happens before confirmation (the decider refuses it after): an order the host confirmed itself
        // is authorized, not screened
        if (unconfirmed(order) && order.fraud() == null) {
            var assessment = fraud.screen(order);
            order = execute(orderId, order, o -> o.fraud() != null || !unconfirmed(o) ? null
                    : new OrderCommand.RecordFraudAssessment(assessment, now()));
        }
        return order.status() == OrderStatus.REJECTED ? settle(order) : captureIfDue(order);
    }

    /**
     * Asks the payment provider for an authorization the order needs and verification will not ask for: a new
     * payment request written ahead (key {@code <order>:auth:<version>}), then a capture if the policy makes one due
     * (under {@link CapturePolicy#AT_SHIPMENT}, of what shipped meanwhile). Two cases:
     * <ul>
     *   <li>an order the host confirmed itself (with {@link #confirm}) whose authorization was declined: it stays
     *       confirmed and unpaid, as its fulfilment may go on; this asks again for what it charges, for example once
     *       the customer changed the card;</li>
     *   <li>a confirmed order that owes more than its authorizations cover: an exchange for a dearer replacement
     *       whose difference was declined when {@link #exchange} asked for it, one whose replacement the customer
     *       keeps while the return was rejected (the replacement units not cancelled with the return are then
     *       charged at their price), or one closed as an exchange when part of its return never came (the
     *       replacement beyond the goods returned is charged); this asks for the difference.</li>
     * </ul>
     * {@link #verify} and {@link #resume} never ask again by themselves. Every call while the card is declined is one
     * more attempt (a request left pending by a crash is completed first, and asked again if that is declined);
     * once the authorization succeeded a repeat changes nothing. On any other order the same as {@link #verify} (a
     * decline at verification rejects the order, for good).
     */
    public OrderSnapshot retryAuthorization(OrderId orderId) {
        OrderSnapshot order = completePendingAndSettle(get(orderId));
        if (!authorizationDue(order, true) && shortfall(order) <= 0) {
            return verify(orderId);
        }
        return settleIfCompleted(captureIfDue(authorize(order, true)));
    }

    /**
     * What a confirmed order owes beyond its authorizations, in minor units (0 while an authorization is pending or
     * none succeeded): what is chargeable, plus the refunds it reflects, less what was authorized and not voided.
     */
    private long shortfall(OrderSnapshot o) {
        if (o.status() != OrderStatus.CONFIRMED || !hasTransaction(o, TransactionType.AUTHORIZATION)
                || pending(o, TransactionType.AUTHORIZATION) > 0) {
            return 0;
        }
        long covered = OrderViews.sum(o.payments(), TransactionType.AUTHORIZATION)
                - OrderViews.sum(o.payments(), TransactionType.VOID) - pending(o, TransactionType.VOID);
        return minus(plus(chargeable(o), reflectedRefunds(o)), covered);
    }

    /**
     * The refunds made or pending that {@link #chargeable} already counts, in minor units: all of them but those
     * of returns not (yet) closed with a refund, whose units chargeable still counts (a refund is made before its
     * return closes, and a crash or a lost answer may come in between).
     */
    private long reflectedRefunds(OrderSnapshot o) {
        long refunded = OrderViews.sum(o.payments(), TransactionType.REFUND) + pending(o, TransactionType.REFUND);
        if (refunded == 0) {
            return 0;
        }
        for (OrderReturn r : o.returns()) {
            if (r.resolution() != Resolution.REFUND) {
                refunded -= refundedFor(o, r.id());
            }
        }
        return refunded;
    }

    /**
     * Authorizes what {@code order} charges or, {@code retry}, what it owes beyond its authorizations (see
     * {@link #retryAuthorization}), unless (reloaded) it no longer needs it: a request written ahead.
     */
    private OrderSnapshot authorize(OrderSnapshot order, boolean retry) {
        return writeAhead(order.id(), order, o -> {
            // what the engine will charge (not the decider's amount due, which counts an open exchange's returned
            // units and replacements both, and leaves out received units a refund has not closed yet)
            long amount = authorizationDue(o, retry) ? chargeable(o) : retry ? shortfall(o) : 0;
            return amount <= 0 ? List.of() : List.of(new OrderCommand.PaymentCall(TransactionType.AUTHORIZATION,
                    new Money(amount, o.currency()), null, null));
        });
    }

    /**
     * Whether the order needs an authorization: it is open, nothing is authorized or being authorized, and no
     * authorization was declined; or, {@code afterDecline}, it is a confirmed order whose authorization was.
     */
    private static boolean authorizationDue(OrderSnapshot o, boolean afterDecline) {
        return !o.status().terminal() && !hasTransaction(o, TransactionType.AUTHORIZATION)
                && pending(o, TransactionType.AUTHORIZATION) == 0
                && (afterDecline ? o.status() == OrderStatus.CONFIRMED && declined(o) : !declined(o));
    }

    private static boolean unconfirmed(OrderSnapshot o) {
        return o.status() == OrderStatus.PLACED || o.status() == OrderStatus.IN_REVIEW;
    }

    /** Puts a hold on the order. */
    public OrderSnapshot placeHold(OrderId orderId, HoldId holdId, HoldType type, String reason, String actor) {
        return execute(orderId, o -> new OrderCommand.PlaceHold(holdId, type, reason, actor, null, now()));
    }

    /** Releases a hold; if that confirms the order, captures per policy. */
    public OrderSnapshot releaseHold(OrderId orderId, HoldId holdId, String actor) {
        return captureIfDue(execute(orderId, o -> o.holds().stream().noneMatch(h -> h.id().equals(holdId))
                && !o.status().terminal() && wasHeld(orderId, holdId) ? null
                : new OrderCommand.ReleaseHold(holdId, actor, now())));
    }

    /**
     * Confirms the order explicitly (for orders verified outside omskit), then captures per policy. On an order
     * already confirmed (or completed) it changes nothing but completes what a failed call left pending (a repeat
     * after the capture's provider call failed).
     */
    public OrderSnapshot confirm(OrderId orderId, String actor) {
        return captureIfDue(execute(orderId, o -> o.status() == OrderStatus.CONFIRMED
                || o.status() == OrderStatus.COMPLETED ? null : new OrderCommand.Confirm(actor, now())));
    }

    // =============================================================================== 3-4 inventory and routing

    /**
     * Routes the order's PENDING units: asks the router for a plan over every location with its stock,
     * allocates (saving the planned fulfillments first, so that the order is the journal), then reserves the
     * stock of each fulfillment (reservation id {@code <order>/<fulfillment>}). Units the plan cannot fill
     * are backordered; a fulfillment whose reservation is refused (another order took the stock meanwhile)
     * is cancelled and its units backordered.
     *
     * <p>An order with replacement units to route that owes more than its authorizations cover (a dearer
     * exchange's difference declined, or asked for and not answered yet) is not routed: its units stay PENDING,
     * unreserved, until {@link #retryAuthorization} covers what it owes or the host cancels the units it owes for, so
     * that nothing ships unpaid ({@link EngineConfig#routeWhileOwed} routes it anyway). While it waits, the order's
     * other units to route wait too; an order that owes only for units it has already (a replacement kept while its
     * return was rejected) routes the units it paid for.
     *
     * @throws CommandRejectedException {@code UNKNOWN_STRATEGY} when the router does not know the configured
     *     strategy (nothing changes; the same for {@link #fillBackorders})
     */
    public OrderSnapshot route(OrderId orderId) {
        OrderSnapshot order = get(orderId);
        if (order.units(Bucket.PENDING) == 0 || order.status() != OrderStatus.CONFIRMED || waitsForMoney(order)) {
            return order;
        }
        int attempts = 0;
        OrderSnapshot current = order; // the first attempt decides on the snapshot just loaded
        while (true) {
            if (current == null) {
                current = get(orderId);
                if (waitsForMoney(current)) {
                    return current;
                }
            }
            if (current.units(Bucket.PENDING) == 0) {
                return current;
            }
            List<OrderCommand.PlannedFulfillment> planned = plan(current, Bucket.PENDING);
            Decision decision = decider.decide(current, new OrderCommand.Allocate(planned, now()));
            Decision.Accepted accepted = accept(orderId.value(), decision);
            try {
                orders.save(accepted.snapshot(), current.version(), accepted.events());
            } catch (StaleOrderException e) {
                if (++attempts >= config.maxAttempts()) {
                    throw exhausted(orderId, e);
                }
                current = null;
                continue;
            }
            publish(accepted.events());
            return reserveAll(orderId, accepted.snapshot(), accepted.events());
        }
    }

    /**
     * Whether the order's units wait for money before they are routed (unless {@link EngineConfig#routeWhileOwed}):
     * replacement units are still to be routed (PENDING or BACKORDERED: the only units an authorization at
     * verification did not pay for) and the order owes more than its authorizations cover ({@code shortfall}), or an
     * authorization of a confirmed order that had one already is in flight (a difference asked for whose answer is not
     * known yet). An order that owes only for units it has (a replacement kept while its return was rejected) routes
     * the units it paid for.
     */
    private boolean waitsForMoney(OrderSnapshot o) {
        if (config.routeWhileOwed() || o.status() != OrderStatus.CONFIRMED || !replacementToRoute(o) || !owesMore(o)) {
            return false;
        }
        LOG.debug("order {}: not routed while it owes more than its authorizations cover", o.id());
        return true;
    }

    /**
     * Whether an order that had an authorization owes more than its authorizations cover ({@code shortfall}) or asks
     * for more (an authorization in flight, whose answer is not known yet).
     */
    private boolean owesMore(OrderSnapshot o) {
        return hasTransaction(o, TransactionType.AUTHORIZATION)
                && (pending(o, TransactionType.AUTHORIZATION) > 0 || shortfall(o) > 0);
    }

    /**
     * Whether fulfillment {@code f} carries replacement units (an exchange's line) while the order owes more than its
     * authorizations cover or asks for more (unless {@link EngineConfig#routeWhileOwed}): a replacement allocated
     * before its return was rejected, say, is then charged at its price and not released until that is covered.
     */
    private boolean unpaidReplacement(OrderSnapshot o, Fulfillment f) {
        if (config.routeWhileOwed() || o.status() != OrderStatus.CONFIRMED) {
            return false;
        }
        boolean replacement = false; // most orders have no replacement line: one pass over the lines, no lookups
        List<OrderLine> lines = o.lines(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = lines.size(); k < size && !replacement; k++) {
            OrderLine line = lines.get(k);
            replacement = line.exchangeFor() != null && f.quantityOf(line.id()) > 0;
        }
        return replacement && owesMore(o);
    }

    /** Whether a replacement line (an exchange's) has units PENDING or BACKORDERED. */
    private static boolean replacementToRoute(OrderSnapshot o) {
        List<OrderLine> lines = o.lines(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = lines.size(); k < size; k++) {
            OrderLine line = lines.get(k);
            if (line.exchangeFor() != null && line.in(Bucket.PENDING) + line.in(Bucket.BACKORDERED) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Routes the order's BACKORDERED units again (stock arrived): each new fulfillment moves units
     * BACKORDERED to ALLOCATED and reserves its stock. Like {@link #route}, not while the order owes more than its
     * authorizations cover.
     */
    public OrderSnapshot fillBackorders(OrderId orderId) {
        OrderSnapshot current = get(orderId);
        int attempts = 0;
        int rounds = current.units(Bucket.BACKORDERED) + config.maxAttempts(); // each round fills a unit or fails
        // one fulfillment per round, planned on a fresh snapshot: a concurrent writer makes the save stale and
        // the round is planned again, so no backordered unit is skipped silently
        while (current.status() == OrderStatus.CONFIRMED && current.units(Bucket.BACKORDERED) > 0
                && !waitsForMoney(current) && rounds-- > 0) {
            List<OrderCommand.PlannedFulfillment> planned = plan(current, Bucket.BACKORDERED);
            if (planned.isEmpty()) {
                return current;
            }
            Decision.Accepted accepted = accept(orderId.value(),
                    decider.decide(current, new OrderCommand.FillBackorder(planned.get(0), now())));
            try {
                orders.save(accepted.snapshot(), current.version(), accepted.events());
            } catch (StaleOrderException e) {
                if (++attempts >= config.maxAttempts()) {
                    throw exhausted(orderId, e);
                }
                current = get(orderId);
                continue;
            }
            publish(accepted.events());
            current = reserveAll(orderId, accepted.snapshot(), accepted.events());
        }
        return current;
    }

    /**
     * The routing plan the engine would use now for the order's PENDING units (or, when none is pending, its
     * BACKORDERED ones), with its cost and explanation; allocates nothing. Routing is deterministic, so
     * {@link #route} right after uses the same plan (unless the order waits for money it owes: then {@code route}
     * leaves it as it is).
     */
    public RoutingPlan previewRouting(OrderId orderId) {
        OrderSnapshot order = get(orderId);
        return router.route(routingRequest(order, order.units(Bucket.PENDING) > 0 ? Bucket.PENDING : Bucket.BACKORDERED));
    }

    /**
     * The routing request for the order's units in {@code from}: its demand per SKU, and every location it may
     * go from with its stock of those SKUs. The stock is read with one {@link InventoryStore#levels} call per
     * SKU (not one call per SKU and location); a location with no record of a SKU is listed with 0 of it.
     */
    private RoutingRequest routingRequest(OrderSnapshot order, Bucket from) {
        List<OrderLine> orderLines = order.lines();
        Sku[] skus = new Sku[orderLines.size()];
        int[] wanted = new int[skus.length];
        int n = 0;
        for (OrderLine line : orderLines) {
            int units = line.in(from);
            if (units > 0) {
                int i = indexOf(skus, n, line.sku());
                if (i < 0) {
                    skus[n] = line.sku();
                    wanted[n++] = units;
                } else {
                    wanted[i] += units;
                }
            }
        }
        @SuppressWarnings("unchecked") // no generic array creation in Java; every element is a levels map
        Map<LocationId, StockLevel>[] levels = (Map<LocationId, StockLevel>[]) new Map<?, ?>[n];
        for (int i = 0; i < n; i++) {
            levels[i] = inventory.levels(skus[i]);
        }
        List<Location> all = locations.all();
        // the candidates and lines as arrays the request's lists wrap (FrozenList: its list checks keep them without
        // the copy an ArrayList would get); each array is written here only, and holds no null
        CandidateLocation[] candidates = new CandidateLocation[all.size()];
        int c = 0;
        int[] reserved = new int[n];
        Sku[] reservedSkus = new Sku[n];
        // a location with the same units of these SKUs as the last one listed shares its map (stores often have
        // none of a rare SKU): maps are immutable values
        int[] units = new int[n];
        int[] lastUnits = new int[n];
        Map<Sku, Integer> lastStock = null;
        for (Location location : all) {
            boolean pickupHere = location.id().equals(order.pickupLocation());
            if (order.pickupLocation() != null ? !pickupHere : !location.ships()) {
                continue;
            }
            int r = 0;
            boolean same = lastStock != null;
            for (int i = 0; i < n; i++) {
                StockLevel level = levels[i].get(location.id());
                units[i] = level == null ? 0 : level.onHand();
                same &= units[i] == lastUnits[i];
                if (level != null && level.reserved() > 0) {
                    reservedSkus[r] = skus[i];
                    reserved[r++] = level.reserved();
                }
            }
            if (!same) {
                lastStock = immutableMap(skus, units, n);
                int[] t = lastUnits;
                lastUnits = units;
                units = t;
            }
            candidates[c++] = new CandidateLocation(location.id(), location.position(), location.priority(),
                    location.enabled(), location.pickup(), lastStock,
                    immutableMap(reservedSkus, reserved, r), location.safetyStock(),
                    location.unitCost(), location.shipmentFixedCost(), location.capacityUnits());
        }
        RoutingLine[] lines = new RoutingLine[n];
        for (int i = 0; i < n; i++) {
            lines[i] = new RoutingLine(skus[i], wanted[i]);
        }
        var destination = order.shipTo() == null ? null : order.shipTo().position();
        // a pickup order's store must take pickups: one that does not is excluded (the plan says the pickup location
        // is unavailable and why; the order waits as backordered)
        Set<LocationId> excluded = order.pickupLocation() != null && !takesPickups(all, order.pickupLocation())
                ? Set.of(order.pickupLocation()) : Set.of();
        return new RoutingRequest(config.routingStrategy(), FrozenList.wrap(candidates, c), FrozenList.wrap(lines),
                destination, excluded, order.pickupLocation(), routingOptions, config.costModel());
    }

    /**
     * A new pickup order's store must be in the directory ({@code UNKNOWN_LOCATION}) and take pickups
     * ({@code INVALID_VALUE}); nothing is stored otherwise. A store that stops taking pickups later is left out when
     * the order is routed.
     */
    private void checkPickupStore(LocationId store) {
        if (store == null) {
            return;
        }
        if (!known(store, "pickup location ").pickup()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "pickup location " + store
                    + " takes no pickups");
        }
    }

    private static boolean takesPickups(List<Location> all, LocationId id) {
        for (Location l : all) {
            if (l.id().equals(id)) {
                return l.pickup();
            }
        }
        return true; // not in the directory: the router says the pickup location is not among the candidates
    }

    private static int indexOf(Sku[] skus, int n, Sku sku) {
        for (int i = 0; i < n; i++) {
            if (skus[i].equals(sku)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first {@code n} keys and values as an immutable map, built directly for small sizes (routing candidates'
     * stock, quantities of stock effects): a {@link CandidateLocation} would copy any other map, and
     * {@link Map#copyOf} of an immutable one is free.
     */
    private static Map<Sku, Integer> immutableMap(Sku[] k, int[] v, int n) {
        switch (n) {
            case 0:
                return Map.of();
            case 1:
                return Map.of(k[0], v[0]);
            case 2:
                return Map.of(k[0], v[0], k[1], v[1]);
            case 3:
                return Map.of(k[0], v[0], k[1], v[1], k[2], v[2]);
            case 4:
                return Map.of(k[0], v[0], k[1], v[1], k[2], v[2], k[3], v[3]);
            default:
                Map<Sku, Integer> m = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(k[i], v[i]);
                }
                return Map.copyOf(m);
        }
    }

    private List<OrderCommand.PlannedFulfillment> plan(OrderSnapshot order, Bucket from) {
        RoutingPlan plan = router.route(routingRequest(order, from));
        if (LOG.isDebugEnabled()) {
            LOG.debug("order {}: routing {} -> {} with {} shipments", order.id(), config.routingStrategy(),
                    plan.status(), plan.shipments());
        }
        if (plan.status() == PlanStatus.REJECTED) {
            if (plan.error() != null && plan.error().code() == OmsErrorCode.UNKNOWN_STRATEGY) {
                // a wiring mistake, not a shortage: backordering every order would hide it
                LOG.warn("order {}: the router does not know the configured strategy {}: {}", order.id(),
                        config.routingStrategy(), plan.error().message());
                throw new CommandRejectedException(order.id().value(), OmsErrorCode.UNKNOWN_STRATEGY,
                        "the router does not know routing strategy " + config.routingStrategy()
                                + " (EngineConfig.routingStrategy): " + plan.error().message());
            }
            return List.of(); // no stock the plan may use: the units wait as backordered
        }
        // group the plan's rows per location (in order of first appearance), then spread each SKU's units over
        // the lines holding them; plans have a handful of rows, so small arrays and linear searches do
        List<Allocation> rows = plan.allocations();
        List<LocationId> byLocation = new ArrayList<>(2);
        for (Allocation a : rows) {
            if (!byLocation.contains(a.location())) {
                byLocation.add(a.location());
            }
        }
        List<OrderLine> lines = order.lines();
        int[] left = new int[lines.size()];
        for (int i = 0; i < left.length; i++) {
            left[i] = lines.get(i).in(from);
        }
        Sku[] skus = new Sku[rows.size()];
        int[] wanted = new int[rows.size()];
        List<OrderCommand.PlannedFulfillment> planned = new ArrayList<>(byLocation.size());
        int next = order.fulfillments().size() + 1;
        for (LocationId location : byLocation) {
            int n = 0;
            for (Allocation a : rows) {
                if (a.location().equals(location)) {
                    int k = indexOf(skus, n, a.sku());
                    if (k < 0) {
                        skus[n] = a.sku();
                        wanted[n++] = a.quantity();
                    } else {
                        wanted[k] += a.quantity();
                    }
                }
            }
            List<FulfillmentLine> fl = new ArrayList<>(lines.size());
            for (int i = 0; i < left.length; i++) {
                OrderLine line = lines.get(i);
                int k = indexOf(skus, n, line.sku());
                if (k < 0 || wanted[k] == 0 || left[i] == 0) {
                    continue;
                }
                int take = Math.min(wanted[k], left[i]);
                fl.add(new FulfillmentLine(line.id(), take));
                left[i] -= take;
                wanted[k] -= take;
            }
            if (!fl.isEmpty()) {
                FulfillmentId fid = fulfillmentId(next++);
                planned.add(new OrderCommand.PlannedFulfillment(fid, location, order.pickupLocation() != null, fl,
                        reservationId(order.id(), fid)));
            }
        }
        return planned;
    }

    /** The ids of an order's first fulfillments, shared by every order (values: one instance each, not one per order). */
    private static final FulfillmentId[] FULFILLMENT_IDS = new FulfillmentId[16];

    static {
        for (int i = 1; i < FULFILLMENT_IDS.length; i++) {
            FULFILLMENT_IDS[i] = FulfillmentId.of("F" + i);
        }
    }

    /** {@code F<n>}, the id of an order's n-th fulfillment (from 1). */
    private static FulfillmentId fulfillmentId(int n) {
        return n > 0 && n < FULFILLMENT_IDS.length ? FULFILLMENT_IDS[n] : FulfillmentId.of("F" + n);
    }

    private static String reservationId(OrderId orderId, FulfillmentId fid) {
        return orderId.value() + "/" + fid.value();
    }

    /**
     * Reserves the stock of every fulfillment created by {@code events}; refusals become ReservationFailed.
     * {@code saved} is the snapshot the events were saved with (or a later one).
     */
    private OrderSnapshot reserveAll(OrderId orderId, OrderSnapshot saved, List<OrderEvent> events) {
        OrderSnapshot order = null;
        for (OrderEvent event : events) {
            if (event instanceof FulfillmentCreated created && created.reservationId() != null) {
                order = reserve(orderId, order != null ? order : saved, created);
            }
        }
        return order != null ? order : get(orderId);
    }

    /**
     * Reserves the stock of one created fulfillment. {@code known} is any snapshot saved at or after the
     * fulfillment's creation, or null: it only maps the fulfillment's lines to SKUs, which never change.
     */
    private OrderSnapshot reserve(OrderId orderId, OrderSnapshot known, FulfillmentCreated created) {
        Map<Sku, Integer> quantities = skuQuantities(known != null ? known : get(orderId), created.lines());
        ReservationResult result = inventory.reserve(created.reservationId(), created.location(), quantities);
        if (result.reserved()) {
            OrderSnapshot now = get(orderId);
            Optional<Fulfillment> f = now.fulfillment(created.fulfillmentId());
            if (f.isPresent() && !f.get().lines().equals(created.lines())) {
                // units left the fulfillment before its stock was reserved (a cancel raced the reservation):
                // their releases found nothing to release then, so apply them again now (idempotent by event id)
                applyStockEffects(orderId, now, history(orderId));
            }
            reserved.remember(created.reservationId());
            return now;
        }
        LOG.debug("order {}: reservation {} refused, backordering", orderId, created.fulfillmentId());
        return execute(orderId, o -> o.fulfillment(created.fulfillmentId())
                .filter(f -> f.status() == FulfillmentStatus.PLANNED).isEmpty() ? null
                : new OrderCommand.ReservationFailed(created.fulfillmentId(), now()));
    }

    private static Map<Sku, Integer> skuQuantities(OrderSnapshot order, List<FulfillmentLine> lines) {
        int size = lines.size();
        Sku[] skus = new Sku[size];
        int[] units = new int[size];
        int n = 0;
        for (int j = 0; j < size; j++) {
            FulfillmentLine l = lines.get(j);
            n = add(skus, units, n, order.line(l.lineId()).orElseThrow().sku(), l.quantity());
        }
        return immutableMap(skus, units, n);
    }

    // =============================================================================== 5 pick and pack

    /**
     * Releases a planned fulfillment to its location (refused while a hold is active). Its stock reservation is
     * settled first: route and fillBackorders reserve right after saving the plan, and a host that releases in
     * between (a listener of {@code FulfillmentCreated}, another engine instance, a release before {@link #resume}
     * after a crash) must not send out units nobody reserved. A refused reservation backorders the units and the
     * release is rejected ({@code ILLEGAL_TRANSITION}: the fulfillment is cancelled). A fulfillment carrying
     * replacement units of an order that owes more than its authorizations cover (a replacement allocated before its
     * return was rejected is charged at its price) is refused ({@code ORDER_ON_HOLD}, nothing changed) until
     * {@link #retryAuthorization} covers it, unless {@link EngineConfig#routeWhileOwed}.
     */
    public OrderSnapshot release(OrderId orderId, FulfillmentId fulfillmentId) {
        // the release decides on the snapshot the settlement loaded or saved (a stale save is retried from a load)
        // a repeat (a retry after a lost response, a second server) finds it RELEASED and changes nothing
        return execute(orderId, settleReservation(orderId, fulfillmentId),
                o -> inStatus(o, fulfillmentId, FulfillmentStatus.RELEASED) ? null
                        : new OrderCommand.Release(fulfillmentId, now()));
    }

    /**
     * Repeats the reservation of a PLANNED fulfillment (R2.4: a repeat returns the first call's outcome), unless
     * this engine saw that very reservation accepted (then the repeat would change nothing: the store returns the
     * accepted outcome, and the check for units that left the fulfillment before it was made was done then).
     * Returns the snapshot loaded or saved last, to decide the release on.
     */
    private OrderSnapshot settleReservation(OrderId orderId, FulfillmentId fulfillmentId) {
        OrderSnapshot order = get(orderId);
        Optional<Fulfillment> f = order.fulfillment(fulfillmentId);
        if (f.isPresent() && f.get().status() == FulfillmentStatus.PLANNED && unpaidReplacement(order, f.get())) {
            throw new CommandRejectedException(orderId.value(), OmsErrorCode.ORDER_ON_HOLD, "order " + orderId
                    + " owes more than its authorizations cover and fulfillment " + fulfillmentId
                    + " carries replacement units: it is released once retryAuthorization covers what is owed");
        }
        if (f.isEmpty() || f.get().status() != FulfillmentStatus.PLANNED || f.get().reservationId() == null
                || reserved.contains(f.get().reservationId())) {
            return order; // nothing reserved for it, past the point where it was settled, or seen accepted
        }
        for (OrderEvent event : history(orderId)) {
            if (event instanceof FulfillmentCreated created && created.fulfillmentId().equals(fulfillmentId)
                    && created.reservationId() != null) {
                return reserve(orderId, order, created);
            }
        }
        return order;
    }

    /**
     * Records a pick; {@code picked} empty means all units, fewer units is a short pick (rest backordered). A
     * repeat on a fulfillment already picking changes nothing when its list is empty or the units it carries; any
     * other list is refused ({@code ILLEGAL_TRANSITION}: a pick is recorded once).
     */
    public OrderSnapshot pick(OrderId orderId, FulfillmentId fulfillmentId, List<FulfillmentLine> picked) {
        return executeRepeatable(orderId, o -> inStatus(o, fulfillmentId, FulfillmentStatus.PICKING)
                && samePick(o.fulfillment(fulfillmentId).orElseThrow(), picked) ? null
                : new OrderCommand.Pick(fulfillmentId, picked, now()));
    }

    /** Whether {@code picked} is what the fulfillment now carries: everything (an empty list) or the same units. */
    private static boolean samePick(Fulfillment f, List<FulfillmentLine> picked) {
        if (picked == null) {
            return false; // the decision refuses it
        }
        if (picked.isEmpty()) {
            return true;
        }
        return picked.size() == f.lines().size()
                && new java.util.HashSet<>(picked).equals(new java.util.HashSet<>(f.lines()));
    }

    /** Records packing; a repeat on a packed fulfillment changes nothing. */
    public OrderSnapshot pack(OrderId orderId, FulfillmentId fulfillmentId) {
        return execute(orderId, o -> inStatus(o, fulfillmentId, FulfillmentStatus.PACKED) ? null
                : new OrderCommand.Pack(fulfillmentId, now()));
    }

    // =============================================================================== 6 ship and track

    /**
     * Ships a packed fulfillment: buys a label (key {@code <order>:label:<fulfillment>}), records the
     * shipment, consumes its reserved stock and, under {@link CapturePolicy#AT_SHIPMENT}, captures its value (the
     * capture written ahead in the shipment's own save).
     */
    public OrderSnapshot ship(OrderId orderId, FulfillmentId fulfillmentId) {
        OrderSnapshot order = get(orderId);
        Fulfillment f = order.fulfillment(fulfillmentId).orElseThrow(() -> new CommandRejectedException(
                orderId.value(), OmsErrorCode.UNKNOWN_FULFILLMENT, "no fulfillment " + fulfillmentId));
        if (f.status() == FulfillmentStatus.PACKED && !f.pickup()) {
            Location from = locations.find(f.location()).orElse(null);
            ShippingLabel label = carriers.createLabel(orderId.value() + ":label:" + fulfillmentId.value(),
                    new ShipmentRequest(orderId, fulfillmentId, from == null ? null : from.position(),
                            order.shipTo(), f.units()));
            // under AT_SHIPMENT the capture the shipment makes due is written ahead with it: no save of its own
            order = executeAhead(orderId, order, o -> o.fulfillment(fulfillmentId).map(Fulfillment::status)
                    .filter(s -> s == FulfillmentStatus.PACKED).isEmpty() ? null
                    : new OrderCommand.Ship(fulfillmentId, label.carrier(), label.trackingNumber(),
                    config.capturePolicy() == CapturePolicy.AT_SHIPMENT ? captureCalls(o, fulfillmentId) : List.of(),
                    now()));
            if (!order.fulfillment(fulfillmentId).map(x -> label.trackingNumber().equals(x.trackingNumber())).orElse(false)) {
                LOG.warn("order {}: label for {} bought but not used (the fulfillment changed meanwhile)", orderId,
                        fulfillmentId);
            }
        } else if (f.shippedAt() == null) {
            // not packed: let the decision say why
            order = execute(orderId, order, o -> new OrderCommand.Ship(fulfillmentId, "none", "none", now()));
        } else {
            // it shipped already (a repeated call): the consumption, if its inventory call failed, and the capture
            // below may be left to do
            redoStockEffects(orderId);
        }
        return captureIfDue(order);
    }

    /**
     * Records a carrier tracking event once (a repeated event id is ignored, whatever else it says). The event must
     * be for the fulfillment's parcel: its tracking number must be the one the fulfillment shipped with (ignoring
     * case and surrounding blanks).
     *
     * @throws CommandRejectedException {@code ILLEGAL_TRANSITION} for a fulfillment that has not shipped (it has no
     *     tracking number yet), {@code INVALID_VALUE} for an event of another parcel (a webhook routed to the wrong
     *     order); nothing is recorded
     */
    public OrderSnapshot recordTracking(OrderId orderId, FulfillmentId fulfillmentId, TrackingEvent event) {
        Checks.present(event, "tracking event");
        return execute(orderId, o -> {
            Optional<Fulfillment> found = o.fulfillment(fulfillmentId);
            if (found.isPresent()) { // an unknown fulfillment: the decision says so
                Fulfillment f = found.get();
                if (f.trackingEventIds().contains(event.eventId())) {
                    return null; // a repeat, whatever it says
                }
                if (f.trackingNumber() == null) {
                    throw new CommandRejectedException(orderId.value(), OmsErrorCode.ILLEGAL_TRANSITION,
                            "fulfillment " + fulfillmentId + " has not shipped: no tracking event can be recorded"
                                    + " on it (event " + event.eventId() + ")");
                }
                // carriers and middleware do not keep a tracking number's case or surrounding blanks reliably
                if (!f.trackingNumber().strip().equalsIgnoreCase(event.trackingNumber().strip())) {
                    throw new CommandRejectedException(orderId.value(), OmsErrorCode.INVALID_VALUE,
                            "tracking event " + event.eventId() + " is for parcel " + event.trackingNumber()
                                    + ", but fulfillment " + fulfillmentId + " shipped as " + f.trackingNumber());
                }
            }
            return new OrderCommand.RecordTracking(fulfillmentId, event.eventId(), event.status().name(),
                    event.description(), event.at());
        });
    }

    // =============================================================================== 7 delivery or pickup

    /** Records delivery. */
    public OrderSnapshot deliver(OrderId orderId, FulfillmentId fulfillmentId, boolean damaged) {
        // a capture the shipment wrote ahead and whose provider call failed is completed here (the order completes
        // only once it is recorded)
        return settleIfCompleted(completePendingAndSettle(execute(orderId, o -> inStatus(o, fulfillmentId,
                FulfillmentStatus.DELIVERED) ? null : new OrderCommand.Deliver(fulfillmentId, damaged, now()))));
    }

    /** {@link #settle} for an order this command completed: what it leaves authorized and not captured is voided. */
    private OrderSnapshot settleIfCompleted(OrderSnapshot order) {
        return order.status() == OrderStatus.COMPLETED ? settle(order) : order;
    }

    /** Records a failed delivery attempt. */
    public OrderSnapshot failDelivery(OrderId orderId, FulfillmentId fulfillmentId, String reason) {
        return execute(orderId, o -> new OrderCommand.FailDelivery(fulfillmentId, reason, now()));
    }

    /**
     * A shipped parcel is lost in transit: its units are written off (LOST; they stay due, and their stock left
     * when they shipped). The host makes the customer whole, for example with a replacement order. A repeat is a
     * no-op.
     */
    public OrderSnapshot declareLost(OrderId orderId, FulfillmentId fulfillmentId, String reason) {
        return settleIfCompleted(execute(orderId, o -> inStatus(o, fulfillmentId, FulfillmentStatus.LOST) ? null
                : new OrderCommand.DeclareLost(fulfillmentId, reason, now())));
    }

    /** A packed pickup fulfillment is ready at its store. */
    public OrderSnapshot readyForPickup(OrderId orderId, FulfillmentId fulfillmentId) {
        return execute(orderId, o -> new OrderCommand.ReadyForPickup(fulfillmentId, now()));
    }

    /** The customer collected a pickup fulfillment: its stock is consumed and, per policy, captured. */
    public OrderSnapshot pickedUp(OrderId orderId, FulfillmentId fulfillmentId) {
        return settleIfCompleted(captureIfDue(executeRepeatable(orderId, o -> inStatus(o, fulfillmentId,
                FulfillmentStatus.PICKED_UP) ? null : new OrderCommand.PickedUp(fulfillmentId, now()))));
    }

    // =============================================================================== cancellation

    /** Cancels the whole order (only before anything shipped): releases its stock and voids its authorization. */
    public OrderSnapshot cancel(OrderId orderId, Initiator initiator, String reason) {
        // a repeat after the order is cancelled goes on to settle (the void may be what failed the first time)
        OrderSnapshot order = executeRepeatable(orderId, o -> o.status() == OrderStatus.CANCELLED ? null
                : new OrderCommand.CancelOrder(initiator, reason, now()));
        return settle(order);
    }

    /**
     * Cancels units of a line; releases their stock and refunds what was captured beyond the amount due.
     *
     * <p>Not idempotent: every call cancels {@code quantity} more units. A caller that may repeat the call (a retry
     * after a timeout, a double click) uses {@link #cancelLine(OrderId, LineId, int, Initiator, String, long)} with
     * the version of the order it decided on.
     */
    public OrderSnapshot cancelLine(OrderId orderId, LineId lineId, int quantity, Initiator initiator, String reason) {
        return settle(execute(orderId, o -> new OrderCommand.CancelLine(lineId, quantity, initiator, reason, now())));
    }

    /**
     * {@link #cancelLine(OrderId, LineId, int, Initiator, String)} only if the order is still at
     * {@code expectedVersion}, the version of the snapshot the caller decided on (as an HTTP {@code If-Match}).
     * A repeat of a call that went through, or a call based on a view another change has outdated, fails with
     * {@link StaleOrderException} ({@link OmsErrorCode#STALE_VERSION}, naming both versions) and changes nothing:
     * the caller reloads the order and decides again.
     *
     * @throws StaleOrderException {@code STALE_VERSION} when the order's version is not {@code expectedVersion}
     */
    public OrderSnapshot cancelLine(OrderId orderId, LineId lineId, int quantity, Initiator initiator, String reason,
                                    long expectedVersion) {
        return settle(execute(orderId, atVersion(expectedVersion,
                o -> new OrderCommand.CancelLine(lineId, quantity, initiator, reason, now()))));
    }

    /** {@code command}, refused with {@code STALE_VERSION} for a snapshot not at {@code expectedVersion}. */
    private static Function<OrderSnapshot, OrderCommand> atVersion(long expectedVersion,
                                                                Function<OrderSnapshot, OrderCommand> command) {
        return o -> {
            if (o.version() != expectedVersion) {
                throw new StaleOrderException(o.id().value(), expectedVersion, o.version());
            }
            return command.apply(o);
        };
    }

    // =============================================================================== 8 returns

    /** The customer asks to return delivered units. */
    public OrderSnapshot requestReturn(OrderId orderId, ReturnId returnId, List<OrderCommand.ReturnItem> items) {
        return execute(orderId, o -> o.orderReturn(returnId).isPresent() ? null
                : new OrderCommand.RequestReturn(returnId, items, now()));
    }

    /**
     * An exchange: a return plus new lines with the replacement goods (routed by {@link #route}), at any prices.
     *
     * <p>The returned units pay for the replacements in kind; a difference is settled in money. Replacements worth
     * more (unit price times quantity, over the units asked back): the customer owes the difference from the
     * exchange on. This call asks for it at once when the order was authorized before (an authorization written
     * ahead, as {@link #retryAuthorization} does; a repeat of the call asks again while it is owed): declined, the
     * exchange stands, the decline is in the ledger, the replacement is not routed (see {@link #route}), and the host
     * asks again with {@link #retryAuthorization} once the customer changed the card, then routes. It is captured with
     * the replacement's shipment ({@link CapturePolicy#AT_SHIPMENT})
     * or at once ({@link CapturePolicy#AT_CONFIRMATION}). Replacements worth less: the difference is refunded when the
     * return is closed as an exchange (on the goods that came back, never before). Close the return with
     * {@link Resolution#EXCHANGE} (a refund is refused while a replacement unit is due). Replacement units cancelled
     * (none in stock, say) lower what is owed: a dearer replacement's difference captured for them is refunded at
     * once ({@link #cancelLine}); what the units received are worth beyond the replacement units kept is refunded when
     * the return is closed as an exchange (by {@link #closeReturn}, or by {@link #cancelLine} after it). Closed as
     * an exchange when part of the return never came, what the replacement kept is worth beyond the goods returned is
     * charged; rejected while replacement units are in fulfillment or shipped (ahead of it), those are charged at
     * their price (the rejection cancels only the ones not yet allocated). {@link #retryAuthorization} asks for what
     * the authorizations do not cover.
     */
    public OrderSnapshot exchange(OrderId orderId, ReturnId returnId, List<OrderCommand.ReturnItem> items,
                                  List<LineSpec> replacements) {
        Checks.present(items, "return items");
        Checks.present(replacements, "replacements");
        OrderSnapshot order = execute(orderId, o -> o.orderReturn(returnId).isPresent() ? null // a repeat
                : new OrderCommand.Exchange(returnId, items, replacements, now()));
        // an upgrade: the difference is owed now (the decline of an earlier attempt included: a repeat asks again)
        order = completePendingAndSettle(order);
        return captureIfDue(shortfall(order) > 0 ? authorize(order, true) : order);
    }

    /** Approves a return. */
    public OrderSnapshot approveReturn(OrderId orderId, ReturnId returnId) {
        return execute(orderId, o -> new OrderCommand.ApproveReturn(returnId, now()));
    }

    /**
     * Refuses a return (nothing received yet): its units stay the customer's. Then settles the money: an exchange's
     * replacement units not yet allocated are cancelled with the return (a dearer replacement's difference captured
     * for them is refunded), those in fulfillment or shipped ahead are charged at their price (captured if the
     * authorization has room; else see {@link #retryAuthorization}), and what a completed order leaves authorized is
     * voided. A repeat on a rejected return changes nothing but completes that settlement (after a crash or a failed
     * provider call).
     */
    public OrderSnapshot rejectReturn(OrderId orderId, ReturnId returnId, String reason) {
        // then settles: an exchange's replacement units not yet allocated are cancelled with the return (a dearer
        // replacement's difference captured ahead is refunded), and those shipped ahead are charged at their price (an
        // authorization left over is voided once the order is complete)
        return settleIfCompleted(captureIfDue(settle(execute(orderId, o -> o.orderReturn(returnId)
                .map(r -> r.status() == ReturnStatus.REJECTED).orElse(false) ? null // a repeat
                : new OrderCommand.RejectReturn(returnId, reason, now())))));
    }

    /**
     * Returned units arrived at {@code location}. Not idempotent: every call receives {@code items} more (a
     * return may come in several parcels); a caller that may repeat the call uses
     * {@link #receiveReturn(OrderId, ReturnId, LocationId, List, long)}.
     */
    public OrderSnapshot receiveReturn(OrderId orderId, ReturnId returnId, LocationId location,
                                       List<OrderCommand.ReceivedItem> items) {
        if (location != null) {
            known(location, "location ");
        }
        // the last units received may complete the order: what it leaves authorized is voided then
        return settleIfCompleted(execute(orderId, o -> new OrderCommand.ReceiveReturn(returnId, location, items, now())));
    }

    /**
     * {@link #receiveReturn(OrderId, ReturnId, LocationId, List)} only if the order is still at
     * {@code expectedVersion}: receiving adds units (a return may arrive in several parcels), so a caller that may
     * repeat the call passes the version it decided on, as for
     * {@link #cancelLine(OrderId, LineId, int, Initiator, String, long)}.
     *
     * @throws StaleOrderException {@code STALE_VERSION} when the order's version is not {@code expectedVersion}
     */
    public OrderSnapshot receiveReturn(OrderId orderId, ReturnId returnId, LocationId location,
                                       List<OrderCommand.ReceivedItem> items, long expectedVersion) {
        if (location != null) {
            known(location, "location ");
        }
        return settleIfCompleted(execute(orderId, atVersion(expectedVersion,
                o -> new OrderCommand.ReceiveReturn(returnId, location, items, now()))));
    }

    /**
     * The directory's location {@code id}, or {@code UNKNOWN_LOCATION} naming it as {@code what} (units received or
     * collected at a location it does not know would be restocked or reserved nowhere).
     */
    private Location known(LocationId id, String what) {
        return locations.find(id).orElseThrow(() -> new OmsValidationException(OmsErrorCode.UNKNOWN_LOCATION,
                what + id + " is not in the location directory"));
    }

    /** Records the inspection of a return line; a RESTOCK disposition puts the units back into stock. */
    public OrderSnapshot inspectReturn(OrderId orderId, ReturnId returnId, LineId lineId, InspectionResult result,
                                       Disposition disposition) {
        // a repeated inspection is recorded again; it restocks only units received since the last one, and the
        // restocks of earlier inspections are applied again (a no-op if they happened: one whose inventory call
        // failed is finished)
        OrderSnapshot order = execute(orderId, o -> new OrderCommand.InspectReturn(returnId, lineId, result, disposition,
                now()));
        redoStockEffects(orderId);
        return order;
    }

    /**
     * Closes a received return. With {@link Resolution#REFUND} it first refunds the value of the received
     * units not refunded for it yet (see {@code refundReturn}), as payment requests written ahead. A return with
     * refunds made or pending (a refund whose answer was lost) closes only with {@link Resolution#REFUND}
     * ({@code ILLEGAL_TRANSITION} otherwise, nothing changed); a return that is no exchange never as an exchange
     * ({@code ILLEGAL_TRANSITION}); the return of an exchange only as an exchange while
     * its replacement is due ({@code ILLEGAL_TRANSITION}, nothing changed): its units pay for the replacement. Both
     * are checked again on the order the close is saved on. Once every replacement unit is cancelled, the return is
     * refunded like any other; closed as an exchange, what its units received are worth beyond the replacement units
     * kept is refunded, and what the replacement kept is worth beyond the units received is charged (captured once
     * shipped if the authorization has room; else see {@link #retryAuthorization}). Then settles the order. A refund
     * call that throws leaves the return open with its refund pending: a repeat of this call or {@link #resume}
     * completes the refund and closes the return.
     */
    public OrderSnapshot closeReturn(OrderId orderId, ReturnId returnId, Resolution resolution) {
        OrderSnapshot order = get(orderId);
        OrderReturn ret = order.orderReturn(returnId).orElseThrow(() -> new CommandRejectedException(
                orderId.value(), OmsErrorCode.UNKNOWN_RETURN, "no return " + returnId));
        if (!ret.status().terminal()) {
            checkResolution(order, returnId, resolution);
            if (resolution == Resolution.REFUND) {
                order = refundReturn(order, returnId);
            }
        }
        // checked again on the order the close is saved on (another server may have refunded the return meanwhile),
        // then settles: an exchange whose replacement was partly cancelled or is cheaper owes the difference back,
        // one whose return came back only in part or whose replacement is dearer is owed it (captured if authorized;
        // an authorization left over is voided once the order is complete)
        return settleIfCompleted(captureIfDue(settle(execute(orderId, o -> {
            if (o.orderReturn(returnId).map(r -> r.status().terminal()).orElse(false)) {
                return null;
            }
            checkResolution(o, returnId, resolution);
            return new OrderCommand.CloseReturn(returnId, resolution, now());
        }))));
    }

    /**
     * Refuses ({@code ILLEGAL_TRANSITION}) to close a return that is no exchange with {@link Resolution#EXCHANGE}
     * (nothing replaces its units), an exchange's return with anything but
     * {@link Resolution#EXCHANGE} while its replacement is due (its units pay for the replacement: a refund would
     * give both away, store credit or nothing would leave the replacement beyond the goods returned unpaid), and a
     * return with refunds made or pending with anything but {@link Resolution#REFUND} (the refund goes through
     * whatever the return is closed with).
     */
    private void checkResolution(OrderSnapshot o, ReturnId returnId, Resolution resolution) {
        if (resolution == Resolution.EXCHANGE && !o.orderReturn(returnId).map(OrderReturn::exchange).orElse(true)) {
            // nothing replaces its units: the decider would count them as given back and no money would move
            throw new CommandRejectedException(o.id().value(), OmsErrorCode.ILLEGAL_TRANSITION, "return " + returnId
                    + " is not an exchange; close it with " + Resolution.REFUND + ", " + Resolution.STORE_CREDIT
                    + " or " + Resolution.NONE);
        }
        if (resolution != Resolution.EXCHANGE && replacementDue(o, returnId)) {
            throw new CommandRejectedException(o.id().value(), OmsErrorCode.ILLEGAL_TRANSITION, "return " + returnId
                    + " is an exchange: its units pay for the replacement; close it with " + Resolution.EXCHANGE);
        }
        if (resolution != Resolution.REFUND && refundedFor(o, returnId) > 0) {
            throw new CommandRejectedException(o.id().value(), OmsErrorCode.ILLEGAL_TRANSITION, "return " + returnId
                    + " has refunds made or pending; close it with " + Resolution.REFUND);
        }
    }

    /**
     * Whether {@code returnId} is the return of an exchange whose replacement is still due: a line replaces its
     * units and not all of that line's units are cancelled (a cancelled replacement leaves the return to refund).
     */
    private static boolean replacementDue(OrderSnapshot order, ReturnId returnId) {
        for (OrderLine line : order.lines()) {
            if (returnId.equals(line.exchangeFor()) && line.in(Bucket.CANCELLED) < line.quantity()) {
                return true;
            }
        }
        return false;
    }

    // =============================================================================== resume

    /**
     * Drives an order on after a crash or a lost response, at any point: finishes verification, repeats the
     * stock effects of every saved event (reservations, releases, consumptions, restocks: each a no-op if it
     * happened), asks for a dearer exchange's difference that a crash kept {@link #exchange} from asking for,
     * finishes a {@link #closeReturn} with {@link Resolution#REFUND} that a failed refund or a crash cut short after
     * its refund was requested (a refund declined outright leaves the return open: the host decides), routes
     * PENDING units (not replacement units while the order owes more than its authorizations cover: see
     * {@link #route}), and captures or refunds what the policy and the balance call for. First,
     * in every status, it completes the order's pending payment requests by repeating each exactly (same key,
     * amount and target), which the provider answers with its first outcome.
     * Safe to call any number of times, from any number of engine instances. With a routing strategy the router
     * does not know it stops at the routing with {@code UNKNOWN_STRATEGY} (see {@link #route}), before capturing.
     */
    public OrderSnapshot resume(OrderId orderId) {
        OrderSnapshot order = completePending(get(orderId)); // in every status, CANCELLED and REJECTED too
        if (order.status() == OrderStatus.PLACED || order.status() == OrderStatus.IN_REVIEW) {
            order = verify(orderId);
        }
        for (OrderEvent event : history(orderId)) {
            if (event instanceof FulfillmentCreated created && created.reservationId() != null) {
                reserve(orderId, null, created);
            }
        }
        redoStockEffects(orderId);
        order = get(orderId);
        if (differenceNeverAsked(order)) {
            order = authorize(order, true); // a crash came between an exchange and the authorization of its difference
        }
        Set<ReturnId> refundsRequested = returnsWithRefundRequests(order);
        for (OrderReturn r : order.returns()) {
            // the engine requests refunds for a return only in closeReturn(REFUND): one still open with such a request
            // was cut short after it (the refund failed or the process stopped), and the close is finished. Refunds
            // a host recorded itself for a return (RecordRefund) start no close. A close refused now (the order
            // changed since) leaves the return to the host and the rest of resume goes on
            if (!r.status().terminal() && refundsRequested.contains(r.id())) {
                try {
                    order = closeReturn(orderId, r.id(), Resolution.REFUND);
                } catch (CommandRejectedException e) {
                    LOG.warn("order {}: the close of return {} cut short after its refund cannot be finished: {}",
                            orderId, r.id(), e.getMessage());
                    order = get(orderId);
                }
            }
        }
        if (order.status() == OrderStatus.CONFIRMED && order.units(Bucket.PENDING) > 0) {
            order = route(orderId);
        }
        return settle(captureIfDue(order));
    }

    /**
     * Whether the order owes a dearer replacement's difference that was never asked for: an open exchange is worth
     * more than the goods asked back, the order owes beyond its authorizations, and no authorization was requested
     * since the last replacement line was added ({@link #exchange} asks right after its save; a crash in between
     * leaves it unasked). A difference asked for and declined is not asked again here (see
     * {@link #retryAuthorization}).
     */
    private boolean differenceNeverAsked(OrderSnapshot o) {
        boolean dearer = false;
        for (OrderReturn r : o.returns()) {
            if (r.exchange() && !r.status().terminal() && keptReplacementValue(o, r.id()) > askedValue(o, r)) {
                dearer = true;
            }
        }
        if (!dearer || shortfall(o) <= 0) {
            return false;
        }
        boolean asked = false;
        for (OrderEvent e : history(o.id())) {
            if (e instanceof io.omskit.spi.event.LineAdded) {
                asked = false;
            } else if (e instanceof io.omskit.spi.event.PaymentRequested p
                    && p.request().type() == TransactionType.AUTHORIZATION) {
                asked = true;
            }
        }
        return !asked;
    }

    // =============================================================================== money

    /**
     * Captures what the policy makes due, as a payment request written ahead. {@link CapturePolicy#AT_CONFIRMATION}:
     * the amount chargeable not captured or requested yet, net of the refunds it reflects (once, unless the order
     * comes to owe more: see {@link #retryAuthorization}). {@link CapturePolicy#AT_SHIPMENT}: the value of what
     * shipped or was collected (a replacement beyond the goods returned for it included), less what was captured
     * or requested to be, and never more than
     * brings the net captured (captures less refunds) above what is chargeable. Pending requests are
     * completed first, then the order is settled (what it still owes back is refunded: a settlement whose earlier
     * request failed never asked for it). A capture above the authorization left is reduced to it (the provider would
     * decline more).
     */
    private OrderSnapshot captureIfDue(OrderSnapshot order) {
        if (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.COMPLETED) {
            return order;
        }
        order = completePendingAndSettle(order);
        if (lastAuthorization(order).isEmpty()) {
            return order;
        }
        return writeAhead(order.id(), order, o -> captureCalls(o, null));
    }

    /**
     * The capture the policy makes due on {@code o}, counting {@code shipping} (a fulfillment about to ship, or
     * null) as shipped.
     */
    private List<OrderCommand.PaymentCall> captureCalls(OrderSnapshot o, FulfillmentId shipping) {
        if (o.status() != OrderStatus.CONFIRMED && o.status() != OrderStatus.COMPLETED) {
            return List.of();
        }
        Optional<PaymentTransaction> auth = lastAuthorization(o);
        if (auth.isEmpty()) {
            return List.of();
        }
        long captured = OrderViews.sum(o.payments(), TransactionType.CAPTURE) + pending(o, TransactionType.CAPTURE);
        long due;
        if (config.capturePolicy() == CapturePolicy.AT_CONFIRMATION) {
            // what is chargeable and not captured yet, net of the refunds chargeable reflects (more than the first
            // capture only when the order came to owe more: see retryAuthorization)
            due = captured == 0 ? chargeable(o) : chargeable(o) + reflectedRefunds(o) - captured;
        } else {
            long sent = 0;
            List<Fulfillment> fulfillments = o.fulfillments(); // immutable, random-access: indexed, without an iterator
            for (int k = 0, size = fulfillments.size(); k < size; k++) {
                Fulfillment f = fulfillments.get(k);
                if (f.shippedAt() != null || f.status() == FulfillmentStatus.PICKED_UP || f.id().equals(shipping)) {
                    sent += chargeableValue(o, f);
                }
            }
            sent = plus(sent, replacementsBeyondGoods(o, shipping));
            // never more, net of refunds, than the customer pays for now: units shipped may have come back in a
            // return closed with a refund before they were captured (then nothing was refunded for them)
            long refunded = OrderViews.sum(o.payments(), TransactionType.REFUND) + pending(o, TransactionType.REFUND);
            due = Math.min(sent, chargeable(o) + refunded) - captured;
        }
        long open = OrderViews.sum(o.payments(), TransactionType.AUTHORIZATION)
                - OrderViews.sum(o.payments(), TransactionType.VOID) - captured - pending(o, TransactionType.VOID);
        long amount = Math.min(due, open);
        if (amount <= 0) {
            if (due > 0) {
                LOG.warn("order {}: {} due for capture, but the authorization is exhausted", o.id(),
                        new Money(due, o.currency()));
            }
            return List.of();
        }
        return againstAuthorizations(o, TransactionType.CAPTURE, amount);
    }

    /*
     * Amounts below are minor units of the order's currency, in longs (every price of an order is in its currency:
     * the decider refuses others), with the overflow checks and error of Money's arithmetic: no Money per step.
     */

    /**
     * What a fulfillment is charged, in minor units: unit price times units of its lines, except the replacement
     * lines of an exchange, which the returned goods pay for (a difference in price is charged apart: see
     * {@code replacementsBeyondGoods}), unless that return was rejected or cancelled (see {@code paidInKind}).
     */
    private static long chargeableValue(OrderSnapshot order, Fulfillment f) {
        long value = 0;
        List<FulfillmentLine> fl = f.lines(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = fl.size(); k < size; k++) {
            FulfillmentLine l = fl.get(k);
            OrderLine line = order.line(l.lineId()).orElseThrow();
            if (!paidInKind(order, line)) {
                value = plus(value, times(order, line.spec().unitPrice(), l.quantity()));
            }
        }
        return value;
    }

    /**
     * What the customer pays for the order now, in minor units: unit price times units not cancelled, over the
     * lines that returned goods do not pay for ({@code paidInKind}), less the value refunded for returns; for an
     * exchange closed as one, plus what its replacement units not cancelled are worth less what its units received
     * are (negative when replacement units were cancelled or the replacement is cheaper, positive when part of the
     * return never came or the replacement is dearer); for an open exchange, plus what its replacement units not
     * cancelled are worth beyond the units asked back (a dearer replacement's difference, owed from the exchange on).
     */
    static long chargeable(OrderSnapshot order) { // package-private: tested directly
        long value = 0;
        List<OrderLine> orderLines = order.lines(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = orderLines.size(); k < size; k++) {
            OrderLine line = orderLines.get(k);
            if (!paidInKind(order, line)) {
                value = plus(value, times(order, line.spec().unitPrice(), line.quantity() - line.in(Bucket.CANCELLED)));
            }
        }
        List<OrderReturn> returns = order.returns(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = returns.size(); k < size; k++) {
            OrderReturn r = returns.get(k);
            if (r.resolution() == Resolution.REFUND) {
                value = minus(value, receivedValue(order, r));
            } else if (r.exchange() && r.resolution() == Resolution.EXCHANGE) {
                // closed as an exchange: the goods that came back paid for the replacement units kept; what they are
                // worth beyond those (replacement units cancelled, a cheaper replacement) is owed back in money, and
                // what the replacement kept is worth beyond them (part of the return never came, a dearer
                // replacement) is charged
                value = plus(value, minus(keptReplacementValue(order, r.id()), receivedValue(order, r)));
            } else if (r.exchange() && !r.status().terminal()) {
                // open: a replacement worth more than the goods asked back is charged the difference now; one worth
                // less is refunded only on the goods that came back, when the return is closed
                value = plus(value, Math.max(0, minus(keptReplacementValue(order, r.id()), askedValue(order, r))));
            }
        }
        return value;
    }

    /**
     * Whether returned goods pay for {@code line}: it replaces the units of an exchange's return that was not
     * rejected or cancelled. The replacement of a rejected or cancelled return is charged at its price (the customer
     * keeps what was to come back); its units not yet in a fulfillment were cancelled with the return.
     */
    private static boolean paidInKind(OrderSnapshot order, OrderLine line) {
        ReturnId exchangeFor = line.exchangeFor();
        if (exchangeFor == null) {
            return false;
        }
        ReturnStatus status = order.orderReturn(exchangeFor).map(OrderReturn::status).orElse(null);
        return status != ReturnStatus.REJECTED && status != ReturnStatus.CANCELLED;
    }

    /**
     * For the exchanges closed as one, what their shipped (or collected) replacement units are worth beyond the goods
     * that came back for them, and for the open ones beyond the goods asked back, in minor units: the part of a
     * replacement the customer pays for in money (a dearer replacement, or part of the return never came;
     * {@code shipping}, a fulfillment about to ship, or null, counts as shipped).
     */
    private static long replacementsBeyondGoods(OrderSnapshot o, FulfillmentId shipping) {
        long value = 0;
        for (OrderReturn r : o.returns()) {
            boolean closedAsExchange = r.resolution() == Resolution.EXCHANGE;
            if (!r.exchange() || (!closedAsExchange && r.status().terminal())) {
                continue;
            }
            long shipped = 0;
            for (Fulfillment f : o.fulfillments()) {
                if (f.shippedAt() == null && f.status() != FulfillmentStatus.PICKED_UP && !f.id().equals(shipping)) {
                    continue;
                }
                for (FulfillmentLine l : f.lines()) {
                    OrderLine line = o.line(l.lineId()).orElseThrow();
                    if (r.id().equals(line.exchangeFor())) {
                        shipped = plus(shipped, times(o, line.spec().unitPrice(), l.quantity()));
                    }
                }
            }
            value = plus(value, Math.max(0, minus(shipped, closedAsExchange ? receivedValue(o, r) : askedValue(o, r))));
        }
        return value;
    }

    /** The value of the units not cancelled of the lines replacing {@code returnId}'s units, in minor units. */
    private static long keptReplacementValue(OrderSnapshot order, ReturnId returnId) {
        long value = 0;
        for (OrderLine line : order.lines()) {
            if (returnId.equals(line.exchangeFor())) {
                value = plus(value, times(order, line.spec().unitPrice(), line.quantity() - line.in(Bucket.CANCELLED)));
            }
        }
        return value;
    }

    /** The value of the units a return asks back, in minor units. */
    private static long askedValue(OrderSnapshot order, OrderReturn r) {
        long value = 0;
        for (ReturnLine rl : r.lines()) {
            value = plus(value, times(order, order.line(rl.lineId()).orElseThrow().spec().unitPrice(), rl.quantity()));
        }
        return value;
    }

    /** The value of a return's received units, in minor units. */
    private static long receivedValue(OrderSnapshot order, OrderReturn r) {
        long value = 0;
        for (ReturnLine rl : r.lines()) {
            value = plus(value, times(order, order.line(rl.lineId()).orElseThrow().spec().unitPrice(), rl.received()));
        }
        return value;
    }

    /** {@code a + b}, or Money's overflow error. */
    private static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow(e);
        }
    }

    /** {@code a - b}, or Money's overflow error. */
    private static long minus(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw overflow(e);
        }
    }

    /** {@code price * units} in minor units, or Money's overflow error. */
    private static long times(OrderSnapshot order, Money price, long units) {
        // decide refuses a line in another currency, but a replayed or host-built order may carry one: refused here
        // as Money's arithmetic refused it
        if (!price.currency().equals(order.currency())) {
            throw new OmsValidationException(OmsErrorCode.CURRENCY_MISMATCH, "order " + order.id() + " is in "
                    + order.currency() + " but a line is priced in " + price.currency());
        }
        try {
            return Math.multiplyExact(price.minorUnits(), units);
        } catch (ArithmeticException e) {
            throw overflow(e);
        }
    }

    private static OmsValidationException overflow(ArithmeticException e) {
        return new OmsValidationException(OmsErrorCode.INVALID_VALUE, "amount overflows a long of minor units", e);
    }

    /**
     * Refunds the value of a return's received units not refunded for it yet: that value less the refunds
     * recorded for the return (its {@code PaymentRefunded} events up to the version decided on) and those pending
     * for it, as payment requests written ahead in one save (split over the captures, see {@link #refundCalls}).
     * A repeat after a lost answer first completes the pending refund, and then finds nothing left to refund,
     * whatever was captured meanwhile.
     */
    private OrderSnapshot refundReturn(OrderSnapshot order, ReturnId returnId) {
        order = completePending(order);
        return writeAhead(order.id(), order, o -> {
            Optional<OrderReturn> r = o.orderReturn(returnId);
            if (r.isEmpty() || r.get().status().terminal()) {
                return List.of();
            }
            long due = receivedValue(o, r.get()) - refundedFor(o, returnId);
            long refundable = OrderViews.sum(o.payments(), TransactionType.CAPTURE)
                    - OrderViews.sum(o.payments(), TransactionType.REFUND) - pending(o, TransactionType.REFUND);
            return refundCalls(o, Math.min(due, refundable), returnId);
        });
    }

    /**
     * The returns the engine ever requested a refund for (a REFUND request naming them, pending or done), from
     * one read of the history; none when no return is open (nothing read).
     */
    private Set<ReturnId> returnsWithRefundRequests(OrderSnapshot order) {
        if (order.returns().stream().allMatch(r -> r.status().terminal())) {
            return Set.of();
        }
        Set<ReturnId> ids = new HashSet<>();
        for (OrderEvent e : history(order.id())) {
            if (e instanceof io.omskit.spi.event.PaymentRequested p && p.request().type() == TransactionType.REFUND
                    && p.request().returnId() != null) {
                ids.add(p.request().returnId());
            }
        }
        return ids;
    }

    /** The refunds recorded (up to {@code order}'s version) and pending for a return, in minor units. */
    private long refundedFor(OrderSnapshot order, ReturnId returnId) {
        long n = 0;
        for (io.omskit.spi.model.PaymentRequest r : order.paymentRequests()) {
            if (returnId.equals(r.returnId())) {
                n += r.amount().minorUnits();
            }
        }
        for (OrderEvent e : history(order.id())) {
            if (e.orderVersion() > order.version()) {
                break;
            }
            if (e instanceof io.omskit.spi.event.PaymentRefunded p && returnId.equals(p.returnId())) {
                n += p.amount().minorUnits();
            }
        }
        return n;
    }

    /**
     * Refund calls for {@code amount} (minor units; nothing when not positive), split over the captures in ledger
     * order, oldest first, each taking what its capture has left. What a capture has left is its amount less the
     * refunds made against it: an approved or pending refund request names its capture; refunds recorded without
     * a request (recorded directly by a host) fill the captures from the oldest. So a declined part of an earlier
     * split moves nothing, and the next refund goes where the money still is.
     */
    private List<OrderCommand.PaymentCall> refundCalls(OrderSnapshot o, long amount, ReturnId returnId) {
        if (amount <= 0) {
            return List.of();
        }
        Map<String, Long> taken = refundsByCapture(o);
        long used = OrderViews.sum(o.payments(), TransactionType.REFUND) + pending(o, TransactionType.REFUND)
                - taken.values().stream().mapToLong(Long::longValue).sum(); // not attributed to a capture
        long left = amount;
        List<OrderCommand.PaymentCall> calls = new ArrayList<>(1);
        List<PaymentTransaction> txs = o.payments(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = txs.size(); k < size && left > 0; k++) {
            PaymentTransaction t = txs.get(k);
            if (t.type() != TransactionType.CAPTURE || !t.succeeded()) {
                continue;
            }
            long room = t.amount().minorUnits() - taken.getOrDefault(t.providerReference(), 0L);
            long filled = Math.min(Math.max(used, 0), Math.max(room, 0));
            used -= filled;
            room -= filled;
            if (room > 0) {
                long part = Math.min(room, left);
                calls.add(new OrderCommand.PaymentCall(TransactionType.REFUND, new Money(part, o.currency()),
                        t.providerReference(), returnId));
                left -= part;
            }
        }
        return calls;
    }

    /**
     * The refunds made against each capture (by the capture's reference), in minor units: the approved refund
     * requests of the order's history up to {@code o}'s version (the amount its ledger event recorded) and the
     * refund requests pending in {@code o}. Reads the history only when refunds exist.
     */
    private Map<String, Long> refundsByCapture(OrderSnapshot o) {
        return takenByTarget(o, TransactionType.REFUND);
    }

    /**
     * What the payment requests of {@code type} took from each target (by the target's reference: a capture for a
     * refund, an authorization for a capture or a void), in minor units: the approved requests of the order's
     * history up to {@code o}'s version (the amount their ledger event recorded) and those pending in {@code o}.
     * Reads the history only when transactions of {@code type} exist.
     */
    private Map<String, Long> takenByTarget(OrderSnapshot o, TransactionType type) {
        if (!hasTransaction(o, type) && pending(o, type) == 0) {
            return Map.of();
        }
        Map<String, Long> taken = new HashMap<>();
        for (io.omskit.spi.model.PaymentRequest r : o.paymentRequests()) {
            if (r.type() == type) {
                taken.merge(r.targetReference(), r.amount().minorUnits(), Long::sum);
            }
        }
        if (hasTransaction(o, type)) {
            // a completion is one command: its ledger event and its completion event share a version
            Map<String, String> targets = new HashMap<>(); // request key -> target
            Map<Long, String> approvedAt = new HashMap<>(); // version of an approved completion -> target
            Map<Long, Long> recordedAt = new HashMap<>(); // version -> amount its ledger event recorded
            for (OrderEvent e : history(o.id())) {
                if (e.orderVersion() > o.version()) {
                    break;
                }
                if (e instanceof io.omskit.spi.event.PaymentRequested p && p.request().type() == type) {
                    targets.put(p.request().idempotencyKey(), p.request().targetReference());
                } else if (e instanceof io.omskit.spi.event.PaymentRequestCompleted c && c.approved()
                        && targets.containsKey(c.idempotencyKey())) {
                    approvedAt.put(c.orderVersion(), targets.get(c.idempotencyKey()));
                } else {
                    Money recorded = recordedAmount(e, type);
                    if (recorded != null) {
                        recordedAt.merge(e.orderVersion(), recorded.minorUnits(), Long::sum);
                    }
                }
            }
            approvedAt.forEach((v, target) -> taken.merge(target, recordedAt.getOrDefault(v, 0L), Long::sum));
        }
        return taken;
    }

    /** The amount a ledger event of {@code type} recorded, or null for any other event. */
    private static Money recordedAmount(OrderEvent e, TransactionType type) {
        if (type == TransactionType.REFUND && e instanceof io.omskit.spi.event.PaymentRefunded r) {
            return r.amount();
        }
        if (type == TransactionType.CAPTURE && e instanceof io.omskit.spi.event.PaymentCaptured c) {
            return c.amount();
        }
        if (type == TransactionType.VOID && e instanceof io.omskit.spi.event.PaymentVoided v) {
            return v.amount();
        }
        return null;
    }

    /**
     * {@code type} calls (a capture or a void) for {@code amount} minor units, split over the order's successful
     * authorizations, oldest first, each taking what it has left: its amount less the captures and voids made
     * against it (those recorded without a request, by a host, fill the oldest first). An order has one
     * authorization but when {@link #retryAuthorization} asked for more: then the history is read.
     */
    private List<OrderCommand.PaymentCall> againstAuthorizations(OrderSnapshot o, TransactionType type, long amount) {
        List<PaymentTransaction> txs = o.payments(); // immutable, random-access: indexed, without an iterator
        PaymentTransaction last = null;
        int count = 0;
        for (int k = 0, size = txs.size(); k < size; k++) {
            PaymentTransaction t = txs.get(k);
            if (t.type() == TransactionType.AUTHORIZATION && t.succeeded()) {
                last = t;
                count++;
            }
        }
        if (count == 1) { // the common case, on every capture: no list, no history
            return List.of(new OrderCommand.PaymentCall(type, new Money(amount, o.currency()), last.providerReference(),
                    null));
        }
        List<PaymentTransaction> auths = new ArrayList<>(count);
        for (int k = 0, size = txs.size(); k < size; k++) {
            PaymentTransaction t = txs.get(k);
            if (t.type() == TransactionType.AUTHORIZATION && t.succeeded()) {
                auths.add(t);
            }
        }
        Map<String, Long> captured = takenByTarget(o, TransactionType.CAPTURE);
        Map<String, Long> voided = takenByTarget(o, TransactionType.VOID);
        long unattributed = OrderViews.sum(o.payments(), TransactionType.CAPTURE) + pending(o, TransactionType.CAPTURE)
                + OrderViews.sum(o.payments(), TransactionType.VOID) + pending(o, TransactionType.VOID)
                - captured.values().stream().mapToLong(Long::longValue).sum()
                - voided.values().stream().mapToLong(Long::longValue).sum();
        List<OrderCommand.PaymentCall> calls = new ArrayList<>(2);
        long left = amount;
        for (int k = 0; k < auths.size() && left > 0; k++) {
            PaymentTransaction a = auths.get(k);
            long room = a.amount().minorUnits() - captured.getOrDefault(a.providerReference(), 0L)
                    - voided.getOrDefault(a.providerReference(), 0L);
            long filled = Math.min(Math.max(unattributed, 0), Math.max(room, 0));
            unattributed -= filled;
            room -= filled;
            if (room > 0) {
                long part = Math.min(room, left);
                calls.add(new OrderCommand.PaymentCall(type, new Money(part, o.currency()), a.providerReference(),
                        null));
                left -= part;
            }
        }
        return calls;
    }

    /**
     * Settles money after a cancellation (or any change of what is due): pending payment requests are completed
     * first; money captured beyond the amount due, less what is refunded or pending refund, is refunded; what a
     * cancelled, rejected or completed order leaves authorized and not captured is voided (nothing pending). Each
     * refund and void is a payment request written ahead with a new key: two settlements racing on one order
     * cannot both request from the same state (the loser's save is stale; it decides again and sees the
     * winner's request), and a repeat after a lost answer repeats the pending request instead of asking anew.
     */
    private OrderSnapshot settle(OrderSnapshot order) {
        order = completePending(order);
        order = writeAhead(order.id(), order, o -> refundCalls(o, OrderViews.sum(o.payments(), TransactionType.CAPTURE)
                - OrderViews.sum(o.payments(), TransactionType.REFUND) - pending(o, TransactionType.REFUND)
                - chargeable(o), null));
        return writeAhead(order.id(), order, this::voidCalls);
    }

    /**
     * The void of what a closed order (cancelled, rejected or completed) leaves authorized and not captured: nothing
     * more will be captured, so the customer's funds are released now rather than when the authorization expires
     * (R4.4: a void releases the authorized amount not yet captured).
     */
    private List<OrderCommand.PaymentCall> voidCalls(OrderSnapshot o) {
        if ((o.status() != OrderStatus.CANCELLED && o.status() != OrderStatus.REJECTED
                && o.status() != OrderStatus.COMPLETED)
                || pending(o, TransactionType.CAPTURE) > 0 || pending(o, TransactionType.VOID) > 0) {
            return List.of();
        }
        long open = OrderViews.sum(o.payments(), TransactionType.AUTHORIZATION)
                - OrderViews.sum(o.payments(), TransactionType.VOID)
                - OrderViews.sum(o.payments(), TransactionType.CAPTURE);
        if (lastAuthorization(o).isEmpty() || open <= 0) {
            return List.of();
        }
        return againstAuthorizations(o, TransactionType.VOID, open);
    }

    /** The amount of the order's pending payment requests of {@code type}, in minor units. */
    private static long pending(OrderSnapshot order, TransactionType type) {
        long n = 0;
        List<io.omskit.spi.model.PaymentRequest> rs = order.paymentRequests(); // immutable, random-access
        for (int k = 0, size = rs.size(); k < size; k++) {
            io.omskit.spi.model.PaymentRequest r = rs.get(k);
            if (r.type() == type) {
                n += r.amount().minorUnits();
            }
        }
        return n;
    }

    /**
     * Writes the payment calls {@code calls} gives for the order ahead (one save, under the version check, like
     * any command; none when it gives none), then makes them and records their answers: the shell's one way to
     * move money. {@code calls} is applied to the snapshot decided on, fresh after a stale save.
     */
    private OrderSnapshot writeAhead(OrderId orderId, OrderSnapshot known,
                                     Function<OrderSnapshot, List<OrderCommand.PaymentCall>> calls) {
        List<OrderCommand.PaymentCall> onKnown = known == null ? null : calls.apply(known);
        if (onKnown != null && onKnown.isEmpty()) {
            // nothing due on the snapshot this call saved or loaded (as before write-ahead: a writer since then
            // settles its own change)
            return known;
        }
        return executeAhead(orderId, known, o -> {
            // the first attempt decides on known itself: its calls are already computed
            List<OrderCommand.PaymentCall> c = o == known ? onKnown : calls.apply(o);
            return c.isEmpty() ? null : new OrderCommand.RequestPayments(c, now());
        });
    }

    /**
     * {@link #execute(OrderId, OrderSnapshot, Function)}, then makes the payment calls the saved decision wrote
     * ahead (the requests pending in the saved snapshot and not in the one decided on) and records their answers.
     */
    private OrderSnapshot executeAhead(OrderId orderId, OrderSnapshot known,
                                       Function<OrderSnapshot, OrderCommand> command) {
        OrderSnapshot[] decidedOn = new OrderSnapshot[1];
        OrderSnapshot saved = execute(orderId, known, o -> {
            decidedOn[0] = o;
            return command.apply(o);
        });
        OrderSnapshot before = decidedOn[0];
        if (before == null || saved.version() != before.version() + 1) {
            return saved; // nothing requested
        }
        OrderSnapshot order = saved;
        for (io.omskit.spi.model.PaymentRequest r : saved.paymentRequests()) {
            if (before.paymentRequest(r.idempotencyKey()).isEmpty()) {
                order = complete(orderId, order, r);
            }
        }
        return order;
    }

    /**
     * {@link #completePending}, then, when requests were pending, {@link #settle}: a settlement that a failed provider
     * call cut short left its request pending and never asked for the rest (a second cancellation while the first
     * one's refund failed); once that request is done, the rest is asked for. Nothing more when none was pending.
     */
    private OrderSnapshot completePendingAndSettle(OrderSnapshot order) {
        return order.paymentRequests().isEmpty() ? order : settle(order); // settle completes them first
    }

    /** Completes every payment request pending in {@code order}, oldest first, each repeated exactly. */
    private OrderSnapshot completePending(OrderSnapshot order) {
        List<io.omskit.spi.model.PaymentRequest> pending = order.paymentRequests();
        for (int k = 0, size = pending.size(); k < size; k++) {
            order = complete(order.id(), order, pending.get(k));
        }
        return order;
    }

    /**
     * Makes the provider call of a pending request with exactly its key, amount and target, and records the answer,
     * which completes the request (nothing to record if another thread or instance completed it meanwhile).
     * A {@link io.omskit.spi.ProviderException} propagates and leaves the request pending.
     */
    private OrderSnapshot complete(OrderId orderId, OrderSnapshot known, io.omskit.spi.model.PaymentRequest r) {
        String key = r.idempotencyKey();
        PaymentOutcome outcome;
        switch (r.type()) {
            case AUTHORIZATION:
                outcome = payments.authorize(key, orderId, r.amount());
                break;
            case CAPTURE:
                outcome = payments.capture(key, r.targetReference(), r.amount());
                break;
            case VOID:
                outcome = payments.voidAuthorization(key, r.targetReference());
                break;
            default:
                outcome = payments.refund(key, r.targetReference(), r.amount());
                break;
        }
        if (!outcome.approved() && r.type() != TransactionType.AUTHORIZATION) {
            LOG.warn("order {}: {} {} declined by the provider ({})", orderId, r.type(), key, outcome.declineReason());
        }
        return execute(orderId, known, o -> o.paymentRequest(key).isEmpty() ? null
                : new OrderCommand.CompletePayment(key, outcome, now()));
    }

    private static Optional<PaymentTransaction> lastAuthorization(OrderSnapshot order) {
        PaymentTransaction last = null;
        List<PaymentTransaction> txs = order.payments(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = txs.size(); k < size; k++) {
            PaymentTransaction t = txs.get(k);
            if (t.type() == TransactionType.AUTHORIZATION && t.succeeded()) {
                last = t;
            }
        }
        return Optional.ofNullable(last);
    }

    private static boolean hasTransaction(OrderSnapshot order, TransactionType type) {
        List<PaymentTransaction> txs = order.payments(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = txs.size(); k < size; k++) {
            PaymentTransaction t = txs.get(k);
            if (t.type() == type && t.succeeded()) {
                return true;
            }
        }
        return false;
    }

    private static boolean declined(OrderSnapshot order) {
        List<PaymentTransaction> txs = order.payments(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = txs.size(); k < size; k++) {
            PaymentTransaction t = txs.get(k);
            if (t.type() == TransactionType.AUTHORIZATION && !t.succeeded()) {
                return true;
            }
        }
        return false;
    }

    // =============================================================================== stock effects

    /**
     * {@link #execute(OrderId, Function)}; when the command finds nothing to do (a repeat of a call that went
     * through, or whose stock call failed after its save), the stock effects of the order's saved events are applied
     * again, each a no-op if it happened: a repeat finishes what a failed inventory call left, as {@link #resume} does.
     */
    private OrderSnapshot executeRepeatable(OrderId orderId, Function<OrderSnapshot, OrderCommand> command) {
        boolean[] repeat = new boolean[1];
        OrderSnapshot order = execute(orderId, o -> {
            OrderCommand c = command.apply(o);
            repeat[0] = c == null;
            return c;
        });
        if (repeat[0]) {
            redoStockEffects(orderId);
        }
        return order;
    }

    /** The stock effects of every saved event of the order again (each a no-op if it happened). */
    private void redoStockEffects(OrderId orderId) {
        applyStockEffects(orderId, null, history(orderId));
    }

    /**
     * Applies the stock effects of saved events, each idempotent by the event's id: units leaving a
     * reserved fulfillment for CANCELLED or BACKORDERED release their stock; a shipment or a pickup consumes
     * it; a RESTOCK inspection restocks the received units at the receiving location. {@code saved} is a
     * snapshot saved at or after the events (what is read from it, reservation ids, fulfillment lines and
     * received units, is fixed by then), or null to load the order only if an event needs it.
     */
    private void applyStockEffects(OrderId orderId, OrderSnapshot saved, List<OrderEvent> allEvents) {
        OrderSnapshot order = saved;
        // indexed, without an iterator per call: a decision's events are random-access, a store's may not be
        List<OrderEvent> events = allEvents instanceof RandomAccess ? allEvents : List.copyOf(allEvents);
        for (int i = 0, size = events.size(); i < size; i++) {
            OrderEvent event = events.get(i);
            if (event instanceof LineQuantityMoved moved && moved.reference() != null
                    && isReservedBucket(moved.from()) && (moved.to() == Bucket.CANCELLED || moved.to() == Bucket.BACKORDERED)) {
                order = order != null ? order : get(orderId);
                Optional<Fulfillment> f = order.fulfillment(FulfillmentId.of(moved.reference()));
                if (f.isPresent() && f.get().reservationId() != null) {
                    try {
                        inventory.release(moved.eventId().value() + ":" + moved.lineId().value(), f.get().reservationId(),
                                Map.of(moved.sku(), moved.quantity()));
                    } catch (InventoryException e) {
                        if (e.code() == OmsErrorCode.UNKNOWN_RESERVATION) {
                            // never reserved (refused or not yet made): nothing to release
                            LOG.debug("order {}: nothing to release for {}: {}", orderId, moved.reference(), e.code());
                        } else {
                            // the store says the reservation holds less than the order let go: its units stay
                            // reserved until someone looks (an adapter that breaks R2.6, or stock changed by hand)
                            LOG.warn("order {}: the inventory refused to release {} x {} of reservation {} for {}: {}",
                                    orderId, moved.quantity(), moved.sku(), f.get().reservationId(),
                                    moved.reference(), e.getMessage());
                        }
                    }
                }
            } else if (event instanceof FulfillmentShipped shipped) {
                order = order != null ? order : get(orderId);
                consume(order, shipped.eventId().value(), shipped.fulfillmentId(), shippedQuantities(shipped.lines()));
            } else if (event instanceof FulfillmentStateChanged changed && changed.toStatus() == FulfillmentStatus.PICKED_UP) {
                order = order != null ? order : get(orderId);
                Optional<Fulfillment> f = order.fulfillment(changed.fulfillmentId());
                if (f.isPresent()) {
                    consume(order, changed.eventId().value(), changed.fulfillmentId(), skuQuantities(order, f.get().lines()));
                }
            } else if (event instanceof ReturnInspected inspected && inspected.disposition() == Disposition.RESTOCK
                    && inspected.result() == InspectionResult.ACCEPTED) {
                order = order != null ? order : get(orderId);
                restock(order, inspected);
            }
        }
    }

    private static boolean inStatus(OrderSnapshot o, FulfillmentId id, FulfillmentStatus status) {
        return o.fulfillment(id).map(f -> f.status() == status).orElse(false);
    }

    /** Whether the order's events show {@code holdId} placed (so that its absence now means released). */
    private boolean wasHeld(OrderId orderId, HoldId holdId) {
        for (OrderEvent e : history(orderId)) {
            if (e instanceof io.omskit.spi.event.HoldPlaced h && h.hold().id().equals(holdId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isReservedBucket(Bucket b) {
        return b == Bucket.ALLOCATED || b == Bucket.RELEASED || b == Bucket.PICKED || b == Bucket.PACKED
                || b == Bucket.READY_FOR_PICKUP;
    }

    private static Map<Sku, Integer> shippedQuantities(List<ShippedLine> lines) {
        int size = lines.size();
        Sku[] skus = new Sku[size];
        int[] units = new int[size];
        int n = 0;
        for (int j = 0; j < size; j++) {
            ShippedLine l = lines.get(j);
            n = add(skus, units, n, l.sku(), l.quantity());
        }
        return immutableMap(skus, units, n);
    }

    /** Adds {@code quantity} of {@code sku} to the first {@code n} slots (a new slot if absent); the new count. */
    private static int add(Sku[] skus, int[] units, int n, Sku sku, int quantity) {
        int i = indexOf(skus, n, sku);
        if (i >= 0) {
            units[i] += quantity;
            return n;
        }
        skus[n] = sku;
        units[n] = quantity;
        return n + 1;
    }

    private void consume(OrderSnapshot order, String operationId, FulfillmentId fid, Map<Sku, Integer> quantities) {
        Optional<Fulfillment> f = order.fulfillment(fid);
        if (f.isEmpty() || f.get().reservationId() == null || quantities.isEmpty()) {
            return;
        }
        inventory.consume(operationId, f.get().reservationId(), quantities);
    }

    /**
     * Restocks what an accepted RESTOCK inspection covers: the units of its (return, line) received since the line's
     * previous inspection (whatever its disposition: a unit written off stays written off), each at the location that
     * received it, computed from the saved events, so the quantity of each restock (keyed by the inspection's event
     * id, and the location after the first) never changes, however often it is applied.
     */
    private void restock(OrderSnapshot order, ReturnInspected inspected) {
        // the line's units received since its last inspection (of any result and disposition: those before were
        // restocked, written off or refused then), by the location that received them (null: none given)
        Map<LocationId, Integer> received = new java.util.LinkedHashMap<>();
        for (OrderEvent e : history(order.id())) {
            if (e.eventId().equals(inspected.eventId())) {
                break;
            }
            if (e instanceof io.omskit.spi.event.ReturnReceived r && r.returnId().equals(inspected.returnId())) {
                for (io.omskit.spi.event.ReturnedUnits u : r.lines()) {
                    if (u.lineId().equals(inspected.lineId()) && u.quantity() > 0) {
                        received.merge(r.location(), u.quantity(), Integer::sum);
                    }
                }
            } else if (e instanceof ReturnInspected earlier && earlier.returnId().equals(inspected.returnId())
                    && earlier.lineId().equals(inspected.lineId())) {
                received.clear();
            }
        }
        Sku sku = order.line(inspected.lineId()).orElseThrow().sku();
        boolean first = true;
        for (Map.Entry<LocationId, Integer> at : received.entrySet()) {
            LocationId location = at.getKey() != null ? at.getKey()
                    : returnLocation(order, inspected.returnId(), inspected.lineId());
            if (location == null) {
                LOG.warn("order {}: return {} has no known location to restock at", order.id(), inspected.returnId());
                continue;
            }
            // one operation per receiving location; the first keeps the inspection's own id
            String operation = first ? inspected.eventId().value() : inspected.eventId().value() + "@" + location.value();
            first = false;
            inventory.restock(operation, location, sku, at.getValue());
        }
    }

    private LocationId returnLocation(OrderSnapshot order, ReturnId returnId, LineId lineId) {
        for (OrderEvent e : history(order.id())) {
            if (e instanceof io.omskit.spi.event.ReturnReceived r && r.returnId().equals(returnId) && r.location() != null) {
                return r.location();
            }
        }
        List<Fulfillment> fulfillments = order.fulfillments(); // immutable, random-access: indexed, without an iterator
        for (int k = 0, size = fulfillments.size(); k < size; k++) {
            Fulfillment f = fulfillments.get(k);
            if (f.quantityOf(lineId) > 0) {
                return f.location();
            }
        }
        return null;
    }

    // =============================================================================== the loop

    /**
     * Loads, builds the command from the fresh snapshot ({@code null} = nothing to do), decides, saves with
     * the expected version, publishes and applies stock effects; retries a stale save from a fresh load.
     */
    private OrderSnapshot execute(OrderId orderId, Function<OrderSnapshot, OrderCommand> command) {
        return execute(orderId, null, command);
    }

    /**
     * As {@link #execute(OrderId, Function)}, but the first attempt decides on {@code known} (a snapshot this
     * call just loaded or saved) instead of loading the order again. That is safe because the save carries the
     * version {@code known} has: if anything else wrote since, the save is stale and retried from a fresh load.
     * An answer that is not saved (nothing to do, or a rejection) is given only for a fresh load, so it is
     * never based on an outdated snapshot.
     */
    private OrderSnapshot execute(OrderId orderId, OrderSnapshot known,
                                  Function<OrderSnapshot, OrderCommand> command) {
        Checks.present(orderId, "order id");
        StaleOrderException last = null;
        OrderSnapshot current = known;
        boolean fresh = known == null; // whether current was loaded by this call, right before deciding
        for (int attempt = 0; attempt < config.maxAttempts(); attempt++) {
            if (current == null) {
                current = get(orderId);
                fresh = true;
            }
            OrderCommand cmd = command.apply(current);
            Decision decision = cmd == null ? null : decider.decide(current, cmd);
            if (!(decision instanceof Decision.Accepted accepted)) {
                if (!fresh) {
                    OrderSnapshot latest = get(orderId);
                    fresh = true;
                    if (latest.version() != current.version()) {
                        current = latest; // not what was decided on: decide again on the latest snapshot
                        attempt--;
                        continue;
                    }
                }
                if (cmd == null) {
                    return current;
                }
                throw rejection(orderId.value(), (Decision.Rejected) decision);
            }
            try {
                orders.save(accepted.snapshot(), current.version(), accepted.events());
            } catch (StaleOrderException e) {
                last = e;
                if (LOG.isDebugEnabled()) {
                    LOG.debug("order {}: stale save at version {}, retrying", orderId, current.version());
                }
                current = null;
                continue;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("order {}: {} -> version {}", orderId, cmd.getClass().getSimpleName(),
                        accepted.snapshot().version());
            }
            publish(accepted.events());
            applyStockEffects(orderId, accepted.snapshot(), accepted.events());
            return accepted.snapshot();
        }
        throw exhausted(orderId, last);
    }

    private StaleOrderException exhausted(OrderId orderId, StaleOrderException last) {
        LOG.warn("order {}: gave up after {} conflicting attempts", orderId, config.maxAttempts());
        StaleOrderException e = new StaleOrderException(OmsErrorCode.CONCURRENT_MODIFICATION, orderId.value(),
                last == null ? -1 : last.expectedVersion(), last == null ? -1 : last.actualVersion());
        if (last != null) {
            e.addSuppressed(last);
        }
        return e;
    }

    private static Decision.Accepted accept(String orderId, Decision decision) {
        if (decision instanceof Decision.Rejected rejected) {
            throw rejection(orderId, rejected);
        }
        return (Decision.Accepted) decision;
    }

    private static CommandRejectedException rejection(String orderId, Decision.Rejected rejected) {
        return new CommandRejectedException(orderId, rejected.code(), rejected.message());
    }

    private void publish(List<OrderEvent> events) {
        listeners.publish(events);
    }

    private Instant now() {
        return clock.instant();
    }

    /**
     * A lossy set of the ids remembered last: a fixed table of slots, each holding the last id hashed to it. An id
     * remembered may be forgotten (its slot taken by another); an id never remembered is never found. Thread-safe
     * without locks: slots are read and written racily, and a stale read is only a miss ({@link String}s are
     * immutable, so a slot never shows a half-made one).
     */
    private static final class RecentIds {
        private final String[] slots;

        RecentIds(int size) {
            slots = new String[Integer.highestOneBit(size)];
        }

        private int slot(String id) {
            int h = id.hashCode();
            return (h ^ (h >>> 16)) & (slots.length - 1);
        }

        void remember(String id) {
            slots[slot(id)] = id;
        }

        boolean contains(String id) {
            String s = slots[slot(id)];
            return s != null && s.equals(id);
        }
    }
}
