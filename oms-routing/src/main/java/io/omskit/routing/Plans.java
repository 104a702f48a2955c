package io.omskit.routing;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.port.Allocation;
import io.omskit.spi.port.CostBreakdown;
import io.omskit.spi.port.PlanError;
import io.omskit.spi.port.PlanExplanation;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import io.omskit.spi.port.Unfilled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a {@link Solution} into a {@link RoutingPlan} with its cost and explanation. Stateless; thread-safe. */
final class Plans {
    private Plans() {
    }

    /** A rejected plan for a validation error (nothing allocated, nothing listed as unfilled). */
    static RoutingPlan invalid(RoutingRequest request, PlanError error) {
        PlanExplanation ex = new PlanExplanation(List.of(), List.of(), Double.NaN, Double.NaN, List.of(), Map.of(),
                "rejected: " + error.message());
        return new RoutingPlan(PlanStatus.REJECTED, request.strategy(), List.of(), List.of(), 0, CostBreakdown.ZERO,
                false, 0.0, ex, error);
    }

    /** Total cost of a solution (shipment + units + penalty where partial). */
    static double cost(Problem p, Solution sol) {
        if (sol.rows > 64) {
            double[] parts = parts(p, sol, new int[p.n]);
            return parts[0] + parts[1] + parts[2];
        }
        // the same sums in the same order as parts, a candidate's first row found among the earlier rows
        double ship = 0;
        double units = 0;
        for (int r = 0; r < sol.rows; r++) {
            int c = sol.cand[r];
            p.cost(c);
            boolean first = true;
            for (int e = 0; e < r; e++) {
                if (sol.cand[e] == c) {
                    first = false;
                    break;
                }
            }
            if (first) {
                ship += p.shipCost[c];
            }
            units += p.unitCost[c] * sol.qty[r];
        }
        return ship + units + penalty(p, sol);
    }

    /** The penalty for a partial plan's unfilled units (none when partial plans are not allowed). */
    private static double penalty(Problem p, Solution sol) {
        if (!p.partial) {
            return 0;
        }
        long u = 0;
        for (int s = 0; s < p.m; s++) {
            u += sol.unfilled[s];
        }
        return u * p.penalty;
    }

    private static double[] parts(Problem p, Solution sol, int[] loadByCand) {
        double ship = 0;
        double units = 0;
        for (int r = 0; r < sol.rows; r++) {
            int c = sol.cand[r];
            p.cost(c);
            if (loadByCand[c] == 0) {
                ship += p.shipCost[c];
            }
            loadByCand[c] += sol.qty[r];
            units += p.unitCost[c] * sol.qty[r];
        }
        return new double[] {ship, units, penalty(p, sol)};
    }

