package io.omskit.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.OrderSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON for domain events and order snapshots: writes every {@link OrderEvent} and {@link OrderSnapshot}, reads
 * them back strictly, and handles event streams as JSON Lines.
 *
 * <p>Immutable after construction and thread-safe: one instance may serve any number of threads. Get one with
 * {@link #standard()} (compact output) or {@link #pretty()} (indented output); both read the same documents.
 *
 * <p>Text is written as it is. Free text (a reason, a name in an address) holding an unpaired surrogate, which no
 * encoding can represent, is then stored by a UTF-8 store as a replacement character: such a document reads back
 * as another event. Escaping it instead would be exact, but PostgreSQL's {@code jsonb} refuses the escape and would
 * refuse the whole save; ids refuse unpaired surrogates.
 *
 * <h2>The shape (the compatibility promise: type names and property names are API)</h2>
 * <ul>
 *   <li>An event is an object whose first property is {@code "type"}, the event's stable type name (its
 *       {@code TYPE} constant, such as {@code "order.placed.v1"}), followed by {@code "event_id"},
 *       {@code "order_id"}, {@code "order_version"}, {@code "occurred_at"} and then the record's other
 *       components in declaration order. A snapshot is an object whose first property is
 *       {@code "type": "order.snapshot.v1"} ({@link #SNAPSHOT_TYPE}) followed by its components.</li>
 *   <li>Property names are the record component names in snake_case ({@code orderVersion} becomes
 *       {@code order_version}).</li>
 *   <li>Typed ids (and {@code HoldType}) are plain strings. Enums are written by name. Instants are ISO-8601
 *       strings in UTC, {@code "2024-03-04T15:20:11Z"}. Currencies are ISO 4217 codes.</li>
 *   <li>Money is {@code {"amount":"35.19","currency":"USD"}}: the amount is an exact decimal <em>string</em> in
 *       major units with the currency's number of fraction digits, never a JSON number.</li>
 *   <li>Bucket counts are an object of the non-zero buckets in bucket order: {@code {"PENDING":2,"SHIPPED":1}}.</li>
 *   <li>Coordinates ({@code lat}, {@code lon}) are JSON numbers that read back to the same {@code double}.</li>
 *   <li><b>Nulls are left out</b> on writing. On reading, an absent property and an explicit {@code null} mean
 *       the same; the record's constructor decides whether the value may be null. Lists are always written,
 *       empty or not.</li>
 *   <li>Addresses carry all their fields (name, lines, city, region, postal code, country, position), although
 *       {@code Address.toString()} hides them: the JSON is personal data and must be stored accordingly.</li>
 * </ul>
 *
 * <h2>Errors on reading</h2>
 * Everything thrown is an {@link OmsValidationException}; nothing is half-read:
 * <ul>
 *   <li>{@link OmsErrorCode#MALFORMED_JSON}: not JSON (syntax, duplicate keys, trailing content), a wrong JSON
 *       type (a string where a number belongs, a fraction where an integer belongs), an unknown or missing
 *       {@code "type"}, an unknown property anywhere (so that typos surface), a missing or null primitive
 *       (a quantity, a version, a flag), a null array element.</li>
 *   <li>{@link OmsErrorCode#INVALID_VALUE}: a well-typed string outside its vocabulary: an unknown enum or
 *       bucket name, an unknown currency code, an unparseable instant, an amount that is not a plain decimal or
 *       has more fraction digits than its currency.</li>
 *   <li>Whatever the SPI record constructors throw, unchanged: {@code MISSING_VALUE} for a missing required
 *       object (an absent {@code event_id}), {@code INVALID_QUANTITY} for a non-positive quantity, and so on.</li>
 * </ul>
 * The reader's own messages (the first two kinds) name the place ({@code $.lines[1].quantity}); a record
 * constructor's names the value ({@code order id is required}), not where it was. No message repeats free-text
 * values.
 */
public final class OmsJson {
    /** The type name written as the first property of a snapshot document. */
    public static final String SNAPSHOT_TYPE = "order.snapshot.v1";

    private static final String TYPE = "type";

    private static final class Defaults {
        static final Mapping MAPPING = new Mapping();
        static final OmsJson STANDARD = new OmsJson(MAPPING, false);
        static final OmsJson PRETTY = new OmsJson(MAPPING, true);
    }

    private final Mapping mapping;
    private final ObjectWriter writer;

    private OmsJson(Mapping mapping, boolean pretty) {
        this.mapping = mapping;
        this.writer = pretty ? mapping.mapper.writer(prettyPrinter()) : mapping.mapper.writer();
    }

    /** The shared instance that writes compact JSON (one line per document). */
    public static OmsJson standard() {
        return Defaults.STANDARD;
    }

    /** The shared instance that writes indented JSON (two spaces, {@code \n} line ends), for files and people. */
    public static OmsJson pretty() {
        return Defaults.PRETTY;
    }

    /** The stable type names of all events this instance reads and writes, sorted. */
    public Set<String> eventTypes() {
        return mapping.types.names();
    }

    /**
     * The JSON of an event.
     *
     * @throws OmsValidationException {@code MISSING_VALUE} if {@code event} is null
     */
    public String write(OrderEvent event) {
        Checks.present(event, "event");
        return print(writer, eventNode(event));
    }

    /**
     * Reads one event; its {@code "type"} selects the record.
     *
     * @throws OmsValidationException see the class description for the codes
     */
    public OrderEvent readEvent(String json) {
        Checks.present(json, "json");
        return readEventNode(parse(json));
    }

    /**
     * Reads one event that must be of class {@code type}.
     *
     * @throws OmsValidationException as {@link #readEvent(String)}, and {@code MALFORMED_JSON} if the document
     *     holds another type of event
     */
    public <E extends OrderEvent> E readEvent(String json, Class<E> type) {
        Checks.present(type, "event class");
        OrderEvent e = readEvent(json);
        if (!type.isInstance(e)) {
            throw Failures.malformed("$.type", "expected " + mapping.types.nameOf(type) + ", found " + e.type());
        }
        return type.cast(e);
    }

    /**
     * The JSON of a snapshot.
     *
     * @throws OmsValidationException {@code MISSING_VALUE} if {@code snapshot} is null
     */
    public String writeSnapshot(OrderSnapshot snapshot) {
        Checks.present(snapshot, "snapshot");
        return print(writer, mapping.snapshot.writeObject(snapshot, SNAPSHOT_TYPE));
    }

    /**
     * Reads a snapshot; its {@code "type"} must be {@value #SNAPSHOT_TYPE}.
     *
     * @throws OmsValidationException see the class description for the codes
     */
    public OrderSnapshot readSnapshot(String json) {
        Checks.present(json, "json");
        JsonNode root = parse(json);
        String type = typeOf(root);
        if (!SNAPSHOT_TYPE.equals(type)) {
            throw Failures.malformed("$.type", "expected " + SNAPSHOT_TYPE + ", found " + Failures.echo(type));
        }
        return (OrderSnapshot) mapping.snapshot.read(root, "$");
    }

    /**
     * Events as JSON Lines: one compact JSON document per event, each ended by {@code \n}, whatever the
     * instance's indentation.
     *
     * @throws OmsValidationException {@code MISSING_VALUE} if the list or an event is null
     */
    public String writeLines(List<? extends OrderEvent> events) {
        StringBuilder b = new StringBuilder();
        try {
            writeLines(events, b);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return b.toString();
    }

    /**
     * Appends events as JSON Lines to {@code out}.
     *
     * @throws IOException if {@code out} fails
     * @throws OmsValidationException {@code MISSING_VALUE} if the events or an event is null
     */
    public void writeLines(Iterable<? extends OrderEvent> events, Appendable out) throws IOException {
        Checks.present(events, "events");
        Checks.present(out, "output");
        for (OrderEvent e : events) {
            Checks.present(e, "event");
            out.append(print(mapping.compact, eventNode(e))).append('\n');
        }
    }

    /**
     * Reads JSON Lines: one event per line; blank lines are skipped; {@code \r\n} line ends are accepted.
     *
     * @throws OmsValidationException for the first bad line, with the code {@link #readEvent(String)} gives and
     *     the line number in the message
     */
    public List<OrderEvent> readLines(String jsonLines) {
        Checks.present(jsonLines, "json lines");
        try {
            return readLines(new StringReader(jsonLines));
        } catch (IOException e) {
            throw new UncheckedIOException("a StringReader does not fail", e);
        }
    }

    /**
     * Reads JSON Lines from {@code in} to its end; as {@link #readLines(String)}. Does not close {@code in}.
     *
     * @throws IOException if {@code in} fails
     */
    public List<OrderEvent> readLines(Reader in) throws IOException {
        Checks.present(in, "input");
        BufferedReader r = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        List<OrderEvent> out = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = r.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(readEvent(line));
            } catch (OmsException e) {
                throw new OmsValidationException(e.code(), "line " + number + ": " + Failures.bareMessage(e), e);
            }
        }
        return out;
    }

    private JsonNode eventNode(OrderEvent event) {
        String name = mapping.types.nameOf(event.getClass());
        return mapping.events.get(name).writeObject(event, name);
    }

    private OrderEvent readEventNode(JsonNode root) {
        String name = typeOf(root);
        if (!mapping.events.containsKey(name)) {
            JsonNode upgraded = Upcasts.current(name, root);
            if (upgraded != root) {
                root = upgraded;
                name = typeOf(root);
            }
        }
        RecordCodec codec = mapping.events.get(name);
        if (codec == null) {
            throw Failures.malformed("$.type", "unknown event type " + Failures.echo(name));
        }
        return (OrderEvent) codec.read(root, "$");
    }

    private static String typeOf(JsonNode root) {
        if (!root.isObject()) {
            throw Failures.malformed("$", "expected an object, found " + Failures.kind(root));
        }
        JsonNode t = root.get(TYPE);
        if (t == null || t.isNull()) {
            throw Failures.malformed("$", "missing property 'type'");
        }
        return Scalars.text(t, "$.type");
    }

    private JsonNode parse(String json) {
        JsonNode root;
        try {
            root = mapping.mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw Failures.malformed("$", "not valid JSON" + where + ": " + Failures.gist(e.getOriginalMessage()), e);
        }
        if (root == null || root.isMissingNode()) {
            throw Failures.malformed("$", "empty document");
        }
        return root;
    }

    private static String print(ObjectWriter w, JsonNode node) {
        try {
            return w.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a JSON tree to a string cannot fail", e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(separators);
        p.indentObjectsWith(indenter);
        p.indentArraysWith(indenter);
        return p;
    }

    /** The shared, immutable machinery: the Jackson mapper and the codecs. Thread-safe after construction. */
    private static final class Mapping {
        final ObjectMapper mapper;
        final ObjectWriter compact;
        final EventTypes types;
        final Map<String, RecordCodec> events;
        final RecordCodec snapshot;

        Mapping() {
            JsonFactory factory = JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build();
            this.mapper = JsonMapper.builder(factory)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // trees ignore it: RecordCodec refuses them
                    .build();
            this.compact = mapper.writer();
            this.types = new EventTypes();
            Codecs codecs = new Codecs();
            Map<String, RecordCodec> m = new HashMap<>();
            for (Map.Entry<String, Class<? extends OrderEvent>> e : types.all().entrySet()) {
                m.put(e.getKey(), codecs.record(e.getValue()).allowing(Set.of(TYPE)));
            }
            this.events = Map.copyOf(m);
            this.snapshot = codecs.snapshot().allowing(Set.of(TYPE));
        }
    }
}
