package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import java.util.List;
import java.util.Set;

/**
 * Everything a router needs to decide where an order ships from: the strategy, the candidate locations with
 * their stock, the demand and destination, options and the cost model. Its JSON form is in
 * {@code formats/routing.md}.
 *
 * <p>An immutable value; thread-safe. Collections are copied.
 *
 * @param strategy the strategy's name, such as {@code min_cost}
 * @param locations the candidates
 * @param lines the demand
 * @param destination where it goes, or null (pickup, or unknown)
 * @param excludedLocations locations not to use
 * @param pickupLocation the store the customer collects from, or null
 * @param options options
 * @param costModel the cost model
 */
public record RoutingRequest(String strategy, List<CandidateLocation> locations, List<RoutingLine> lines,
                             GeoPoint destination, Set<LocationId> excludedLocations, LocationId pickupLocation,
                             RoutingOptions options, CostModel costModel) {
    public RoutingRequest {
        Checks.id(strategy, "strategy");
        locations = Checks.list(locations, "locations");
        lines = Checks.list(lines, "lines");
        excludedLocations = Set.copyOf(Checks.present(excludedLocations, "excluded locations"));
        Checks.present(options, "options");
        Checks.present(costModel, "cost model");
    }
}
