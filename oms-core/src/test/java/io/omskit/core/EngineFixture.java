package io.omskit.core;

import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.core.memory.InMemoryOrderStore;
import io.omskit.core.memory.RuleBasedFraudScreener;
import io.omskit.core.memory.SimulatedCarrier;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.FraudScreener;
import io.omskit.spi.port.FulfillmentRouter;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationType;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.tck.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** A small retailer wired on the in-memory adapters, for the engine's tests. */
final class EngineFixture {
    static final Currency USD = Currency.getInstance("USD");
    static final LocationId EAST = LocationId.of("DC-EAST");
    static final LocationId WEST = LocationId.of("DC-WEST");
    static final LocationId STORE = LocationId.of("ST-NYC");
    static final GeoPoint NEW_YORK = new GeoPoint(40.71, -74.0);

    final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T10:00:00Z"));
    final InMemoryOrderStore orders = new InMemoryOrderStore();
    final InMemoryInventoryStore inventory = new InMemoryInventoryStore();
    final SimulatedPaymentGateway payments = new SimulatedPaymentGateway();
    final SimulatedCarrier carrier = SimulatedCarrier.ofDefaults(clock);
    final RuleBasedFraudScreener fraud = RuleBasedFraudScreener.ofDefaults();
    final List<Location> locations = List.of(
            new Location(EAST, "east", LocationType.WAREHOUSE, new GeoPoint(40.5, -74.4), true, false, true, 1,
                    Integer.MAX_VALUE, 0, 0.4, 3.0),
            new Location(WEST, "west", LocationType.WAREHOUSE, new GeoPoint(34.0, -117.6), true, false, true, 2,
                    Integer.MAX_VALUE, 0, 0.4, 3.0),
            new Location(STORE, "store", LocationType.STORE, new GeoPoint(40.75, -73.98), true, true, true, 3,
                    Integer.MAX_VALUE, 0, 1.2, 4.0));

    /** An engine on the fixture's adapters; {@code wrap} decorates each port (fault injection). */
    OrderService engine(EngineConfig config, PortWrapper wrap) {
        return engine(config, wrap, new NearestStockRouter());
    }

    /** The same with another router. */
    OrderService engine(EngineConfig config, PortWrapper wrap, FulfillmentRouter router) {
        return Oms.builder()
                .clock(clock)
                .orders(wrap.wrap(OrderStore.class, orders))
                .inventory(wrap.wrap(InventoryStore.class, inventory))
                .locations(StaticLocationDirectory.of(locations))
                .payments(wrap.wrap(PaymentGateway.class, payments))
                .fraud(wrap.wrap(FraudScreener.class, fraud))
                .carriers(wrap.wrap(CarrierGateway.class, carrier))
                .router(router)
                .config(config)
                .build();
    }

    OrderService engine() {
        return engine(EngineConfig.defaults(), PortWrapper.NONE);
    }

    /** Releases, picks everything, packs, ships and delivers fulfillment {@code f} of order {@code id}. */
    static OrderSnapshot deliverAll(OrderService oms, OrderId id, FulfillmentId f) {
        oms.release(id, f);
        oms.pick(id, f, List.of());
        oms.pack(id, f);
        oms.ship(id, f);
        return oms.deliver(id, f, false);
    }

    /**
     * Takes the next step of the order's first fulfillment that has one (release, pick all, pack, ship, deliver);
     * whether there was one.
     */
    static boolean stepFulfillment(OrderService oms, OrderSnapshot o) {
        OrderId id = o.id();
        for (io.omskit.spi.model.Fulfillment ff : o.fulfillments()) {
            switch (ff.status()) {
                case PLANNED:
                    oms.release(id, ff.id());
                    return true;
                case RELEASED:
                    oms.pick(id, ff.id(), List.of());
                    return true;
                case PICKING:
                    oms.pack(id, ff.id());
                    return true;
                case PACKED:
                    oms.ship(id, ff.id());
                    return true;
                case SHIPPED:
                    oms.deliver(id, ff.id(), false);
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    void stock(LocationId location, String sku, int units) {
        inventory.setOnHand(location, Sku.of(sku), units);
    }

    static PlaceOrder order(String id, Object... skuQty) {
        List<LineSpec> lines = new ArrayList<>();
        for (int i = 0; i < skuQty.length; i += 2) {
            lines.add(new LineSpec(LineId.of(id + "-L" + (i / 2 + 1)), Sku.of((String) skuQty[i]), (Integer) skuQty[i + 1],
                    Money.ofMinor(1_000 + 250L * i, "USD"), Money.ofMinor(400, "USD")));
        }
        Address to = Address.at("New York", "US", NEW_YORK);
        return new PlaceOrder(OrderId.of(id), Channel.of(ChannelType.WEB), "ext-" + id, null, null, USD, to, to, null,
                null, lines);
    }

    /** Decorates a port. */
    interface PortWrapper {
        PortWrapper NONE = new PortWrapper() {
            @Override
            public <T> T wrap(Class<T> type, T port) {
                return port;
            }
        };

        <T> T wrap(Class<T> type, T port);

        /**
         * A wrapper that passes every call of the {@code target} port through {@code handler} (which decides when,
         * whether and how often to go on with the real call); the other ports are left alone.
         */
        static PortWrapper around(Class<?> target, Handler handler) {
            return new PortWrapper() {
                @Override
                public <T> T wrap(Class<T> type, T port) {
                    if (type != target) {
                        return port;
                    }
                    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                            (p, m, args) -> handler.handle(m.getName(), args, () -> {
                                try {
                                    return m.invoke(port, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            })));
                }
            };
        }
    }

    /** One call of a wrapped port, as {@link PortWrapper#around} shows it to a test. */
    @FunctionalInterface
    interface Handler {
        /** Handles the call of {@code method}; {@code proceed} makes the real call and returns its result. */
        Object handle(String method, Object[] args, Proceed proceed) throws Throwable;
    }

    /** The real call behind a {@link Handler}. */
    @FunctionalInterface
    interface Proceed {
        Object call() throws Throwable;
    }
}
