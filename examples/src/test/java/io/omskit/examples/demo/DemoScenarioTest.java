package io.omskit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.OrderDecider;
import io.omskit.core.OrderViews;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The demo's scenario end to end: every branch happens, and stock, money and orders stay consistent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoScenarioTest {
    private DemoScenario scenario;
    private DemoResult result;

    @BeforeAll
    void run() {
        scenario = new DemoScenario(1200, 7);
        result = scenario.run(done -> { });
    }

    @Test
    void run_conservesStock_perSku_andNeverOversells() {
        assertThat(result.conservationViolations()).isEmpty();
        assertThat(result.oversoldUnits()).isZero();
        assertThat(result.initialStock() + result.replenishedStock() + result.restockedReturns())
                .isEqualTo(result.onHandAfter() + result.shippedUnits());
        assertThat(scenario.inventory().totals().conserved()).isTrue();
    }

    @Test
    void run_keepsMoneyConsistent_perOrder() {
        assertThat(result.moneyViolations()).isEmpty();
        assertThat(result.captured().compareTo(result.authorized())).isLessThanOrEqualTo(0);
        assertThat(result.refunded().compareTo(result.captured())).isLessThanOrEqualTo(0);
    }

    @Test
    void run_refusesNothingUnexpectedly() {
        assertThat(result.unexpected()).isEmpty();
    }

    @Test
    void run_exercisesEveryBranchOfTheJourney() {
        assertThat(result.actions()).containsKeys("payment declined", "fraud reviews released",
                "fraud reviews rejected (cancelled)", "orders with backordered units",
                "orders whose backorders were filled after replenishment", "whole orders cancelled by the customer",
                "partial cancellations (1 unit of a line)", "ship-from-store shipments", "store pickups",
                "failed deliveries (redelivered)", "parcels lost after a failed delivery (written off)",
                "returns refunded and restocked", "exchanges (return + replacement line)",
                "exchanges for a dearer model (difference charged)", "exchanges for a cheaper model (difference refunded)",
                "duplicate captures answered with the original");
        assertThat(result.splitOrders()).isPositive();
    }

    @Test
    void everyOrder_isTheFoldOfItsEvents() {
        OrderDecider decider = OrderDecider.standard();
        Map<OrderId, List<OrderEvent>> byOrder = new LinkedHashMap<>();
        for (OrderEvent e : result.allEvents()) {
            byOrder.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e);
        }
        assertThat(byOrder).hasSize(result.orders());
        byOrder.forEach((id, events) -> {
            OrderSnapshot stored = scenario.engine().get(id);
            assertThat(decider.replay(events)).isEqualTo(stored);
            stored.lines().forEach(l -> assertThat(l.buckets().total()).isEqualTo(l.quantity()));
            assertThat(OrderViews.captured(stored).compareTo(OrderViews.authorized(stored).plus(OrderViews.voided(stored))))
                    .isLessThanOrEqualTo(0);
        });
    }

    @Test
    void sameSeed_sameRun() {
        DemoResult again = new DemoScenario(300, 7).run(done -> { });
        DemoResult once = new DemoScenario(300, 7).run(done -> { });
        assertThat(again.ordersByStatus()).isEqualTo(once.ordersByStatus());
        assertThat(again.unitsByBucket()).isEqualTo(once.unitsByBucket());
        assertThat(again.captured()).isEqualTo(once.captured());
        assertThat(again.allEvents()).isEqualTo(once.allEvents());
    }

    @Test
    void units_areAllInTerminalBuckets_exceptWaitingBackorders() {
        long open = 0;
        for (Map.Entry<Bucket, Long> e : result.unitsByBucket().entrySet()) {
            if (!e.getKey().terminal() && e.getKey() != Bucket.BACKORDERED) {
                open += e.getValue();
            }
        }
        assertThat(open).isZero();
    }
}
