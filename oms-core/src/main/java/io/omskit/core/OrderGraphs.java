package io.omskit.core;

import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.ReturnStatus;
import java.util.List;

/**
 * The built-in state graphs of omskit: the order lifecycle, the fulfillment lifecycle, the return lifecycle
 * and the legal moves between line quantity buckets. {@link OrderDecider#standard()} uses exactly these;
 * a host extends them with {@link StateGraph#toBuilder()} and {@link OrderDecider.Builder}.
 *
 * <p>Stateless; thread-safe. Each method returns the same immutable instance on every call.
 */
public final class OrderGraphs {
    private static final StateGraph<OrderStatus> ORDER = buildOrder();
    private static final StateGraph<FulfillmentStatus> FULFILLMENT = buildFulfillment();
    private static final StateGraph<ReturnStatus> RETURNS = buildReturns();
    private static final StateGraph<Bucket> BUCKETS = buildBuckets();

    private OrderGraphs() {
    }

    /**
     * The order lifecycle: {@code PLACED -> IN_REVIEW -> CONFIRMED -> COMPLETED}; {@code PLACED -> CONFIRMED}
     * (explicit confirmation); {@code PLACED|IN_REVIEW -> REJECTED}; {@code PLACED|IN_REVIEW|CONFIRMED ->
     * CANCELLED}; and {@code COMPLETED -> CONFIRMED}, taken when an exchange adds new open units to a completed
     * order.
     */
    public static StateGraph<OrderStatus> orderLifecycle() {
        return ORDER;
    }

    /**
     * The fulfillment lifecycle: {@code PLANNED -> RELEASED -> PICKING -> PACKED -> SHIPPED -> DELIVERED};
     * {@code SHIPPED -> DELIVERY_FAILED -> DELIVERED} (redelivery); {@code PACKED -> READY_FOR_PICKUP ->
     * PICKED_UP} for pickups; and {@code CANCELLED} from every state before shipment.
     */
    public static StateGraph<FulfillmentStatus> fulfillment() {
        return FULFILLMENT;
    }

    /**
     * The return lifecycle: {@code REQUESTED -> APPROVED -> RECEIVED -> CLOSED}; {@code REQUESTED -> REJECTED};
     * {@code REQUESTED|APPROVED -> CANCELLED}; and {@code APPROVED -> CLOSED} (closed after a partial reception).
     */
    public static StateGraph<ReturnStatus> returns() {
        return RETURNS;
    }

    /**
     * The legal moves of units between line buckets. Forward along fulfillment ({@code PENDING -> ALLOCATED ->
     * RELEASED -> PICKED -> PACKED -> SHIPPED -> DELIVERED}, {@code PACKED -> READY_FOR_PICKUP -> PICKED_UP}),
     * to {@code BACKORDERED} from {@code PENDING} (no stock), {@code ALLOCATED} (reservation failed) and
     * {@code RELEASED} (short pick), back out of it
     * to {@code ALLOCATED}, to {@code CANCELLED} from every bucket before shipment, {@code SHIPPED -> LOST},
     * and the return moves {@code DELIVERED|PICKED_UP -> RETURN_REQUESTED -> RETURNED|DELIVERED|PICKED_UP}.
     */
    public static StateGraph<Bucket> buckets() {
        return BUCKETS;
    }

    private static StateGraph<OrderStatus> buildOrder() {
        StateGraph.Builder<OrderStatus> b = StateGraph.builder("order", OrderStatus.class, OrderStatus.PLACED);
        b.transitions(OrderStatus.PLACED, List.of(OrderStatus.IN_REVIEW, OrderStatus.CONFIRMED, OrderStatus.REJECTED,
                OrderStatus.CANCELLED));
        b.transitions(OrderStatus.IN_REVIEW, List.of(OrderStatus.CONFIRMED, OrderStatus.REJECTED, OrderStatus.CANCELLED));
        b.transitions(OrderStatus.CONFIRMED, List.of(OrderStatus.COMPLETED, OrderStatus.CANCELLED));
        b.transition(OrderStatus.COMPLETED, OrderStatus.CONFIRMED);
        return b.build();
    }

