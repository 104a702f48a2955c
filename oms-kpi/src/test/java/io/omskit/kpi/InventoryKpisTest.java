package io.omskit.kpi;

import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.Sku;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static io.omskit.kpi.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InventoryKpisTest {

    private static InventorySnapshot snap(String loc, String sku, String date, int onHand, String cost) {
        return new InventorySnapshot(Sku.of(sku), LocationId.of(loc), LocalDate.parse(date), onHand,
                Money.parse(cost, "USD"));
    }

    private static final KpiWindow MAR_1_TO_3 = new KpiWindow(ZoneId.of("UTC"), LocalDate.parse("2024-03-01"),
            LocalDate.parse("2024-03-04"));

    @Nested
    class Turnover {
        @Test
        void missingDay_carriesForward_turnoverAndDays() {
            KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            // Feb 29: 5 units @ 2.00 = 10.00 (opening); Mar 1: 10 units = 20.00; Mar 2 missing -> 20.00;
            // Mar 3: 4 units = 8.00 (closing)
            acc.accept(snap("DC-EAST", "SKU-1", "2024-02-29", 5, "2.00"));
            acc.accept(snap("DC-EAST", "SKU-1", "2024-03-01", 10, "2.00"));
            acc.accept(snap("DC-EAST", "SKU-1", "2024-03-03", 4, "2.00"));
            // shipped on Mar 2: 6 units at line cost 2.00 = 12.00 from DC-EAST; 1 unit @ 3.00 from DROP (no snapshots)
            acc.acceptAll(OrderJson.events(
                    order("A", "web", "2024-03-02T08:00:00Z", null).line("L1", "SKU-1", 6, "2.00")
                            .ship("S1", "DC-EAST", "2024-03-02T09:00:00Z", null, "L1:SKU-1:6"),
                    order("B", "web", "2024-03-02T08:00:00Z", null).line("L1", "SKU-9", 1, "3.00")
                            .ship("S1", "DROP", "2024-03-02T09:00:00Z", null, "L1:SKU-9:1"),
                    // shipped Mar 4: outside the window
                    order("C", "web", "2024-03-04T08:00:00Z", null).line("L1", "SKU-1", 1, "2.00")
                            .ship("S1", "DC-EAST", "2024-03-04T09:00:00Z", null, "L1:SKU-1:1")));
            InventoryReport inv = acc.report(MAR_1_TO_3).inventory();
            InventoryKpis k = inv.overall();
            assertThat(inv.stockedLocations()).containsExactly(LocationId.of("DC-EAST"));
            assertThat(inv.daysInWindow()).isEqualTo(3);
            assertThat(inv.cogsExcludedNonStockedLocations()).isEqualTo(Money.parse("3.00", "USD"));
            assertThat(k.cogsShipped()).isEqualTo(Money.parse("12.00", "USD"));
            assertThat(k.unitsShipped()).isEqualTo(6);
            // time-weighted: (20 + 20 + 8) / 3 = 16.00; units (10 + 10 + 4) / 3 = 8
            assertThat(k.avgInventoryValueTimeWeighted()).isCloseTo(16.0, within(1e-9));
            assertThat(k.avgInventoryUnitsTimeWeighted()).isCloseTo(8.0, within(1e-9));
            assertThat(k.openingInventoryValue()).isEqualTo(Money.parse("10.00", "USD"));
            assertThat(k.closingInventoryValue()).isEqualTo(Money.parse("8.00", "USD"));
            // simple: (10 + 8) / 2 = 9
            assertThat(k.avgInventoryValueSimple()).isCloseTo(9.0, within(1e-9));
            // turnover 12 / 16 = 0.75; simple 12 / 9; annualized 0.75 * 365 / 3 = 91.25; days 3 * 16 / 12 = 4
            assertThat(k.inventoryTurnover().getAsDouble()).isCloseTo(0.75, within(1e-12));
            assertThat(k.inventoryTurnoverSimple().getAsDouble()).isCloseTo(12.0 / 9, within(1e-12));
            assertThat(k.inventoryTurnoverAnnualized().getAsDouble()).isCloseTo(91.25, within(1e-9));
            assertThat(k.daysOfInventory().getAsDouble()).isCloseTo(4.0, within(1e-12));
            // unit turnover 6 / 8
            assertThat(k.unitTurnover().getAsDouble()).isCloseTo(0.75, within(1e-12));
            assertThat(inv.byLocation()).containsOnlyKeys("DC-EAST");
        }

        @Test
        void noShipments_turnoverZero_daysNull() {
            KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            acc.accept(snap("DC-EAST", "SKU-1", "2024-03-01", 10, "2.00"));
            InventoryKpis k = acc.report(MAR_1_TO_3).inventory().overall();
            assertThat(k.inventoryTurnover().getAsDouble()).isZero();
            assertThat(k.daysOfInventory()).isEmpty();
            // no snapshot before Mar 1: opening 0
            assertThat(k.openingInventoryValue().isZero()).isTrue();
        }

        @Test
        void wrongSkuShipped_isCostedAtTheShippedSkusSnapshotCost() {
            KpiAccumulator acc = KpiAccumulator.create(Instant.parse("2024-04-20T00:00:00Z"));
            acc.accept(snap("DC-EAST", "SKU-1", "2024-03-01", 10, "2.00"));
            acc.accept(snap("DC-EAST", "SKU-2", "2024-03-01", 10, "7.00"));
            acc.acceptAll(OrderJson.events(order("W", "web", "2024-03-02T08:00:00Z", null)
                    .line("L1", "SKU-1", 1, "2.00").ship("S1", "DC-EAST", "2024-03-02T09:00:00Z", null, "L1:SKU-2:1")));
            assertThat(acc.report(MAR_1_TO_3).inventory().overall().cogsShipped())
                    .isEqualTo(Money.parse("7.00", "USD"));
        }
    }
}
