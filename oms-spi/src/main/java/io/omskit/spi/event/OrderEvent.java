package io.omskit.spi.event;

import io.omskit.spi.model.EventId;
import io.omskit.spi.model.OrderId;
import java.time.Instant;

/**
 * A domain event: something that happened to an order. Events are the audit trail, the integration feed
 * and the only input of the KPI calculators; folding an order's events from nothing gives back its snapshot.
 *
 * <p>Every implementation is an immutable record; thread-safe. The family is closed (sealed); {@link #type()}
 * is a stable name such as {@code order.placed.v1} that never changes for a given record shape.
 * All events of one accepted command carry the same {@link #orderVersion()}.
 */
public sealed interface OrderEvent permits OrderPlaced, OrderConfirmed, OrderRejected, OrderCancelled,
        OrderCompleted, OrderStateChanged, HoldPlaced, HoldReleased, FraudScreened, PaymentAuthorized,
        PaymentDeclined, PaymentCaptured, PaymentVoided, PaymentRefunded, LineQuantityMoved, LineAdded,
        FulfillmentCreated, FulfillmentStateChanged, FulfillmentShipped, FulfillmentDelivered, TrackingEventRecorded,
        ReturnRequested, ReturnApproved, ReturnRejected, ReturnCancelled, ReturnReceived, ReturnInspected,
        ReturnClosed, PaymentRequested, PaymentRequestCompleted {

    /** Unique across all orders. */
    EventId eventId();

    /** The order it happened to. */
    OrderId orderId();

    /** The order's version after the command that produced this event. */
    long orderVersion();

    /** When it happened, from the engine's injected clock (or the imported history). */
    Instant occurredAt();

    /** The stable type name, such as {@code order.placed.v1}. */
    String type();
}
