package io.omskit.kpi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Renders a {@link KpiReport}: as the JSON document of {@code formats/order-history.md} or as a readable text table.
 *
 * <p>Stateless; thread-safe. Rates are {@code {"num", "den", "value"}} with {@code value} null when {@code den} is 0;
 * durations are whole seconds; money is a decimal number in the currency's major units.
 */
public final class KpiReports {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int FIRST_AFTER_FILL = RateKpi.RETURN_UNITS.ordinal();

    private KpiReports() {
    }

    /** The report as pretty-printed JSON. */
    public static String toJson(KpiReport report) {
        StringWriter out = new StringWriter();
        writeJson(report, out);
        return out.toString();
    }

    /**
     * Writes the report as pretty-printed JSON to {@code out} (not closed). An I/O failure of the writer is thrown
     * as {@link UncheckedIOException}.
     */
    public static void writeJson(KpiReport report, Writer out) {
        Checks.present(report, "report");
        Checks.present(out, "writer");
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("window");
            g.writeStringField("tz", report.window().zone().getId());
            g.writeStringField("start_local_date", report.window().start().toString());
            g.writeStringField("end_local_date_exclusive", report.window().endExclusive().toString());
            g.writeNumberField("days", report.window().days());
            g.writeEndObject();
            g.writeStringField("as_of", report.asOf().toString());
            g.writeFieldName("overall");
            group(g, report.overall());
            groups(g, "by_channel", report.byChannel());
            groups(g, "by_location", report.byLocation());
            groups(g, "by_carrier", report.byCarrier());
            g.writeObjectFieldStart("open_orders_as_of");
            g.writeFieldName("overall");
            open(g, report.openOverall());
            g.writeObjectFieldStart("by_channel");
            for (Map.Entry<String, OpenOrders> e : report.openByChannel().entrySet()) {
                g.writeFieldName(e.getKey());
                open(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            inventory(g, report.inventory());
            g.writeObjectFieldStart("data_quality");
            g.writeNumberField("events_ignored_after_as_of", report.dataQuality().eventsIgnoredAfterAsOf());
            g.writeNumberField("orders_without_placed_event", report.dataQuality().ordersWithoutPlacedEvent());
            g.writeNumberField("returned_units_capped", report.dataQuality().returnedUnitsCapped());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void groups(JsonGenerator g, String name, Map<String, KpiGroup> groups) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, KpiGroup> e : groups.entrySet()) {
            g.writeFieldName(e.getKey());
            group(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void group(JsonGenerator g, KpiGroup k) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("populations");
        g.writeNumberField("placed", k.placed());
        g.writeNumberField("closed", k.closed());
        g.writeNumberField("closed_delivered", k.closedDelivered());
        g.writeEndObject();
        RateKpi[] all = RateKpi.all();
        rate(g, all[0], k);
        g.writeFieldName("perfect_order_index_multiplicative");
        number(g, k.perfectOrderIndexMultiplicative());
        for (int i = 1; i < FIRST_AFTER_FILL; i++) {
            rate(g, all[i], k);
        }
        duration(g, "order_cycle_time_s", k.orderCycleTime());
        duration(g, "order_to_ship_time_s", k.orderToShipTime());
        for (int i = FIRST_AFTER_FILL; i < all.length; i++) {
            rate(g, all[i], k);
        }
        g.writeEndObject();
    }

    private static void rate(JsonGenerator g, RateKpi kpi, KpiGroup k) throws IOException {
        Rate r = k.rate(kpi);
        g.writeObjectFieldStart(kpi.key());
        g.writeNumberField("num", r.num());
        g.writeNumberField("den", r.den());
        g.writeFieldName("value");
        number(g, r.value());
        g.writeEndObject();
    }

    private static void duration(JsonGenerator g, String name, DurationSummary d) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", d.count());
        g.writeNumberField("sum", d.sum());
        g.writeFieldName("mean");
        number(g, d.mean());
        longField(g, "min", d.min());
        longField(g, "p50", d.p50());
        longField(g, "p90", d.p90());
        longField(g, "p95", d.p95());
        longField(g, "p99", d.p99());
        longField(g, "max", d.max());
        g.writeStringField("percentiles", d.exact() ? "exact_nearest_rank" : "hdrhistogram_3_significant_digits");
        g.writeNumberField("excluded_negative", d.excludedNegative());
        g.writeEndObject();
    }

    private static void open(JsonGenerator g, OpenOrders o) throws IOException {
        g.writeStartObject();
        g.writeNumberField("open", o.open());
        g.writeNumberField("past_due", o.pastDue());
        g.writeEndObject();
    }

    private static void inventory(JsonGenerator g, InventoryReport inv) throws IOException {
        g.writeObjectFieldStart("inventory");
        g.writeArrayFieldStart("stocked_locations");
        for (LocationId l : inv.stockedLocations()) {
            g.writeString(l.value());
        }
        g.writeEndArray();
        g.writeNumberField("days_in_window", inv.daysInWindow());
        g.writeStringField("currency", inv.cogsExcludedNonStockedLocations().currency().getCurrencyCode());
        g.writeFieldName("cogs_excluded_non_stocked_locations");
        money(g, inv.cogsExcludedNonStockedLocations());
        g.writeFieldName("overall");
        inventoryKpis(g, inv.overall());
        g.writeObjectFieldStart("by_location");
        for (Map.Entry<String, InventoryKpis> e : inv.byLocation().entrySet()) {
            g.writeFieldName(e.getKey());
            inventoryKpis(g, e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void inventoryKpis(JsonGenerator g, InventoryKpis k) throws IOException {
        g.writeStartObject();
        g.writeFieldName("cogs_shipped");
        money(g, k.cogsShipped());
        g.writeNumberField("units_shipped", k.unitsShipped());
        g.writeNumberField("avg_inventory_value_time_weighted", k.avgInventoryValueTimeWeighted());
        g.writeNumberField("avg_inventory_units_time_weighted", k.avgInventoryUnitsTimeWeighted());
        g.writeFieldName("opening_inventory_value");
        money(g, k.openingInventoryValue());
        g.writeFieldName("closing_inventory_value");
        money(g, k.closingInventoryValue());
        g.writeNumberField("avg_inventory_value_simple", k.avgInventoryValueSimple());
        g.writeFieldName("inventory_turnover");
        number(g, k.inventoryTurnover());
        g.writeFieldName("inventory_turnover_simple");
        number(g, k.inventoryTurnoverSimple());
        g.writeFieldName("inventory_turnover_annualized");
        number(g, k.inventoryTurnoverAnnualized());
        g.writeFieldName("days_of_inventory");
        number(g, k.daysOfInventory());
        g.writeFieldName("unit_turnover");
        number(g, k.unitTurnover());
        g.writeEndObject();
    }

    private static void money(JsonGenerator g, Money m) throws IOException {
        g.writeNumber(m.toDecimal());
    }

    private static void number(JsonGenerator g, OptionalDouble v) throws IOException {
        if (v.isPresent()) {
            g.writeNumber(v.getAsDouble());
        } else {
            g.writeNull();
        }
    }

    private static void longField(JsonGenerator g, String name, OptionalLong v) throws IOException {
        g.writeFieldName(name);
        if (v.isPresent()) {
            g.writeNumber(v.getAsLong());
        } else {
            g.writeNull();
        }
    }

    /**
     * The report as a text table: one row per KPI, one column for overall and one per channel (at most
     * {@code maxChannels}, the largest by orders placed); rates as percentages with their counts, durations in hours.
     */
    public static String toTable(KpiReport report, int maxChannels) {
        Checks.present(report, "report");
        if (maxChannels < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "max channels must not be negative, was " + maxChannels);
        }
        List<String> names = new ArrayList<>();
        List<KpiGroup> cols = new ArrayList<>();
        names.add("overall");
        cols.add(report.overall());
        report.byChannel().entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().placed() + b.getValue().closed(),
                        a.getValue().placed() + a.getValue().closed()))
                .limit(maxChannels)
                .forEach(e -> {
                    names.add(e.getKey());
                    cols.add(e.getValue());
                });
        List<String[]> rows = new ArrayList<>();
        rows.add(row("KPI", names, null));
        rows.add(row("orders placed  P(W)", cols, k -> Long.toString(k.placed())));
        rows.add(row("orders closed  C(W)", cols, k -> Long.toString(k.closed())));
        rows.add(row("closed+delivered D(W)", cols, k -> Long.toString(k.closedDelivered())));
        for (RateKpi kpi : RateKpi.all()) {
            rows.add(row(kpi.key(), cols, k -> rate(k.rate(kpi))));
            if (kpi == RateKpi.PERFECT_ORDER) {
                rows.add(row("perfect_order_index_multiplicative", cols,
                        k -> percent(k.perfectOrderIndexMultiplicative())));
            }
        }
        rows.add(row("order_cycle_time h (p50/p90)", cols, k -> hours(k.orderCycleTime())));
        rows.add(row("order_to_ship_time h (p50/p90)", cols, k -> hours(k.orderToShipTime())));
        StringBuilder out = new StringBuilder();
        out.append("KPIs ").append(report.window().start()).append(" .. ").append(report.window().endExclusive())
                .append(" (exclusive, ").append(report.window().zone()).append("), as of ").append(report.asOf())
                .append('\n');
        table(out, rows);
        InventoryKpis inv = report.inventory().overall();
        if (report.inventory().stockedLocations().isEmpty()) {
            // zeros here would read as "nothing shipped": the inventory block needs stock levels
            out.append("inventory: no stock snapshots were given (InventorySnapshot), so no turnover or days of"
                    + " inventory\n");
        } else {
            out.append(String.format(Locale.ROOT,
                    "inventory (%d stocked locations, %d days): COGS %s, units %d, avg value %.2f, turnover %s,"
                            + " annualized %s, days of inventory %s%n",
                    report.inventory().stockedLocations().size(), report.inventory().daysInWindow(),
                    inv.cogsShipped(), inv.unitsShipped(), inv.avgInventoryValueTimeWeighted(),
                    plain(inv.inventoryTurnover()), plain(inv.inventoryTurnoverAnnualized()),
                    plain(inv.daysOfInventory())));
        }
        out.append(String.format(Locale.ROOT, "open orders as of %s: %d (%d past due)%n", report.asOf(),
                report.openOverall().open(), report.openOverall().pastDue()));
        return out.toString();
    }

    private interface Cell {
        String of(KpiGroup group);
    }

    private static String[] row(String label, List<?> cols, Cell cell) {
        String[] r = new String[cols.size() + 1];
        r[0] = label;
        for (int i = 0; i < cols.size(); i++) {
            r[i + 1] = cell == null ? String.valueOf(cols.get(i)) : cell.of((KpiGroup) cols.get(i));
        }
        return r;
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            for (int i = 0; i < r.length; i++) {
                if (i == 0) {
                    out.append(String.format(Locale.ROOT, "%-" + width[i] + "s", r[i]));
                } else {
                    out.append("  ").append(String.format(Locale.ROOT, "%" + width[i] + "s", r[i]));
                }
            }
            out.append('\n');
            if (n == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
    }

    private static String rate(Rate r) {
        return r.value().isEmpty() ? "-  (0/0)"
                : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100 * r.value().getAsDouble(), r.num(), r.den());
    }

    private static String percent(OptionalDouble v) {
        return v.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v.getAsDouble());
    }

    private static String plain(OptionalDouble v) {
        return v.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f", v.getAsDouble());
    }

    private static String hours(DurationSummary d) {
        if (d.count() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f", d.p50().getAsLong() / 3600.0, d.p90().getAsLong() / 3600.0);
    }
}
