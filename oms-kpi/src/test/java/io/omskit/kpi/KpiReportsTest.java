package io.omskit.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static io.omskit.kpi.KpiAccumulatorTest.simple;
import static org.assertj.core.api.Assertions.assertThat;

class KpiReportsTest {

    private static final List<String> GROUP_KEYS = List.of("perfect_order_rate", "perfect_order_index_multiplicative",
            "in_full_rate", "otif_rate", "on_time_delivery_rate", "damage_free_rate", "documentation_accuracy_rate",
            "order_accuracy_rate", "unit_fill_rate", "unit_fill_rate_eventual", "line_fill_rate",
            "line_fill_rate_eventual", "order_fill_rate", "order_fill_rate_eventual", "order_cycle_time_s",
            "order_to_ship_time_s", "return_rate_units", "return_rate_orders", "return_rate_units_event_period",
            "return_rate_units_placed_cohort", "order_cancellation_rate", "order_cancellation_rate_customer",
            "order_cancellation_rate_merchant", "unit_cancellation_rate", "backorder_rate_orders",
            "backorder_rate_units");
    private static final List<String> INVENTORY_KEYS = List.of("cogs_shipped", "units_shipped",
            "avg_inventory_value_time_weighted", "avg_inventory_units_time_weighted", "opening_inventory_value",
            "closing_inventory_value", "avg_inventory_value_simple", "inventory_turnover", "inventory_turnover_simple",
            "inventory_turnover_annualized", "days_of_inventory", "unit_turnover");

    @Test
    void json_hasEveryKeyOfTheFormat() throws Exception {
        KpiReport r = OrderJson.march(simple("A", "2024-03-02", 1), simple("B", "2024-03-03", 3));
        StringWriter w = new StringWriter();
        KpiReports.writeJson(r, w);
        JsonNode n = new ObjectMapper().readTree(w.toString());
        assertThat(n.at("/window/tz").asText()).isEqualTo("UTC");
        assertThat(n.at("/window/days").asInt()).isEqualTo(31);
        assertThat(n.at("/as_of").asText()).isEqualTo("2024-04-20T00:00:00Z");
        assertThat(n.at("/overall/populations/closed").asLong()).isEqualTo(2);
        for (String key : GROUP_KEYS) {
            assertThat(n.get("overall").has(key)).as(key).isTrue();
            assertThat(n.at("/by_channel/web").has(key)).as(key).isTrue();
        }
        assertThat(n.at("/overall/perfect_order_rate/value").asDouble()).isEqualTo(1.0);
        assertThat(n.at("/overall/order_cycle_time_s/p50").asLong()).isEqualTo(3600);
        assertThat(n.at("/overall/order_cycle_time_s/mean").asDouble()).isEqualTo(7200.0);
        for (String key : INVENTORY_KEYS) {
            assertThat(n.at("/inventory/overall").has(key)).as(key).isTrue();
        }
        assertThat(n.at("/open_orders_as_of/overall/open").asLong()).isZero();
        assertThat(n.at("/by_location/DC-EAST/populations/closed").asLong()).isEqualTo(2);
        assertThat(n.at("/by_carrier/UPS/populations/closed").asLong()).isEqualTo(2);
        assertThat(KpiReports.toJson(r)).isEqualTo(w.toString());
    }

    @Test
    void table_withoutStockSnapshots_saysSoInsteadOfZeroInventoryFigures() {
        KpiReport r = OrderJson.march(simple("A", "2024-03-02", 1));
        assertThat(KpiReports.toTable(r, 5)).contains("inventory: no stock snapshots were given")
                .doesNotContain("stocked locations");
    }

    @Test
    void table_withStockSnapshots_listsTheInventoryFigures() {
        KpiAccumulator acc = KpiAccumulator.create(java.time.Instant.parse("2024-04-20T00:00:00Z"));
        acc.acceptAll(OrderJson.events(simple("A", "2024-03-02", 1)));
        acc.accept(new InventorySnapshot(io.omskit.spi.model.Sku.of("SKU-1"),
                io.omskit.spi.model.LocationId.of("DC-EAST"), java.time.LocalDate.parse("2024-03-01"), 10,
                io.omskit.spi.model.Money.parse("2.00", "USD")));
        KpiReport r = acc.report(new KpiWindow(java.time.ZoneId.of("UTC"), java.time.LocalDate.parse("2024-03-01"),
                java.time.LocalDate.parse("2024-04-01")));
        assertThat(KpiReports.toTable(r, 5)).contains("inventory (1 stocked locations, 31 days)")
                .doesNotContain("no stock snapshots");
    }

    @Test
    void table_listsKpisWithPercentagesAndCounts() {
        KpiReport r = OrderJson.march(simple("A", "2024-03-02", 1), simple("B", "2024-03-03", 3));
        String t = KpiReports.toTable(r, 5);
        assertThat(t).contains("perfect_order_rate").contains("100.0% (2/2)").contains("overall").contains("web")
                .contains("open orders as of 2024-04-20T00:00:00Z: 0 (0 past due)");
    }
}
