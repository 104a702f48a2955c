package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.port.Allocation;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CostBreakdown;
import io.omskit.spi.port.FulfillmentRouter;
import io.omskit.spi.port.PlanError;
import io.omskit.spi.port.PlanExplanation;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import io.omskit.spi.port.Unfilled;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small router for the engine's tests (oms-core does not depend on oms-routing): each line, in order,
 * takes units from the nearest enabled location with available stock, splitting when needed.
 */
final class NearestStockRouter implements FulfillmentRouter {
    @Override
    public RoutingPlan route(RoutingRequest request) {
        List<CandidateLocation> eligible = new ArrayList<>();
        for (CandidateLocation c : request.locations()) {
            if (c.enabled() && !request.excludedLocations().contains(c.id())
                    && (request.pickupLocation() == null || request.pickupLocation().equals(c.id()))) {
                eligible.add(c);
            }
        }
        eligible.sort(Comparator.comparingDouble((CandidateLocation c) -> c.position() == null || request.destination() == null
                ? Double.MAX_VALUE : c.position().distanceKm(request.destination())).thenComparing(CandidateLocation::id));
        Map<LocationId, Integer> taken = new java.util.HashMap<>();
        List<Allocation> rows = new ArrayList<>();
        List<Unfilled> unfilled = new ArrayList<>();
        Set<LocationId> used = new LinkedHashSet<>();
        for (RoutingLine line : request.lines()) {
            int need = line.quantity();
            for (CandidateLocation c : eligible) {
                int take = Math.min(need, c.available(line.sku()));
                if (take > 0) {
                    rows.add(new Allocation(c.id(), line.sku(), take, 0));
                    taken.merge(c.id(), take, Integer::sum);
                    used.add(c.id());
                    need -= take;
                }
                if (need == 0) {
                    break;
                }
            }
            if (need > 0) {
                unfilled.add(new Unfilled(line.sku(), need));
            }
        }
        PlanExplanation why = new PlanExplanation(List.copyOf(used), List.of(), Double.NaN, Double.NaN, List.of(),
                Map.of(), "nearest with stock");
        if (!unfilled.isEmpty() && !request.options().allowPartial()) {
            return new RoutingPlan(PlanStatus.REJECTED, request.strategy(), List.of(), unfilled, 0, CostBreakdown.ZERO,
                    false, 0, why, new PlanError(OmsErrorCode.INSUFFICIENT_STOCK, "short"));
        }
        return new RoutingPlan(unfilled.isEmpty() ? PlanStatus.OK : PlanStatus.PARTIAL, request.strategy(), rows,
                unfilled, used.size(), CostBreakdown.ZERO, false, 0, why, null);
    }
}
