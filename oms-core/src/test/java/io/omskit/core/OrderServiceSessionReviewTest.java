package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.TrackingEvent;
import io.omskit.spi.port.TrackingStatus;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What a review of the session's own fixes found they broke (each failed before its fix). */
class OrderServiceSessionReviewTest {
    private final EngineFixture fx = new EngineFixture();
    private final OrderService oms = fx.engine();
    private final OrderId id = OrderId.of("O-1");
    private final LineId l1 = LineId.of("O-1-L1");

    private FulfillmentId shipOne(int units) {
        FulfillmentId f = picking(units);
        oms.pack(id, f);
        oms.ship(id, f);
        return f;
    }

    private FulfillmentId picking(int units) {
        fx.stock(EngineFixture.EAST, "SKU-A", 10);
        oms.place(EngineFixture.order(id.value(), "SKU-A", units));
        oms.verify(id);
        FulfillmentId f = oms.route(id).fulfillments().get(0).id();
        oms.release(id, f);
        oms.pick(id, f, List.of());
        return f;
    }

    @Test
    void closeReturn_refundOfAnExchangeWhoseReplacementWasCancelled_isAllowed() {
        FulfillmentId f = shipOne(1); // one unit of SKU-A at 10.00
        oms.deliver(id, f, false);
        ReturnId r1 = ReturnId.of("R1");
        LineId x1 = LineId.of("O-1-X1");
        oms.exchange(id, r1, List.of(new OrderCommand.ReturnItem(l1, 1, "wrong colour")),
                List.of(new LineSpec(x1, Sku.of("SKU-B"), 1, Money.ofMinor(1_000, "USD"), null)));
        oms.route(id);
        assertThat(oms.get(id).line(x1).orElseThrow().in(Bucket.BACKORDERED)).isEqualTo(1);
        oms.cancelLine(id, x1, 1, Initiator.MERCHANT, "discontinued");
        oms.approveReturn(id, r1);
        oms.receiveReturn(id, r1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(l1, 1)));

        OrderSnapshot closed = oms.closeReturn(id, r1, Resolution.REFUND);

        assertThat(OrderViews.refunded(closed)).isEqualTo(Money.ofMinor(1_000, "USD"));
    }

    @Test
    void pick_repeatedWithAShortList_isRefused_notDropped() {
        FulfillmentId f = picking(3);
        OrderSnapshot before = oms.get(id);
        assertThat(catchThrowable(() -> oms.pick(id, f, List.of(new FulfillmentLine(l1, 1)))))
                .isInstanceOfSatisfying(OmsException.class,
                        e -> assertThat(e.code()).isEqualTo(OmsErrorCode.ILLEGAL_TRANSITION));
        assertThat(oms.get(id)).isEqualTo(before);
        // the units it carries, listed, are the same pick: a repeat
        assertThat(oms.pick(id, f, List.of(new FulfillmentLine(l1, 3)))).isEqualTo(before);
    }

    @Test
    void pick_repeatedWithAnInvalidList_isRefused() {
        FulfillmentId f = picking(1);
        Throwable t = catchThrowable(() -> oms.pick(id, f, List.of(new FulfillmentLine(LineId.of("NO-SUCH-LINE"), 7))));
        assertThat(t).isInstanceOf(OmsException.class);
    }

    @Test
    void recordTracking_numberDifferingOnlyInCaseOrBlanks_isRecorded() {
        FulfillmentId f = shipOne(1);
        String parcel = oms.get(id).fulfillment(f).orElseThrow().trackingNumber();
        String lower = " " + parcel.toLowerCase(Locale.ROOT) + " ";
        assertThat(lower.strip()).isNotEqualTo(parcel);
        OrderSnapshot before = oms.get(id);
        OrderSnapshot after = oms.recordTracking(id, f, new TrackingEvent("ev-1", lower, TrackingStatus.IN_TRANSIT,
                fx.clock.instant(), "moving"));
        assertThat(after.version()).isEqualTo(before.version() + 1);
    }

    @Test
    void recordTracking_repeatedEventIdWithAnotherNumber_isIgnoredAsARepeat() {
        FulfillmentId f = shipOne(1);
        Fulfillment shipped = oms.get(id).fulfillment(f).orElseThrow();
        OrderSnapshot recorded = oms.recordTracking(id, f, new TrackingEvent("ev-1", shipped.trackingNumber(),
                TrackingStatus.IN_TRANSIT, fx.clock.instant(), "moving"));
        assertThat(oms.recordTracking(id, f, new TrackingEvent("ev-1", "OTHER", TrackingStatus.IN_TRANSIT,
                fx.clock.instant(), "moving"))).isEqualTo(recorded);
    }
}
