package io.omskit.spi.model;

/**
 * The channel an order came from: its kind and the host's id of the storefront, app, store or marketplace.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param type the kind of channel
 * @param id the host's id of this channel, such as {@code "web-us"} or {@code "amazon-de"}
 */
public record Channel(ChannelType type, String id) {
    public Channel {
        Checks.present(type, "channel type");
        Checks.id(id, "channel id");
    }

    /** One channel per type, made once: {@link #of} is called for every order of a host that names no channel. */
    private static final Channel[] BY_TYPE = byType();

    private static Channel[] byType() {
        ChannelType[] types = ChannelType.values();
        Channel[] channels = new Channel[types.length];
        for (ChannelType t : types) {
            channels[t.ordinal()] = new Channel(t, t.name().toLowerCase(java.util.Locale.ROOT));
        }
        return channels;
    }

    /** A channel whose id is its type in lower case ({@code web}, {@code app}, ...); the same value for a type. */
    public static Channel of(ChannelType type) {
        Checks.present(type, "channel type");
        return BY_TYPE[type.ordinal()];
    }
}
