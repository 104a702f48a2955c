package io.omskit.spi.model;

/**
 * A postal address with an optional position.
 *
 * <p>An immutable value; thread-safe. This is personal data: {@link #toString()} shows only the country and
 * whether a position is known, so that an address never reaches a log line by accident.
 *
 * @param name recipient name, may be null
 * @param line1 street and number
 * @param line2 more, may be null
 * @param city city
 * @param region state or province, may be null
 * @param postalCode postal code, may be null
 * @param countryCode ISO 3166-1 alpha-2 country code
 * @param position the position, or null when unknown
 */
public record Address(String name, String line1, String line2, String city, String region, String postalCode,
                      String countryCode, GeoPoint position) {
    public Address {
        Checks.present(line1, "address line1");
        Checks.present(city, "address city");
        Checks.present(countryCode, "address country code");
    }

    /** A minimal address at a known position (tests, demos, imports). */
    public static Address at(String city, String countryCode, GeoPoint position) {
        return new Address(null, "-", null, city, null, null, countryCode, position);
    }

    @Override
    public String toString() {
        return "Address[country=" + countryCode + ", position=" + (position == null ? "unknown" : "known") + "]";
    }
}
