package io.omskit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.HoldReleased;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderCompleted;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.PaymentCaptured;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Examples of the JSON shape and of the facade's behaviour. */
class OmsJsonTest {
    private static final OmsJson JSON = OmsJson.standard();
    private static final ObjectMapper TREES = new ObjectMapper();

    private static JsonNode tree(String json) {
        try {
            return TREES.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PaymentCaptured captured(Money amount) {
        return new PaymentCaptured(EventId.of("e-1"), OrderId.of("o-1"), 2, Instant.parse("2024-03-04T15:20:11Z"), amount,
                "cap-1");
    }

    @Nested
    class Registry {
        @Test
        void eventTypes_areTheTypeConstantsOfEveryPermittedSubclass() throws ReflectiveOperationException {
            Set<String> expected = new TreeSet<>();
            for (Class<?> c : OrderEvent.class.getPermittedSubclasses()) {
                expected.add((String) c.getField("TYPE").get(null));
            }

            assertThat(JSON.eventTypes()).containsExactlyElementsOf(expected).hasSize(30);
        }

        @Test
        void eventTypes_cannotBeModified() {
            assertThatThrownBy(() -> JSON.eventTypes().add("x.v1")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Shape {
        @Test
        void write_event_startsWithTypeAndTheCommonFields() {
            JsonNode t = tree(JSON.write(Samples.events().get(LineQuantityMoved.TYPE)));

            List<String> names = new ArrayList<>();
            t.fieldNames().forEachRemaining(names::add);
            assertThat(names).startsWith("type", "event_id", "order_id", "order_version", "occurred_at");
            assertThat(t.get("type").textValue()).isEqualTo("line.quantity_moved.v1");
            assertThat(t.get("occurred_at").textValue()).isEqualTo("2024-03-04T15:51:11Z");
            assertThat(t.get("order_version").isIntegralNumber()).isTrue();
            assertThat(t.get("from").textValue()).isEqualTo("PENDING");
        }

        @Test
        void write_money_isAnExactDecimalStringWithTheCurrencysDigits() {
            assertThat(tree(JSON.write(captured(Money.parse("35.19", "USD")))).get("amount").toString())
                    .isEqualTo("{\"amount\":\"35.19\",\"currency\":\"USD\"}");
            assertThat(tree(JSON.write(captured(Money.ofMinor(1500, "JPY")))).get("amount").get("amount").textValue())
                    .isEqualTo("1500");
            assertThat(tree(JSON.write(captured(Money.ofMinor(1, "BHD")))).get("amount").get("amount").textValue())
                    .isEqualTo("0.001");
            // no event carries a negative amount any more; the codec still writes one exactly
            assertThat(Scalars.MONEY.write(Money.ofMinor(-5, "EUR")).get("amount").textValue()).isEqualTo("-0.05");
            assertThat(tree(JSON.write(captured(Money.ofMinor(Long.MAX_VALUE, "USD")))).get("amount").get("amount")
                    .textValue()).isEqualTo("92233720368547758.07");
        }

        @Test
        void writeSnapshot_bucketCounts_areTheNonZeroBucketsInBucketOrder() {
            JsonNode line = tree(JSON.writeSnapshot(Samples.snapshot())).get("lines").get(1);

            assertThat(line.get("buckets").toString()).isEqualTo("{\"BACKORDERED\":1,\"SHIPPED\":1}");
        }

        @Test
        void write_nullFields_areLeftOut() {
            OrderCompleted completed = new OrderCompleted(EventId.of("e-9"), OrderId.of("o-9"), 9,
                    Instant.parse("2024-03-04T15:20:11.123456789Z"));
            LineQuantityMoved bare = new LineQuantityMoved(EventId.of("e-1"), OrderId.of("o-1"), 3,
                    Instant.parse("2024-03-04T15:20:11Z"), Samples.L1, Samples.MUG, 1, Bucket.PENDING, Bucket.CANCELLED,
                    null, null, null);

            assertThat(JSON.write(completed)).isEqualTo("{\"type\":\"order.completed.v1\",\"event_id\":\"e-9\","
                    + "\"order_id\":\"o-9\",\"order_version\":9,\"occurred_at\":\"2024-03-04T15:20:11.123456789Z\"}");
            assertThat(tree(JSON.write(bare)).has("reference")).isFalse();
            assertThat(tree(JSON.write(bare)).has("initiator")).isFalse();
        }

        @Test
        void readEvent_explicitNull_meansTheSameAsAbsent() {
            String json = "{\"type\":\"line.quantity_moved.v1\",\"event_id\":\"e-1\",\"order_id\":\"o-1\",\"order_version\":3,"
                    + "\"occurred_at\":\"2024-03-04T15:20:11Z\",\"line_id\":\"ln-1\",\"sku\":\"SKU-MUG-01\",\"quantity\":1,"
                    + "\"from\":\"PENDING\",\"to\":\"CANCELLED\",\"reference\":null,\"initiator\":null}";

            LineQuantityMoved e = JSON.readEvent(json, LineQuantityMoved.class);

            assertThat(e.reference()).isNull();
            assertThat(e.initiator()).isNull();
            assertThat(e.reason()).isNull();
        }

        @Test
        void write_address_carriesEveryFieldThoughToStringHidesThem() {
            OrderPlaced placed = (OrderPlaced) Samples.events().get(OrderPlaced.TYPE);
            JsonNode shipTo = tree(JSON.write(placed)).get("ship_to");

            assertThat(placed.shipTo().toString()).doesNotContain("Ada");
            assertThat(shipTo.get("name").textValue()).isEqualTo("Ada Lovelace");
            assertThat(shipTo.get("line1").textValue()).isEqualTo("12 Example Street");
            assertThat(shipTo.get("postal_code").textValue()).isEqualTo("10012");
            assertThat(shipTo.get("position").get("lat").doubleValue()).isEqualTo(40.7246);
        }

        @Test
        void write_holdType_isAPlainString_customTypesIncluded() {
            HoldReleased released = new HoldReleased(EventId.of("e-1"), OrderId.of("o-1"), 4,
                    Instant.parse("2024-03-04T15:20:11Z"), HoldId.of("h-1"), HoldType.of("VIP_CHECK"), "agent-1");

            assertThat(tree(JSON.write(released)).get("hold_type").textValue()).isEqualTo("VIP_CHECK");
            assertThat(JSON.readEvent(JSON.write(released))).isEqualTo(released);
        }

        @Test
        void readSnapshot_zeroBucketCounts_areAccepted() {
            String json = JSON.writeSnapshot(Samples.snapshot())
                    .replace("{\"READY_FOR_PICKUP\":1}", "{\"PENDING\":0,\"READY_FOR_PICKUP\":1}");

            OrderSnapshot read = JSON.readSnapshot(json);

            assertThat(read).isEqualTo(Samples.snapshot());
        }

        @Test
        void readSnapshot_withoutPaymentRequests_hasNonePending() {
            // a snapshot written before payment requests existed has no payment_requests property
            String json = JSON.writeSnapshot(Samples.snapshot()).replaceFirst(",\"payment_requests\":\\[[^\\]]*\\]", "");
            assertThat(json).doesNotContain("payment_requests");

            assertThat(JSON.readSnapshot(json).paymentRequests()).isEmpty();
        }

        @Test
        void writeSnapshot_noPendingPaymentRequests_writesAnEmptyList_andReadsItBack() {
            OrderSnapshot s = Samples.snapshot();
            OrderSnapshot none = new OrderSnapshot(s.id(), s.version(), s.state(), s.status(), s.channel(),
                    s.externalOrderId(), s.idempotencyKey(), s.customer(), s.currency(), s.shipTo(), s.billTo(),
                    s.pickupLocation(), s.placedAt(), s.promisedBy(), s.lines(), s.holds(), s.fulfillments(),
                    s.payments(), s.returns(), s.fraud(), s.updatedAt());

            assertThat(JSON.readSnapshot(JSON.writeSnapshot(none))).isEqualTo(none);
        }

        @Test
        void pretty_indentsWithTwoSpaces_andReadsBackTheSame() {
            OrderEvent e = Samples.events().get(OrderPlaced.TYPE);
            String pretty = OmsJson.pretty().write(e);

            assertThat(pretty).startsWith("{\n  \"type\": \"order.placed.v1\",\n  \"event_id\"");
            assertThat(JSON.readEvent(pretty)).isEqualTo(e);
            assertThat(tree(pretty)).isEqualTo(tree(JSON.write(e)));
        }
    }

    @Nested
    class Facade {
        @Test
        void readEvent_withExpectedClass_returnsTheTypedEvent() {
            String json = JSON.write(Samples.events().get(PaymentCaptured.TYPE));

            PaymentCaptured e = JSON.readEvent(json, PaymentCaptured.class);

            assertThat(e.amount()).isEqualTo(Money.parse("57.49", "USD"));
        }

        @Test
        void readEvent_withOtherClass_isMalformed() {
            String json = JSON.write(Samples.events().get(PaymentCaptured.TYPE));

            OmsValidationException e = catchThrowableOfType(OmsValidationException.class,
                    () -> JSON.readEvent(json, OrderPlaced.class));

            assertThat(e.code()).isEqualTo(OmsErrorCode.MALFORMED_JSON);
            assertThat(e.getMessage()).contains("expected order.placed.v1, found payment.captured.v1");
        }

        @Test
        void write_null_isMissingValue() {
            assertThatThrownBy(() -> JSON.write(null)).isInstanceOfSatisfying(OmsException.class,
                    e -> assertThat(e.code()).isEqualTo(OmsErrorCode.MISSING_VALUE));
            assertThatThrownBy(() -> JSON.writeSnapshot(null)).isInstanceOfSatisfying(OmsException.class,
                    e -> assertThat(e.code()).isEqualTo(OmsErrorCode.MISSING_VALUE));
        }

        @Test
        void standardAndPretty_areSharedInstances() {
            assertThat(OmsJson.standard()).isSameAs(OmsJson.standard());
            assertThat(OmsJson.pretty()).isSameAs(OmsJson.pretty()).isNotSameAs(OmsJson.standard());
        }
    }

    @Nested
    class JsonLines {
        private final List<OrderEvent> events = new ArrayList<>(Samples.events().values());

        @Test
        void writeLines_writesOneCompactDocumentPerLine_evenFromPretty() {
            String lines = OmsJson.pretty().writeLines(events);

            assertThat(lines).endsWith("\n");
            assertThat(lines.split("\n", -1)).hasSize(events.size() + 1);
            assertThat(lines.split("\n")[0]).isEqualTo(JSON.write(events.get(0)));
        }

        @Test
        void readLines_skipsBlankLines_andAcceptsCrLf() {
            String lines = "\n" + JSON.write(events.get(0)) + "\r\n\r\n  \n" + JSON.write(events.get(1)) + "\r\n";

            assertThat(JSON.readLines(lines)).containsExactly(events.get(0), events.get(1));
        }

        @Test
        void readLines_empty_isEmptyList() {
            assertThat(JSON.readLines("")).isEmpty();
            assertThat(JSON.writeLines(List.of())).isEmpty();
        }

        @Test
        void readLines_badLine_namesTheLineAndKeepsTheCode() {
            String lines = JSON.write(events.get(0)) + "\n\n" + JSON.write(events.get(1)).replace("\"order_version\":2",
                    "\"order_version\":-2") + "\n";

            OmsValidationException e = catchThrowableOfType(OmsValidationException.class, () -> JSON.readLines(lines));

            assertThat(e.code()).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(e.getMessage()).startsWith("INVALID_VALUE: line 3: event order version must be at least 1");
            assertThat(e.getCause()).isInstanceOf(OmsValidationException.class);
        }

        @Test
        void readerAndWriter_roundTrip() throws IOException {
            StringWriter out = new StringWriter();
            JSON.writeLines(events, out);

            assertThat(JSON.readLines(new StringReader(out.toString()))).isEqualTo(events);
        }

        @Test
        void writeLines_nullEvent_isMissingValue() {
            List<OrderEvent> withNull = new ArrayList<>(events);
            withNull.add(null);

            assertThatThrownBy(() -> JSON.writeLines(withNull)).isInstanceOfSatisfying(OmsException.class,
                    e -> assertThat(e.code()).isEqualTo(OmsErrorCode.MISSING_VALUE));
        }
    }

    @Nested
    class Concurrency {
        @Test
        void oneInstance_servesManyThreads_withIdenticalResults() throws Exception {
            List<OrderEvent> events = new ArrayList<>();
            qt().withFixedSeed(42L).withExamples(400).forAll(JsonGenerators.events()).checkAssert(events::add);
            List<String> expected = new ArrayList<>();
            for (OrderEvent e : events) {
                expected.add(JSON.write(e));
            }
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < events.size(); i++) {
                            String json = JSON.write(events.get(i));
                            if (!json.equals(expected.get(i)) || !JSON.readEvent(json).equals(events.get(i))) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                start.countDown();
                for (Future<Boolean> r : results) {
                    assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
