package io.omskit.routing;

import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.internal.LocationReasons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inverted index of one (immutable) candidate location list: per SKU, the indices of the locations whose
 * stock map lists it, with the stocked units, and locations by id. Built once for a list that is routed
 * against repeatedly, so that a request costs O(holders of its SKUs) map-free reads instead of one hash probe
 * per location and line. Immutable; thread-safe.
 */
final class NetworkIndex {
    final List<CandidateLocation> list;
    /**
     * Per SKU value: its holders (indices ascending, stocked units and stock less safety and reserved units parallel
     * to them; one probe reads all three). Keyed by
     * the SKU's string, whose hash and equality are those of the SKU (a record of that one string) and are
     * cheaper to evaluate than the record's generated methods.
     */
    private final Map<String, Posting> postings;
    private final Map<LocationId, CandidateLocation> byId;
    /** Location id value -> position in the list, or null when two locations share an id. */
    private final Map<String, Integer> positions;
    /**
     * Per location: whether its reserved map lists anything. Like the arrays below, written once here and only read
     * afterwards (by every request routed on this index, from any thread): never write it.
     */
    final boolean[] hasReserved;
    /** Per location: its rank in (priority, id) order; equal (priority, id) share a rank. */
    final int[] rank;
    /** Location indices in (priority, id) order (stable). */
    final int[] byRank;
    /** Per location: latitude in radians, its cosine, longitude in degrees; NaN without a position. */
    final double[] latRad;
    final double[] cosLat;
    final double[] lonDeg;
    /** Per location: the unit vector of its position on the sphere (for chord lower bounds); NaN without one. */
    final double[] ux;
    final double[] uy;
    final double[] uz;
    /** Per location: its id. */
    final LocationId[] ids;
    /** Per location: the location, and its enabled flag, capacity, priority and safety stock. */
    final CandidateLocation[] locs;
    final boolean[] enabled;
    final int[] capacity;
    final int[] priority;
    final int[] safety;
    /** Per location: its shipment fixed cost and unit cost. */
    final double[] fixedCost;
    final double[] unitCost;
    /**
     * The locations as an explanation's excluded map sees them: by position, with the reason of a location that
     * lists none of an order's SKUs when no id is excluded and there is no pickup location (disabled, else no
     * stock).
     */
    final LocationReasons.Universe reasons;

    private NetworkIndex(List<CandidateLocation> list, Map<String, Posting> postings,
                         Map<LocationId, CandidateLocation> byId, boolean[] hasReserved,
                         Map<String, Integer> positions) {
        this.list = list;
        this.positions = positions;
        this.postings = postings;
        this.byId = byId;
        this.hasReserved = hasReserved;
        int size = list.size();
        CandidateLocation[] locs = list.toArray(new CandidateLocation[0]);
        this.locs = locs;
        this.enabled = new boolean[size];
        this.capacity = new int[size];
        this.priority = new int[size];
        this.safety = new int[size];
        this.fixedCost = new double[size];
        this.unitCost = new double[size];
        for (int i = 0; i < size; i++) {
            fixedCost[i] = locs[i].shipmentFixedCost();
            unitCost[i] = locs[i].unitCost();
            enabled[i] = locs[i].enabled();
            capacity[i] = locs[i].capacityUnits();
            priority[i] = locs[i].priority();
            safety[i] = locs[i].safetyStock();
        }
        LocationId[] ids = new LocationId[size];
        String[] runReasons = new String[size];
        for (int i = 0; i < size; i++) {
            ids[i] = locs[i].id();
            runReasons[i] = enabled[i] ? Problem.NO_STOCK : Problem.DISABLED;
        }
        this.ids = ids;
        this.reasons = new LocationReasons.Universe(List.of(ids), List.of(runReasons));
        this.byRank = new int[size];
        for (int i = 0; i < size; i++) {
            byRank[i] = i;
        }
        IntSort.sort(byRank, size, (a, b) -> {
            int c = Integer.compare(locs[a].priority(), locs[b].priority());
            return c != 0 ? c : locs[a].id().compareTo(locs[b].id());
        });
        this.rank = Problem.ranks(byRank, size, locs);
        this.latRad = new double[size];
        this.cosLat = new double[size];
        this.lonDeg = new double[size];
        this.ux = new double[size];
        this.uy = new double[size];
        this.uz = new double[size];
        for (int i = 0; i < size; i++) {
            GeoPoint g = locs[i].position();
            if (g == null) {
                latRad[i] = Double.NaN;
                cosLat[i] = Double.NaN;
                lonDeg[i] = Double.NaN;
                ux[i] = Double.NaN;
                uy[i] = Double.NaN;
                uz[i] = Double.NaN;
            } else {
                latRad[i] = Math.toRadians(g.lat());
                cosLat[i] = Math.cos(latRad[i]);
                lonDeg[i] = g.lon();
                double lonRad = Math.toRadians(g.lon());
                ux[i] = cosLat[i] * Math.cos(lonRad);
                uy[i] = cosLat[i] * Math.sin(lonRad);
                uz[i] = Math.sin(latRad[i]);
            }
        }
    }

