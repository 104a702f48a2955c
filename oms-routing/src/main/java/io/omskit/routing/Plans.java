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
        double pen = 0;
        if (p.partial) {
            long u = 0;
            for (int s = 0; s < p.m; s++) {
                u += sol.unfilled[s];
            }
            pen = u * p.penalty;
        }
        return ship + units + pen;
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
        double pen = 0;
        if (p.partial) {
            long u = 0;
            for (int s = 0; s < p.m; s++) {
                u += sol.unfilled[s];
            }
            pen = u * p.penalty;
        }
        return new double[] {ship, units, pen};
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
            IntSort.sort(chosen, used, (a, b) -> p.loc[a].id().compareTo(p.loc[b].id()));
        }
        List<String> binding = binding(p, sol, chosen, used, loadByCand);
        long unfilledTotal = 0;
        List<Unfilled> unfilled = new ArrayList<>();
        for (int s = 0; s < p.m; s++) {
            if (sol.unfilled[s] > 0) {
                unfilled.add(new Unfilled(p.skus[s], sol.unfilled[s]));
                unfilledTotal += sol.unfilled[s];
            }
        }
        if (unfilledTotal > 0 && !p.partial && !sol.anyOversold) {
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
        List<Allocation> rows = new ArrayList<>(sol.rows);
        List<LocationId> chosenIds = new ArrayList<>(used);
        for (int k = 0; k < used; k++) {
            int c = chosen[k];
            chosenIds.add(p.loc[c].id());
            for (int s = 0; s < p.m; s++) {
                for (int r = 0; r < sol.rows; r++) {
                    if (sol.cand[r] == c && sol.sku[r] == s) {
                        rows.add(new Allocation(p.loc[c].id(), p.skus[s], sol.qty[r], sol.over[r]));
                    }
                }
            }
        }
        CostBreakdown cost = new CostBreakdown(parts[0] + parts[1] + parts[2], parts[0], parts[1], parts[2]);
        PlanStatus status = sol.anyOversold ? PlanStatus.OVERSOLD
                : unfilledTotal > 0 ? PlanStatus.PARTIAL : PlanStatus.OK;
        List<LocationId> ru = List.of();
        double ruCost = Double.NaN;
        double ruDelta = Double.NaN;
        if (runnerUp != null && runnerUpCost == runnerUpCost) {
            int[] r = runnerUp.clone();
            if (r.length > 1) {
                IntSort.sort(r, r.length, (a, b) -> p.loc[a].id().compareTo(p.loc[b].id()));
            }
            List<LocationId> ids = new ArrayList<>(r.length);
            for (int c : r) {
                ids.add(p.loc[c].id());
            }
            ru = ids;
            ruCost = runnerUpCost;
            ruDelta = runnerUpCost - cost.total();
        }
        StringBuilder sum = new StringBuilder(64).append(strategy).append(": ").append(used)
                .append(used == 1 ? " shipment" : " shipments");
        if (used > 0) {
            sum.append(" from ").append(chosenIds.size() <= 5 ? chosenIds.toString()
                    : chosenIds.subList(0, 5) + "...");
        }
        if (unfilledTotal > 0) {
            sum.append(", ").append(unfilledTotal).append(" units unfilled");
        }
        sum.append(", cost ").append(Math.round(cost.total() * 10_000.0) / 10_000.0);
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

    private static List<String> binding(Problem p, Solution sol, int[] chosen, int used, int[] loadByCand) {
        List<String> out = new ArrayList<>();
        int m = p.m;
        for (int k = 0; k < used; k++) {
            int c = chosen[k];
            for (int s = 0; s < m; s++) {
                int q = 0;
                for (int r = 0; r < sol.rows; r++) {
                    if (sol.cand[r] == c && sol.sku[r] == s) {
                        q += sol.qty[r] - sol.over[r];
                    }
                }
                if (q < p.demand[s] && q >= p.avail[c * m + s] && (q > 0 || sol.unfilled[s] > 0 || used > 1)) {
                    out.add(p.skus[s] + " short at " + p.loc[c].id());
                }
            }
            int cap = p.cap[c];
            if (cap != Integer.MAX_VALUE && loadByCand[c] >= cap) {
                out.add("capacity " + cap + " reached at " + p.loc[c].id());
            }
        }
        if (p.maxShipments != Integer.MAX_VALUE && used >= p.maxShipments && p.n > p.maxShipments) {
            out.add("max_shipments " + p.maxShipments + " reached");
        }
        for (int s = 0; s < m; s++) {
            if (sol.unfilled[s] > 0) {
                out.add(p.skus[s] + " short by " + sol.unfilled[s] + " across eligible locations");
            }
        }
        return out;
    }
}
