package io.omskit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.omskit.spi.OmsException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record as a JSON object whose properties are its components in declaration order, named in snake_case
 * ({@code orderVersion} is {@code order_version}). Null components are left out on writing; on reading, an
 * absent property and a JSON {@code null} both give {@code null}, and the record's constructor decides whether
 * that is allowed. Unknown properties are refused.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class RecordCodec implements ValueCodec {
    private final Class<?> type;
    private final Constructor<?> constructor;
    private final List<Property> properties;
    private final Map<String, Property> byName;
    private final Set<String> extraAllowed;

    /** One component: its JSON name, accessor and codec. */
    record Property(String name, Method accessor, boolean primitive, ValueCodec codec) {
    }

    RecordCodec(Class<?> type, List<Property> properties, Set<String> extraAllowed) {
        this(type, canonical(type), properties, extraAllowed);
    }

    /**
     * A record read through {@code constructor}, whose parameters are the {@code properties} in order (another
     * constructor than the canonical one: a record whose JSON form flattens one of its components).
     */
    RecordCodec(Class<?> type, Constructor<?> constructor, List<Property> properties, Set<String> extraAllowed) {
        this.type = type;
        this.properties = List.copyOf(properties);
        this.extraAllowed = Set.copyOf(extraAllowed);
        this.constructor = constructor;
        Map<String, Property> m = new LinkedHashMap<>();
        for (Property p : properties) {
            if (m.put(p.name(), p) != null || this.extraAllowed.contains(p.name())) {
                throw new IllegalStateException("record " + type.getName() + " maps two values to property " + p.name());
            }
        }
        this.byName = Map.copyOf(m);
    }

    /** The same record with other names allowed beside its properties (the events' {@code type}). */
    RecordCodec allowing(Set<String> names) {
        return new RecordCodec(type, constructor, properties, names);
    }

    private static Constructor<?> canonical(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            return type.getDeclaredConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    @Override
    public JsonNode write(Object value) {
        return writeObject(value, null);
    }

    /** The object, with a leading {@code "type"} property when {@code typeName} is not null. */
    ObjectNode writeObject(Object value, String typeName) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (typeName != null) {
            o.set("type", TextNode.valueOf(typeName));
        }
        for (Property p : properties) {
            Object v = invoke(p.accessor(), value);
            if (v != null) {
                o.set(p.name(), p.codec().write(v));
            }
        }
        return o;
    }

    @Override
    public Object read(JsonNode node, String path) {
        if (!node.isObject()) {
            throw Failures.malformed(path, "expected an object, found " + Failures.kind(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!byName.containsKey(name) && !extraAllowed.contains(name)) {
                throw Failures.malformed(path, "unknown property " + Failures.echo(name) + " of "
                        + type.getSimpleName());
            }
        }
        Object[] args = new Object[properties.size()];
        for (int i = 0; i < args.length; i++) {
            Property p = properties.get(i);
            JsonNode v = node.get(p.name());
            String at = path + "." + p.name();
            if (v == null || v.isNull()) {
                if (p.primitive()) {
                    throw Failures.malformed(at, "missing required property");
                }
                args[i] = null;
            } else {
                args[i] = p.codec().read(v, at);
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OmsException) {
                throw (OmsException) cause;
            }
            if (cause instanceof RuntimeException) {
                // a record that refused its input without an OmsException (such as a null inside a list)
                throw Failures.malformed(path, type.getSimpleName() + " refused its properties", cause);
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("constructor of " + type.getName() + " failed", cause);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object invoke(Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("accessor " + accessor + " failed", cause);
        }
    }
}
