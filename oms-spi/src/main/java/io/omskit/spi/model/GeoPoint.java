package io.omskit.spi.model;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;

/**
 * A position on Earth in decimal degrees.
 *
 * <p>An immutable value; thread-safe. Latitude must lie in [-90, 90] and longitude in [-180, 180], both
 * finite; anything else is refused with {@link OmsErrorCode#INVALID_VALUE}.
 *
 * @param lat latitude in degrees
 * @param lon longitude in degrees
 */
public record GeoPoint(double lat, double lon) {
    /** The radius of the sphere used for distances, in km. */
    public static final double EARTH_RADIUS_KM = 6371.0;

    public GeoPoint {
        if (!(lat >= -90.0 && lat <= 90.0)) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "latitude out of [-90, 90]: " + lat);
        }
        if (!(lon >= -180.0 && lon <= 180.0)) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "longitude out of [-180, 180]: " + lon);
        }
    }

    /** Great-circle (haversine) distance to {@code other} on a sphere of radius {@value #EARTH_RADIUS_KM} km. */
    public double distanceKm(GeoPoint other) {
        return haversineKm(lat, lon, other.lat, other.lon);
    }

    /** Haversine distance in km between two positions given in degrees. */
    public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }
}