    static NetworkIndex of(List<CandidateLocation> list) {
        Map<Sku, List<int[]>> tmp = new HashMap<>();
        Map<LocationId, CandidateLocation> byId = new HashMap<>(list.size() * 2);
        Map<String, Integer> positions = new HashMap<>(list.size() * 2);
        boolean unique = true;
        boolean[] hasReserved = new boolean[list.size()];
        for (int i = 0; i < list.size(); i++) {
            CandidateLocation c = list.get(i);
            byId.put(c.id(), c); // a location id listed twice: the last one, as the direct build finds it
            unique &= positions.putIfAbsent(c.id().value(), i) == null;
            hasReserved[i] = !c.reserved().isEmpty();
            for (Map.Entry<Sku, Integer> e : c.stock().entrySet()) {
                tmp.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new int[] {i, e.getValue()});
            }
        }
        Map<String, Posting> postings = new HashMap<>(tmp.size() * 2);
        for (Map.Entry<Sku, List<int[]>> e : tmp.entrySet()) {
            List<int[]> rows = e.getValue();
            int[] h = new int[rows.size()];
            int[] q = new int[rows.size()];
            long[] base = new long[rows.size()];
            for (int k = 0; k < h.length; k++) {
                h[k] = rows.get(k)[0];
                q[k] = rows.get(k)[1];
                CandidateLocation c = list.get(h[k]);
                long a = (long) q[k] - c.safetyStock();
                Integer r = c.reserved().get(e.getKey());
                if (r != null) {
                    a -= r;
                }
                base[k] = a;
            }
            postings.put(e.getKey().value(), new Posting(postings.size(), h, q, base));
        }
        return new NetworkIndex(list, postings, byId, hasReserved, unique ? positions : null);
    }

    /**
     * The holders of one SKU: the indices of the locations listing it, ascending; their stocked units and their
     * stock less safety stock and reserved units (exact, unclamped: nothing of a batch taken), parallel. Immutable
     * by convention: written once in {@link #of}, only read afterwards (never change the arrays).
     */
    static final class Posting {
        /** Numbers the postings of one index 0, 1, 2, ... (for arrays indexed by SKU). */
        final int id;
        final int[] holders;
        final int[] stock;
        final long[] base;

        Posting(int id, int[] holders, int[] stock, long[] base) {
            this.id = id;
            this.holders = holders;
            this.stock = stock;
            this.base = base;
        }
    }

    /** For a SKU, its holders (one map probe); null when no location lists the SKU. */
    Posting postings(Sku sku) {
        return postings.get(sku.value());
    }

    /** The first location with this id, or null. */
    CandidateLocation byId(LocationId id) {
        return byId.get(id);
    }

    /**
     * The position in the list of the location with this id value; -1 when none, or when ids are not unique
     * ({@link #uniqueIds()} false).
     */
    int position(String id) {
        if (positions == null) {
            return -1;
        }
        Integer at = positions.get(id);
        return at == null ? -1 : at;
    }

    /** Whether every location of the list has its own id. */
    boolean uniqueIds() {
        return positions != null;
    }

    boolean hasReserved(int location) {
        return hasReserved[location];
    }
}
