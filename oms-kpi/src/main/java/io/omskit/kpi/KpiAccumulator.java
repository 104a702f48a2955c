package io.omskit.kpi;

import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.LineAdded;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderCancelled;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnedUnits;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Sku;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPI calculator: folds domain events (live or imported) and inventory snapshots into per-order state, merges
 * with other accumulators, and computes {@link KpiReport}s for any window as of its cutoff.
 *
 * <p>Not thread-safe: one accumulator per thread or per shard, combined with {@link #merge}. An accumulator that is
 * no longer written to may be read ({@link #report}) from any thread that sees its writes.
 *
 * <h2>Input</h2>
 * Events dated after {@code asOf} are ignored (they had not happened; counted in {@link DataQuality}). The events
 * used are {@code OrderPlaced} (channel id, placed_at, promised_by, lines with SKU, quantity, unit cost),
 * {@code LineAdded} (a new demand line; an exchange replacement line is left out of every KPI),
 * {@code LineQuantityMoved} into {@code BACKORDERED} (backordered units) and into {@code CANCELLED} (cancelled units,
 * with initiator and reason; a move without them takes those of the order's {@code OrderCancelled}) and into
 * {@code LOST} (its {@code reference} naming the lost fulfillment), {@code FulfillmentCreated} of a pickup (location,
 * planned lines: a pickup has no shipment event; a shipped fulfillment counts from its {@code FulfillmentShipped}, so
 * open orders keep no fulfillment state until something ships), {@code FulfillmentShipped} (location, carrier, the SKUs actually shipped, documentation),
 * {@code FulfillmentDelivered} (damage), {@code FulfillmentStateChanged} to {@code READY_FOR_PICKUP} (the pickup's
 * "shipment"), to {@code PICKED_UP} or {@code DELIVERED} (a delivery) and to {@code LOST} (a shipment declared lost,
 * as a move into {@code LOST} does), and {@code ReturnReceived} (returns are
 * dated by physical reception). Every other event (payments, holds, other bucket moves, return requests and
 * inspections) is ignored.
 *
 * <p>The per-order state is a commutative fold: sums, maxima and idempotent assignments. Events of one order may
 * therefore arrive in any order, be split over several accumulators, and be merged in any order; the report is
 * exactly the same as one pass over all events. What it requires: every event is given once (deduplicate
 * at-least-once feeds by event id upstream), and a fulfillment ships once ({@code FulfillmentShipped} per
 * fulfillment id).
 *
 * <h2>Populations (research/kpi.md section 1.3)</h2>
 * <ul>
 * <li><b>Net demand</b> of a line = ordered - withdrawn, where withdrawn = units cancelled with a withdrawing reason
 * ({@link KpiOptions#withdrawReasons()}: customer_request, fraud_suspected, payment_failed, payment_declined) on a line that was
 * never backordered. Any other cancellation, and any cancellation of a backordered line, is unmet demand.</li>
 * <li><b>P(W)</b>: orders whose placed_at falls on a local date of the window.</li>
 * <li><b>Closed</b>: net demand &gt; 0, every shipment delivered (or declared lost), and every line's units either
 * shipped (of any SKU: in the bucket model a wrong item still moves the line's units) or cancelled.
 * closed_at = max(every delivered_at, every cancelled_at, every lost_at). <b>C(W)</b>: orders whose closed_at falls
 * in the window; an order contributes once, in the window of its closure, whatever late events for it arrive
 * (they land in their order's window). <b>D(W)</b>: orders of C(W) with at least one delivery.</li>
 * <li><b>Open</b> as of as_of: net demand &gt; 0 and not closed; past due if promised_by &lt; as_of. Fully withdrawn
 * orders (net demand 0) are neither; they count in the intake KPIs only.</li>
 * </ul>
 *
 * <h2>Formulas (research/kpi.md section 0); every rate is sum(num) / sum(den), null when den = 0</h2>
 * Per line: {@code delivered_ok} = units of the line's SKU in delivered shipments, {@code wrong} = units of another
 * SKU shipped on the line, {@code filled = min(delivered_ok, net)}, {@code bo = min(backordered, net)},
 * {@code ft = min(filled, net - bo)}.
 * <ul>
 * <li>in_full(o): every line has delivered_ok = net and wrong = 0 (over- and under-shipment fail; lost units are
 * not delivered); on_time(o): last delivered_at &lt;= promised_by (original promise, inclusive; an order without a
 * promise is on time); damage_free(o): no delivered shipment damaged; documentation_ok(o): every shipment's
 * documents correct; accurate(o): no wrong SKU shipped and no line with more units of its SKU shipped than net
 * demand (shortages are fill failures, not accuracy errors).</li>
 * <li>perfect_order_rate = #C(W) in_full and on_time and damage_free and documentation_ok / |C(W)|;
 * perfect_order_index_multiplicative = in_full_rate x on_time_delivery_rate x damage_free_rate x
 * documentation_accuracy_rate (APQC-style approximation, not the default).</li>
 * <li>in_full_rate, otif_rate (in full and on time), order_fill_rate (every line filled = net with bo = 0),
 * order_fill_rate_eventual (every line filled = net): over C(W); an order closed without delivery fails them.</li>
 * <li>on_time_delivery_rate, damage_free_rate, documentation_accuracy_rate, order_accuracy_rate: over D(W).</li>
 * <li>unit_fill_rate = sum ft / sum net, unit_fill_rate_eventual = sum filled / sum net, line_fill_rate =
 * #(filled = net and bo = 0) / #lines, line_fill_rate_eventual = #(filled = net) / #lines; over the lines with
 * net &gt; 0 of C(W).</li>
 * <li>order_cycle_time_s = last delivered_at - placed_at; order_to_ship_time_s = last shipped_at - placed_at (a
 * pickup "ships" when ready for pickup); over D(W), elapsed whole seconds (DST-proof), count, sum, mean, min,
 * p50/p90/p95/p99 nearest rank, max ({@link DurationSummary}). Negative durations (timestamps out of causal
 * order) are left out and counted.</li>
 * <li>return_rate_units = units returned (received up to as_of, capped per line at the units delivered on it) /
 * units delivered, over D(W); return_rate_orders = #orders with a returned unit / |D(W)|;
 * return_rate_units_event_period = units received back in W (any order, uncapped) / units delivered in W;
 * return_rate_units_placed_cohort = the D(W) formula over P(W).</li>
 * <li>order_cancellation_rate = #orders of P(W) with nothing shipped and every line's ordered units cancelled /
 * |P(W)|; _customer when every cancellation was customer-initiated, _merchant otherwise (merchant or system);
 * unit_cancellation_rate = cancelled units / ordered units (partial cancellations too); backorder_rate_orders =
 * #orders with a backordered unit / |P(W)|; backorder_rate_units = backordered units (capped at ordered per line)
 * / ordered units. Backordered units are counted as moves into BACKORDERED: a unit backordered, allocated, short-picked
 * and backordered again counts twice (up to the cap), which also lowers its line's first-time fill.</li>
 * </ul>
 *
 * <h2>Inventory (research/kpi.md 2.11), per stocked location (one with a snapshot) and overall</h2>
 * {@code cogs_shipped} = sum of qty x unit cost over the shipment lines shipped in W from the location (the line's
 * unit cost when the right SKU shipped, else the shipped SKU's snapshot cost at that location, latest dated on or
 * before the ship date, else the earliest dated after it, else the line's cost); {@code level(d)} = sum of on_hand x unit_cost of the latest snapshot
 * dated on or before d (carry forward; none yet = 0); average time-weighted = (1/D) sum over the D days of level;
 * simple = (level(day before W) + level(last day)) / 2; turnover = COGS / average (null when the average is 0,
 * 0 when COGS is 0); annualized = turnover x 365 / D; days_of_inventory = D x average / COGS (null when COGS is 0);
 * unit_turnover = units shipped / time-weighted average units. Shipments from locations without snapshots
 * (drop-ship) are excluded and reported as {@code cogs_excluded_non_stocked_locations}. Overall = sum of COGS /
 * sum of averages.
 *
 * <h2>Windows and dimensions</h2>
 * A window is half-open on business-local dates ({@link KpiWindow}); an instant belongs to the local date it falls
 * on in the window's zone (DST-correct). Groups: overall, by channel id, by ship-from location, by carrier; by
 * location and carrier an order counts under every location (carrier) that shipped part of it.
 * {@link #series} gives a rolling series per local day, computed from daily buckets (ratio of sums).
 */
public final class KpiAccumulator {
    private static final Logger LOG = LoggerFactory.getLogger(KpiAccumulator.class);

    private final Instant asOf;
    private final long asOfMillis;
    private final KpiOptions options;
    private final OrderTable orders = new OrderTable();
    private final Dictionaries codes = new Dictionaries();
    private final Map<String, String> names = new HashMap<>();
    private final SnapshotStore snapshots = new SnapshotStore();
    private long ignoredAfterAsOf;
    /** The id string of the last event's order (the very object: events of one order often share it), and its state. */
    private String lastId;
    private OrderState lastState;
    private java.util.Currency lastCurrency;
    /** The line id codes of the first lines of the last placed order (line ids repeat from order to order). */
    private final int[] placedLineCodes = new int[8];
    private final int[] scratchCodes = new int[8];
    private short lastCurrencyCode;

    private KpiAccumulator(Instant asOf, KpiOptions options) {
        this.asOf = Checks.present(asOf, "as of");
        this.asOfMillis = asOf.toEpochMilli();
        this.options = Checks.present(options, "options");
    }

    /** An empty accumulator with the default options. */
    public static KpiAccumulator create(Instant asOf) {
        return new KpiAccumulator(asOf, KpiOptions.defaults());
    }

    /** An empty accumulator. */
    public static KpiAccumulator create(Instant asOf, KpiOptions options) {
        return new KpiAccumulator(asOf, options);
    }

    /** The cutoff: events after it are ignored. */
    public Instant asOf() {
        return asOf;
    }

    /** The options. */
    public KpiOptions options() {
        return options;
    }

    /** How many orders have state here. */
    public int orderCount() {
        return orders.size();
    }

    /** Folds every event. */
    public void acceptAll(Collection<? extends OrderEvent> events) {
        for (OrderEvent e : Checks.present(events, "events")) {
            accept(e);
        }
    }

    /** Folds every snapshot. */
    public void acceptSnapshots(Collection<InventorySnapshot> all) {
        for (InventorySnapshot s : Checks.present(all, "snapshots")) {
            accept(s);
        }
    }

    /** Folds one inventory snapshot; a second snapshot of the same SKU, location and date keeps the larger one. */
    public void accept(InventorySnapshot snapshot) {
        Checks.present(snapshot, "snapshot");
        snapshots.add(intern(snapshot.location().value()), snapshot);
    }

    /**
     * Folds one event into its order's state; events after as_of are counted and ignored, and so are the kinds
     * the KPIs do not read (they create no state).
     */
    public void accept(OrderEvent event) {
        Checks.present(event, "event");
        long at = event.occurredAt().toEpochMilli();
        if (at > asOfMillis) {
            ignoredAfterAsOf++;
            return;
        }
        if (event instanceof LineQuantityMoved) {
            LineQuantityMoved e = (LineQuantityMoved) event;
            Bucket to = e.to();
            if (to == Bucket.BACKORDERED || to == Bucket.CANCELLED || (to == Bucket.LOST && e.reference() != null)) {
                moved(state(event), e, at);
            }
        } else if (event instanceof FulfillmentShipped) {
            OrderState s = state(event);
            FulfillmentShipped e = (FulfillmentShipped) event;
            Fulfillment f = s.fulfillment(e.fulfillmentId().value());
            f.location = place(e.location().value());
            if (e.carrier() != null) {
                f.carrier = place(e.carrier());
            }
            if (!f.shippedSeen) {
                f.shippedSeen = true;
                f.shippedAt = at;
                List<ShippedLine> lines = e.lines();
                int[] shipped = new int[lines.size() * 3];
                for (int i = 0; i < lines.size(); i++) {
                    ShippedLine l = lines.get(i);
                    int line = s.line(l.lineId(), codes.lineIds);
                    shipped[3 * i] = line;
                    shipped[3 * i + 1] = l.quantity();
                    shipped[3 * i + 2] = skuCode(s, line, l.sku());
                }
                f.shipped = shipped;
            } else {
                LOG.debug("order {}: fulfillment {} shipped twice; the first shipment is kept", s.orderId(), f.id);
            }
            f.documentationNotOk |= !e.documentationOk();
        } else if (event instanceof FulfillmentDelivered) {
            OrderState s = state(event);
            FulfillmentDelivered e = (FulfillmentDelivered) event;
            Fulfillment f = s.fulfillment(e.fulfillmentId().value());
            f.location = place(e.location().value());
            f.deliveredAt = Math.max(f.deliveredAt, at);
            f.damaged |= e.damaged();
        } else if (event instanceof OrderPlaced) {
            placed(state(event), (OrderPlaced) event, at);
        } else if (event instanceof FulfillmentCreated && ((FulfillmentCreated) event).pickup()) {
            OrderState s = state(event);
            FulfillmentCreated e = (FulfillmentCreated) event;
            Fulfillment f = s.fulfillment(e.fulfillmentId().value());
            f.location = place(e.location().value());
            f.pickup |= e.pickup();
            if (f.created == null) {
                f.created = pairs(s, e.lines());
            }
        } else if (event instanceof FulfillmentStateChanged) {
            FulfillmentStateChanged e = (FulfillmentStateChanged) event;
            FulfillmentStatus to = e.toStatus();
            if (to == FulfillmentStatus.READY_FOR_PICKUP || to == FulfillmentStatus.PICKED_UP
                    || to == FulfillmentStatus.DELIVERED) {
                OrderState s = state(event);
                Fulfillment f = s.fulfillment(e.fulfillmentId().value());
                f.location = place(e.location().value());
                if (to == FulfillmentStatus.READY_FOR_PICKUP) {
                    f.pickup = true;
                    f.readyAt = Math.max(f.readyAt, at);
                } else {
                    f.pickup |= to == FulfillmentStatus.PICKED_UP;
                    f.deliveredAt = Math.max(f.deliveredAt, at);
                }
                if (to != FulfillmentStatus.DELIVERED && !e.lines().isEmpty()) {
                    // the units the step moved: what the customer got, after any short pick or cancelled unit
                    f.handed(pairs(s, e.lines()), to == FulfillmentStatus.PICKED_UP);
                }
            } else if (to == FulfillmentStatus.CANCELLED) {
                // a pickup cancelled while it waited at the store (or a plan cancelled before shipping): its units
                // went back; only one whose units never left stops counting as a shipment
                state(event).fulfillment(e.fulfillmentId().value()).cancelled = true;
            } else if (to == FulfillmentStatus.LOST) {
                // the engine declares a shipment lost with its own step (an imported history with a move into LOST)
                Fulfillment f = state(event).fulfillment(e.fulfillmentId().value());
                f.location = place(e.location().value());
                f.lostAt = Math.max(f.lostAt, at);
            }
        } else if (event instanceof ReturnReceived) {
            OrderState s = state(event);
            for (ReturnedUnits u : ((ReturnReceived) event).lines()) {
                s.addReturn(at, s.line(u.lineId(), codes.lineIds), u.quantity());
            }
        } else if (event instanceof OrderCancelled) {
            OrderCancelled e = (OrderCancelled) event;
            OrderState s = state(event);
            s.rare().cancelledBy(e.initiator(), e.reason());
        } else if (event instanceof LineAdded) {
            LineAdded e = (LineAdded) event;
            OrderState s = state(event);
            int i = line(s, e.line());
            if (e.exchangeFor() != null) {
                s.max(i, OrderState.EXCHANGE, 1);
            }
        }
    }

    private OrderState state(OrderEvent event) {
        String id = event.orderId().value();
        if (id != lastId) {
            lastState = orders.getOrCreate(id);
            lastId = id;
        }
        return lastState;
    }

    private void placed(OrderState s, OrderPlaced e, long at) {
        if (s.placed) {
            LOG.debug("order {}: placed twice; the first placement is kept", s.orderId());
            return;
        }
        s.placed = true;
        s.placedAt = at;
        s.channel = codes.channels.code(e.channel().id());
        s.promisedBy = e.promisedBy() == null ? OrderState.NONE : e.promisedBy().toEpochMilli();
        s.currency = currency(e.currency());
        List<LineSpec> specs = e.lines();
        int n = specs.size();
        if (s.lineCount() == 0 && n <= placedLineCodes.length) {
            // the usual case: the placement brings the order's first lines; code them, then make the lines at once
            int[] lineCodes = placedLineCodes;
            int distinct = 0;
            for (int k = 0; k < n; k++) {
                int code = codes.lineIds.code(specs.get(k).lineId(), lineCodes[k]);
                int i = 0;
                while (i < distinct && scratchCodes[i] != code) {
                    i++;
                }
                if (i == distinct) {
                    scratchCodes[distinct++] = code;
                }
                lineCodes[k] = code;
            }
            s.newLines(scratchCodes, distinct);
            for (int k = 0; k < n; k++) {
                int i = 0;
                while (s.lineIdCode(i) != lineCodes[k]) {
                    i++;
                }
                setLine(s, i, specs.get(k));
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            line(s, specs.get(k));
        }
    }

    private int line(OrderState s, LineSpec spec) {
        int i = s.line(spec.lineId(), codes.lineIds);
        setLine(s, i, spec);
        return i;
    }

    private void setLine(OrderState s, int i, LineSpec spec) {
        s.sku(i, codes.skus.code(spec.sku()));
        s.max(i, OrderState.ORDERED, spec.quantity());
        if (spec.unitCost() != null) {
            s.unitCost(i, spec.unitCost().minorUnits());
        }
        if (s.currency == 0) {
            s.currency = currency(spec.unitPrice().currency());
        }
    }

    private short currency(java.util.Currency currency) {
        if (currency != lastCurrency) {
            lastCurrencyCode = (short) codes.currencies.code(currency);
            lastCurrency = currency;
        }
        return lastCurrencyCode;
    }

    private void moved(OrderState s, LineQuantityMoved e, long at) {
        Bucket to = e.to();
        if (to == Bucket.BACKORDERED) {
            int i = s.line(e.lineId(), codes.lineIds);
            noteSku(s, i, e.sku());
            s.add(i, OrderState.BACKORDERED, e.quantity());
        } else if (to == Bucket.CANCELLED) {
            int i = s.line(e.lineId(), codes.lineIds);
            noteSku(s, i, e.sku());
            String reason = e.reason();
            int field = reason == null ? OrderState.CANCEL_NO_REASON
                    : options.withdrawReasons().contains(reason) ? OrderState.CANCEL_WITHDRAW : OrderState.CANCEL_UNMET;
            s.add(i, field, e.quantity());
            s.cancelledAt(i, at);
            OrderState.Rare rare = s.rare();
            Initiator by = e.initiator();
            rare.cancelInitiators |= by == null ? OrderState.CANCEL_BY_UNKNOWN
                    : by == Initiator.CUSTOMER ? OrderState.CANCEL_BY_CUSTOMER : OrderState.CANCEL_BY_OTHER;
        } else if (to == Bucket.LOST && e.reference() != null) {
            Fulfillment f = s.fulfillment(e.reference());
            f.lostAt = Math.max(f.lostAt, at);
        }
    }

    /** The code of {@code sku}, read from the line when it is the line's own SKU (the usual case). */
    /** Pairs (line index, quantity) of fulfillment lines. */
    private int[] pairs(OrderState s, List<FulfillmentLine> lines) {
        int[] pairs = new int[lines.size() * 2];
        for (int i = 0; i < lines.size(); i++) {
            pairs[2 * i] = s.line(lines.get(i).lineId(), codes.lineIds);
            pairs[2 * i + 1] = lines.get(i).quantity();
        }
        return pairs;
    }

    private int skuCode(OrderState s, int line, Sku sku) {
        int own = s.sku(line);
        if (own != 0 && codes.skus.value(own).equals(sku)) {
            return own;
        }
        return codes.skus.code(sku);
    }

    private void noteSku(OrderState s, int line, Sku sku) {
        if (s.sku(line) == 0) {
            s.sku(line, codes.skus.code(sku));
        }
    }

    /** The code of a location or carrier name. */
    private int place(String name) {
        return codes.places.code(name);
    }

    private String intern(String name) {
        String known = names.putIfAbsent(name, name);
        return known == null ? name : known;
    }

    /**
     * Adds everything {@code other} holds to this accumulator (same as folding its events and snapshots here) and
     * returns this. Both must have the same as_of and options. {@code other} must not be used afterwards.
     */
    public KpiAccumulator merge(KpiAccumulator other) {
        Checks.present(other, "other accumulator");
        if (!asOf.equals(other.asOf) || !options.equals(other.options)) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "cannot merge accumulators as of " + asOf + " and " + other.asOf + " or with other options");
        }
        if (other == this) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "cannot merge an accumulator into itself");
        }
        snapshots.checkMergeable(other.snapshots); // before anything changes: a refused merge changes nothing
        Dictionaries.Recoder recoder = new Dictionaries.Recoder(other.codes, codes);
        for (OrderState theirs : other.orders) {
            OrderState mine = orders.get(theirs);
            if (mine == null) {
                OrderState copy = OrderState.sameOrder(theirs);
                copy.mergeFrom(theirs, recoder);
                orders.add(copy);
            } else {
                mine.mergeFrom(theirs, recoder);
            }
        }
        snapshots.merge(other.snapshots, this::intern);
        ignoredAfterAsOf += other.ignoredAfterAsOf;
        return this;
    }

    /** The report for {@code window} as of this accumulator's as_of. */
    public KpiReport report(KpiWindow window) {
        Checks.present(window, "window");
        ReportBuilder b = new ReportBuilder(options, codes, asOfMillis, window.zone(), window.start(), window.days(), false);
        for (OrderState s : orders) {
            b.addOrder(s);
        }
        return b.report(window, asOf, 0, 1, snapshots, orders, ignoredAfterAsOf);
    }

    /**
     * A rolling daily series: for every local date d of {@code window}, the report of the
     * {@code rollingDays}-day window ending with d, that is {@code [d - rollingDays + 1, d + 1)}. With 1 it is the
     * daily series. Order KPIs come from one pass into daily buckets, added up per window (ratio of sums).
     */
    public List<KpiReport> series(KpiWindow window, int rollingDays) {
        Checks.present(window, "window");
        Checks.positive(rollingDays, "rolling days");
        if (rollingDays > KpiWindow.MAX_DAYS) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "rolling days must be at most " + KpiWindow.MAX_DAYS + ", was " + rollingDays);
        }
        java.time.LocalDate first = window.start().minusDays(rollingDays - 1L);
        int days = window.days() + rollingDays - 1;
        ReportBuilder b = new ReportBuilder(options, codes, asOfMillis, window.zone(), first, days, true);
        for (OrderState s : orders) {
            b.addOrder(s);
        }
        List<KpiReport> out = new ArrayList<>(window.days());
        for (int k = 0; k < window.days(); k++) {
            java.time.LocalDate end = window.start().plusDays(k + 1L);
            KpiWindow w = new KpiWindow(window.zone(), end.minusDays(rollingDays), end);
            out.add(b.report(w, asOf, k, k + rollingDays, snapshots, orders, ignoredAfterAsOf));
        }
        return out;
    }
}
