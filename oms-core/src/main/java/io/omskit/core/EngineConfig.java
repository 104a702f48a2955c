package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Checks;
import io.omskit.spi.port.CostModel;

/**
 * The engine's settings: capture policy, optimistic retries, and how orders are routed.
 *
 * <p>An immutable value; thread-safe. Start from {@link #defaults()} and change with the {@code with...}
 * methods.
 *
 * @param capturePolicy when money is captured
 * @param maxAttempts how many times a command is decided and saved before a conflict is given up (at least 1)
 * @param routingStrategy the strategy name put into every routing request
 * @param costModel the routing cost model. The engine routes with partial plans allowed, so that what no location
 *     can ship is backordered: a unit whose cheapest way out costs more than {@code unfilledPenaltyPerUnit} is
 *     backordered too, stock or not. Keep the penalty above what shipping a unit may cost: omskit's router with
 *     {@code min_cost} and a penalty of 0 backorders every unit (the engine warns at start; a host's own router may
 *     ignore the penalty, so the value is not refused)
 * @param maxShipments the most shipments a routing plan may use; {@link Integer#MAX_VALUE} for no limit
 * @param routeWhileOwed whether replacement units (an exchange's) are routed and released while their order owes
 *     more than its authorizations cover (a dearer exchange's difference declined or not asked yet, a replacement
 *     allocated before its return was rejected) or while a further authorization is in flight. {@code false} (the
 *     default): {@code route}, {@code fillBackorders} and {@code resume} leave the order's units to route as they are,
 *     unreserved, and {@code release} refuses a fulfillment carrying replacement units, until
 *     {@code retryAuthorization} covers what is owed or the host cancels the units owed for; an order that owes only
 *     for units it has already routes the units it paid for. {@code true}: they are routed and ship, and what is owed
 *     is asked for when the host retries (the merchant carries the risk)
 */
public record EngineConfig(CapturePolicy capturePolicy, int maxAttempts, String routingStrategy, CostModel costModel,
                           int maxShipments, boolean routeWhileOwed) {
    static final String MIN_COST = "min_cost";

    public EngineConfig {
        Checks.present(capturePolicy, "capture policy");
        if (maxAttempts < 1) {
            throw new OmsValidationException(OmsErrorCode.CONFIGURATION, "max attempts must be at least 1, was " + maxAttempts);
        }
        Checks.id(routingStrategy, "routing strategy");
        Checks.present(costModel, "cost model");
        if (maxShipments < 1) {
            throw new OmsValidationException(OmsErrorCode.CONFIGURATION, "max shipments must be at least 1, was " + maxShipments);
        }
    }

    /** The settings with {@code routeWhileOwed} false (an owing order waits for its money before it is routed). */
    public EngineConfig(CapturePolicy capturePolicy, int maxAttempts, String routingStrategy, CostModel costModel,
                        int maxShipments) {
        this(capturePolicy, maxAttempts, routingStrategy, costModel, maxShipments, false);
    }

    /**
     * Capture at shipment, 8 attempts, strategy {@code min_cost}, a parcel cost model (package base 2.0,
     * 0.002 per package-km, 0.0005 per unit-km, unfilled penalty 50), no shipment limit, an
     * order that owes more than its authorizations cover not routed.
     */
    public static EngineConfig defaults() {
        return new EngineConfig(CapturePolicy.AT_SHIPMENT, 8, MIN_COST, new CostModel(2.0, 0.002, 0.0005, 50.0),
                Integer.MAX_VALUE, false);
    }

    public EngineConfig withCapturePolicy(CapturePolicy policy) {
        return new EngineConfig(policy, maxAttempts, routingStrategy, costModel, maxShipments, routeWhileOwed);
    }

    public EngineConfig withMaxAttempts(int attempts) {
        return new EngineConfig(capturePolicy, attempts, routingStrategy, costModel, maxShipments, routeWhileOwed);
    }

    public EngineConfig withRoutingStrategy(String strategy) {
        return new EngineConfig(capturePolicy, maxAttempts, strategy, costModel, maxShipments, routeWhileOwed);
    }

    public EngineConfig withCostModel(CostModel model) {
        return new EngineConfig(capturePolicy, maxAttempts, routingStrategy, model, maxShipments, routeWhileOwed);
    }

    public EngineConfig withMaxShipments(int shipments) {
        return new EngineConfig(capturePolicy, maxAttempts, routingStrategy, costModel, shipments, routeWhileOwed);
    }

    /** The same settings, routing an owing order or not (see {@code routeWhileOwed}). */
    public EngineConfig withRouteWhileOwed(boolean route) {
        return new EngineConfig(capturePolicy, maxAttempts, routingStrategy, costModel, maxShipments, route);
    }
}
