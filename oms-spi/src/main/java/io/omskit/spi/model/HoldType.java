package io.omskit.spi.model;

/**
 * The kind of a hold. The built-in kinds are constants; a host defines its own with {@link #of(String)}.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param name upper-case name such as {@code FRAUD_REVIEW}
 */
public record HoldType(String name) {
    public static final HoldType FRAUD_REVIEW = new HoldType("FRAUD_REVIEW");
    public static final HoldType PAYMENT = new HoldType("PAYMENT");
    public static final HoldType ADDRESS = new HoldType("ADDRESS");
    public static final HoldType MANUAL = new HoldType("MANUAL");

    public HoldType {
        Checks.id(name, "hold type");
    }

    public static HoldType of(String name) {
        return new HoldType(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
