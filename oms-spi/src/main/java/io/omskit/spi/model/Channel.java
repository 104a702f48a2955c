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

    /** A channel whose id is its type in lower case ({@code web}, {@code app}, ...). */
    public static Channel of(ChannelType type) {
        return new Channel(type, type.name().toLowerCase(java.util.Locale.ROOT));
    }
}
