package io.omskit.core.json;

import io.omskit.spi.model.BucketCounts;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderSnapshot;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the codec of every type reachable from a set of root records, once. A type the mapping does not
 * know fails here, at construction, with {@link IllegalStateException}: a new SPI type cannot slip through
 * unmapped.
 *
 * <p>Not thread-safe while building; the codecs it hands out are immutable and thread-safe.
 */
final class Codecs {
    private final Map<Class<?>, ValueCodec> cache = new HashMap<>();
    private final Set<Class<?>> building = new HashSet<>();

    /** The codec of {@code type}. */
    ValueCodec of(Type type) {
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            if (p.getRawType() == List.class) {
                return new ListCodec(of(p.getActualTypeArguments()[0]));
            }
            throw new IllegalStateException("no JSON mapping for " + type);
        }
        if (!(type instanceof Class<?>)) {
            throw new IllegalStateException("no JSON mapping for " + type);
        }
        Class<?> c = (Class<?>) type;
        ValueCodec known = cache.get(c);
        if (known != null) {
            return known;
        }
        ValueCodec made = make(c);
        cache.put(c, made);
        return made;
    }

    // the snapshot's JSON properties, in order: its components with the placement's in its place
    private static final List<String> SNAPSHOT_PROPERTIES = List.of("id", "version", "state", "status", "channel",
            "externalOrderId", "idempotencyKey", "customer", "currency", "shipTo", "billTo", "pickupLocation",
            "placedAt", "promisedBy", "lines", "holds", "fulfillments", "payments", "returns", "fraud", "updatedAt",
            "paymentRequests");

    /** The codec of a record type as a JSON object. */
    RecordCodec record(Class<?> type) {
        ValueCodec c = of(type);
        if (!(c instanceof RecordCodec)) {
            throw new IllegalStateException(type.getName() + " is not mapped as a JSON object");
        }
        return (RecordCodec) c;
    }

    /**
     * The codec of {@link OrderSnapshot}: its JSON object lists the facts of its {@link io.omskit.spi.model.OrderPlacement} as its own
     * properties, in the order of the constructor that takes them one by one (the form snapshots had before the
     * placement was one value), and reads through that constructor.
     */
    RecordCodec snapshot() {
        List<RecordCodec.Property> properties = new ArrayList<>();
        Class<?>[] parameterTypes = new Class<?>[SNAPSHOT_PROPERTIES.size()];
        try {
            for (int i = 0; i < parameterTypes.length; i++) {
                String name = SNAPSHOT_PROPERTIES.get(i);
                Method accessor = OrderSnapshot.class.getMethod(name);
                parameterTypes[i] = accessor.getReturnType();
                properties.add(new RecordCodec.Property(snakeCase(name), accessor,
                        accessor.getReturnType().isPrimitive(), of(accessor.getGenericReturnType())));
            }
            return new RecordCodec(OrderSnapshot.class, OrderSnapshot.class.getConstructor(parameterTypes),
                    properties, Set.of());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("OrderSnapshot lacks its flat accessors or constructor", e);
        }
    }

    private ValueCodec make(Class<?> c) {
        if (c == String.class) {
            return Scalars.STRING;
        }
        if (c == int.class || c == Integer.class) {
            return Scalars.INT;
        }
        if (c == long.class || c == Long.class) {
            return Scalars.LONG;
        }
        if (c == boolean.class || c == Boolean.class) {
            return Scalars.BOOLEAN;
        }
        if (c == double.class || c == Double.class) {
            return Scalars.DOUBLE;
        }
        if (c == Instant.class) {
            return Scalars.INSTANT;
        }
        if (c == Currency.class) {
            return Scalars.CURRENCY;
        }
        if (c == Money.class) {
            return Scalars.MONEY;
        }
        if (c == BucketCounts.class) {
            return Scalars.BUCKET_COUNTS;
        }
        if (c == EventId.class) {
            return new StringValueCodec(c);
        }
        if (c.isEnum()) {
            return Scalars.enumCodec(c);
        }
        if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            if (components.length == 1 && components[0].getType() == String.class) {
                return new StringValueCodec(c);
            }
            if (!building.add(c)) {
                throw new IllegalStateException("recursive record " + c.getName() + " cannot be mapped");
            }
            try {
                List<RecordCodec.Property> properties = new ArrayList<>();
                for (RecordComponent rc : components) {
                    properties.add(new RecordCodec.Property(snakeCase(rc.getName()), rc.getAccessor(),
                            rc.getType().isPrimitive(), of(rc.getGenericType())));
                }
                return new RecordCodec(c, properties, Set.of());
            } finally {
                building.remove(c);
            }
        }
        throw new IllegalStateException("no JSON mapping for " + c.getName());
    }

    /** {@code orderVersion} to {@code order_version}; {@code line1} stays {@code line1}. */
    static String snakeCase(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
