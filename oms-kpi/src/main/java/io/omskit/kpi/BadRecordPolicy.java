package io.omskit.kpi;

/**
 * What an importer does with a bad record (missing id, unparsable time, negative quantity, unknown line, ...).
 *
 * <p>An enum: immutable, thread-safe. Either way the problem is reported with its line number; nothing is dropped
 * silently, and a bad record never corrupts the others.
 */
public enum BadRecordPolicy {
    /** Report it in the result and go on with the next record. */
    SKIP,
    /** Stop the import with an {@code OmsValidationException} naming the line. */
    FAIL
}
