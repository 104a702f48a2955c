package io.omskit.examples.demo;

import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationType;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated omnichannel retailer of the demo: 3 warehouses and 6 stores at real US city coordinates,
 * a catalogue of SKUs with Zipf-distributed popularity, and the cities its customers live in.
 *
 * <p>Immutable; thread-safe.
 */
final class Retailer {
    /** A customer city: where ship-to addresses are drawn around. */
    record City(String name, String postalCode, double lat, double lon) {
    }

    static final List<Location> LOCATIONS = List.of(
            // warehouses: deep stock, cheap handling, a fixed cost per parcel
            location("DC-NJ", "Edison NJ warehouse", LocationType.WAREHOUSE, 40.5187, -74.4121, 1, 0.40, 3.00),
            location("DC-TX", "Dallas TX warehouse", LocationType.WAREHOUSE, 32.7767, -96.7970, 2, 0.40, 3.00),
            location("DC-CA", "Ontario CA warehouse", LocationType.WAREHOUSE, 34.0633, -117.6509, 3, 0.45, 3.00),
            // stores: ship-from-store and pickup, sparse stock, dearer handling
            location("ST-NYC", "Manhattan store", LocationType.STORE, 40.7580, -73.9855, 10, 1.20, 4.00),
            location("ST-CHI", "Chicago store", LocationType.STORE, 41.8781, -87.6298, 11, 1.20, 4.00),
            location("ST-ATL", "Atlanta store", LocationType.STORE, 33.7490, -84.3880, 12, 1.20, 4.00),
            location("ST-DEN", "Denver store", LocationType.STORE, 39.7392, -104.9903, 13, 1.20, 4.00),
            location("ST-SEA", "Seattle store", LocationType.STORE, 47.6062, -122.3321, 14, 1.20, 4.00),
            location("ST-MIA", "Miami store", LocationType.STORE, 25.7617, -80.1918, 15, 1.20, 4.00));

    static final List<City> CITIES = List.of(
            new City("New York", "10001", 40.7128, -74.0060), new City("Boston", "02108", 42.3601, -71.0589),
            new City("Philadelphia", "19103", 39.9526, -75.1652), new City("Washington", "20001", 38.9072, -77.0369),
            new City("Chicago", "60601", 41.8781, -87.6298), new City("Detroit", "48201", 42.3314, -83.0458),
            new City("Atlanta", "30303", 33.7490, -84.3880), new City("Miami", "33101", 25.7617, -80.1918),
            new City("Dallas", "75201", 32.7767, -96.7970), new City("Houston", "77002", 29.7604, -95.3698),
            new City("Denver", "80202", 39.7392, -104.9903), new City("Phoenix", "85004", 33.4484, -112.0740),
            new City("Los Angeles", "90012", 34.0522, -118.2437), new City("San Francisco", "94103", 37.7749, -122.4194),
            new City("Seattle", "98101", 47.6062, -122.3321), new City("Minneapolis", "55401", 44.9778, -93.2650),
            new City("St. Louis", "63101", 38.6270, -90.1994), new City("Nashville", "37203", 36.1627, -86.7816),
            new City("Portland", "97204", 45.5152, -122.6784), new City("Charlotte", "28202", 35.2271, -80.8431));

    static final int SKU_COUNT = 40;

    static Sku sku(int i) {
        return Sku.of(String.format("SKU-%03d", i + 1));
    }

    /** The price of SKU i: 9.99 to 129.99 USD, fixed per SKU. */
    static Money price(int i) {
        return Money.ofMinor(999 + (i * 3_001L) % 12_000, "USD");
    }

    /** The cost basis of SKU i: 45% of its price, rounded down to a cent. */
    static Money cost(int i) {
        return Money.ofMinor(price(i).minorUnits() * 45 / 100, "USD");
    }

    /** Initial on-hand units of SKU i (popularity rank i) at a location. */
    static int initialStock(Location location, int i) {
        if (location.type() == LocationType.WAREHOUSE) {
            return Math.max(6, 260 / (i + 1));
        }
        // stores carry the popular half of the catalogue, thinly
        return i < SKU_COUNT / 2 ? Math.max(0, 8 - i / 3) : 0;
    }

    /** Cumulative Zipf(s=1.1) weights over the catalogue, for drawing SKUs by popularity. */
    static double[] zipfCumulative() {
        double[] c = new double[SKU_COUNT];
        double sum = 0;
        for (int i = 0; i < SKU_COUNT; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.1);
            c[i] = sum;
        }
        for (int i = 0; i < SKU_COUNT; i++) {
            c[i] /= sum;
        }
        return c;
    }

    static List<LocationId> storeIds() {
        List<LocationId> ids = new ArrayList<>();
        for (Location l : LOCATIONS) {
            if (l.type() == LocationType.STORE) {
                ids.add(l.id());
            }
        }
        return ids;
    }

    private static Location location(String id, String name, LocationType type, double lat, double lon, int priority,
                                     double unitCost, double fixedCost) {
        boolean store = type == LocationType.STORE;
        return new Location(LocationId.of(id), name, type, new GeoPoint(lat, lon), true, store, true, priority,
                Integer.MAX_VALUE, 0, unitCost, fixedCost);
    }

    private Retailer() {
    }
}
