package io.omskit.benchmarks.engine;

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
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One engine wired from the in-memory adapters and the omskit router, stocked for a catalogue of
 * {@value #CATALOG} SKUs at three warehouses (every SKU, ample stock) and five stores (the 500 most popular
 * SKUs), and 256 prepared realistic 3-line orders (Zipf SKU popularity, 1 to 3 units a line, customers in
 * twelve US cities). {@link #lifecycle} drives one order through the whole engine.
 *
 * <p>Thread-safe as the engine is: order ids come from the caller.
 */
final class EngineFixture {
    static final int CATALOG = 10_000;
    private static final int SHAPES = 256;
    private static final Currency USD = Currency.getInstance("USD");

    private static final double[][] DCS = {{39.9612, -82.9988}, {39.5296, -119.8138}, {40.6023, -75.4714}};
    private static final double[][] STORES = {{41.8781, -87.6298}, {32.7767, -96.7970}, {33.7490, -84.3880},
            {47.6062, -122.3321}, {39.7392, -104.9903}};
    private static final double[][] CUSTOMERS = {{40.7128, -74.0060}, {34.0522, -118.2437}, {29.7604, -95.3698},
            {33.4484, -112.0740}, {39.9526, -75.1652}, {29.4241, -98.4936}, {32.7157, -117.1611},
            {30.2672, -97.7431}, {37.3382, -121.8863}, {42.3601, -71.0589}, {44.9778, -93.2650}, {25.7617, -80.1918}};

    final OrderService oms;
    final InMemoryInventoryStore inventory;
    private final List<List<LineSpec>> lines = new ArrayList<>();
    private final Address[] shipTo;

    EngineFixture(String strategy) {
        inventory = new InMemoryInventoryStore();
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < DCS.length; i++) {
            LocationId id = LocationId.of("DC-" + (i + 1));
            locations.add(new Location(id, "DC " + (i + 1), LocationType.WAREHOUSE, new GeoPoint(DCS[i][0], DCS[i][1]),
                    true, false, true, i + 1, Integer.MAX_VALUE, 0, 1.0, 4.0));
            for (int s = 0; s < CATALOG; s++) {
                inventory.setOnHand(id, sku(s), 1_000_000_000);
            }
        }
        for (int i = 0; i < STORES.length; i++) {
            LocationId id = LocationId.of("STORE-" + (i + 1));
            locations.add(new Location(id, "Store " + (i + 1), LocationType.STORE,
                    new GeoPoint(STORES[i][0], STORES[i][1]), true, true, true, 10 + i, 20, 2, 2.5, 6.0));
            for (int s = 0; s < 500; s++) {
                inventory.setOnHand(id, sku(s), 1_000_000_000);
            }
        }
        Clock clock = Clock.systemUTC();
        oms = Oms.builder()
                .clock(clock)
                .orders(new InMemoryOrderStore())
                .inventory(inventory)
                .locations(StaticLocationDirectory.of(locations))
                .payments(new SimulatedPaymentGateway())
                .fraud(RuleBasedFraudScreener.ofDefaults())
                .carriers(SimulatedCarrier.ofDefaults(clock))
                .router(Router.standard())
                .config(EngineConfig.defaults().withRoutingStrategy(strategy))
                .build();

        SplittableRandom random = new SplittableRandom(20261126L);
        double[] cumulative = new double[CATALOG];
        double sum = 0;
        for (int i = 0; i < CATALOG; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        shipTo = new Address[SHAPES];
        for (int n = 0; n < SHAPES; n++) {
            List<LineSpec> l = new ArrayList<>();
            int[] used = new int[3];
            for (int k = 0; k < 3; k++) {
                int s;
                do {
                    int idx = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
                    s = idx >= 0 ? idx : -idx - 1;
                } while (contains(used, k, s));
                used[k] = s;
                long price = 299 + random.nextInt(14_700);
                l.add(new LineSpec(LineId.of(String.valueOf(k + 1)), sku(s), 1 + random.nextInt(3),
                        new Money(price, USD), new Money(price / 2, USD)));
            }
            lines.add(List.copyOf(l));
            double[] c = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
            shipTo[n] = new Address("A. Customer", "1 Main St", null, "City", null, "00000", "US",
                    new GeoPoint(c[0] + random.nextDouble() * 0.2 - 0.1, c[1] + random.nextDouble() * 0.2 - 0.1));
        }
    }

    static Sku sku(int index) {
        return Sku.of(String.format(Locale.ROOT, "SKU-%05d", index));
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Place, verify (authorize + fraud screen), route (plan + allocate + reserve), then per fulfillment
     * release, pick, pack, ship (label, consume stock, capture) and deliver. Returns the completed order.
     */
    OrderSnapshot lifecycle(long n) {
        int shape = (int) (n & (SHAPES - 1));
        String ext = "E" + n;
        OrderId id = OrderId.of(ext);
        oms.place(new PlaceOrder(id, Channel.of(ChannelType.WEB), ext, null, CustomerId.of("C" + (n % 5000)), USD,
                shipTo[shape], shipTo[shape], null, null, lines.get(shape)));
        oms.verify(id);
        OrderSnapshot order = oms.route(id);
        for (Fulfillment f : order.fulfillments()) {
            if (f.status() != FulfillmentStatus.PLANNED) {
                continue;
            }
            oms.release(id, f.id());
            oms.pick(id, f.id(), List.of());
            oms.pack(id, f.id());
            oms.ship(id, f.id());
            order = oms.deliver(id, f.id(), false);
        }
        if (order.status() != OrderStatus.COMPLETED) {
            throw new IllegalStateException("order " + id + " did not complete: " + order.state() + " "
                    + order.fulfillments().size() + " fulfillments");
        }
        return order;
    }
}
