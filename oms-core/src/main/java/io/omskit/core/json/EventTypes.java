package io.omskit.core.json;

import io.omskit.spi.event.OrderEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The two-way map between event type names ({@code order.placed.v1}) and event record classes, built from
 * {@code OrderEvent.class.getPermittedSubclasses()} and each class's {@code public static final String TYPE},
 * so that a new event type is mapped without anyone remembering to.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class EventTypes {
    private final Map<String, Class<? extends OrderEvent>> byName;
    private final Map<Class<?>, String> byClass;

    EventTypes() {
        Map<String, Class<? extends OrderEvent>> names = new TreeMap<>();
        Map<Class<?>, String> classes = new HashMap<>();
        for (Class<?> c : OrderEvent.class.getPermittedSubclasses()) {
            if (!c.isRecord()) {
                throw new IllegalStateException("event " + c.getName() + " is not a record");
            }
            String name = typeName(c);
            Class<? extends OrderEvent> event = c.asSubclass(OrderEvent.class);
            Class<? extends OrderEvent> previous = names.put(name, event);
            if (previous != null) {
                throw new IllegalStateException("event type " + name + " is used by " + previous.getName()
                        + " and " + c.getName());
            }
            classes.put(c, name);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byClass = Map.copyOf(classes);
    }

    private static String typeName(Class<?> c) {
        try {
            Field f = c.getField("TYPE");
            int mod = f.getModifiers();
            if (f.getType() != String.class || !Modifier.isStatic(mod) || !Modifier.isFinal(mod)) {
                throw new IllegalStateException("event " + c.getName() + " must declare public static final String TYPE");
            }
            Object v = f.get(null);
            if (!(v instanceof String) || ((String) v).isBlank()) {
                throw new IllegalStateException("event " + c.getName() + " has a blank TYPE");
            }
            return (String) v;
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("event " + c.getName() + " must declare public static final String TYPE", e);
        }
    }

    /** The type name of an event class. */
    String nameOf(Class<?> eventClass) {
        String n = byClass.get(eventClass);
        if (n == null) {
            throw new IllegalStateException("not a permitted event class: " + eventClass.getName());
        }
        return n;
    }

    /** All type names, sorted. */
    Set<String> names() {
        return byName.keySet();
    }

    /** All type names with their classes, sorted by name. */
    Map<String, Class<? extends OrderEvent>> all() {
        return byName;
    }
}
