package io.omskit.benchmarks.routing;

import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CostModel;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingOptions;
import io.omskit.spi.port.RoutingRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generated fulfillment networks for the routing benchmarks: about 10% warehouses with deep stock of most of
 * the catalogue and 90% stores with sparse stock (a few dozen SKUs each, drawn by Zipf popularity), positions
 * either uniform over the continental US or on real US ZIP (ZCTA) centroids, and orders whose lines are drawn
 * by the same Zipf popularity. Deterministic for a seed. Not thread-safe.
 */
public final class Networks {
    static final int CATALOGUE = 2_000;
    static final double ZIPF_S = 1.0;
    static final CostModel COSTS = new CostModel(5.0, 0.004, 0.0005, 0.0);

    private final List<CandidateLocation> locations;
    private final List<GeoPoint> places;
    private final double[] zipfCdf;
    private final Random rnd;

    private Networks(List<CandidateLocation> locations, List<GeoPoint> places, double[] zipfCdf, Random rnd) {
        this.locations = locations;
        this.places = places;
        this.zipfCdf = zipfCdf;
        this.rnd = rnd;
    }

    /** A network of {@code n} locations; {@code zip} places them (and destinations) on ZIP centroids. */
    public static Networks generate(int n, boolean zip, long seed) {
        Random rnd = new Random(seed);
        double[] cdf = zipf(CATALOGUE, ZIPF_S);
        List<GeoPoint> places = zip ? zipCentroids() : null;
        List<CandidateLocation> locs = new ArrayList<>(n);
        int warehouses = Math.max(1, n / 10);
        for (int i = 0; i < n; i++) {
            boolean wh = i < warehouses;
            Map<Sku, Integer> stock = new HashMap<>();
            if (wh) {
                for (int s = 0; s < CATALOGUE; s++) {
                    if (rnd.nextInt(10) < 8) {
                        stock.put(sku(s), 20 + rnd.nextInt(200));
                    }
                }
            } else {
                int held = 20 + rnd.nextInt(40);
                for (int k = 0; k < held; k++) {
                    stock.merge(sku(draw(cdf, rnd)), 1 + rnd.nextInt(4), Integer::sum);
                }
            }
            GeoPoint pos = place(places, rnd);
            String id = (wh ? "DC-" : "ST-") + String.format("%05d", i);
            locs.add(new CandidateLocation(LocationId.of(id), pos, wh ? 1 : 2, true, !wh, stock, Map.of(),
                    wh ? 0 : 1, wh ? 0.50 : 1.20, wh ? 4.0 : 2.0, wh ? Integer.MAX_VALUE : 25));
        }
        return new Networks(List.copyOf(locs), places, cdf, rnd);
    }

    /** {@code count} orders of {@code lines} distinct SKUs (1 or 2 units) to random destinations. */
    public List<RoutingRequest> orders(String strategy, int count, int lines) {
        List<RoutingRequest> out = new ArrayList<>(count);
        for (int o = 0; o < count; o++) {
            List<RoutingLine> ls = new ArrayList<>(lines);
            java.util.Set<Integer> used = new java.util.HashSet<>();
            while (ls.size() < lines) {
                int s = draw(zipfCdf, rnd);
                if (used.add(s)) {
                    ls.add(new RoutingLine(sku(s), rnd.nextInt(4) == 0 ? 2 : 1));
                }
            }
            out.add(new RoutingRequest(strategy, locations, ls, place(places, rnd), Set.of(), null,
                    new RoutingOptions(false, Integer.MAX_VALUE, false), COSTS));
        }
        return out;
    }

    /** The same requests under another strategy name. */
    public static List<RoutingRequest> withStrategy(List<RoutingRequest> rs, String strategy) {
        List<RoutingRequest> out = new ArrayList<>(rs.size());
        for (RoutingRequest r : rs) {
            out.add(new RoutingRequest(strategy, r.locations(), r.lines(), r.destination(), r.excludedLocations(),
                    r.pickupLocation(), r.options(), r.costModel()));
        }
        return out;
    }

    private static Sku sku(int s) {
        return Sku.of("SKU-" + s);
    }

    private static GeoPoint place(List<GeoPoint> places, Random rnd) {
        if (places != null) {
            return places.get(rnd.nextInt(places.size()));
        }
        return new GeoPoint(25.5 + rnd.nextDouble() * 23.0, -123.0 + rnd.nextDouble() * 53.0);
    }

    private static double[] zipf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int draw(double[] cdf, Random rnd) {
        int i = java.util.Arrays.binarySearch(cdf, rnd.nextDouble());
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    /** The ZIP centroids shipped in this jar (US Census 2021 Gazetteer ZCTA, public domain). */
    static List<GeoPoint> zipCentroids() {
        InputStream in = Networks.class.getResourceAsStream("/routing/us-zip-centroids.csv");
        if (in == null) {
            throw new IllegalStateException("routing/us-zip-centroids.csv missing from the class path");
        }
        List<GeoPoint> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("zip")) {
                    continue;
                }
                String[] f = line.split(",");
                out.add(new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
