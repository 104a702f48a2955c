package io.omskit.core;

import io.omskit.spi.event.OrderEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry of host listeners for domain events, used by the engine to publish committed events.
 *
 * <p>Thread-safe: registration, removal and publishing may happen from any thread at any time (copy-on-write;
 * a publish sees the listeners registered when it started). {@link #publish} calls the listeners in
 * registration order on the calling thread. A listener that throws is logged at WARN with the order id and the
 * event type and the others still run; the exception is never rethrown, because the events are already
 * committed.
 */
public final class EventListeners {
    private static final Logger LOG = LoggerFactory.getLogger(EventListeners.class);

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    private static final class Entry {
        private final Class<? extends OrderEvent> type;
        private final Consumer<? super OrderEvent> listener;

        Entry(Class<? extends OrderEvent> type, Consumer<? super OrderEvent> listener) {
            this.type = type;
            this.listener = listener;
        }
    }

    /** An empty registry. */
    public EventListeners() {
    }

    /** Registers a listener for every event; the same listener registered twice is called twice. */
    public Registration register(Consumer<? super OrderEvent> listener) {
        return add(new Entry(OrderEvent.class, Objects.requireNonNull(listener, "listener")));
    }

    /** Registers a listener for events of {@code type} only (such as {@code FulfillmentShipped.class}). */
    public <E extends OrderEvent> Registration register(Class<E> type, Consumer<? super E> listener) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(listener, "listener");
        return add(new Entry(type, e -> listener.accept(type.cast(e))));
    }

    private Registration add(Entry entry) {
        entries.add(entry);
        return () -> entries.remove(entry);
    }

    /** How many listeners are registered. */
    public int size() {
        return entries.size();
    }

    /** Calls every matching listener with each event, in order; never throws because of a listener. */
    public void publish(List<? extends OrderEvent> events) {
        Objects.requireNonNull(events, "events");
        if (entries.isEmpty()) {
            return;
        }
        Object[] registered = entries.toArray(); // the listeners of this whole publish, however many events it has
        for (OrderEvent e : events) {
            for (Object o : registered) {
                Entry entry = (Entry) o;
                if (!entry.type.isInstance(e)) {
                    continue;
                }
                try {
                    entry.listener.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("event listener failed on order {} event {} ({}); ignored", e.orderId(), e.type(),
                            e.eventId(), ex);
                }
            }
        }
    }
}
