package io.omskit.examples.demo;

import io.omskit.spi.event.FraudScreened;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.OrderStateChanged;
import io.omskit.spi.event.PaymentAuthorized;
import io.omskit.spi.event.PaymentCaptured;
import io.omskit.spi.event.PaymentRefunded;
import io.omskit.spi.event.PaymentRequestCompleted;
import io.omskit.spi.event.PaymentRequested;
import io.omskit.spi.event.ReturnApproved;
import io.omskit.spi.event.ReturnClosed;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnRequested;
import io.omskit.spi.event.TrackingEventRecorded;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.port.Allocation;
import io.omskit.spi.port.PlanExplanation;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.kpi.KpiAccumulator;
import io.omskit.kpi.KpiReports;
import io.omskit.kpi.KpiWindow;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a {@link DemoResult} as a readable summary.
 *
 * <p>Not thread-safe; one instance per output.
 */
public final class DemoReportPrinter {
    private final PrintWriter out;

    public DemoReportPrinter(PrintWriter out) {
        this.out = out;
    }

    /** Prints the summary of {@code r}, which ran with {@code seed} in {@code seconds}. */
    public void print(DemoResult r, long seed, double seconds) {
        out.println();
        out.printf(Locale.ROOT, "omskit demo: %d orders, seed %d, %.1f s%n", r.orders(), seed, seconds);
        section("Orders by final status");
        for (OrderStatus s : OrderStatus.values()) {
            row(s.name(), r.ordersByStatus().getOrDefault(s, 0));
        }
        section("What happened");
        new TreeMap<>(r.actions()).forEach(this::row);
        section("Units by bucket (all orders)");
        for (Bucket b : Bucket.values()) {
            Long n = r.unitsByBucket().get(b);
            if (n != null) {
                row(b.name(), n);
            }
        }
        section("Money (at the payment provider)");
        row("authorized", r.authorized());
        row("captured", r.captured());
        row("refunded", r.refunded());
        row("voided", r.voided());
        row("captured <= authorized, refunded <= captured per order",
                r.moneyViolations().isEmpty() ? "yes" : "NO: " + r.moneyViolations().size() + " orders");
        section("Stock (units)");
        row("initial on hand", r.initialStock());
        row("replenished by suppliers", r.replenishedStock());
        row("returns restocked", r.restockedReturns());
        row("shipped or picked up", r.shippedUnits());
        row("on hand after", r.onHandAfter());
        row("reserved after (held by open orders)", r.reservedAfter());
        row("oversold", r.oversoldUnits());
        row("conservation: initial + replenished + restocked = on hand + shipped",
                r.conservationViolations().isEmpty() ? "holds for every SKU"
                        : "VIOLATED for " + r.conservationViolations().size() + ": " + r.conservationViolations());
        section("Routing (min_cost)");
        row("orders shipped", r.shippedOrders());
        row("shipments per shipped order", String.format(Locale.ROOT, "%.3f",
                r.shippedOrders() == 0 ? 0.0 : (double) r.shipments() / r.shippedOrders()));
        row("split rate", String.format(Locale.ROOT, "%.1f%%", 100 * r.splitRate()));
        row("mean planned shipping cost per order (cost units)", String.format(Locale.ROOT, "%.2f", r.meanPlannedShippingCost()));
        row("labels bought", r.labels());
        if (r.explainedPlan() != null) {
            explain(r);
        }
        if (r.storyOrder() != null) {
            section("Timeline of order " + r.storyOrder());
            for (OrderEvent e : r.storyTimeline()) {
                out.printf(Locale.ROOT, "  v%-3d %s  %-28s %s%n", e.orderVersion(), e.occurredAt(), e.type(), detail(e));
            }
        }
        kpis(r);
        if (!r.unexpected().isEmpty()) {
            section("Unexpected refusals");
            r.unexpected().forEach(u -> out.println("  " + u));
        }
        out.println();
        out.println(r.consistent() ? "All checks hold: no oversell, stock conserved, money consistent."
                : "CHECKS FAILED: see above.");
    }

    /** The run's KPI report (oms-kpi over the run's events), over every local day the run touched. */
    private void kpis(DemoResult r) {
        if (r.allEvents().isEmpty()) {
            return;
        }
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        for (OrderEvent e : r.allEvents()) {
            first = e.occurredAt().isBefore(first) ? e.occurredAt() : first;
            last = e.occurredAt().isAfter(last) ? e.occurredAt() : last;
        }
        ZoneId zone = ZoneId.of("America/New_York");
        KpiAccumulator kpis = KpiAccumulator.create(last.plusSeconds(1));
        kpis.acceptAll(r.allEvents());
        KpiWindow window = new KpiWindow(zone, first.atZone(zone).toLocalDate(), last.atZone(zone).toLocalDate().plusDays(1));
        section("KPIs of this run (oms-kpi; " + window.start() + " to " + window.endExclusive() + " exclusive, " + zone
                + "; definitions in oms-kpi/README.md)");
        out.print(KpiReports.toTable(kpis.report(window), 4));
    }

