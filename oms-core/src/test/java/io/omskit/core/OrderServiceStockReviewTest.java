package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Stock effects under partial flows and inventory failures (found by a review; each failed before its fix): returns
 * received in parts, a write-off followed by a restock, repeats after a failed inventory call.
 */
class OrderServiceStockReviewTest {
    static final OrderId ID = OrderId.of("O-1");
    static final LineId L1 = LineId.of("O-1-L1");
    static final ReturnId R1 = ReturnId.of("R1");
    static final FulfillmentId F1 = FulfillmentId.of("F1");
    static final Sku A = Sku.of("SKU-A");

    /** Fails the next call of {@code method} once, before applying it. */
    static final class FailNext {
        final AtomicBoolean armed = new AtomicBoolean();
        String method;

        EngineFixture.PortWrapper wrapper() {
            return EngineFixture.PortWrapper.around(InventoryStore.class, (m, args, proceed) -> {
                if (m.equals(method) && armed.compareAndSet(true, false)) {
                    throw new ProviderException(OmsErrorCode.PROVIDER_ERROR, "injected before " + m);
                }
                return proceed.call();
            });
        }

        void arm(String m) {
            method = m;
            armed.set(true);
        }
    }

    static OrderService shipped(EngineFixture fx, OrderService oms, int units) {
        oms.place(EngineFixture.order("O-1", "SKU-A", units));
        oms.verify(ID);
        oms.route(ID);
        EngineFixture.deliverAll(oms, ID, F1);
        return oms;
    }

