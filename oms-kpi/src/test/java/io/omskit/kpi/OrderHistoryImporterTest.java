package io.omskit.kpi;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;

import static io.omskit.kpi.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderHistoryImporterTest {

    private static final String GOOD = order("ORD-1", "web", "2024-03-04T15:20:11-05:00", "2024-03-09T04:59:59Z")
            .line("L1", "SKU-7", 2).backorder("L1", 1, "2024-03-04T20:21:00Z")
            .ship("SHP-1", "DC-EAST", "2024-03-05T10:00:00Z", "2024-03-07T10:00:00Z", "L1:SKU-7:2")
            .ret("RET-1", "SHP-1", "L1", "SKU-7", 1, "2024-03-10T10:00:00Z").json();

    @Nested
    class Orders {
        @Test
        void goodRecord_becomesEventsInTimeOrder_withDeterministicIds() {
            ImportResult<OrderEvent> r = OrderHistoryImporter.create(BadRecordPolicy.FAIL)
                    .readOrders(new StringReader(GOOD + "\n"));
            assertThat(r.records()).isEqualTo(1);
            assertThat(r.problems()).isEmpty();
            assertThat(r.items()).extracting(e -> e.getClass().getSimpleName()).containsExactly("OrderPlaced",
                    "LineQuantityMoved", "FulfillmentShipped", "FulfillmentDelivered", "ReturnReceived",
                    "ReturnInspected");
            assertThat(r.items()).extracting(e -> e.eventId().value()).containsExactly("ORD-1/1", "ORD-1/2",
                    "ORD-1/3", "ORD-1/4", "ORD-1/5", "ORD-1/6");
            OrderPlaced p = (OrderPlaced) r.items().get(0);
            assertThat(p.occurredAt()).isEqualTo(Instant.parse("2024-03-04T20:20:11Z"));
            assertThat(p.lines().get(0).unitCost()).isEqualTo(Money.parse("4.00", "USD"));
            LineQuantityMoved bo = (LineQuantityMoved) r.items().get(1);
            assertThat(bo.to()).isEqualTo(Bucket.BACKORDERED);
            assertThat(((FulfillmentShipped) r.items().get(2)).carrier()).isEqualTo("UPS");
            assertThat(((FulfillmentDelivered) r.items().get(3)).damaged()).isFalse();
            assertThat(((ReturnReceived) r.items().get(4)).lines().get(0).quantity()).isEqualTo(1);
            assertThat(((ReturnInspected) r.items().get(5)).disposition().name()).isEqualTo("RESTOCK");
        }

        @Test
        void badRecords_skip_reportedWithLineNumbers_othersKept() {
            String bad1 = "{not json";
            String bad2 = GOOD.replace("\"qty_ordered\":2", "\"qty_ordered\":-1").replace("ORD-1", "ORD-2");
            String bad3 = GOOD.replace("\"placed_at\":\"2024-03-04T15:20:11-05:00\"", "\"placed_at\":\"yesterday\"")
                    .replace("ORD-1", "ORD-3");
            String bad4 = GOOD.replace("{\"line_id\":\"L1\",\"sku\":\"SKU-7\",\"qty\":2}",
                    "{\"line_id\":\"L9\",\"sku\":\"SKU-7\",\"qty\":2}").replace("ORD-1", "ORD-4");
            String bad5 = GOOD.replace("\"order_id\":\"ORD-1\",", "");
            String input = GOOD + "\n" + bad1 + "\n\n" + bad2 + "\n" + bad3 + "\n" + bad4 + "\n" + bad5 + "\n";
            ImportResult<OrderEvent> r = OrderHistoryImporter.create(BadRecordPolicy.SKIP)
                    .readOrders(new StringReader(input));
            assertThat(r.records()).isEqualTo(6);
            assertThat(r.items()).extracting(e -> e.orderId().value()).containsOnly("ORD-1");
            assertThat(r.problems()).extracting(ImportProblem::lineNumber).containsExactly(2L, 4L, 5L, 6L, 7L);
            assertThat(r.problems().get(0).message()).startsWith("MALFORMED_JSON");
            assertThat(r.problems().get(1).message()).contains("INVALID_QUANTITY").contains("ORD-2");
            assertThat(r.problems().get(2).message()).contains("placed_at").contains("yesterday");
            assertThat(r.problems().get(3).message()).contains("UNKNOWN_LINE").contains("L9");
            assertThat(r.problems().get(4).message()).contains("order_id");
        }

        @Test
        void badRecord_fail_throwsNamingTheLine() {
            String input = GOOD + "\n" + GOOD.replace("\"currency\":\"USD\"", "\"currency\":\"ZZZ\"") + "\n";
            assertThatThrownBy(() -> OrderHistoryImporter.create(BadRecordPolicy.FAIL).readOrders(new StringReader(input)))
                    .isInstanceOf(OmsValidationException.class)
                    .hasMessageContaining("line 2")
                    .hasMessageContaining("ZZZ")
                    .satisfies(e -> assertThat(((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE));
        }
    }

    @Nested
    class Snapshots {
        @Test
        void snapshots_goodAndBad() {
            String input = "{\"sku\":\"SKU-7\",\"location\":\"DC-EAST\",\"date\":\"2024-03-04\",\"on_hand\":41,\"unit_cost\":13.90}\n"
                    + "{\"sku\":\"SKU-7\",\"location\":\"DC-EAST\",\"date\":\"2024-03-05\",\"on_hand\":-2,\"unit_cost\":13.90}\n"
                    + "{\"sku\":\"SKU-7\",\"location\":\"DC-EAST\",\"date\":\"03/06/2024\",\"on_hand\":2,\"unit_cost\":13.90}\n";
            ImportResult<InventorySnapshot> r = OrderHistoryImporter.create(BadRecordPolicy.SKIP)
                    .readSnapshots(new StringReader(input), "USD");
            assertThat(r.items()).hasSize(1);
            assertThat(r.items().get(0).unitCost()).isEqualTo(Money.parse("13.90", "USD"));
            assertThat(r.problems()).extracting(ImportProblem::lineNumber).containsExactly(2L, 3L);
        }
    }
}