    private void explain(DemoResult r) {
        RoutingPlan p = r.explainedPlan();
        PlanExplanation x = p.explanation();
        section("Why order " + r.explainedOrder() + " ships from " + x.chosen());
        for (Allocation a : p.allocations()) {
            out.printf(Locale.ROOT, "  %-8s %s x%d%n", a.location(), a.sku(), a.quantity());
        }
        out.printf(Locale.ROOT, "  cost %.2f = shipments %.2f + units %.2f (optimal: %s)%n", p.cost().total(),
                p.cost().shipment(), p.cost().units(), p.optimal());
        if (!x.runnerUp().isEmpty()) {
            out.printf(Locale.ROOT, "  runner-up %s costs %.2f (+%.2f)%n", x.runnerUp(), x.runnerUpCost(), x.runnerUpDelta());
        }
        for (String c : x.bindingConstraints()) {
            out.println("  binding: " + c);
        }
        new TreeMap<>(x.excluded()).forEach((loc, why) -> out.println("  not used: " + loc + ": " + why));
        out.println("  " + x.summary());
    }

    private static String detail(OrderEvent e) {
        if (e instanceof LineQuantityMoved m) {
            return m.lineId() + " " + m.quantity() + " " + m.from() + " -> " + m.to()
                    + (m.reference() != null ? " [" + m.reference() + "]" : "") + (m.reason() != null ? " " + m.reason() : "");
        }
        if (e instanceof FulfillmentCreated f) {
            return f.fulfillmentId() + " at " + f.location() + " " + f.lines().size() + " line(s)";
        }
        if (e instanceof FulfillmentStateChanged f) {
            return f.fulfillmentId() + " " + f.fromState() + " -> " + f.toState() + units(f.lines().size());
        }
        if (e instanceof FulfillmentShipped f) {
            return f.fulfillmentId() + " from " + f.location() + " tracking " + f.trackingNumber()
                    + units(f.lines().size());
        }
        if (e instanceof PaymentAuthorized p) {
            return p.amount().toString();
        }
        if (e instanceof PaymentCaptured p) {
            return p.amount().toString();
        }
        if (e instanceof PaymentRefunded p) {
            return p.amount().toString();
        }
        if (e instanceof ReturnRequested rr) {
            return rr.returnId() + " " + rr.lines().size() + " line(s)";
        }
        if (e instanceof ReturnReceived rr) {
            return rr.returnId() + " at " + rr.location();
        }
        if (e instanceof PaymentRequested p) {
            return p.request().type().name().toLowerCase(Locale.ROOT) + " of " + p.request().amount() + ", key "
                    + p.request().idempotencyKey();
        }
        if (e instanceof PaymentRequestCompleted p) {
            return p.idempotencyKey() + (p.approved() ? " approved" : " declined: " + p.declineReason());
        }
        if (e instanceof OrderStateChanged s) {
            return s.fromState() + " -> " + s.toState();
        }
        if (e instanceof FraudScreened f) {
            return f.assessment().decision() + ", score " + f.assessment().score();
        }
        if (e instanceof OrderPlaced p) {
            return p.channel().id() + ", " + p.lines().size() + " line(s)"
                    + (p.pickupLocation() != null ? ", pickup at " + p.pickupLocation() : "");
        }
        if (e instanceof TrackingEventRecorded t) {
            return t.fulfillmentId() + " " + t.status();
        }
        if (e instanceof FulfillmentDelivered f) {
            return f.fulfillmentId() + (f.damaged() ? " damaged" : "") + units(f.lines().size());
        }
        if (e instanceof ReturnApproved rr) {
            return rr.returnId().toString();
        }
        if (e instanceof ReturnInspected rr) {
            return rr.returnId() + " " + rr.lineId() + " " + rr.result() + ", " + rr.disposition();
        }
        if (e instanceof ReturnClosed rr) {
            return rr.returnId() + " " + rr.resolution();
        }
        return "";
    }

    private void section(String title) {
        out.println();
        out.println(title);
    }

    private void row(String label, Object value) {
        out.printf(Locale.ROOT, "  %-62s %s%n", label, value);
    }

    /** Prints a map as rows (for callers adding sections). */
    public void rows(Map<String, ?> values) {
        values.forEach(this::row);
    }

    /** How many lines' units moved with a fulfillment step, for the timeline. */
    private static String units(int lines) {
        return lines == 0 ? "" : " (units of " + lines + (lines == 1 ? " line" : " lines") + " follow)";
    }
}