    @Nested
    class ReturnsReceivedInParts {
        @Test
        void inspectReturn_partsReceivedAtTwoLocations_restocksEachWhereItArrived() {
            EngineFixture fx = new EngineFixture();
            fx.stock(EngineFixture.EAST, "SKU-A", 10);
            OrderService oms = shipped(fx, fx.engine(), 2);
            int eastBefore = fx.inventory.level(EngineFixture.EAST, A).onHand();
            int westBefore = fx.inventory.level(EngineFixture.WEST, A).onHand();
            oms.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 2, "x")));
            oms.approveReturn(ID, R1);
            oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            oms.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK);
            oms.receiveReturn(ID, R1, EngineFixture.WEST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            oms.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK);

            assertThat(fx.inventory.level(EngineFixture.EAST, A).onHand()).isEqualTo(eastBefore + 1);
            assertThat(fx.inventory.level(EngineFixture.WEST, A).onHand()).isEqualTo(westBefore + 1);
        }
    }

    @Nested
    class Probes {
        @Test
        void inspectReturn_unitWrittenOffThenAnotherReceivedAndRestocked_restocksOnlyTheNewUnit() {
            EngineFixture fx = new EngineFixture();
            fx.stock(EngineFixture.EAST, "SKU-A", 10);
            OrderService oms = shipped(fx, fx.engine(), 2);
            oms.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 2, "x")));
            oms.approveReturn(ID, R1);
            oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            oms.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.UNSELLABLE);
            oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            oms.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK);

            assertThat(fx.inventory.totals().restocked()).as("restocked").isEqualTo(1);
        }

        @Test
        void cancel_lineSplitOverTwoLocations_releasesBoth() {
            EngineFixture fx = new EngineFixture();
            fx.stock(EngineFixture.EAST, "SKU-A", 1);
            fx.stock(EngineFixture.WEST, "SKU-A", 1);
            OrderService oms = fx.engine();
            oms.place(EngineFixture.order("O-1", "SKU-A", 2));
            oms.verify(ID);
            var o = oms.route(ID);
            assertThat(o.fulfillments()).hasSize(2);
            assertThat(fx.inventory.totals().reserved()).isEqualTo(2);
            oms.cancel(ID, Initiator.CUSTOMER, "x");
            assertThat(fx.inventory.totals().reserved()).isZero();
        }
    }

    /** An engine whose inventory calls {@code fail} can fail, and an order of 2 x SKU-A placed, verified, routed. */
    private static OrderService routed(EngineFixture fx, FailNext fail) {
        fx.stock(EngineFixture.EAST, "SKU-A", 10);
        OrderService oms = fx.engine(EngineConfig.defaults(), fail.wrapper());
        oms.place(EngineFixture.order("O-1", "SKU-A", 2));
        oms.verify(ID);
        oms.route(ID);
        return oms;
    }

    @Nested
    class RepeatAfterInventoryFailure {
        @Test
        void ship_repeatedAfterConsumeFailed_consumesTheStock() {
            EngineFixture fx = new EngineFixture();
            FailNext fail = new FailNext();
            OrderService oms = routed(fx, fail);
            oms.release(ID, F1);
            oms.pick(ID, F1, List.of());
            oms.pack(ID, F1);
            fail.arm("consume");
            assertThatThrownBy(() -> oms.ship(ID, F1)).isInstanceOf(ProviderException.class);
            oms.ship(ID, F1); // the host repeats the call that threw; it goes through
            oms.deliver(ID, F1, false);

            assertThat(fx.inventory.level(EngineFixture.EAST, A).reserved()).as("reserved").isZero();
            assertThat(fx.inventory.level(EngineFixture.EAST, A).onHand()).as("on hand").isEqualTo(8);
        }

        @Test
        void cancel_repeatedAfterReleaseFailed_releasesTheStock() {
            EngineFixture fx = new EngineFixture();
            FailNext fail = new FailNext();
            OrderService oms = routed(fx, fail);
            fail.arm("release");
            assertThatThrownBy(() -> oms.cancel(ID, Initiator.CUSTOMER, "x")).isInstanceOf(ProviderException.class);
            oms.cancel(ID, Initiator.CUSTOMER, "x"); // the repeat goes through

            assertThat(fx.inventory.level(EngineFixture.EAST, A).reserved()).as("reserved").isZero();
        }

        @Test
        void pick_shortRepeatedAfterReleaseFailed_releasesTheUnpickedUnits() {
            EngineFixture fx = new EngineFixture();
            FailNext fail = new FailNext();
            OrderService oms = routed(fx, fail);
            oms.release(ID, F1);
            fail.arm("release");
            List<FulfillmentLine> one = List.of(new FulfillmentLine(L1, 1));
            assertThatThrownBy(() -> oms.pick(ID, F1, one)).isInstanceOf(ProviderException.class);
            oms.pick(ID, F1, one); // the repeat goes through

            assertThat(fx.inventory.level(EngineFixture.EAST, A).reserved()).as("reserved").isEqualTo(1);
        }

        @Test
        void pickedUp_repeatedAfterConsumeFailed_consumesTheStock() {
            EngineFixture fx = new EngineFixture();
            fx.stock(EngineFixture.STORE, "SKU-A", 10);
            FailNext fail = new FailNext();
            OrderService oms = fx.engine(EngineConfig.defaults(), fail.wrapper());
            oms.place(OrderServiceFaultSweepReviewTest.order(1, true));
            oms.verify(ID);
            oms.route(ID);
            oms.release(ID, F1);
            oms.pick(ID, F1, List.of());
            oms.pack(ID, F1);
            oms.readyForPickup(ID, F1);
            fail.arm("consume");
            assertThatThrownBy(() -> oms.pickedUp(ID, F1)).isInstanceOf(ProviderException.class);
            oms.pickedUp(ID, F1);

            assertThat(fx.inventory.level(EngineFixture.STORE, A).reserved()).as("reserved").isZero();
            assertThat(fx.inventory.level(EngineFixture.STORE, A).onHand()).as("on hand").isEqualTo(9);
        }

        @Test
        void inspectReturn_repeatedAfterRestockFailed_restocksOnce() {
            EngineFixture fx = new EngineFixture();
            fx.stock(EngineFixture.EAST, "SKU-A", 10);
            FailNext fail = new FailNext();
            OrderService oms = shipped(fx, fx.engine(EngineConfig.defaults(), fail.wrapper()), 1);
            oms.requestReturn(ID, R1, List.of(new OrderCommand.ReturnItem(L1, 1, "x")));
            oms.approveReturn(ID, R1);
            oms.receiveReturn(ID, R1, EngineFixture.EAST, List.of(new OrderCommand.ReceivedItem(L1, 1)));
            fail.arm("restock");
            assertThatThrownBy(() -> oms.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK))
                    .isInstanceOf(ProviderException.class);
            oms.inspectReturn(ID, R1, L1, InspectionResult.ACCEPTED, Disposition.RESTOCK);

            assertThat(fx.inventory.level(EngineFixture.EAST, A).onHand()).as("on hand").isEqualTo(10);
        }
    }
}
