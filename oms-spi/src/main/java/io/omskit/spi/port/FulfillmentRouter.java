package io.omskit.spi.port;

/**
 * The routing port: decides which location(s) ship an order. {@code oms-routing} implements it with named
 * strategies ({@code priority}, {@code distance}, {@code fewest_splits}, {@code min_cost}); a host may plug in
 * its own.
 *
 * <p>Implementations must be thread-safe and must not mutate the request.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>R7.1</b> invalid input yields a plan with status {@link PlanStatus#REJECTED} and an error whose
 *       code is, checked in this order, {@code EMPTY_ORDER}, {@code INVALID_QUANTITY}, {@code UNKNOWN_SKU},
 *       {@code DUPLICATE_SKU_LINE}, {@code PICKUP_LOCATION_UNAVAILABLE}, {@code UNKNOWN_STRATEGY}.</li>
 *   <li><b>R7.2</b> no allocation exceeds a location's available stock (stock - reserved - safety stock)
 *       or its capacity, except under status {@code OVERSOLD}; no allocation uses a disabled or excluded
 *       location; with a pickup location, only that one.</li>
 *   <li><b>R7.3</b> per SKU, allocated + unfilled = demand; a shortage without {@code allowPartial} is a
 *       rejection with {@code INSUFFICIENT_STOCK} and no allocation.</li>
 *   <li><b>R7.4</b> the plan uses at most {@code maxShipments} locations.</li>
 *   <li><b>R7.5</b> the same request gives the same plan (deterministic tie-breaking).</li>
 * </ul>
 */
public interface FulfillmentRouter {

    /** R7.1 to R7.5 */
    RoutingPlan route(RoutingRequest request);
}
