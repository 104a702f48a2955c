package io.omskit.spi.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.BucketCounts;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderPlacement;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentTransaction;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The records whose constructors store their fields before checking them (so that the JIT can drop GC write barriers
 * where it inlines them) still refuse every bad value with the same code and message, the first bad value first, and
 * still copy mutable lists.
 */
class StoresFirstConstructorsTest {
    private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final FulfillmentId F = FulfillmentId.of("f-1");
    private static final LocationId DC = LocationId.of("dc-1");
    private static final LineId L1 = LineId.of("l-1");
    private static final LineSpec SPEC = new LineSpec(L1, Sku.of("SKU-1"), 2, Money.ofMinor(500, "USD"), null);

    private static OrderPlacement placement() {
        return new OrderPlacement(Channel.of(ChannelType.WEB), "W-1", "key-1", null, Currency.getInstance("USD"), null,
                null, null, AT, null);
    }

    private static OrderSnapshot snapshot(OrderId id, OrderPlacement placement, List<OrderLine> lines) {
        return new OrderSnapshot(id, 1, OrderStatus.PLACED.name(), OrderStatus.PLACED, placement, lines, List.of(),
                List.of(), List.of(), List.of(), null, AT, null);
    }

    @Nested
    class Snapshots {
        @Test
        void construct_twoBadValues_namesTheFirstAndIsTyped() {
            assertThatThrownBy(() -> snapshot(null, null, List.of()))
                    .isInstanceOf(OmsValidationException.class)
                    .hasMessage("MISSING_VALUE: order id is required")
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThatThrownBy(() -> snapshot(ORDER, null, null)).hasMessageEndingWith("placement is required");
            assertThatThrownBy(() -> snapshot(ORDER, placement(), null)).hasMessageEndingWith("lines is required");
        }

