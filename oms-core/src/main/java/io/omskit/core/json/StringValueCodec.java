package io.omskit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.omskit.spi.OmsException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A value of one {@code String} (the typed ids, {@code HoldType}: records of one component; {@code EventId}:
 * a class with a {@code value()} accessor and a {@code String} constructor) as a plain JSON string.
 * Immutable; thread-safe.
 */
final class StringValueCodec implements ValueCodec {
    private final Class<?> type;
    private final Method accessor;
    private final Constructor<?> constructor;

    StringValueCodec(Class<?> type) {
        this.type = type;
        try {
            this.accessor = type.isRecord() ? type.getRecordComponents()[0].getAccessor() : type.getMethod("value");
            this.constructor = type.getDeclaredConstructor(String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no value() accessor or String constructor", e);
        }
    }

    @Override
    public JsonNode write(Object value) {
        try {
            return TextNode.valueOf((String) accessor.invoke(value));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }

    @Override
    public Object read(JsonNode node, String path) {
        String s = Scalars.text(node, path);
        try {
            return constructor.newInstance(s);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof OmsException) {
                throw (OmsException) e.getCause();
            }
            throw Failures.malformed(path, type.getSimpleName() + " refused its value", e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }
}
