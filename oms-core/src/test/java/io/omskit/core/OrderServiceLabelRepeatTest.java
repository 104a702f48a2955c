package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A label bought, then the engine crashed before saving the shipment, and the origin location moved before the
 * retry: the retry rebuilds the label request with the new position under the same key, and must get the first label
 * (R6.2), not a refusal forever (the order stuck PACKED) nor a second label.
 */
class OrderServiceLabelRepeatTest {

    @Test
    void ship_retriedAfterALostShipmentSaveAndAMovedLocation_usesTheFirstLabel() {
        EngineFixture fx = new EngineFixture();
        fx.stock(EngineFixture.EAST, "SKU-A", 5);
        AtomicBoolean crash = new AtomicBoolean(true);
        OrderService first = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.around(CarrierGateway.class,
                (method, args, proceed) -> {
                    Object label = proceed.call();
                    if (method.equals("createLabel") && crash.getAndSet(false)) {
                        throw new ProviderException(OmsErrorCode.PROVIDER_TIMEOUT, "the engine's host crashed");
                    }
                    return label;
                }));
        OrderId id = OrderId.of("ORD-1");
        first.place(EngineFixture.order("ORD-1", "SKU-A", 2));
        first.verify(id);
        OrderSnapshot routed = first.route(id);
        Fulfillment f = routed.fulfillments().get(0);
        first.release(id, f.id());
        first.pick(id, f.id(), List.of());
        first.pack(id, f.id());
        assertThatThrownBy(() -> first.ship(id, f.id())).isInstanceOf(ProviderException.class);
        assertThat(fx.carrier.labelCount()).isEqualTo(1);

        List<Location> moved = new ArrayList<>();
        for (Location l : fx.locations) {
            moved.add(l.id().equals(EngineFixture.EAST) ? new Location(l.id(), l.name(), l.type(),
                    new GeoPoint(40.51, -74.41), l.ships(), l.pickup(), l.enabled(), l.priority(), l.capacityUnits(),
                    l.safetyStock(), l.unitCost(), l.shipmentFixedCost()) : l);
        }
        OrderService restarted = Oms.builder().clock(fx.clock).orders(fx.orders).inventory(fx.inventory)
                .locations(StaticLocationDirectory.of(moved)).payments(fx.payments).fraud(fx.fraud)
                .carriers(fx.carrier).router(new NearestStockRouter()).config(EngineConfig.defaults()).build();

        OrderSnapshot shipped = restarted.ship(id, f.id());

        assertThat(shipped.fulfillment(f.id()).orElseThrow().status()).isEqualTo(FulfillmentStatus.SHIPPED);
        assertThat(fx.carrier.labelCount()).as("labels bought").isEqualTo(1);
    }
}
