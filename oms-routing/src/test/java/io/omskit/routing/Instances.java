package io.omskit.routing;

import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.Allocation;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CostModel;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingOptions;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import io.omskit.spi.port.Unfilled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Random routing instances and plan checks shared by the oracle tests and the properties. */
final class Instances {
    private Instances() {
    }

    /**
     * A random request: {@code nLoc} locations with coordinates in the continental US, {@code nSku} lines of
     * 1..{@code maxQty} units, stock 0..{@code maxStock}, random reserved/safety/capacity/disabled/excluded,
     * max_shipments and allow_partial, and a random cost model.
     */
    static RoutingRequest random(Random rnd, String strategy, int nLoc, int nSku, int maxQty, int maxStock) {
        List<CandidateLocation> locs = new ArrayList<>();
        Set<LocationId> excluded = new HashSet<>();
        for (int i = 0; i < nLoc; i++) {
            Map<Sku, Integer> stock = new LinkedHashMap<>();
            Map<Sku, Integer> reserved = new LinkedHashMap<>();
            for (int s = 0; s < nSku; s++) {
                if (rnd.nextInt(4) > 0) {
                    stock.put(Sku.of("S" + s), rnd.nextInt(maxStock + 1));
                    if (rnd.nextInt(5) == 0) {
                        reserved.put(Sku.of("S" + s), rnd.nextInt(2));
                    }
                }
            }
            if (i == 0) {
                for (int s = 0; s < nSku; s++) {
                    stock.putIfAbsent(Sku.of("S" + s), rnd.nextInt(maxStock + 1));
                }
            }
            LocationId id = LocationId.of("L" + (char) ('A' + rnd.nextInt(3)) + i);
            if (rnd.nextInt(12) == 0) {
                excluded.add(id);
            }
            int cap = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(maxQty * nSku) : Integer.MAX_VALUE;
            locs.add(new CandidateLocation(id, new GeoPoint(25 + rnd.nextDouble() * 23, -123 + rnd.nextDouble() * 55),
                    rnd.nextInt(3), rnd.nextInt(12) != 0, false, stock, reserved, rnd.nextInt(6) == 0 ? 1 : 0,
                    rnd.nextInt(3) * 0.5, rnd.nextInt(4) * 2.5, cap));
        }
        List<RoutingLine> lines = new ArrayList<>();
        for (int s = 0; s < nSku; s++) {
            lines.add(new RoutingLine(Sku.of("S" + s), 1 + rnd.nextInt(maxQty)));
        }
        int max = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : Integer.MAX_VALUE;
        boolean partial = rnd.nextInt(3) == 0;
        CostModel cm = new CostModel(rnd.nextInt(3), rnd.nextInt(3) * 0.001, rnd.nextInt(3) * 0.0005,
                rnd.nextInt(4) * 4.0);
        return new RoutingRequest(strategy, locs, lines, new GeoPoint(25 + rnd.nextDouble() * 23,
                -123 + rnd.nextDouble() * 55), excluded, null, new RoutingOptions(partial, max, false), cm);
    }

    static boolean eligible(RoutingRequest r, CandidateLocation c) {
        return c.enabled() && !r.excludedLocations().contains(c.id())
                && (r.pickupLocation() == null || r.pickupLocation().equals(c.id()));
    }

    static double shipCost(RoutingRequest r, CandidateLocation c) {
        double d = c.position() == null || r.destination() == null ? 0 : c.position().distanceKm(r.destination());
        return c.shipmentFixedCost() + r.costModel().packageBase() + r.costModel().packagePerKm() * d;
    }

    static double unitCost(RoutingRequest r, CandidateLocation c) {
        double d = c.position() == null || r.destination() == null ? 0 : c.position().distanceKm(r.destination());
        return c.unitCost() + r.costModel().unitPerKm() * d;
    }

