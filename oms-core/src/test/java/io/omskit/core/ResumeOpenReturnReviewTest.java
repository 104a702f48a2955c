package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.Sku;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * resume closes every open return with refunds recorded for it (e006ac6): also those whose refund the host recorded
 * itself (RecordRefund naming the return), which no closeReturn(REFUND) ever started.
 */
class ResumeOpenReturnReviewTest {
    private static final OrderId ID = OrderId.of("ORD-1");
    private static final LineId L1 = LineId.of("ORD-1-L1");
    private static final ReturnId R1 = ReturnId.of("R1");

    private final EngineFixture f = new EngineFixture();
    private final OrderService oms = f.engine();

    /** Two units of 10.00 delivered (captured at shipment). */
    private void delivered() {
        f.stock(EngineFixture.EAST, "SKU-A", 5);
        oms.place(EngineFixture.order(ID.value(), "SKU-A", 2));
        oms.verify(ID);
        oms.route(ID);
        EngineFixture.deliverAll(oms, ID, FulfillmentId.of("F1"));
    }

    /** The host records a refund of {@code minor} for R1 itself (its own provider call), as the SPI allows. */
    private void hostRefunds(long minor) {
        OrderSnapshot s = oms.get(ID);
        Decision d = OrderDecider.standard().decide(s, new OrderCommand.RecordRefund(Money.ofMinor(minor, "USD"),
                "host-refund-1", R1, f.clock.instant()));
        assertThat(d).isInstanceOf(Decision.Accepted.class);
        Decision.Accepted a = (Decision.Accepted) d;
        f.orders.save(a.snapshot(), s.version(), a.events());
    }

    @Nested
    class HostRecordedRefund {
        @Test
        void resume_returnRefundedAheadOfReceipt_doesNotThrow_returnStaysApproved() {
            delivered();
            oms.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 2, "changed_mind")));
            oms.approveReturn(ID, R1);
            hostRefunds(2_000); // an instant refund when the return label is issued

            OrderSnapshot resumed = oms.resume(ID); // HEAD: CommandRejectedException (closeReturn of a return
                                                    // that received nothing)
            assertThat(resumed.orderReturn(R1).orElseThrow().status()).isEqualTo(ReturnStatus.APPROVED);
        }

        @Test
        void resume_returnPartlyReceivedAndRefundedForThatPart_leavesItOpenForTheRest() {
            delivered();
            oms.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 2, "changed_mind")));
            oms.approveReturn(ID, R1);
            oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            hostRefunds(1_000); // the host refunds each parcel as it comes
            ReturnStatus before = oms.get(ID).orderReturn(R1).orElseThrow().status(); // APPROVED: one unit to come

            OrderSnapshot resumed = oms.resume(ID);

            // HEAD: CLOSED (resolution REFUND), and the second parcel can no longer be received
            assertThat(resumed.orderReturn(R1).orElseThrow().status()).isEqualTo(before);
            OrderSnapshot second = oms.receiveReturn(ID, R1, EngineFixture.EAST,
                    List.of(new OrderCommand.ReceivedItem(L1, 1)));
            assertThat(second.orderReturn(R1).orElseThrow().lines().get(0).received()).isEqualTo(2);
        }

        @Test
        void resume_exchangeReturnWithAHostRefund_doesNotThrow_andStillRoutesTheReplacement() {
            f.stock(EngineFixture.EAST, "SKU-B", 5);
            delivered();
            LineId x1 = LineId.of("ORD-1-X1");
            oms.exchange(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "too big")),
                    List.of(new LineSpec(x1, Sku.of("SKU-B"), 1, Money.ofMinor(1_000, "USD"), null)));
            oms.approveReturn(ID, R1);
            hostRefunds(300); // a goodwill refund the host files under the return

            // HEAD: ILLEGAL_TRANSITION ("is an exchange ... close it with EXCHANGE") before resume routes anything
            OrderSnapshot resumed = oms.resume(ID);
            assertThat(resumed.orderReturn(R1).orElseThrow().status()).isEqualTo(ReturnStatus.APPROVED);
            assertThat(resumed.line(x1).orElseThrow().in(io.omskit.spi.model.Bucket.PENDING))
                    .as("resume routes the replacement").isZero();
        }
    }
}