        @Test
        void construct_mutableLines_areCopied_nullElementsRefused() {
            List<OrderLine> lines = new ArrayList<>(List.of(OrderLine.pending(SPEC)));
            OrderSnapshot s = snapshot(ORDER, placement(), lines);
            lines.clear();
            assertThat(s.lines()).hasSize(1);
            assertThatThrownBy(() -> s.lines().add(OrderLine.pending(SPEC)))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> snapshot(ORDER, placement(), Arrays.asList(OrderLine.pending(SPEC), null)))
                    .isInstanceOf(OmsValidationException.class).hasMessageEndingWith("lines holds no value at index 1");
            assertThat(snapshot(ORDER, placement(), List.of()).paymentRequests()).isEmpty();
        }
    }

    @Nested
    class Lines {
        @Test
        void construct_badSpecOrBuckets_isTyped() {
            assertThatThrownBy(() -> new OrderLine(null, null, null)).hasMessageEndingWith("line spec is required");
            assertThatThrownBy(() -> new OrderLine(SPEC, BucketCounts.of(Bucket.PENDING, 3), null))
                    .isInstanceOf(OmsValidationException.class)
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
        }
    }

    @Nested
    class Fulfillments {
        private Fulfillment fulfillment(String state, List<String> tracking) {
            return new Fulfillment(F, DC, state, FulfillmentStatus.PACKED, false, List.of(new FulfillmentLine(L1, 2)),
                    null, null, null, null, null, tracking);
        }

        @Test
        void construct_badState_isTyped_mutableListsCopied() {
            assertThat(codeOf(() -> fulfillment("QC\n", List.of()))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThatThrownBy(() -> new Fulfillment(null, null, "PACKED", FulfillmentStatus.PACKED, false, List.of(),
                    null, null, null, null, null, List.of())).hasMessageEndingWith("fulfillment id is required");
            List<String> tracking = new ArrayList<>(List.of("t-1"));
            Fulfillment f = fulfillment("QUALITY_CHECK", tracking);
            tracking.add("t-2");
            assertThat(f.trackingEventIds()).containsExactly("t-1");
        }

        @Test
        void stateChanged_badValues_namesTheFirst_mutableLinesCopied() {
            EventId id = EventId.of(ORDER, 2, 0);
            assertThatThrownBy(() -> new FulfillmentStateChanged(id, ORDER, 2, AT, null, null, "RELEASED",
                    FulfillmentStatus.RELEASED, "PICKING", FulfillmentStatus.PICKING, null, List.of()))
                    .hasMessageEndingWith("fulfillment id is required");
            assertThatThrownBy(() -> new FulfillmentStateChanged(id, ORDER, 0, AT, F, DC, "RELEASED",
                    FulfillmentStatus.RELEASED, "PICKING", FulfillmentStatus.PICKING, null, List.of()))
                    .isInstanceOf(OmsValidationException.class)
                    .extracting(e -> ((OmsValidationException) e).code()).isEqualTo(OmsErrorCode.INVALID_VALUE);
            List<FulfillmentLine> moved = new ArrayList<>(List.of(new FulfillmentLine(L1, 2)));
            FulfillmentStateChanged e = new FulfillmentStateChanged(id, ORDER, 2, AT, F, DC, "RELEASED",
                    FulfillmentStatus.RELEASED, "PICKING", FulfillmentStatus.PICKING, null, moved);
            moved.clear();
            assertThat(e.lines()).hasSize(1);
        }

        @Test
        void construct_badLists_refusedAfterTheOtherChecks_inComponentOrder() {
            List<FulfillmentLine> withNull = Arrays.asList(new FulfillmentLine(L1, 2), null);
            assertThatThrownBy(() -> new Fulfillment(null, DC, "PACKED", FulfillmentStatus.PACKED, false, null,
                    null, null, null, null, null, null)).hasMessageEndingWith("fulfillment id is required");
            assertThatThrownBy(() -> new Fulfillment(F, DC, "PACKED", FulfillmentStatus.PACKED, false, withNull,
                    null, null, null, null, null, null))
                    .isInstanceOf(OmsValidationException.class)
                    .hasMessageEndingWith("fulfillment lines holds no value at index 1");
            assertThatThrownBy(() -> new Fulfillment(F, DC, "PACKED", FulfillmentStatus.PACKED, false, List.of(),
                    null, null, null, null, null, null)).hasMessageEndingWith("tracking event ids is required");
            EventId id = EventId.of(ORDER, 2, 0);
            assertThatThrownBy(() -> new FulfillmentStateChanged(id, ORDER, 2, AT, F, null, "RELEASED",
                    FulfillmentStatus.RELEASED, "PICKING", FulfillmentStatus.PICKING, null, null))
                    .hasMessageEndingWith("location is required");
            assertThatThrownBy(() -> new FulfillmentStateChanged(id, ORDER, 2, AT, F, DC, "RELEASED",
                    FulfillmentStatus.RELEASED, "PICKING", FulfillmentStatus.PICKING, null, null))
                    .isInstanceOf(OmsValidationException.class).hasMessageEndingWith("lines is required");
            assertThatThrownBy(() -> new FulfillmentStateChanged(id, ORDER, 2, AT, F, DC, "RELEASED",
                    FulfillmentStatus.RELEASED, "PICKING", FulfillmentStatus.PICKING, null, withNull))
                    .isInstanceOf(OmsValidationException.class).hasMessageEndingWith("lines holds no value at index 1");
        }

        @Test
        void construct_engineLists_keptAsTheyAre() {
            List<FulfillmentLine> one = List.of(new FulfillmentLine(L1, 2));
            List<String> none = List.of();
            Fulfillment f = new Fulfillment(F, DC, "PACKED", FulfillmentStatus.PACKED, false, one, null, null, null,
                    null, null, none);
            assertThat(f.lines()).isSameAs(one);
            assertThat(f.trackingEventIds()).isSameAs(none);
            FulfillmentStateChanged e = new FulfillmentStateChanged(EventId.of(ORDER, 2, 0), ORDER, 2, AT, F, DC,
                    "RELEASED", FulfillmentStatus.RELEASED, "PICKING", FulfillmentStatus.PICKING, null, one);
            assertThat(e.lines()).isSameAs(one);
        }
    }

    @Nested
    class Payments {
        @Test
        void transaction_negativeAmountOrBadReference_isTyped() {
            assertThat(codeOf(() -> new PaymentTransaction(TransactionType.CAPTURE, Money.ofMinor(-1, "USD"), "cap-1",
                    true, AT))).isEqualTo(OmsErrorCode.INVALID_VALUE);
            assertThat(codeOf(() -> new PaymentTransaction(TransactionType.CAPTURE, Money.ofMinor(1, "USD"), " ",
                    true, AT))).isEqualTo(OmsErrorCode.MISSING_VALUE);
            assertThat(codeOf(() -> new PaymentAuthorized(EventId.of(ORDER, 2, 0), ORDER, 2, AT,
                    Money.ofMinor(1, "USD"), "a\u0000"))).isEqualTo(OmsErrorCode.INVALID_VALUE);
        }
    }

    @Nested
    class ListChecks {
        @Test
        void list_engineListsKept_othersCheckedOutOfLine() {
            List<String> empty = List.of();
            List<String> one = List.of("a");
            assertThat(Checks.list(empty, "xs")).isSameAs(empty);
            assertThat(Checks.list(one, "xs")).isSameAs(one);
            assertThatThrownBy(() -> Checks.list(null, "xs")).hasMessageEndingWith("xs is required");
            assertThatThrownBy(() -> Checks.list(Stream.of("a", null).toList(), "xs"))
                    .hasMessageEndingWith("xs holds no value at index 1");
            List<String> streamed = Stream.of("a", "b", "c").toList();
            assertThat(Checks.list(streamed, "xs")).isSameAs(streamed);
        }
    }

    private static OmsErrorCode codeOf(Runnable r) {
        OmsValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(OmsValidationException.class,
                r::run);
        assertThat(e).as("an OmsValidationException").isNotNull();
        return e.code();
    }
}
