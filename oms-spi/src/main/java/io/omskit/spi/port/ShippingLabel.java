package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Money;

/**
 * A purchased label.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param carrier the carrier
 * @param service its service level
 * @param trackingNumber the tracking number, unique per label
 * @param cost what the label cost
 */
public record ShippingLabel(String carrier, String service, String trackingNumber, Money cost) {
    public ShippingLabel {
        Checks.id(carrier, "carrier");
        Checks.id(service, "service");
        Checks.id(trackingNumber, "tracking number");
        Checks.present(cost, "cost");
    }
}
