package io.omskit.core;

/**
 * A handle on something registered (a listener): {@link #remove()} unregisters it. Removing twice is harmless.
 * Usable in try-with-resources ({@link #close()} removes).
 *
 * <p>Implementations are thread-safe.
 */
public interface Registration extends AutoCloseable {
    /** Unregisters; idempotent. */
    void remove();

    /** Same as {@link #remove()}. */
    @Override
    default void close() {
        remove();
    }
}
