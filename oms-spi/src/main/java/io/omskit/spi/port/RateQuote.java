package io.omskit.spi.port;

import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Money;

/**
 * A carrier's price for a shipment.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param carrier the carrier
 * @param service its service level, such as {@code ground}
 * @param price the price
 * @param transitDays expected days in transit
 */
public record RateQuote(String carrier, String service, Money price, int transitDays) {
    public RateQuote {
        Checks.id(carrier, "carrier");
        Checks.id(service, "service");
        Checks.present(price, "price");
        Checks.nonNegative(transitDays, "transit days");
    }
}