    private static StateGraph<FulfillmentStatus> buildFulfillment() {
        StateGraph.Builder<FulfillmentStatus> b = StateGraph.builder("fulfillment", FulfillmentStatus.class,
                FulfillmentStatus.PLANNED);
        b.transitions(FulfillmentStatus.PLANNED, List.of(FulfillmentStatus.RELEASED, FulfillmentStatus.CANCELLED));
        b.transitions(FulfillmentStatus.RELEASED, List.of(FulfillmentStatus.PICKING, FulfillmentStatus.CANCELLED));
        b.transitions(FulfillmentStatus.PICKING, List.of(FulfillmentStatus.PACKED, FulfillmentStatus.CANCELLED));
        b.transitions(FulfillmentStatus.PACKED, List.of(FulfillmentStatus.SHIPPED, FulfillmentStatus.READY_FOR_PICKUP,
                FulfillmentStatus.CANCELLED));
        b.transitions(FulfillmentStatus.SHIPPED, List.of(FulfillmentStatus.DELIVERED, FulfillmentStatus.DELIVERY_FAILED,
                FulfillmentStatus.LOST));
        b.transitions(FulfillmentStatus.DELIVERY_FAILED, List.of(FulfillmentStatus.DELIVERED, FulfillmentStatus.LOST));
        b.transitions(FulfillmentStatus.READY_FOR_PICKUP, List.of(FulfillmentStatus.PICKED_UP,
                FulfillmentStatus.CANCELLED));
        return b.build();
    }

    private static StateGraph<ReturnStatus> buildReturns() {
        StateGraph.Builder<ReturnStatus> b = StateGraph.builder("return", ReturnStatus.class, ReturnStatus.REQUESTED);
        b.transitions(ReturnStatus.REQUESTED, List.of(ReturnStatus.APPROVED, ReturnStatus.REJECTED,
                ReturnStatus.CANCELLED));
        b.transitions(ReturnStatus.APPROVED, List.of(ReturnStatus.RECEIVED, ReturnStatus.CANCELLED, ReturnStatus.CLOSED));
        b.transition(ReturnStatus.RECEIVED, ReturnStatus.CLOSED);
        return b.build();
    }

    private static StateGraph<Bucket> buildBuckets() {
        StateGraph.Builder<Bucket> b = StateGraph.builder("bucket", Bucket.class, Bucket.PENDING);
        b.transitions(Bucket.PENDING, List.of(Bucket.ALLOCATED, Bucket.BACKORDERED, Bucket.CANCELLED));
        b.transitions(Bucket.BACKORDERED, List.of(Bucket.ALLOCATED, Bucket.CANCELLED));
        b.transitions(Bucket.ALLOCATED, List.of(Bucket.RELEASED, Bucket.BACKORDERED, Bucket.CANCELLED));
        b.transitions(Bucket.RELEASED, List.of(Bucket.PICKED, Bucket.BACKORDERED, Bucket.CANCELLED));
        b.transitions(Bucket.PICKED, List.of(Bucket.PACKED, Bucket.CANCELLED));
        b.transitions(Bucket.PACKED, List.of(Bucket.SHIPPED, Bucket.READY_FOR_PICKUP, Bucket.CANCELLED));
        b.transitions(Bucket.SHIPPED, List.of(Bucket.DELIVERED, Bucket.LOST));
        b.transitions(Bucket.READY_FOR_PICKUP, List.of(Bucket.PICKED_UP, Bucket.CANCELLED));
        b.transition(Bucket.DELIVERED, Bucket.RETURN_REQUESTED);
        b.transition(Bucket.PICKED_UP, Bucket.RETURN_REQUESTED);
        b.transitions(Bucket.RETURN_REQUESTED, List.of(Bucket.RETURNED, Bucket.DELIVERED, Bucket.PICKED_UP));
        return b.build();
    }
}
