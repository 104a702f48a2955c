package io.omskit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.BucketCounts;
import io.omskit.spi.model.Money;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The codecs of leaf types: strings, numbers, booleans, instants, currencies, enums, money and bucket
 * counts. Each is immutable and thread-safe. Reading is strict about JSON types: a number is never read
 * from a string nor a string from a number, and an integer never from a fraction.
 */
final class Scalars {
    private Scalars() {
    }

    static final ValueCodec STRING = new ValueCodec() {
        @Override
        public JsonNode write(Object value) {
            return TextNode.valueOf((String) value);
        }

        @Override
        public Object read(JsonNode node, String path) {
            return text(node, path);
        }
    };

    static final ValueCodec INT = new ValueCodec() {
        @Override
        public JsonNode write(Object value) {
            return IntNode.valueOf((Integer) value);
        }

        @Override
        public Object read(JsonNode node, String path) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw Failures.malformed(path, "expected a 32-bit integer, found " + Failures.kind(node));
            }
            return node.intValue();
        }
    };

    static final ValueCodec LONG = new ValueCodec() {
        @Override
        public JsonNode write(Object value) {
            return LongNode.valueOf((Long) value);
        }

        @Override
        public Object read(JsonNode node, String path) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw Failures.malformed(path, "expected a 64-bit integer, found " + Failures.kind(node));
            }
            return node.longValue();
        }
    };

    static final ValueCodec BOOLEAN = new ValueCodec() {
        @Override
        public JsonNode write(Object value) {
            return BooleanNode.valueOf((Boolean) value);
        }

        @Override
        public Object read(JsonNode node, String path) {
            if (!node.isBoolean()) {
                throw Failures.malformed(path, "expected true or false, found " + Failures.kind(node));
            }
            return node.booleanValue();
        }
    };

    /** Doubles (coordinates only): written in Java's shortest round-trip form, so they read back exactly. */
    static final ValueCodec DOUBLE = new ValueCodec() {
        @Override
        public JsonNode write(Object value) {
            return DoubleNode.valueOf((Double) value);
        }

        @Override
        public Object read(JsonNode node, String path) {
            if (!node.isNumber()) {
                throw Failures.malformed(path, "expected a number, found " + Failures.kind(node));
            }
            return node.doubleValue();
        }
    };

    /** ISO-8601 instants in UTC, as {@link Instant#toString()} writes them: {@code 2024-03-04T15:20:11Z}. */
    static final ValueCodec INSTANT = new ValueCodec() {
        @Override
        public JsonNode write(Object value) {
            return TextNode.valueOf(value.toString());
        }

        @Override
        public Object read(JsonNode node, String path) {
            String s = text(node, path);
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw Failures.invalid(path, "not an ISO-8601 instant such as 2024-03-04T15:20:11Z: " + Failures.echo(s), e);
            }
        }
    };

    /** ISO 4217 codes such as {@code USD}. */
    static final ValueCodec CURRENCY = new ValueCodec() {
        @Override
        public JsonNode write(Object value) {
            return TextNode.valueOf(((Currency) value).getCurrencyCode());
        }

        @Override
        public Object read(JsonNode node, String path) {
            return currency(text(node, path), path);
        }
    };

    /** {@code {"amount":"35.19","currency":"USD"}}: an exact decimal string in major units, never a JSON number. */
    static final ValueCodec MONEY = new ValueCodec() {
        private final Pattern decimal = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

        @Override
        public JsonNode write(Object value) {
            Money m = (Money) value;
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("amount", m.toDecimal().toPlainString());
            o.put("currency", m.currency().getCurrencyCode());
            return o;
        }

        @Override
        public Object read(JsonNode node, String path) {
            if (!node.isObject()) {
                throw Failures.malformed(path, "expected an object {\"amount\":\"35.19\",\"currency\":\"USD\"}, found "
                        + Failures.kind(node));
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("amount") && !name.equals("currency")) {
                    throw Failures.malformed(path, "unknown property " + Failures.echo(name) + " of an amount");
                }
            }
            String amount = optionalText(node.get("amount"), path + ".amount");
            String code = optionalText(node.get("currency"), path + ".currency");
            if (amount == null) {
                throw Failures.malformed(path, "missing property 'amount'");
            }
            if (code == null) {
                throw Failures.malformed(path, "missing property 'currency'");
            }
            Currency currency = currency(code, path + ".currency");
            if (amount.length() > Money.MAX_DECIMAL_LENGTH || !decimal.matcher(amount).matches()) {
                throw Failures.invalid(path + ".amount", "not a plain decimal number such as \"35.19\" of at most "
                        + Money.MAX_DECIMAL_LENGTH + " characters: " + Failures.echo(amount), null);
            }
            try {
                return Money.parse(amount, currency.getCurrencyCode());
            } catch (OmsValidationException e) {
                throw Failures.invalid(path + ".amount", e.getMessage(), e);
            }
        }
    };

    /** An object of the non-zero buckets in bucket order, {@code {"PENDING":2,"SHIPPED":1}}; zeros are accepted on reading. */
    static final ValueCodec BUCKET_COUNTS = new ValueCodec() {
        @Override
        public JsonNode write(Object value) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<Bucket, Integer> e : ((BucketCounts) value).asMap().entrySet()) {
                o.put(e.getKey().name(), e.getValue().intValue());
            }
            return o;
        }

        @Override
        public Object read(JsonNode node, String path) {
            if (!node.isObject()) {
                throw Failures.malformed(path, "expected an object of bucket counts, found " + Failures.kind(node));
            }
            Map<Bucket, Integer> counts = new EnumMap<>(Bucket.class);
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                Bucket bucket = enumValue(Bucket.class, e.getKey(), path);
                if (e.getValue().isNull()) {
                    throw Failures.malformed(path + "." + e.getKey(), "a bucket count must not be null");
                }
                counts.put(bucket, (Integer) INT.read(e.getValue(), path + "." + e.getKey()));
            }
            return BucketCounts.of(counts);
        }
    };

    /** Enums by {@link Enum#name()}. */
    static ValueCodec enumCodec(Class<?> type) {
        return new EnumCodec(type);
    }

    private static final class EnumCodec implements ValueCodec {
        private final Class<?> type;
        private final Map<String, Object> byName;

        EnumCodec(Class<?> type) {
            this.type = type;
            Map<String, Object> m = new java.util.HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                m.put(((Enum<?>) constant).name(), constant);
            }
            this.byName = Map.copyOf(m);
        }

        @Override
        public JsonNode write(Object value) {
            return TextNode.valueOf(((Enum<?>) value).name());
        }

        @Override
        public Object read(JsonNode node, String path) {
            String name = text(node, path);
            Object v = byName.get(name);
            if (v == null) {
                throw Failures.invalid(path, "unknown " + type.getSimpleName() + " " + Failures.echo(name), null);
            }
            return v;
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String path) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw Failures.invalid(path, "unknown " + type.getSimpleName() + " " + Failures.echo(name), e);
        }
    }

    static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw Failures.malformed(path, "expected a string, found " + Failures.kind(node));
        }
        return node.textValue();
    }

    private static String optionalText(JsonNode node, String path) {
        return node == null || node.isNull() ? null : text(node, path);
    }

    private static Currency currency(String code, String path) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw Failures.invalid(path, "unknown currency code " + Failures.echo(code), e);
        }
    }
}
