package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.port.internal.LocationReasons;
import java.util.List;
import java.util.Map;

/**
 * Why a plan is what it is: the chosen locations, the best alternative and how much more it costs, the
 * constraints that bound the choice, and every location left out with its reason.
 *
 * <p>An immutable value; thread-safe. Collections are copied, except an excluded map that is a
 * {@link LocationReasons} (immutable already, kept as it is).
 *
 * @param chosen the locations used, in a stable order
 * @param runnerUp the best alternative location set the router evaluated and did not choose; empty when there
 *     was none (its cost is then NaN) or when the alternative ships nothing (a partial plan, with a real cost); a
 *     router says which sets it evaluates (an exact optimizer prunes, so this need not be the second-best plan
 *     overall)
 * @param runnerUpCost its total cost, or NaN when there was none
 * @param runnerUpDelta its cost minus the chosen cost, or NaN
 * @param bindingConstraints short sentences: "SKU-1 short at DC-EAST", "max_shipments 1 reached", ...
 * @param excluded per location left out, the reason: "disabled", "excluded", "no stock", "no coordinates", ...
 * @param summary one sentence for people
 */
public record PlanExplanation(List<LocationId> chosen, List<LocationId> runnerUp, double runnerUpCost,
                              double runnerUpDelta, List<String> bindingConstraints,
                              Map<LocationId, String> excluded, String summary) {
    public PlanExplanation {
        chosen = Checks.list(chosen, "chosen");
        runnerUp = Checks.list(runnerUp, "runner-up");
        bindingConstraints = Checks.list(bindingConstraints, "binding constraints");
        // a LocationReasons is final and immutable (its entries are fixed when it is built): no copy needed
        excluded = excluded instanceof LocationReasons ? excluded
                : Map.copyOf(Checks.present(excluded, "excluded"));
        Checks.present(summary, "summary");
    }
}
