package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import java.util.List;

/**
 * A router's answer: which location ships which units, what stays unfilled, what it costs and why.
 * Its JSON form is in {@code formats/routing.md}.
 *
 * <p>An immutable value; thread-safe. Lists are copied.
 *
 * @param status ok, partial, rejected or oversold
 * @param strategy the strategy that made it
 * @param allocations rows of (location, SKU, quantity); empty when rejected
 * @param unfilled demand not allocated
 * @param shipments how many locations are used
 * @param cost the cost under the request's cost model
 * @param optimal whether the plan is proven optimal for its strategy's objective
 * @param gap for a plan not proven optimal, (cost - lower bound) / cost; 0 when optimal
 * @param explanation why
 * @param error for a rejected plan, why; else null
 */
public record RoutingPlan(PlanStatus status, String strategy, List<Allocation> allocations, List<Unfilled> unfilled,
                          int shipments, CostBreakdown cost, boolean optimal, double gap, PlanExplanation explanation,
                          PlanError error) {
    public RoutingPlan {
        Checks.present(status, "status");
        Checks.present(strategy, "strategy");
        allocations = Checks.list(allocations, "allocations");
        unfilled = Checks.list(unfilled, "unfilled");
        Checks.nonNegative(shipments, "shipments");
        Checks.present(cost, "cost");
        Checks.present(explanation, "explanation");
    }
}
