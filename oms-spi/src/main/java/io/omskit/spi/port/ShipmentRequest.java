package io.omskit.spi.port;

import io.omskit.spi.model.Address;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.OrderId;

/**
 * A parcel to be rated or labelled.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param orderId the order
 * @param fulfillmentId the fulfillment shipped
 * @param origin where it leaves from, or null when unknown
 * @param destination where it goes
 * @param units how many units it holds, at least 1
 */
public record ShipmentRequest(OrderId orderId, FulfillmentId fulfillmentId, GeoPoint origin, Address destination,
                              int units) {
    public ShipmentRequest {
        Checks.present(orderId, "order id");
        Checks.present(fulfillmentId, "fulfillment id");
        Checks.present(destination, "destination");
        Checks.positive(units, "units");
    }
}
