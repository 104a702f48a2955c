package io.omskit.kpi;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Checks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A reporting window: the half-open range of business-local dates {@code [start, endExclusive)} in a time zone.
 *
 * <p>An immutable value; thread-safe. The window covers the instants from the start of {@code start} to the start
 * of {@code endExclusive} in {@code zone}, so a window over a DST change is 23 or 25 hours longer or shorter
 * than {@code days() * 24} hours (March 2024 in America/New_York is 743 hours).
 *
 * @param zone the business time zone
 * @param start the first local date in the window
 * @param endExclusive the first local date after the window; strictly after {@code start}
 */
public record KpiWindow(ZoneId zone, LocalDate start, LocalDate endExclusive) {
    /** The longest window, in days: 100 years (a report keeps counters per day). */
    public static final int MAX_DAYS = 36_525;

    public KpiWindow {
        Checks.present(zone, "zone");
        Checks.present(start, "window start");
        Checks.present(endExclusive, "window end");
        if (!endExclusive.isAfter(start)) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    "window end " + endExclusive + " must be after its start " + start);
        }
        if (ChronoUnit.DAYS.between(start, endExclusive) > MAX_DAYS) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "window " + start + " to " + endExclusive
                    + " is longer than " + MAX_DAYS + " days");
        }
    }

    /** A one-day window. */
    public static KpiWindow day(ZoneId zone, LocalDate date) {
        return new KpiWindow(zone, date, date.plusDays(1));
    }

    /** The number of local days in the window. */
    public int days() {
        return Math.toIntExact(ChronoUnit.DAYS.between(start, endExclusive));
    }

    /** The first instant in the window (start of {@code start} in {@code zone}). */
    public Instant startInstant() {
        return start.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the window. */
    public Instant endInstant() {
        return endExclusive.atStartOfDay(zone).toInstant();
    }

    /** Whether the instant's local date in {@code zone} is in the window. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(startInstant()) && instant.isBefore(endInstant());
    }
}
