package io.omskit.examples.demo;

import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.port.RoutingPlan;
import java.util.List;
import java.util.Map;

/**
 * What a demo run did: orders per final status, units per bucket, stock and its conservation check, money,
 * routing figures, one plan's explanation and one order's event timeline.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param orders orders placed
 * @param ordersByStatus final order status counts
 * @param unitsByBucket units per bucket over all orders
 * @param initialStock units on hand at the start
 * @param replenishedStock units delivered by suppliers during the run
 * @param restockedReturns returned units put back into stock
 * @param onHandAfter units on hand at the end
 * @param shippedUnits units shipped or picked up
 * @param reservedAfter units still reserved at the end
 * @param oversoldUnits units reserved beyond on hand, summed over locations (must be 0)
 * @param conservationViolations per SKU, where initial + replenished + restocked != on hand + shipped (must be empty)
 * @param moneyViolations orders where captured > authorized or refunded > captured (must be empty)
 * @param authorized money authorized at the provider
 * @param captured money captured
 * @param refunded money refunded
 * @param voided money voided
 * @param shippedOrders orders with at least one shipment or pickup
 * @param shipments shipments and pickups
 * @param splitOrders orders with more than one shipment
 * @param meanPlannedShippingCost the mean routing cost of the plans used, in cost units
 * @param labels shipping labels bought
 * @param explainedOrder the order whose plan is explained
 * @param explainedPlan its plan
 * @param storyOrder the order whose timeline is shown
 * @param storyTimeline its events
 * @param actions how often each scenario branch happened
 * @param unexpected commands the engine refused that the scenario did not expect (must be empty)
 * @param allEvents every event of every order, in order per order
 */
public record DemoResult(int orders, Map<OrderStatus, Integer> ordersByStatus, Map<Bucket, Long> unitsByBucket,
                         long initialStock, long replenishedStock, long restockedReturns, long onHandAfter,
                         long shippedUnits, long reservedAfter, long oversoldUnits, List<String> conservationViolations,
                         List<String> moneyViolations, Money authorized, Money captured, Money refunded, Money voided,
                         int shippedOrders, long shipments, int splitOrders, double meanPlannedShippingCost,
                         int labels, OrderId explainedOrder, RoutingPlan explainedPlan, OrderId storyOrder,
                         List<OrderEvent> storyTimeline, Map<String, Integer> actions, List<String> unexpected,
                         List<OrderEvent> allEvents) {
    public DemoResult {
        ordersByStatus = Map.copyOf(ordersByStatus);
        unitsByBucket = Map.copyOf(unitsByBucket);
        conservationViolations = List.copyOf(conservationViolations);
        moneyViolations = List.copyOf(moneyViolations);
        storyTimeline = List.copyOf(storyTimeline);
        actions = Map.copyOf(actions);
        unexpected = List.copyOf(unexpected);
        allEvents = List.copyOf(allEvents);
    }

    /** Whether stock is conserved, nothing is oversold, and money and commands are consistent. */
    public boolean consistent() {
        return conservationViolations.isEmpty() && oversoldUnits == 0 && moneyViolations.isEmpty() && unexpected.isEmpty();
    }

    /** Split rate: orders with more than one shipment over orders with any. */
    public double splitRate() {
        return shippedOrders == 0 ? 0 : (double) splitOrders / shippedOrders;
    }
}
