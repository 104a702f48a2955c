package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import java.time.Instant;

/**
 * One tracking event from a carrier. The engine records each once, by {@code eventId}.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param eventId the carrier's unique id of this event
 * @param trackingNumber the parcel
 * @param status what happened
 * @param at when, by the carrier's clock
 * @param description free text, or null
 */
public record TrackingEvent(String eventId, String trackingNumber, TrackingStatus status, Instant at,
                            String description) {
    public TrackingEvent {
        Checks.id(eventId, "tracking event id");
        Checks.id(trackingNumber, "tracking number");
        Checks.present(status, "tracking status");
        Checks.present(at, "tracking time");
    }
}
