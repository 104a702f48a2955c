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
    static final String NO_AVAILABLE = "no available stock of the order's SKUs (reserved or safety stock)";
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
    final CandidateLocation[] loc;
    final int[] prio;
    final int[] cap;
    /** avail[i * m + s]. */
    final int[] avail;
    /** listed[i * m + s]: the location's stock map lists SKU s (possibly with 0). */
    final boolean[] listed;
    /** Whether candidate i has any available unit of the order's SKUs. */
    final boolean[] anyAvail;
    /** Distance to the destination in km, NaN when unknown. */
    final double[] dist;
    /** Per shipment cost: fixed + package base + package per km * d (d = 0 when unknown). */
    final double[] shipCost;
    /** Per unit cost: unit cost + unit per km * d (d = 0 when unknown). */
    final double[] unitCost;
    final Map<LocationId, String> excluded;

    private Problem(RoutingRequest request, Sku[] skus, int[] demand, long totalDemand, int n, CandidateLocation[] loc,
                    int[] prio, int[] cap, int[] avail, boolean[] listed, boolean[] anyAvail, double[] dist,
                    double[] shipCost, double[] unitCost, Map<LocationId, String> excluded) {
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
        this.dist = dist;
        this.shipCost = shipCost;
        this.unitCost = unitCost;
        this.excluded = excluded;
    }

    /** Taken units per location and SKU (batch routing); never null. */
    interface Taken {
        Taken NONE = new Taken() {
            @Override
            public Map<Sku, int[]> of(LocationId location) {
                return null;
            }
        };

        /** Units taken per SKU at {@code location}, or null when none. */
        Map<Sku, int[]> of(LocationId location);
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

    static Built build(RoutingRequest request, Taken taken, boolean strategyKnown, NetworkIndex network) {
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
                return fail(OmsErrorCode.INVALID_QUANTITY, "merged quantity of " + skus[s] + " does not fit an int: "
                        + sums[s]);
            }
            demand[s] = (int) sums[s];
            total += sums[s];
        }

        if (network != null) {
            return indexed(request, taken, strategyKnown, network, skus, demand, total, duplicate, merge);
        }
        List<CandidateLocation> all = request.locations();
        int size = all.size();
        boolean[] known = new boolean[m];
        int knownCount = 0;
        LocationId pickup = request.pickupLocation();
        CandidateLocation pickupLoc = null;
        GeoPoint dest = request.destination();
        CostModel cm = request.costModel();
        java.util.Set<LocationId> excludedIds = request.excludedLocations();
        boolean anyExcluded = !excludedIds.isEmpty();

        CandidateLocation[] loc = new CandidateLocation[size];
        int[] prio = new int[size];
        int[] cap = new int[size];
        int[] avail = new int[size * m];
        boolean[] listed = new boolean[size * m];
        boolean[] anyAvail = new boolean[size];
        double[] dist = new double[size];
        double[] shipCost = new double[size];
        double[] unitCost = new double[size];
        Map<LocationId, String> excluded = new HashMap<>();
        int n = 0;
        for (int li = 0; li < size; li++) {
            CandidateLocation c = all.get(li);
            Map<Sku, Integer> stock = c.stock();
            boolean lists = false;
            int base = n * m;
            for (int s = 0; s < m; s++) {
                if (stock.containsKey(skus[s])) {
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
            boolean any = false;
            for (int s = 0; s < m; s++) {
                if (!listed[base + s]) {
                    continue;
                }
                long a = stock.get(skus[s]);
                Integer r = c.reserved().get(skus[s]);
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
            double d = Double.NaN;
            if (dest != null && c.position() != null) {
                d = GeoPoint.haversineKm(c.position().lat(), c.position().lon(), dest.lat(), dest.lon());
            }
            dist[n] = d;
            double dd = d != d ? 0.0 : d;
            shipCost[n] = c.shipmentFixedCost() + cm.packageBase() + cm.packagePerKm() * dd;
            unitCost[n] = c.unitCost() + cm.unitPerKm() * dd;
            n++;
        }
        return finish(request, strategyKnown, skus, demand, total, duplicate, merge, known, pickupLoc, n, loc, prio,
                cap, avail, listed, anyAvail, dist, shipCost, unitCost, excluded);
    }

    private static Built finish(RoutingRequest request, boolean strategyKnown, Sku[] skus, int[] demand, long total,
                                Sku duplicate, boolean merge, boolean[] known, CandidateLocation pickupLoc, int n,
                                CandidateLocation[] loc, int[] prio, int[] cap, int[] avail, boolean[] listed,
                                boolean[] anyAvail, double[] dist, double[] shipCost, double[] unitCost,
                                Map<LocationId, String> excluded) {
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
        for (int i = 0; i < n; i++) {
            if (!anyAvail[i]) {
                excluded.put(loc[i].id(), NO_AVAILABLE);
            }
        }
        return new Built(new Problem(request, skus, demand, total, n, loc, prio, cap, avail, listed, anyAvail, dist,
                shipCost, unitCost, excluded), null);
    }

    /** The same as the direct build, reading stock through the location list's inverted index. */
    private static Built indexed(RoutingRequest request, Taken taken, boolean strategyKnown, NetworkIndex index,
                                 Sku[] skus, int[] demand, long total, Sku duplicate, boolean merge) {
        int m = skus.length;
        List<CandidateLocation> all = request.locations();
        int size = all.size();
        boolean[] known = new boolean[m];
        int[][] holders = new int[m][];
        int[][] stocks = new int[m][];
        // candidate slot per location: 0 = not a holder, -1 = holder left out, k + 1 = candidate k
        int[] slot = new int[size];
        int[] order = new int[16];
        int count = 0;
        for (int s = 0; s < m; s++) {
            int[] h = index.holders(skus[s]);
            if (h == null) {
                continue;
            }
            known[s] = true;
            holders[s] = h;
            stocks[s] = index.stock(skus[s]);
            for (int li : h) {
                if (slot[li] == 0) {
                    slot[li] = -1;
                    if (count == order.length) {
                        order = java.util.Arrays.copyOf(order, count * 2);
                    }
                    order[count++] = li;
                }
            }
        }
        java.util.Arrays.sort(order, 0, count);
        LocationId pickup = request.pickupLocation();
        CandidateLocation pickupLoc = pickup == null ? null : index.byId(pickup);
        GeoPoint dest = request.destination();
        CostModel cm = request.costModel();
        java.util.Set<LocationId> excludedIds = request.excludedLocations();
        boolean anyExcluded = !excludedIds.isEmpty();
        CandidateLocation[] loc = new CandidateLocation[count];
        int[] prio = new int[count];
        int[] cap = new int[count];
        int[] avail = new int[count * m];
        boolean[] listed = new boolean[count * m];
        boolean[] anyAvail = new boolean[count];
        double[] dist = new double[count];
        double[] shipCost = new double[count];
        double[] unitCost = new double[count];
        Map<LocationId, String> excluded = new HashMap<>();
        int n = 0;
        for (int k = 0; k < count; k++) {
            int li = order[k];
            CandidateLocation c = all.get(li);
            String reason = null;
            if (!c.enabled()) {
                reason = DISABLED;
            } else if (anyExcluded && excludedIds.contains(c.id())) {
                reason = EXCLUDED;
            } else if (pickup != null && !pickup.equals(c.id())) {
                reason = NOT_PICKUP;
            } else if (c.capacityUnits() == 0) {
                reason = CAPACITY_ZERO;
            }
            if (reason != null) {
                excluded.put(c.id(), reason);
                continue;
            }
            slot[li] = n + 1;
            loc[n] = c;
            prio[n] = c.priority();
            cap[n] = c.capacityUnits();
            double d = Double.NaN;
            if (dest != null && c.position() != null) {
                d = GeoPoint.haversineKm(c.position().lat(), c.position().lon(), dest.lat(), dest.lon());
            }
            dist[n] = d;
            double dd = d != d ? 0.0 : d;
            shipCost[n] = c.shipmentFixedCost() + cm.packageBase() + cm.packagePerKm() * dd;
            unitCost[n] = c.unitCost() + cm.unitPerKm() * dd;
            n++;
        }
        for (int s = 0; s < m; s++) {
            int[] h = holders[s];
            if (h == null) {
                continue;
            }
            int[] st = stocks[s];
            for (int q = 0; q < h.length; q++) {
                int li = h[q];
                int k = slot[li] - 1;
                if (k < 0) {
                    continue;
                }
                CandidateLocation c = loc[k];
                long a = st[q];
                if (index.hasReserved(li)) {
                    Integer r = c.reserved().get(skus[s]);
                    if (r != null) {
                        a -= r;
                    }
                }
                a -= c.safetyStock();
                Map<Sku, int[]> takenHere = taken.of(c.id());
                if (takenHere != null) {
                    int[] t = takenHere.get(skus[s]);
                    if (t != null) {
                        a -= t[0];
                    }
                }
                int v = a <= 0 ? 0 : (int) Math.min(a, Integer.MAX_VALUE);
                listed[k * m + s] = true;
                avail[k * m + s] = v;
                if (v > 0) {
                    anyAvail[k] = true;
                }
            }
        }
        // everything that is not a holder of the order's SKUs
        for (int li = 0; li < size; li++) {
            if (slot[li] != 0) {
                continue;
            }
            CandidateLocation c = all.get(li);
            String reason;
            if (!c.enabled()) {
                reason = DISABLED;
            } else if (anyExcluded && excludedIds.contains(c.id())) {
                reason = EXCLUDED;
            } else if (pickup != null && !pickup.equals(c.id())) {
                reason = NOT_PICKUP;
            } else {
                reason = NO_STOCK;
            }
            excluded.put(c.id(), reason);
        }
        return finish(request, strategyKnown, skus, demand, total, duplicate, merge, known, pickupLoc, n, loc, prio,
                cap, avail, listed, anyAvail, dist, shipCost, unitCost, excluded);
    }

    private static Built fail(OmsErrorCode code, String message) {
        return new Built(null, new PlanError(code, message));
    }

    /** Compares candidates i and j by (priority, id). */
    int byPriority(int i, int j) {
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