    /** Checks R7.2-R7.4 and the cost breakdown of a plan; returns a problem description or null. */
    static String violation(RoutingRequest r, RoutingPlan plan) {
        Map<LocationId, CandidateLocation> byId = new HashMap<>();
        for (CandidateLocation c : r.locations()) {
            byId.put(c.id(), c);
        }
        Map<Sku, Long> demand = new LinkedHashMap<>();
        for (RoutingLine l : r.lines()) {
            demand.merge(l.sku(), (long) l.quantity(), Long::sum);
        }
        Map<Sku, Long> got = new HashMap<>();
        Map<LocationId, Long> load = new HashMap<>();
        Map<String, Long> cell = new HashMap<>();
        for (Allocation a : plan.allocations()) {
            CandidateLocation c = byId.get(a.location());
            if (c == null || !eligible(r, c)) {
                return "allocation at ineligible " + a.location();
            }
            got.merge(a.sku(), (long) a.quantity(), Long::sum);
            load.merge(a.location(), (long) a.quantity(), Long::sum);
            cell.merge(a.location() + "/" + a.sku(), (long) a.quantity(), Long::sum);
            if (plan.status() != PlanStatus.OVERSOLD && cell.get(a.location() + "/" + a.sku()) > c.available(a.sku())) {
                return "over availability at " + a.location() + " " + a.sku();
            }
        }
        if (plan.status() != PlanStatus.OVERSOLD) {
            for (Map.Entry<LocationId, Long> e : load.entrySet()) {
                if (e.getValue() > byId.get(e.getKey()).capacityUnits()) {
                    return "over capacity at " + e.getKey();
                }
            }
        }
        if (load.size() > r.options().maxShipments()) {
            return "too many shipments " + load.size();
        }
        if (plan.shipments() != load.size()) {
            return "shipments " + plan.shipments() + " but " + load.size() + " locations";
        }
        if (plan.error() == null) {
            Map<Sku, Long> unf = new HashMap<>();
            for (Unfilled u : plan.unfilled()) {
                unf.merge(u.sku(), (long) u.quantity(), Long::sum);
            }
            for (Map.Entry<Sku, Long> e : demand.entrySet()) {
                long sum = got.getOrDefault(e.getKey(), 0L) + unf.getOrDefault(e.getKey(), 0L);
                if (sum != e.getValue()) {
                    return "allocated + unfilled != demand for " + e.getKey();
                }
            }
            if (!plan.unfilled().isEmpty() && !r.options().allowPartial()) {
                return "unfilled without allow_partial";
            }
            double ship = 0;
            double units = 0;
            for (LocationId id : load.keySet()) {
                ship += shipCost(r, byId.get(id));
            }
            for (Allocation a : plan.allocations()) {
                units += unitCost(r, byId.get(a.location())) * a.quantity();
            }
            long unfilled = plan.unfilled().stream().mapToLong(Unfilled::quantity).sum();
            double pen = r.options().allowPartial() ? unfilled * r.costModel().unfilledPenaltyPerUnit() : 0;
            if (Math.abs(ship + units + pen - plan.cost().total()) > 1e-6) {
                return "cost " + plan.cost().total() + " but recomputed " + (ship + units + pen);
            }
        } else if (!plan.allocations().isEmpty()) {
            return "rejected plan with allocations";
        }
        return null;
    }

    /** Brute force: the optimum (cost, shipments) over every allocation, or null when none is feasible. */
    static double[] bruteForce(RoutingRequest r) {
        List<CandidateLocation> locs = new ArrayList<>();
        for (CandidateLocation c : r.locations()) {
            if (eligible(r, c)) {
                locs.add(c);
            }
        }
        int n = locs.size();
        int m = r.lines().size();
        int[][] a = new int[n][m];
        double[] f = new double[n];
        double[] c = new double[n];
        int[] cap = new int[n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < m; s++) {
                a[i][s] = locs.get(i).available(r.lines().get(s).sku());
            }
            f[i] = shipCost(r, locs.get(i));
            c[i] = unitCost(r, locs.get(i));
            cap[i] = locs.get(i).capacityUnits();
        }
        int[] q = new int[m];
        for (int s = 0; s < m; s++) {
            q[s] = r.lines().get(s).quantity();
        }
        double[] best = {Double.POSITIVE_INFINITY, Integer.MAX_VALUE};
        int[][] x = new int[n][m];
        enumerate(r, 0, n, m, a, f, c, cap, q, x, new int[m], new int[n], best);
        return best[0] == Double.POSITIVE_INFINITY ? null : best;
    }

    private static void enumerate(RoutingRequest r, int cellIdx, int n, int m, int[][] a, double[] f, double[] c,
                                  int[] cap, int[] q, int[][] x, int[] filled, int[] load, double[] best) {
        if (cellIdx == n * m) {
            long unfilled = 0;
            for (int s = 0; s < m; s++) {
                unfilled += q[s] - filled[s];
            }
            if (unfilled > 0 && !r.options().allowPartial()) {
                return;
            }
            int ship = 0;
            double cost = 0;
            for (int i = 0; i < n; i++) {
                if (load[i] > 0) {
                    ship++;
                    cost += f[i] + c[i] * load[i];
                }
            }
            if (ship > r.options().maxShipments()) {
                return;
            }
            cost += unfilled * r.costModel().unfilledPenaltyPerUnit();
            if (cost < best[0] - 1e-9) {
                best[0] = cost;
                best[1] = ship;
            } else if (cost <= best[0] + 1e-9) {
                best[0] = Math.min(best[0], cost);
                best[1] = Math.min(best[1], ship);
            }
            return;
        }
        int i = cellIdx / m;
        int s = cellIdx % m;
        if (s == 0 && !r.options().allowPartial()) {
            // prune: the rest of the locations must be able to fill what is left
            for (int t = 0; t < m; t++) {
                long rest = 0;
                for (int j = i; j < n; j++) {
                    rest += a[j][t];
                }
                if (filled[t] + rest < q[t]) {
                    return;
                }
            }
        }
        int max = Math.min(Math.min(a[i][s], q[s] - filled[s]), cap[i] - load[i]);
        for (int v = 0; v <= max; v++) {
            x[i][s] = v;
            filled[s] += v;
            load[i] += v;
            enumerate(r, cellIdx + 1, n, m, a, f, c, cap, q, x, filled, load, best);
            filled[s] -= v;
            load[i] -= v;
        }
        x[i][s] = 0;
    }
}
