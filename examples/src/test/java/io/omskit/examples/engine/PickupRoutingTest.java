package io.omskit.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.EngineConfig;
import io.omskit.core.Oms;
import io.omskit.core.OrderService;
import io.omskit.core.PlaceOrder;
import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.core.memory.InMemoryOrderStore;
import io.omskit.core.memory.RuleBasedFraudScreener;
import io.omskit.core.memory.SimulatedCarrier;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.routing.Router;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationDirectory;
import io.omskit.spi.port.LocationType;
import io.omskit.spi.port.RoutingPlan;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine with omskit's router: a pickup order's store must take pickups (a new order at one that takes none is
 * refused when placed: oms-core's OrderServiceTest); one that stops taking them is left out, and the plan says why.
 */
class PickupRoutingTest {
    private static final LocationId EAST = LocationId.of("DC-EAST");
    private static final LocationId STORE = LocationId.of("ST-NYC");

    private static Location store(boolean takesPickups) {
        return new Location(STORE, "store", LocationType.STORE, new GeoPoint(40.75, -73.98), true, takesPickups, true,
                2, Integer.MAX_VALUE, 0, 1.2, 4.0);
    }

    /** A directory whose store can stop taking pickups. */
    private static final class Directory implements LocationDirectory {
        private final Location east = new Location(EAST, "east", LocationType.WAREHOUSE, new GeoPoint(40.5, -74.4),
                true, false, true, 1, Integer.MAX_VALUE, 0, 0.4, 3.0); // ships, takes no pickups
        private volatile Location store = store(true);

        @Override
        public List<Location> all() {
            return List.of(east, store);
        }

        @Override
        public Optional<Location> find(LocationId id) {
            return all().stream().filter(l -> l.id().equals(id)).findFirst();
        }
    }

    private static OrderService engine(InMemoryInventoryStore inventory, LocationDirectory directory) {
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
        return Oms.builder().clock(clock).orders(new InMemoryOrderStore()).inventory(inventory)
                .locations(directory).payments(new SimulatedPaymentGateway())
                .fraud(RuleBasedFraudScreener.ofDefaults()).carriers(SimulatedCarrier.ofDefaults(clock))
                .router(Router.standard()).config(EngineConfig.defaults()).build();
    }

    private static PlaceOrder pickupAt(OrderId id, LocationId store) {
        Address billing = Address.at("New York", "US", new GeoPoint(40.71, -74.0));
        return new PlaceOrder(id, Channel.of(ChannelType.WEB), "ext-" + id.value(), null, null,
                Currency.getInstance("USD"), null, billing, store, null,
                List.of(new LineSpec(LineId.of("L1"), Sku.of("SKU-A"), 2, Money.ofMinor(1000, "USD"), null)));
    }

    @Test
    void storeThatStopsTakingPickupsAfterThePlacement_isUnavailableAsExcluded_notDisabled_andTheOrderWaits() {
        InMemoryInventoryStore inventory = new InMemoryInventoryStore();
        inventory.setOnHand(STORE, Sku.of("SKU-A"), 5);
        Directory directory = new Directory();
        OrderService oms = engine(inventory, directory);
        OrderId id = OrderId.of("O-1");
        oms.place(pickupAt(id, STORE));
        oms.verify(id);
        directory.store = store(false);
        RoutingPlan plan = oms.previewRouting(id);
        assertThat(plan.error().code()).isEqualTo(OmsErrorCode.PICKUP_LOCATION_UNAVAILABLE);
        assertThat(plan.error().message()).contains("excluded").doesNotContain("disabled");
        assertThat(oms.route(id).units(Bucket.BACKORDERED)).isEqualTo(2);
    }

    @Test
    void pickupAtAStoreThatTakesThem_isAllocatedThere() {
        InMemoryInventoryStore inventory = new InMemoryInventoryStore();
        inventory.setOnHand(STORE, Sku.of("SKU-A"), 5);
        inventory.setOnHand(EAST, Sku.of("SKU-A"), 5);
        OrderService oms = engine(inventory, new Directory());
        OrderId id = OrderId.of("O-2");
        oms.place(pickupAt(id, STORE));
        oms.verify(id);
        assertThat(oms.route(id).fulfillments()).singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo(STORE));
    }
}