    /**
     * The plan of a solution. A shortage without allow_partial becomes a rejection with INSUFFICIENT_STOCK.
     *
     * @param runnerUp candidate indices of the runner-up set, or null
     * @param runnerUpCost its cost, NaN when none
     */
    static RoutingPlan plan(Problem p, String strategy, Solution sol, boolean optimal, double gap, int[] runnerUp,
                            double runnerUpCost, String note) {
        int[] loadByCand = new int[p.n];
        double[] parts = parts(p, sol, loadByCand);
        // chosen candidates, by id
        int used = 0;
        int[] chosen = new int[Math.min(p.n, sol.rows)];
        for (int r = 0; r < sol.rows; r++) {
            int c = sol.cand[r];
            boolean seen = false;
            for (int k = 0; k < used; k++) {
                if (chosen[k] == c) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                chosen[used++] = c;
            }
        }
        if (used > 1) {
            IntSort.sort(chosen, used, (a, b) -> p.id(a).compareTo(p.id(b)));
        }
        List<String> binding = binding(p, sol, chosen, used, loadByCand);
        long unfilledTotal = 0;
        Unfilled[] shortLines = null;
        int shortCount = 0;
        for (int s = 0; s < p.m; s++) {
            if (sol.unfilled[s] > 0) {
                if (shortLines == null) {
                    shortLines = new Unfilled[p.m];
                }
                shortLines[shortCount++] = new Unfilled(p.skus[s], sol.unfilled[s]);
                unfilledTotal += sol.unfilled[s];
            }
        }
        List<Unfilled> unfilled = listOf(shortLines, shortCount);
        // an oversold plan still puts every line somewhere; a line it could not place at all (no eligible location
        // lists the SKU, or max_shipments kept them closed) is a shortage like any other
        if (unfilledTotal > 0 && !p.partial) {
            List<Unfilled> all = new ArrayList<>(p.m);
            for (int s = 0; s < p.m; s++) {
                all.add(new Unfilled(p.skus[s], p.demand[s]));
            }
            String msg = "not enough available stock: " + shortText(p, sol);
            PlanExplanation ex = new PlanExplanation(List.of(), List.of(), Double.NaN, Double.NaN, binding,
                    p.excluded.toMap(), "rejected: " + msg);
            return new RoutingPlan(PlanStatus.REJECTED, strategy, List.of(), all, 0, CostBreakdown.ZERO, false, 0.0,
                    ex, new PlanError(OmsErrorCode.INSUFFICIENT_STOCK, msg));
        }
        Allocation[] rowArray = new Allocation[sol.rows];
        int rowCount = 0;
        LocationId[] chosenArray = new LocationId[used];
        for (int k = 0; k < used; k++) {
            int c = chosen[k];
            chosenArray[k] = p.id(c);
            for (int s = 0; s < p.m; s++) {
                for (int r = 0; r < sol.rows; r++) {
                    if (sol.cand[r] == c && sol.sku[r] == s) {
                        rowArray[rowCount++] = new Allocation(p.id(c), p.skus[s], sol.qty[r], sol.over[r]);
                    }
                }
            }
        }
        // immutable lists of List.of's own classes, which the SPI's records keep as they are (an ArrayList would be
        // copied twice there)
        List<Allocation> rows = listOf(rowArray, rowCount);
        List<LocationId> chosenIds = listOf(chosenArray, used);
        CostBreakdown cost = new CostBreakdown(parts[0] + parts[1] + parts[2], parts[0], parts[1], parts[2]);
        PlanStatus status = sol.anyOversold ? PlanStatus.OVERSOLD
                : unfilledTotal > 0 ? PlanStatus.PARTIAL : PlanStatus.OK;
        List<LocationId> ru = List.of();
        double ruCost = Double.NaN;
        double ruDelta = Double.NaN;
        if (runnerUp != null && runnerUpCost == runnerUpCost) {
            int[] r = runnerUp.clone();
            if (r.length > 1) {
                IntSort.sort(r, r.length, (a, b) -> p.id(a).compareTo(p.id(b)));
            }
            LocationId[] ids = new LocationId[r.length];
            for (int k = 0; k < r.length; k++) {
                ids[k] = p.id(r[k]);
            }
            ru = listOf(ids, ids.length);
            ruCost = runnerUpCost;
            ruDelta = runnerUpCost - cost.total();
        }
        StringBuilder sum = new StringBuilder(96).append(strategy).append(": ").append(used)
                .append(used == 1 ? " shipment" : " shipments");
        if (used > 0) {
            // the first five ids as the list's toString writes them ("[a, b]"), then "..." when there are more
            sum.append(" from [");
            for (int k = 0, shown = Math.min(used, 5); k < shown; k++) {
                if (k > 0) {
                    sum.append(", ");
                }
                sum.append(chosenArray[k].value());
            }
            sum.append(']');
            if (used > 5) {
                sum.append("...");
            }
        }
        if (unfilledTotal > 0) {
            sum.append(", ").append(unfilledTotal).append(" units unfilled");
        }
        appendCost(sum.append(", cost "), cost.total());
        if (note != null) {
            sum.append("; ").append(note);
        }
        PlanExplanation ex = new PlanExplanation(chosenIds, ru, ruCost, ruDelta, binding, p.excluded.toMap(),
                sum.toString());
        return new RoutingPlan(status, strategy, rows, unfilled, used, cost, optimal, optimal ? 0.0 : gap, ex, null);
    }

