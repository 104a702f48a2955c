package io.omskit.kpi;

/**
 * The rate KPIs of a report, each with its report key and population. Formulas are in {@link KpiAccumulator}.
 *
 * <p>An enum: immutable, thread-safe. Populations: P(W) orders placed in the window, C(W) orders closed in the
 * window, D(W) closed orders with at least one delivery; "events in W" for the event-period variant.
 */
public enum RateKpi {
    /** C(W): orders in full, on time, damage-free and with correct documents, all four at once. */
    PERFECT_ORDER("perfect_order_rate"),
    /** C(W): every line delivered with exactly its net demand of the right SKU, and no wrong SKU shipped. */
    IN_FULL("in_full_rate"),
    /** C(W): in full and on time. */
    OTIF("otif_rate"),
    /** D(W): last delivery at or before the original promise. */
    ON_TIME_DELIVERY("on_time_delivery_rate"),
    /** D(W): no delivered shipment damaged. */
    DAMAGE_FREE("damage_free_rate"),
    /** D(W): every shipment's documents correct. */
    DOCUMENTATION_ACCURACY("documentation_accuracy_rate"),
    /** D(W): no wrong SKU shipped and no line over-shipped. */
    ORDER_ACCURACY("order_accuracy_rate"),
    /** Lines of C(W) with net demand: first-time filled units / net demand units. */
    UNIT_FILL("unit_fill_rate"),
    /** Lines of C(W) with net demand: filled units / net demand units. */
    UNIT_FILL_EVENTUAL("unit_fill_rate_eventual"),
    /** Lines of C(W) with net demand: lines filled completely and never backordered / lines. */
    LINE_FILL("line_fill_rate"),
    /** Lines of C(W) with net demand: lines filled completely / lines. */
    LINE_FILL_EVENTUAL("line_fill_rate_eventual"),
    /** C(W): orders whose every line is first-time filled. */
    ORDER_FILL("order_fill_rate"),
    /** C(W): orders whose every line is eventually filled. */
    ORDER_FILL_EVENTUAL("order_fill_rate_eventual"),
    /** D(W): units returned up to as_of / units delivered. */
    RETURN_UNITS("return_rate_units"),
    /** D(W): orders with at least one returned unit / orders. */
    RETURN_ORDERS("return_rate_orders"),
    /** Events in W: units received back in W (any order) / units delivered in W. */
    RETURN_UNITS_EVENT_PERIOD("return_rate_units_event_period"),
    /** P(W): units returned up to as_of / units delivered up to as_of. */
    RETURN_UNITS_PLACED_COHORT("return_rate_units_placed_cohort"),
    /** P(W): orders fully cancelled with nothing shipped / orders placed. */
    ORDER_CANCELLATION("order_cancellation_rate"),
    /** P(W): fully cancelled orders whose every cancellation the customer asked for / orders placed. */
    ORDER_CANCELLATION_CUSTOMER("order_cancellation_rate_customer"),
    /** P(W): the other fully cancelled orders (merchant or system) / orders placed. */
    ORDER_CANCELLATION_MERCHANT("order_cancellation_rate_merchant"),
    /** P(W): units cancelled (full and partial cancellations) / units ordered. */
    UNIT_CANCELLATION("unit_cancellation_rate"),
    /** P(W): orders with at least one backordered unit / orders placed. */
    BACKORDER_ORDERS("backorder_rate_orders"),
    /** P(W): units backordered / units ordered. */
    BACKORDER_UNITS("backorder_rate_units");

    private static final RateKpi[] VALUES = values();

    private final String key;

    RateKpi(String key) {
        this.key = key;
    }

    /** The key in the report JSON, such as {@code perfect_order_rate}. */
    public String key() {
        return key;
    }

    static RateKpi[] all() {
        return VALUES;
    }
}
