package io.omskit.routing;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CostModel;
import io.omskit.spi.port.PlanError;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One routing request validated and converted once to primitive arrays: the order's distinct SKUs and demand,
 * and the candidate locations (eligible, listing at least one of the order's SKUs) with availability,
 * capacity, distance and cost coefficients. Built per call; not thread-safe (strategies add exclusion reasons).
 */
final class Problem {
    static final String DISABLED = "disabled";
    static final String EXCLUDED = "excluded";
    static final String NOT_PICKUP = "not the pickup location";
    static final String NO_STOCK = "no stock of the order's SKUs";
    static final String NO_AVAILABLE = "none of the order's SKUs available (on hand less reserved, safety stock and "
            + "what earlier orders of a batch took)";
    static final String CAPACITY_ZERO = "capacity 0";
    static final String NO_COORDINATES = "no coordinates for distance";

    final RoutingRequest request;
    final boolean partial;
    final int maxShipments;
    final double penalty;
    /** Distinct SKUs of the order, in the order of their first line. */
    final Sku[] skus;
    final int[] demand;
    final int m;
    final long totalDemand;
    /** Candidates: eligible locations listing at least one of the order's SKUs, in request order. */
    final int n;
    /** Candidate -> location without the network index; null with it (see {@link #loc(int)}). */
    private final CandidateLocation[] loc;
    final int[] prio;
    final int[] cap;
    /** avail[i * m + s]. */
    final int[] avail;
    /** listed[i * m + s]: the location's stock map lists SKU s (possibly with 0); null: ask {@link #listed}. */
    private final boolean[] listed;
    /** Whether candidate i has any available unit of the order's SKUs. */
    final boolean[] anyAvail;
    /**
     * With the network index, at most 64 SKUs and when the build was asked for it: per candidate i, bit s set
     * exactly when {@code avail[i * m + s]} is positive (the build writes both together); else null.
     */
    final long[] lineMask;
    /**
     * Distance to the destination in km, NaN when unknown. With lazy costs (the priority walks, which never rank
     * by distance or cost, and min_cost, which costs only the candidates its chord lower bounds cannot settle)
     * dist, shipCost and unitCost of candidate i are valid only after {@link #cost(int)}.
     */
    final double[] dist;
    /** Per shipment cost: fixed + package base + package per km * d (d = 0 when unknown). */
    final double[] shipCost;
    /** Per unit cost: unit cost + unit per km * d (d = 0 when unknown). */
    final double[] unitCost;
    final Exclusions excluded;
    /** Candidate -> index in the request's location list. */
    final int[] locIndex;
    /** The network index of the request's list, or null (direct build). */
    final NetworkIndex index;
    /**
     * With an index: per holder of the order's SKUs ({@link #held}), candidate + 1, or -1 when left out; undefined
     * for other locations; else null.
     */
    final int[] slot;
    /** With an index: a bit per location, set for the holders of the order's SKUs; else null. */
    final long[] held;
    /** Rank of each candidate in (priority, id) order (equal for equal keys); null until {@link #rank()}. */
    private int[] rank;
    /** Null when every cost is computed; else which candidates have dist, shipCost and unitCost. */
    private boolean[] costed;
    private final double destLatRad;
    private final double destCosLat;
    private final double destLon;
    /** The destination's unit vector, computed on first use (NaN before). */
    /** The destination's unit vector, once {@link #indexedChords} or a chord bound computed it (else NaN). */
    double destX = Double.NaN;
    double destY;
    double destZ;
    final CostModel costModel;

    private Problem(RoutingRequest request, Sku[] skus, int[] demand, long totalDemand, int n, CandidateLocation[] loc,
                    int[] prio, int[] cap, int[] avail, boolean[] listed, boolean[] anyAvail, double[] dist,
                    double[] shipCost, double[] unitCost, Exclusions excluded, int[] locIndex,
                    NetworkIndex index, int[] slot, long[] held, long[] lineMask, boolean eagerCosts) {
        this.request = request;
        this.partial = request.options().allowPartial();
        this.maxShipments = request.options().maxShipments();
        this.penalty = request.costModel().unfilledPenaltyPerUnit();
        this.skus = skus;
        this.demand = demand;
        this.m = skus.length;
        this.totalDemand = totalDemand;
        this.n = n;
        this.loc = loc;
        this.prio = prio;
        this.cap = cap;
        this.avail = avail;
        this.listed = listed;
        this.anyAvail = anyAvail;
        this.lineMask = lineMask;
        this.dist = dist;
        this.shipCost = shipCost;
        this.unitCost = unitCost;
        this.excluded = excluded;
        this.locIndex = locIndex;
        this.index = index;
        this.slot = slot;
        this.held = held;
        this.costModel = request.costModel();
        GeoPoint dest = request.destination();
        if (dest == null) {
            destLatRad = Double.NaN;
            destCosLat = Double.NaN;
            destLon = Double.NaN;
        } else {
            destLatRad = Math.toRadians(dest.lat());
            destCosLat = Math.cos(destLatRad);
            destLon = dest.lon();
        }
        if (eagerCosts) {
            for (int i = 0; i < n; i++) {
                computeCost(i);
            }
        } else {
            costed = new boolean[n];
        }
    }

    /** Candidate i's location. */
    CandidateLocation loc(int i) {
        return loc != null ? loc[i] : index.locs[locIndex[i]];
    }

    /** Candidate i's location id. */
    LocationId id(int i) {
        return loc != null ? loc[i].id() : index.ids[locIndex[i]];
    }

    /** Leaves candidate i out with this reason (by position over an index, else by id). */
    void exclude(int i, String reason) {
        if (excluded.byPosition()) {
            excluded.putAt(locIndex[i], reason);
        } else {
            excluded.put(loc[i].id(), reason);
        }
    }

    /** Whether candidate i's stock map lists SKU s (possibly with 0 units). */
    boolean listed(int i, int s) {
        return listed != null ? listed[i * m + s] : loc(i).stock().containsKey(skus[s]);
    }

    /**
     * Arrays reused by the builds (a request over thousands of locations would otherwise allocate and zero
     * hundreds of kilobytes per call, and a small one a dozen arrays). Only primitives: nothing of a request is
     * retained. A problem built on them
     * is valid until they are used for the next build; {@link Router} lends one per call from {@link Scratches}.
     * Not thread-safe.
     */
    static final class Scratch {
        int[] slot = new int[0];
        int[] prio = new int[0];
        int[] cap = new int[0];
        int[] avail = new int[0];
        boolean[] anyAvail = new boolean[0];
        long[] lineMask = new long[0];
        double[] dist = new double[0];
        double[] shipCost = new double[0];
        double[] unitCost = new double[0];
        int[] locIndex = new int[0];

        long[] held = new long[0];
        boolean[] listed = new boolean[0];
        int[] onHand = new int[0];

        /** A zeroed array of at least {@code cells} flags (the direct build's {@link Problem#listed}). */
        boolean[] listed(int cells) {
            if (listed.length < cells) {
                listed = new boolean[cells];
            } else {
                java.util.Arrays.fill(listed, 0, cells, false);
            }
            return listed;
        }

        /** An array of at least {@code m} slots, not zeroed (the direct build writes each slot before reading it). */
        int[] onHand(int m) {
            if (onHand.length < m) {
                onHand = new int[m];
            }
            return onHand;
        }

        /** An array of at least {@code size} slots, not zeroed (a build writes the slot of every holder it reads). */
        int[] slot(int size) {
            if (slot.length < size) {
                slot = new int[size];
            }
            return slot;
        }

        /** A zeroed bit set of at least {@code size} bits. */
        long[] held(int size) {
            int words = (size + 63) >>> 6;
            if (held.length < words) {
                held = new long[words];
            } else {
                java.util.Arrays.fill(held, 0, words, 0L);
            }
            return held;
        }

        /** Makes room for {@code count} candidates of {@code m} SKUs; avail and anyAvail zeroed. */
        void size(int count, int m) {
            int cells = Math.multiplyExact(count, m);
            if (avail.length < cells) {
                avail = new int[cells];
            } else {
                java.util.Arrays.fill(avail, 0, cells, 0);
            }
            if (prio.length < count) {
                int len = Math.max(count, prio.length * 2);
                prio = new int[len];
                cap = new int[len];
                anyAvail = new boolean[len];
                dist = new double[len];
                shipCost = new double[len];
                unitCost = new double[len];
                locIndex = new int[len];
            } else {
                java.util.Arrays.fill(anyAvail, 0, count, false);
            }
        }

        /** {@link Problem#lineMask}'s array for {@code count} candidates, zeroed. */
        long[] lineMask(int count) {
            if (lineMask.length < count) {
                lineMask = new long[prio.length];
            } else {
                java.util.Arrays.fill(lineMask, 0, count, 0L);
            }
            return lineMask;
        }
    }

    /** Makes dist, shipCost and unitCost of candidate i valid (a no-op when costs are eager). */
    void cost(int i) {
        boolean[] done = costed;
        if (done != null && !done[i]) {
            done[i] = true;
            computeCost(i);
        }
    }

    private void computeCost(int i) {
        double d = Double.NaN;
        if (destLatRad == destLatRad) {
            if (index != null) {
                int li = locIndex[i];
                double lat = index.latRad[li];
                if (lat == lat) {
                    d = haversineKm(lat, index.cosLat[li], index.lonDeg[li], destLatRad, destCosLat, destLon);
                }
            } else {
                GeoPoint g = loc[i].position();
                if (g != null) {
                    double lat = Math.toRadians(g.lat());
                    d = haversineKm(lat, Math.cos(lat), g.lon(), destLatRad, destCosLat, destLon);
                }
            }
        }
        dist[i] = d;
        double dd = d != d ? 0.0 : d;
        shipCost[i] = shipCostAt(i, dd);
        unitCost[i] = unitCostAt(i, dd);
    }

    /** Whether dist, shipCost and unitCost of candidate i are valid. */
    boolean costed(int i) {
        boolean[] done = costed;
        return done == null || done[i];
    }

    /** Whether candidate i has coordinates. */
    boolean hasPosition(int i) {
        return index != null ? index.latRad[locIndex[i]] == index.latRad[locIndex[i]] : loc[i].position() != null;
    }

    /** The shipment cost of candidate i at distance term dd (the same expression as its exact cost). */
    double shipCostAt(int i, double dd) {
        double fixed = index != null ? index.fixedCost[locIndex[i]] : loc[i].shipmentFixedCost();
        return fixed + costModel.packageBase() + costModel.packagePerKm() * dd;
    }

    /** The unit cost of candidate i at distance term dd (the same expression as its exact cost). */
    double unitCostAt(int i, double dd) {
        double unit = index != null ? index.unitCost[locIndex[i]] : loc[i].unitCost();
        return unit + costModel.unitPerKm() * dd;
    }

    /**
     * A lower bound of candidate i's distance term (its distance, 0 when unknown) without trigonometry: the chord
     * between the unit vectors of the location and the destination (an arc is never shorter than its chord),
     * less a relative 1e-9 and an absolute 1e-6 km, far above the rounding of either computation. Exact when the
     * candidate is costed; without the network index it costs the candidate. Since the cost expressions are
     * monotone in the distance term (every per-km rate is non-negative, and rounding is monotone),
     * {@link #shipCostAt} and {@link #unitCostAt} of this bound never exceed the exact costs.
     */
    double distanceTermLowerBound(int i) {
        if (!costed(i)) {
            if (destLatRad != destLatRad) {
                return 0.0;
            }
            if (index != null) {
                int li = locIndex[i];
                double x = index.ux[li];
                if (x != x) {
                    return 0.0;
                }
                destinationVector();
                return chordKm(index.ux, index.uy, index.uz, li, destX, destY, destZ);
            }
            computeCost(i);
            costed[i] = true;
        }
        double d = dist[i];
        return d != d ? 0.0 : d;
    }

    /**
     * For candidates {@code cands[0..len)}: {@code ship[q]} and {@code unit[q]} are candidate {@code cands[q]}'s
     * shipment and unit costs when it is costed, else {@link #shipCostAt} and {@link #unitCostAt} of its
     * {@link #distanceTermLowerBound} (the same values, bit for bit, as calling those per candidate; with the
     * network index in one loop over its arrays, without the index it costs the candidates).
     */
    void lowerCosts(int[] cands, int len, double[] ship, double[] unit) {
        if (index == null || destLatRad != destLatRad) {
            for (int q = 0; q < len; q++) {
                int i = cands[q];
                if (costed(i)) {
                    ship[q] = shipCost[i];
                    unit[q] = unitCost[i];
                } else {
                    double dd = distanceTermLowerBound(i);
                    ship[q] = shipCostAt(i, dd);
                    unit[q] = unitCostAt(i, dd);
                }
            }
            return;
        }
        destinationVector();
        boolean[] done = costed;
        int[] li = locIndex;
        double[] ux = index.ux;
        double[] uy = index.uy;
        double[] uz = index.uz;
        double[] fixed = index.fixedCost;
        double[] perUnit = index.unitCost;
        double base = costModel.packageBase();
        double perKm = costModel.packagePerKm();
        double unitPerKm = costModel.unitPerKm();
        double dX = destX;
        double dY = destY;
        double dZ = destZ;
        for (int q = 0; q < len; q++) {
            int i = cands[q];
            if (done == null || done[i]) {
                ship[q] = shipCost[i];
                unit[q] = unitCost[i];
                continue;
            }
            int l = li[i];
            double dd = chordKm(ux, uy, uz, l, dX, dY, dZ);
            ship[q] = fixed[l] + base + perKm * dd;
            unit[q] = perUnit[l] + unitPerKm * dd;
        }
    }

    /**
     * For candidates {@code cands[0..len)}: {@code ship[q]} and {@code unit[q]} are {@link #shipCostAt} and
     * {@link #unitCostAt} of candidate {@code cands[q]}'s chord lower bound of its distance term, whether or not
     * the candidate is costed: the same chord, margins and expressions as {@link #distanceTermLowerBound} of an
     * uncosted candidate with the network index, computed from the location's position when there is no index
     * (the same operations as the index's unit vectors, so the values are bit for bit the same on both builds).
     * Lower bounds of the exact costs that depend only on the request (not on which candidates were costed, nor
     * on whether the list was indexed): a decision taken on them is the same on every path.
     */
    void chordCosts(int[] cands, int len, double[] ship, double[] unit) {
        double base = costModel.packageBase();
        double perKm = costModel.packagePerKm();
        double unitPerKm = costModel.unitPerKm();
        if (destLatRad != destLatRad) {
            for (int q = 0; q < len; q++) {
                int i = cands[q];
                ship[q] = shipCostAt(i, 0.0);
                unit[q] = unitCostAt(i, 0.0);
            }
            return;
        }
        destinationVector();
        double dX = destX;
        double dY = destY;
        double dZ = destZ;
        if (index == null) {
            for (int q = 0; q < len; q++) {
                int i = cands[q];
                GeoPoint g = loc[i].position();
                double dd = 0.0;
                if (g != null) {
                    double latRad = Math.toRadians(g.lat());
                    double cosLat = Math.cos(latRad);
                    double lonRad = Math.toRadians(g.lon());
                    double dx = cosLat * Math.cos(lonRad) - dX;
                    double dy = cosLat * Math.sin(lonRad) - dY;
                    double dz = Math.sin(latRad) - dZ;
                    double lb = GeoPoint.EARTH_RADIUS_KM * Math.sqrt(dx * dx + dy * dy + dz * dz) * (1 - 1e-9) - 1e-6;
                    dd = lb > 0 ? lb : 0.0;
                }
                ship[q] = shipCostAt(i, dd);
                unit[q] = unitCostAt(i, dd);
            }
            return;
        }
        int[] li = locIndex;
        double[] ux = index.ux;
        double[] uy = index.uy;
        double[] uz = index.uz;
        double[] fixed = index.fixedCost;
        double[] perUnit = index.unitCost;
        for (int q = 0; q < len; q++) {
            int l = li[cands[q]];
            double dd = chordKm(ux, uy, uz, l, dX, dY, dZ);
            ship[q] = fixed[l] + base + perKm * dd;
            unit[q] = perUnit[l] + unitPerKm * dd;
        }
    }

    /**
     * Whether the chord bounds of {@link #chordCosts} are read from the network index (an index and a destination);
     * then the destination's unit vector ({@code destX, destY, destZ}) is computed, so that a caller may evaluate
     * {@link #chordCosts}' expressions per candidate itself.
     */
    boolean indexedChords() {
        if (index == null || destLatRad != destLatRad) {
            return false;
        }
        destinationVector();
        return true;
    }

    /** Computes the destination's unit vector ({@code destX, destY, destZ}) the first time a chord needs it. */
    private void destinationVector() {
        if (destX != destX) {
            double lonRad = Math.toRadians(destLon);
            destX = destCosLat * Math.cos(lonRad);
            destY = destCosLat * Math.sin(lonRad);
            destZ = Math.sin(destLatRad);
        }
    }

    /**
     * The chord lower bound of the distance in km from the destination (unit vector {@code dX, dY, dZ}) to location
     * {@code l} of the index's unit vectors, 0 for a location without a position: the chord never exceeds the arc,
     * shrunk by a relative 1e-9 and 1e-6 km so that rounding never lifts it above the exact distance.
     */
    static double chordKm(double[] ux, double[] uy, double[] uz, int l, double dX, double dY, double dZ) {
        double x = ux[l];
        if (x != x) {
            return 0.0;
        }
        double dx = x - dX;
        double dy = uy[l] - dY;
        double dz = uz[l] - dZ;
        double lb = GeoPoint.EARTH_RADIUS_KM * Math.sqrt(dx * dx + dy * dy + dz * dz) * (1 - 1e-9) - 1e-6;
        return lb > 0 ? lb : 0.0;
    }

    /**
     * {@link GeoPoint#haversineKm} with the latitudes already in radians and their cosines precomputed: the same
     * operations in the same order (each sine evaluated once), so the result is bit for bit the same.
     */
    static double haversineKm(double p1, double cosP1, double lon1, double p2, double cosP2, double lon2) {
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double sp = Math.sin(dp / 2);
        double sl = Math.sin(dl / 2);
        double a = sp * sp + cosP1 * cosP2 * sl * sl;
        return 2 * GeoPoint.EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    /** Ranks of {@code sorted[0..len)} (sorted by (priority, id)) per element: equal keys share a rank. */
    static int[] ranks(int[] sorted, int len, CandidateLocation[] locs) {
        int[] r = new int[locs.length];
        int cur = 0;
        for (int j = 0; j < len; j++) {
            if (j > 0) {
                CandidateLocation a = locs[sorted[j - 1]];
                CandidateLocation b = locs[sorted[j]];
                if (a.priority() != b.priority() || !a.id().equals(b.id())) {
                    cur = j;
                }
            }
            r[sorted[j]] = cur;
        }
        return r;
    }

    /** Rank of each candidate in (priority, id) order. */
    int[] rank() {
        int[] r = rank;
        if (r == null && index != null) {
            // the index's ranks of the whole list, read when first needed (the certificates never need them)
            r = new int[n];
            int[] li = locIndex;
            int[] byList = index.rank;
            for (int i = 0; i < n; i++) {
                r[i] = byList[li[i]];
            }
            rank = r;
        } else if (r == null) {
            int[] ord = new int[n];
            for (int i = 0; i < n; i++) {
                ord[i] = i;
            }
            IntSort.sort(ord, n, (a, b) -> {
                int c = Integer.compare(prio[a], prio[b]);
                return c != 0 ? c : loc[a].id().compareTo(loc[b].id());
            });
            CandidateLocation[] locs = n == loc.length ? loc : java.util.Arrays.copyOf(loc, n);
            r = ranks(ord, n, locs);
            rank = r;
        }
        return r;
    }

    /** Candidates (with any available unit when {@code withStockOnly}) in (priority, id) order, stable. */
    int[] priorityOrder(boolean withStockOnly) {
        if (index == null) {
            int[] ord = candidates(withStockOnly);
            IntSort.byKey(ord, ord.length, null, rank());
            return ord;
        }
        int[] out = new int[n];
        int k = 0;
        int[] order = index.byRank;
        int[] sl = slot;
        long[] h = held;
        for (int li : order) {
            if ((h[li >>> 6] & (1L << li)) == 0) {
                continue;
            }
            int c = sl[li] - 1;
            if (c >= 0 && (!withStockOnly || anyAvail[c])) {
                out[k++] = c;
            }
        }
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }

    /** Candidates with any available unit in (has distance first, distance, priority, id) order, stable. */
    int[] distanceOrder() {
        int[] ord = candidates(true);
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            cost(i);
            double d = dist[i];
            key[i] = d == d ? d : Double.POSITIVE_INFINITY;
        }
        IntSort.byKey(ord, ord.length, key, rank());
        return ord;
    }

    /** Sorts {@code a[0..len)} stably by (unit cost, priority, id). */
    void sortByUnitCost(int[] a, int len) {
        IntSort.byKey(a, len, unitCost, rank());
    }

    private int[] candidates(boolean withStockOnly) {
        int[] ord = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!withStockOnly || anyAvail[i]) {
                ord[k++] = i;
            }
        }
        return k == n ? ord : java.util.Arrays.copyOf(ord, k);
    }

    /** Taken units per location and SKU (batch routing); never null. */
    interface Taken {
        Taken NONE = new Taken() {
            @Override
            public Map<Sku, int[]> of(LocationId location) {
                return null;
            }

            @Override
            public Map<String, int[]> ofSku(Sku sku) {
                return null;
            }
        };

        /** Units taken per SKU at {@code location}, or null when none. */
        Map<Sku, int[]> of(LocationId location);

        /**
         * Units taken of {@code sku} per location id value, or null when none: the same cells as {@link #of} (for
         * every location and SKU, {@code of(location).get(sku)} and {@code ofSku(sku).get(location.value())} are
         * the same count), so a request reads one map per line and probes locations only for lines something was
         * taken of. Keyed by strings, whose hash and equality are those of the ids and cheaper to evaluate.
         */
        Map<String, int[]> ofSku(Sku sku);

        /**
         * Units taken of {@code sku} at each of its holders in {@code index} (parallel to the holder list of
         * {@link NetworkIndex#postings}; the same counts as {@link #ofSku}), or null when they are not kept so (then
         * {@link #ofSku} is read). {@code posting} is {@code index.postings(sku)}, not null (the caller has it). The
         * caller must not change the array.
         */
        default int[] byHolder(Sku sku, NetworkIndex index, NetworkIndex.Posting posting) {
            return null;
        }
    }

    /** The outcome of {@link #build}: a problem, or the validation error of the request. */
    static final class Built {
        final Problem problem;
        final PlanError error;

        Built(Problem problem, PlanError error) {
            this.problem = problem;
            this.error = error;
        }
    }

    static Built build(RoutingRequest request, Taken taken, boolean strategyKnown, NetworkIndex network,
                       boolean eagerCosts) {
        return build(request, taken, strategyKnown, network, eagerCosts, new Scratch());
    }

    /** {@link #build(RoutingRequest, Taken, boolean, NetworkIndex, boolean)} on borrowed arrays (see {@link Scratch}). */
    static Built build(RoutingRequest request, Taken taken, boolean strategyKnown, NetworkIndex network,
                       boolean eagerCosts, Scratch scratch) {
        return build(request, taken, strategyKnown, network, eagerCosts, true, scratch);
    }

    /**
     * {@link #build(RoutingRequest, Taken, boolean, NetworkIndex, boolean, Scratch)}, with {@link #lineMask} only when
     * {@code lineMasks} (min_cost reads it; the other strategies need not pay for it).
     */
    static Built build(RoutingRequest request, Taken taken, boolean strategyKnown, NetworkIndex network,
                       boolean eagerCosts, boolean lineMasks, Scratch scratch) {
        List<RoutingLine> lines = request.lines();
        if (lines.isEmpty()) {
            return fail(OmsErrorCode.EMPTY_ORDER, "the order has no lines");
        }
        for (int i = 0; i < lines.size(); i++) {
            RoutingLine line = lines.get(i);
            if (line.quantity() <= 0) {
                return fail(OmsErrorCode.INVALID_QUANTITY, "line " + i + " (" + line.sku()
                        + "): quantity must be a positive integer, was " + line.quantity());
            }
        }
        // distinct SKUs in first-line order
        int k = lines.size();
        Sku[] skus = new Sku[k];
        long[] sums = new long[k];
        int m = 0;
        Sku duplicate = null;
        Map<Sku, Integer> index = k > 8 ? new HashMap<>(k * 2) : null;
        for (RoutingLine line : lines) {
            int at = -1;
            if (index != null) {
                Integer x = index.get(line.sku());
                at = x == null ? -1 : x;
            } else {
                for (int s = 0; s < m; s++) {
                    if (skus[s].equals(line.sku())) {
                        at = s;
                        break;
                    }
                }
            }
            if (at < 0) {
                skus[m] = line.sku();
                sums[m] = line.quantity();
                if (index != null) {
                    index.put(line.sku(), m);
                }
                m++;
            } else {
                if (duplicate == null) {
                    duplicate = line.sku();
                }
                sums[at] += line.quantity();
            }
        }
        if (m < k) {
            skus = java.util.Arrays.copyOf(skus, m);
        }
        boolean merge = request.options().mergeDuplicateLines();
        int[] demand = new int[m];
        long total = 0;
        for (int s = 0; s < m; s++) {
            if (sums[s] > Integer.MAX_VALUE) {
                if (merge) {
                    return fail(OmsErrorCode.INVALID_QUANTITY, "merged quantity of " + skus[s]
                            + " does not fit an int: " + sums[s]);
                }
                // not merged: the request fails with UNKNOWN_SKU or DUPLICATE_SKU_LINE before any demand is used
                sums[s] = Integer.MAX_VALUE;
            }
            demand[s] = (int) sums[s];
            total += sums[s];
        }

        if (network != null) {
            return indexed(request, taken, strategyKnown, network, skus, demand, total, duplicate, merge, eagerCosts,
                    lineMasks, scratch);
        }
        List<CandidateLocation> all = request.locations();
        int size = all.size();
        boolean[] known = new boolean[m];
        int knownCount = 0;
        LocationId pickup = request.pickupLocation();
        CandidateLocation pickupLoc = null;
        java.util.Set<LocationId> excludedIds = request.excludedLocations();
        boolean anyExcluded = !excludedIds.isEmpty();

        CandidateLocation[] loc = new CandidateLocation[size];
        // the per-candidate arrays on the borrowed scratch (avail, anyAvail and listed zeroed for every cell read)
        scratch.size(size, m);
        int[] prio = scratch.prio;
        int[] cap = scratch.cap;
        int[] avail = scratch.avail;
        boolean[] listed = scratch.listed(size * m);
        boolean[] anyAvail = scratch.anyAvail;
        double[] dist = scratch.dist;
        double[] shipCost = scratch.shipCost;
        double[] unitCost = scratch.unitCost;
        int[] locIndex = scratch.locIndex;
        // per SKU the units of the last stock map read, -1 when it does not list the SKU (counts are never
        // negative); a location sharing the previous one's map (an engine gives locations with the same units one
        // map) is not looked up again
        int[] onHand = scratch.onHand(m);
        Map<Sku, Integer> lastStock = null;
        Exclusions excluded = new Exclusions();
        int n = 0;
        for (int li = 0; li < size; li++) {
            CandidateLocation c = all.get(li);
            Map<Sku, Integer> stock = c.stock();
            if (stock != lastStock) {
                for (int s = 0; s < m; s++) {
                    Integer units = stock.get(skus[s]);
                    onHand[s] = units == null ? -1 : units;
                }
                lastStock = stock;
            }
            boolean lists = false;
            int base = n * m;
            for (int s = 0; s < m; s++) {
                if (onHand[s] >= 0) {
                    lists = true;
                    listed[base + s] = true;
                    if (!known[s]) {
                        known[s] = true;
                        knownCount++;
                    }
                }
            }
            if (pickup != null && pickup.equals(c.id())) {
                pickupLoc = c;
            }
            String reason = null;
            if (!c.enabled()) {
                reason = DISABLED;
            } else if (anyExcluded && excludedIds.contains(c.id())) {
                reason = EXCLUDED;
            } else if (pickup != null && !pickup.equals(c.id())) {
                reason = NOT_PICKUP;
            } else if (!lists) {
                reason = NO_STOCK;
            } else if (c.capacityUnits() == 0) {
                reason = CAPACITY_ZERO;
            }
            if (reason != null) {
                excluded.put(c.id(), reason);
                for (int s = 0; s < m; s++) {
                    listed[base + s] = false;
                }
                continue;
            }
            Map<Sku, int[]> takenHere = taken.of(c.id());
            Map<Sku, Integer> reserved = c.reserved();
            boolean anyReserved = !reserved.isEmpty();
            boolean any = false;
            for (int s = 0; s < m; s++) {
                if (!listed[base + s]) {
                    continue;
                }
                long a = onHand[s];
                Integer r = anyReserved ? reserved.get(skus[s]) : null;
                if (r != null) {
                    a -= r;
                }
                a -= c.safetyStock();
                if (takenHere != null) {
                    int[] t = takenHere.get(skus[s]);
                    if (t != null) {
                        a -= t[0];
                    }
                }
                int v = a <= 0 ? 0 : (int) Math.min(a, Integer.MAX_VALUE);
                avail[base + s] = v;
                if (v > 0) {
                    any = true;
                }
            }
            loc[n] = c;
            prio[n] = c.priority();
            cap[n] = c.capacityUnits();
            anyAvail[n] = any;
            locIndex[n] = li;
            n++;
        }
        return finish(request, strategyKnown, skus, demand, total, duplicate, merge, known, pickupLoc, n, loc, prio,
                cap, avail, listed, anyAvail, dist, shipCost, unitCost, excluded, locIndex, null, null, null, null,
                eagerCosts);
    }

    private static Built finish(RoutingRequest request, boolean strategyKnown, Sku[] skus, int[] demand, long total,
                                Sku duplicate, boolean merge, boolean[] known, CandidateLocation pickupLoc, int n,
                                CandidateLocation[] loc, int[] prio, int[] cap, int[] avail, boolean[] listed,
                                boolean[] anyAvail, double[] dist, double[] shipCost, double[] unitCost,
                                Exclusions excluded, int[] locIndex, NetworkIndex index, int[] slot,
                                long[] held, long[] lineMask, boolean eagerCosts) {
        int m = skus.length;
        LocationId pickup = request.pickupLocation();
        java.util.Set<LocationId> excludedIds = request.excludedLocations();
        {
            for (int s = 0; s < m; s++) {
                if (!known[s]) {
                    return fail(OmsErrorCode.UNKNOWN_SKU, "no location lists SKU " + skus[s]);
                }
            }
        }
        if (duplicate != null && !merge) {
            return fail(OmsErrorCode.DUPLICATE_SKU_LINE, "two lines name SKU " + duplicate);
        }
        if (pickup != null) {
            if (pickupLoc == null) {
                return fail(OmsErrorCode.PICKUP_LOCATION_UNAVAILABLE, "pickup location " + pickup
                        + " is not among the candidate locations");
            }
            if (!pickupLoc.enabled()) {
                return fail(OmsErrorCode.PICKUP_LOCATION_UNAVAILABLE, "pickup location " + pickup + " is disabled");
            }
            if (excludedIds.contains(pickup)) {
                return fail(OmsErrorCode.PICKUP_LOCATION_UNAVAILABLE, "pickup location " + pickup + " is excluded");
            }
        }
        if (!strategyKnown) {
            return fail(OmsErrorCode.UNKNOWN_STRATEGY, "unknown strategy " + request.strategy()
                    + "; known: distance, fewest_splits, min_cost, priority, priority_whole_lines");
        }
        if (excluded.byPosition()) {
            for (int i = 0; i < n; i++) {
                if (!anyAvail[i]) {
                    excluded.putAt(locIndex[i], NO_AVAILABLE);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (!anyAvail[i]) {
                    excluded.put(loc[i].id(), NO_AVAILABLE);
                }
            }
        }
        return new Built(new Problem(request, skus, demand, total, n, loc, prio, cap, avail, listed, anyAvail, dist,
                shipCost, unitCost, excluded, locIndex, index, slot, held, lineMask, eagerCosts), null);
    }

    /** The same as the direct build, reading stock through the location list's inverted index. */
    private static Built indexed(RoutingRequest request, Taken taken, boolean strategyKnown, NetworkIndex index,
                                 Sku[] skus, int[] demand, long total, Sku duplicate, boolean merge,
                                 boolean eagerCosts, boolean lineMasks, Scratch scratch) {
        int m = skus.length;
        List<CandidateLocation> all = request.locations();
        int size = all.size();
        boolean[] known = new boolean[m];
        NetworkIndex.Posting[] holders = new NetworkIndex.Posting[m];
        // the holders of the order's SKUs, a bit per location; slot per holder (never read for another location):
        // -1 = left out, k + 1 = candidate k
        long[] held = scratch.held(size);
        int[] slot = scratch.slot(size);
        int count = 0;
        for (int s = 0; s < m; s++) {
            NetworkIndex.Posting hs = index.postings(skus[s]);
            if (hs == null) {
                continue;
            }
            known[s] = true;
            holders[s] = hs;
            for (int li : hs.holders) {
                long bit = 1L << li;
                int w = li >>> 6;
                long word = held[w];
                if ((word & bit) == 0) {
                    held[w] = word | bit;
                    count++;
                }
            }
        }
        LocationId pickup = request.pickupLocation();
        CandidateLocation pickupLoc = pickup == null ? null : index.byId(pickup);
        java.util.Set<LocationId> excludedIds = request.excludedLocations();
        boolean anyExcluded = !excludedIds.isEmpty();
        scratch.size(count, m);
        int[] prio = scratch.prio;
        int[] cap = scratch.cap;
        int[] avail = scratch.avail;
        boolean[] anyAvail = scratch.anyAvail;
        // per candidate the lines with units, at most 64 (bit s of line s), when asked for
        long[] lineMask = lineMasks && m <= 64 ? scratch.lineMask(count) : null;
        double[] dist = scratch.dist;
        double[] shipCost = scratch.shipCost;
        double[] unitCost = scratch.unitCost;
        int[] locIndex = scratch.locIndex;
        Exclusions excluded = new Exclusions(index);
        int n = 0;
        LocationId[] ids = index.ids;
        boolean[] enabled = index.enabled;
        int[] capacity = index.capacity;
        int[] priority = index.priority;
        boolean checkIds = anyExcluded || pickup != null;
        // a list naming an id twice: every reason put in list order, so that the last one of an id wins as in the
        // direct build (holders' reasons wait for the pass over the whole list)
        String[] holderReason = index.uniqueIds() ? null : new String[size];
        int words = (size + 63) >>> 6;
        // holders in list order
        for (int w = 0; w < words; w++) {
            for (long bits = held[w]; bits != 0; bits &= bits - 1) {
                int li = (w << 6) + Long.numberOfTrailingZeros(bits);
                String reason = null;
                if (!enabled[li]) {
                    reason = DISABLED;
                } else if (checkIds && anyExcluded && excludedIds.contains(ids[li])) {
                    reason = EXCLUDED;
                } else if (checkIds && pickup != null && !pickup.equals(ids[li])) {
                    reason = NOT_PICKUP;
                } else if (capacity[li] == 0) {
                    reason = CAPACITY_ZERO;
                }
                if (reason != null) {
                    slot[li] = -1;
                    if (holderReason != null) {
                        holderReason[li] = reason;
                    } else {
                        excluded.putAt(li, reason);
                    }
                    continue;
                }
                slot[li] = n + 1;
                prio[n] = priority[li];
                cap[n] = capacity[li];
                locIndex[n] = li;
                n++;
            }
        }
        boolean anyTaken = taken != Taken.NONE;
        for (int s = 0; s < m; s++) {
            NetworkIndex.Posting hs = holders[s];
            if (hs == null) {
                continue;
            }
            int[] h = hs.holders;
            long[] base = hs.base;
            // exact long arithmetic: stock - safety - reserved (the index's base) - taken
            int[] takenAt = anyTaken ? taken.byHolder(skus[s], index, hs) : null;
            if (anyTaken && takenAt == null) {
                Map<String, int[]> takenOfSku = taken.ofSku(skus[s]);
                for (int q = 0; q < h.length; q++) {
                    int li = h[q];
                    int k = slot[li] - 1;
                    if (k < 0) {
                        continue;
                    }
                    long a = base[q];
                    if (takenOfSku != null) {
                        int[] t = takenOfSku.get(ids[li].value());
                        if (t != null) {
                            a -= t[0];
                        }
                    }
                    int v = a <= 0 ? 0 : (int) Math.min(a, Integer.MAX_VALUE);
                    avail[k * m + s] = v;
                    anyAvail[k] |= v > 0;
                    if (lineMask != null) {
                        lineMask[k] |= (long) (-v >>> 31) << s; // bit s when v is positive
                    }
                }
            } else if (takenAt != null) {
                for (int q = 0; q < h.length; q++) {
                    int k = slot[h[q]] - 1;
                    if (k < 0) {
                        continue;
                    }
                    long a = base[q] - takenAt[q];
                    int v = a <= 0 ? 0 : (int) Math.min(a, Integer.MAX_VALUE);
                    avail[k * m + s] = v;
                    anyAvail[k] |= v > 0;
                    if (lineMask != null) {
                        lineMask[k] |= (long) (-v >>> 31) << s;
                    }
                }
            } else {
                for (int q = 0; q < h.length; q++) {
                    int k = slot[h[q]] - 1;
                    if (k < 0) {
                        continue;
                    }
                    long a = base[q];
                    int v = a <= 0 ? 0 : (int) Math.min(a, Integer.MAX_VALUE);
                    avail[k * m + s] = v;
                    anyAvail[k] |= v > 0;
                    if (lineMask != null) {
                        lineMask[k] |= (long) (-v >>> 31) << s;
                    }
                }
            }
        }
        // everything that is not a holder of the order's SKUs, in list order
        if (!checkIds && holderReason == null) {
            // disabled, else no stock: the index's reason of each, as one run of positions
            excluded.putAllExcept(held);
        } else {
            for (int li = 0; li < size; li++) {
                if ((held[li >>> 6] & (1L << li)) != 0) {
                    if (holderReason != null && holderReason[li] != null) {
                        excluded.putAt(li, holderReason[li]);
                    }
                    continue;
                }
                String reason;
                if (!enabled[li]) {
                    reason = DISABLED;
                } else if (anyExcluded && excludedIds.contains(ids[li])) {
                    reason = EXCLUDED;
                } else if (pickup != null && !pickup.equals(ids[li])) {
                    reason = NOT_PICKUP;
                } else {
                    reason = NO_STOCK;
                }
                excluded.putAt(li, reason);
            }
        }
        return finish(request, strategyKnown, skus, demand, total, duplicate, merge, known, pickupLoc, n, null, prio,
                cap, avail, null, anyAvail, dist, shipCost, unitCost, excluded, locIndex, index, slot, held,
                lineMask, eagerCosts);
    }

    private static Built fail(OmsErrorCode code, String message) {
        return new Built(null, new PlanError(code, message));
    }

    /** Compares candidates i and j by (priority, id). */
    int byPriority(int i, int j) {
        int[] r = rank;
        if (r == null && index != null) {
            r = rank();
        }
        if (r != null) {
            return Integer.compare(r[i], r[j]);
        }
        int c = Integer.compare(prio[i], prio[j]);
        return c != 0 ? c : loc[i].id().compareTo(loc[j].id());
    }

    /** Compares candidates by (has distance first, distance, priority, id). */
    int byDistance(int i, int j) {
        double a = dist[i];
        double b = dist[j];
        boolean ha = a == a;
        boolean hb = b == b;
        if (ha != hb) {
            return ha ? -1 : 1;
        }
        if (ha) {
            int c = Double.compare(a, b);
            if (c != 0) {
                return c;
            }
        }
        return byPriority(i, j);
    }

    /** Compares candidates by (unit cost, priority, id). */
    int byUnitCost(int i, int j) {
        int c = Double.compare(unitCost[i], unitCost[j]);
        return c != 0 ? c : byPriority(i, j);
    }
}