    private static String shortText(Problem p, Solution sol) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < p.m; s++) {
            if (sol.unfilled[s] > 0) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(p.skus[s]).append(" short by ").append(sol.unfilled[s]).append(" of ")
                        .append(p.demand[s]);
            }
        }
        return b.toString();
    }

    /** Below this many ten-thousandths a rounded cost is written digit by digit. */
    static final long DIGITS_LIMIT = 100_000_000L;

    /**
     * Appends {@code Math.round(x * 10_000.0) / 10_000.0} exactly as {@link StringBuilder#append(double)} writes it,
     * without the floating-point conversion for a rounded value of 0 or in [0.001, 10,000): there that conversion
     * writes the integer part, a point and the ten-thousandths without trailing zeros (at least one digit); this
     * was checked for every such value, and a property checks it again. Other values take the conversion.
     */
    static StringBuilder appendCost(StringBuilder b, double x) {
        long k = Math.round(x * 10_000.0);
        if (k == 0 || k >= 10 && k < DIGITS_LIMIT) {
            b.append(k / 10_000).append('.');
            int frac = (int) (k % 10_000);
            if (frac == 0) {
                return b.append('0');
            }
            for (int d = 1_000; frac > 0; d /= 10) {
                b.append((char) ('0' + frac / d));
                frac %= d;
            }
            return b;
        }
        return b.append(k / 10_000.0);
    }

    /** An immutable list of {@code a[0..len)} (no null among them); {@code a} may be null when len is 0. */
    private static <T> List<T> listOf(T[] a, int len) {
        switch (len) {
            case 0:
                return List.of();
            case 1:
                return List.of(a[0]);
            case 2:
                return List.of(a[0], a[1]);
            default:
                return List.of(len == a.length ? a : java.util.Arrays.copyOf(a, len));
        }
    }

    private static List<String> binding(Problem p, Solution sol, int[] chosen, int used, int[] loadByCand) {
        List<String> out = null;
        int m = p.m;
        // units (less oversold) per chosen location and line, in one pass over the rows (the same integer sums)
        int[] byCell = new int[used * m];
        for (int r = 0; r < sol.rows; r++) {
            int c = sol.cand[r];
            int k = 0;
            while (chosen[k] != c) {
                k++;
            }
            byCell[k * m + sol.sku[r]] += sol.qty[r] - sol.over[r];
        }
        for (int k = 0; k < used; k++) {
            int c = chosen[k];
            for (int s = 0; s < m; s++) {
                int q = byCell[k * m + s];
                if (q < p.demand[s] && q >= p.avail[c * m + s] && (q > 0 || sol.unfilled[s] > 0 || used > 1)) {
                    out = add(out, p.skus[s] + " short at " + p.id(c));
                }
            }
            int cap = p.cap[c];
            if (cap != Integer.MAX_VALUE && loadByCand[c] >= cap) {
                out = add(out, "capacity " + cap + " reached at " + p.id(c));
            }
        }
        if (p.maxShipments != Integer.MAX_VALUE && used >= p.maxShipments && p.n > p.maxShipments) {
            out = add(out, "max_shipments " + p.maxShipments + " reached");
        }
        for (int s = 0; s < m; s++) {
            if (sol.unfilled[s] > 0) {
                out = add(out, p.skus[s] + " short by " + sol.unfilled[s] + " across eligible locations");
            }
        }
        // an immutable list of List.of's own classes, which PlanExplanation keeps as it is
        return out == null ? List.of() : listOf(out.toArray(new String[0]), out.size());
    }

    private static List<String> add(List<String> out, String constraint) {
        List<String> o = out == null ? new ArrayList<>(4) : out;
        o.add(constraint);
        return o;
    }
}
