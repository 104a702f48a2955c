package io.omskit.spi.port;

import java.util.List;

/**
 * A parcel carrier: rates, labels with tracking numbers and tracking events. The host implements it over
 * its carriers or a multi-carrier API; {@code oms-core} ships a simulated carrier and {@code oms-spi-tck} the
 * kit {@code CarrierGatewayCompatibilityKit}.
 *
 * <p>Implementations must be thread-safe. A provider failure is a {@link io.omskit.spi.ProviderException}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>R6.1</b> {@link #quote} returns at least one quote for a valid request, cheapest first.</li>
 *   <li><b>R6.2</b> {@link #createLabel} is idempotent by its key: a repeat returns the same label (same
 *       tracking number) and buys nothing more, also when it comes through another instance of the adapter (as
 *       another application server has) and when the repeat's request differs in anything but its order and
 *       fulfillment (the engine rebuilds the request when it resumes, and a location may have moved or an address
 *       been corrected since: the label bought first stands). A key reused for another order or fulfillment may be
 *       refused ({@code INVALID_VALUE}).</li>
 *   <li><b>R6.3</b> different keys get different tracking numbers, whichever instance of the adapter bought them;
 *       keys are compared exactly (keys that differ only in case or trailing spaces are different).</li>
 *   <li><b>R6.4</b> {@link #trackingEvents} of a tracking number this carrier issued (through any instance of the
 *       adapter) returns its events in time order, each event id once; of an unknown number, an empty list.
 *       (Optional capability: a carrier that only pushes events declares it in the kit.)</li>
 * </ul>
 */
public interface CarrierGateway {

    /** R6.1 */
    List<RateQuote> quote(ShipmentRequest request);

    /** R6.2, R6.3 */
    ShippingLabel createLabel(String idempotencyKey, ShipmentRequest request);

    /** R6.4 */
    List<TrackingEvent> trackingEvents(String trackingNumber);
}
