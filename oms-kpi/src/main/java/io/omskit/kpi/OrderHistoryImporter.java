package io.omskit.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.ReturnInspected;
import io.omskit.spi.event.ReturnReceived;
import io.omskit.spi.event.ReturnedUnits;
import io.omskit.spi.event.ShippedLine;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Imports order history ({@code orders.jsonl}, one order a line) as the domain events the live engine emits, and
 * inventory snapshots ({@code inventory_snapshots.jsonl}); see {@code formats/order-history.md}.
 *
 * <p>Immutable; thread-safe (each call reads its own reader). Each order record becomes, in timestamp order (ties:
 * placement, backorders, cancellations, shipments, deliveries, returns, inspections):
 * {@code OrderPlaced}; {@code LineQuantityMoved} PENDING to BACKORDERED per backorder (reason {@code out_of_stock});
 * {@code LineQuantityMoved} to CANCELLED per cancellation (from BACKORDERED when the line had a backorder, else
 * PENDING; with initiator and reason); {@code FulfillmentShipped} per shipment (the SKU actually shipped,
 * documentation flag, carrier when the record has one) and {@code FulfillmentDelivered} when delivered_at is set
 * (damage flag); {@code ReturnReceived} and {@code ReturnInspected} (disposition RESTOCK or UNSELLABLE) per return.
 * Event ids are deterministic, {@code <order_id>/<seq>} with seq from 1 in that order, and so is the order version
 * (= seq). Timestamps are kept as they are, even out of causal order; no time is invented.
 *
 * <p>A bad record (not JSON, anything after the record on its line, missing id, unparsable time, quantity below 1, a
 * shipment or return naming an unknown line, a duplicate line id, an order id already read, an unknown currency) is
 * reported with its line number and, under {@link BadRecordPolicy#SKIP}, skipped whole; under
 * {@link BadRecordPolicy#FAIL} the import stops with an {@link OmsValidationException} ({@code MALFORMED_JSON} or the
 * validation code) whose message names the line. A streaming read has given the records before a bad one to its
 * sink when it stops.
 */
public final class OrderHistoryImporter {
    private static final Logger LOG = LoggerFactory.getLogger(OrderHistoryImporter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // two records on one line: a bad line

    private final BadRecordPolicy policy;

    private OrderHistoryImporter(BadRecordPolicy policy) {
        this.policy = Checks.present(policy, "bad record policy");
    }

    /** An importer with this bad-record policy. */
    public static OrderHistoryImporter create(BadRecordPolicy policy) {
        return new OrderHistoryImporter(policy);
    }

    /** Reads every order record into events. The reader is read to its end, not closed. */
    public ImportResult<OrderEvent> readOrders(Reader in) {
        List<OrderEvent> events = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        long records = readOrders(in, events::add, problems);
        return new ImportResult<>(events, records, problems);
    }

    /**
     * Streams every order record's events to {@code sink} (all events of one record together, after the record was
     * found good) and adds bad records to {@code problems}; returns the number of records read. A record whose
     * order id an earlier good record of the same read had is a bad record ({@code DUPLICATE_ID}): its events would
     * count the order's cancellations, backorders and returns twice. The ids of one read are remembered for that
     * (one entry per order); records of separate reads are the caller's to keep apart.
     */
    public long readOrders(Reader in, Consumer<? super OrderEvent> sink, List<ImportProblem> problems) {
        Checks.present(in, "reader");
        Checks.present(sink, "sink");
        Checks.present(problems, "problems");
        Map<String, Long> seen = new HashMap<>();
        return lines(in, problems, (text, lineNo) -> {
            List<OrderEvent> events = orderEvents(MAPPER.readTree(text));
            String id = events.get(0).orderId().value();
            Long first = seen.putIfAbsent(id, lineNo);
            if (first != null) {
                throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID,
                        "order " + id + " was already read at line " + first);
            }
            for (OrderEvent e : events) {
                sink.accept(e);
            }
        });
    }

    /** Reads inventory snapshots; unit costs are in {@code currencyCode}. The reader is not closed. */
    public ImportResult<InventorySnapshot> readSnapshots(Reader in, String currencyCode) {
        Checks.present(in, "reader");
        Currency currency = currency(currencyCode);
        List<InventorySnapshot> out = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        long records = lines(in, problems, (text, lineNo) -> {
            JsonNode n = MAPPER.readTree(text);
            object(n, "snapshot");
            out.add(new InventorySnapshot(Sku.of(text(n, "sku")), LocationId.of(text(n, "location")),
                    date(n, "date"), nonNegative(n, "on_hand"), money(n, "unit_cost", currency)));
        });
        return new ImportResult<>(out, records, problems);
    }

    private interface RecordHandler {
        void handle(String text, long lineNo) throws IOException;
    }

    private long lines(Reader in, List<ImportProblem> problems, RecordHandler handler) {
        BufferedReader reader = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        long lineNo = 0;
        long records = 0;
        try {
            String text;
            while ((text = reader.readLine()) != null) {
                lineNo++;
                if (text.isBlank()) {
                    continue;
                }
                records++;
                try {
                    handler.handle(text, lineNo);
                } catch (JsonProcessingException e) {
                    bad(problems, lineNo, OmsErrorCode.MALFORMED_JSON, "not a JSON object: " + e.getOriginalMessage());
                } catch (OmsException e) {
                    bad(problems, lineNo, e.code(), withoutCode(e));
                } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
                    bad(problems, lineNo, OmsErrorCode.INVALID_VALUE, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static String withoutCode(OmsException e) {
        String prefix = e.code().name() + ": ";
        String m = e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private void bad(List<ImportProblem> problems, long lineNo, OmsErrorCode code, String message) {
        ImportProblem p = new ImportProblem(lineNo, code + ": " + message);
        if (policy == BadRecordPolicy.FAIL) {
            throw new OmsValidationException(code, "line " + lineNo + ": " + message);
        }
        // the message may quote the bad input (a name, an email): the log gets the line and the code only
        LOG.debug("skipping bad record at line {}: {}", lineNo, code);
        problems.add(p);
    }

    /** A timed event factory, sorted by time then by kind. */
    private static final class Pending {
        final Instant at;
        final int kind;
        final int index;
        final EventFactory factory;

        Pending(Instant at, int kind, int index, EventFactory factory) {
            this.at = at;
            this.kind = kind;
            this.index = index;
            this.factory = factory;
        }
    }

    private interface EventFactory {
        OrderEvent create(EventId id, long version);
    }

    /** The events of one order record; throws on a bad record. */
    static List<OrderEvent> orderEvents(JsonNode n) {
        object(n, "order");
        OrderId orderId = OrderId.of(text(n, "order_id"));
        String where = "order " + orderId + ": ";
        try {
            return orderEvents(n, orderId);
        } catch (OmsValidationException e) {
            throw new OmsValidationException(e.code(), where + withoutCode(e), e);
        } catch (DateTimeParseException e) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, where + "unparsable time " + e.getParsedString(), e);
        }
    }

    private static List<OrderEvent> orderEvents(JsonNode n, OrderId orderId) {
        String channelName = text(n, "channel");
        Channel channel = new Channel(channelType(channelName), channelName);
        Instant placedAt = instant(n, "placed_at");
        Instant promisedBy = optionalInstant(n, "promised_by");
        Currency currency = currency(text(n, "currency"));
        List<LineSpec> specs = new ArrayList<>();
        Map<String, LineSpec> lines = new HashMap<>();
        for (JsonNode l : array(n, "lines")) {
            LineId id = LineId.of(text(l, "line_id"));
            Money price = money(l, "unit_price", currency);
            Money cost = l.hasNonNull("unit_cost") ? money(l, "unit_cost", currency) : null;
            LineSpec spec = new LineSpec(id, Sku.of(text(l, "sku")), positive(l, "qty_ordered"), price, cost);
            if (lines.put(id.value(), spec) != null) {
                throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID, "line id " + id + " appears twice");
            }
            specs.add(spec);
        }
        List<Pending> pending = new ArrayList<>();
        pending.add(new Pending(placedAt, 0, 0, (id, v) -> new OrderPlaced(id, orderId, v, placedAt, channel, null,
                orderId.value(), null, currency, null, null, null, promisedBy, specs)));
        Map<String, Boolean> backordered = new HashMap<>();
        for (JsonNode b : array(n, "backorders")) {
            LineSpec line = line(lines, b, "backorder");
            int qty = positive(b, "qty");
            Instant at = instant(b, "backordered_at");
            backordered.put(line.lineId().value(), true);
            pending.add(new Pending(at, 1, pending.size(), (id, v) -> new LineQuantityMoved(id, orderId, v, at,
                    line.lineId(), line.sku(), qty, Bucket.PENDING, Bucket.BACKORDERED, null, null, "out_of_stock")));
        }
        for (JsonNode c : array(n, "cancellations")) {
            LineSpec line = line(lines, c, "cancellation");
            int qty = positive(c, "qty");
            Instant at = instant(c, "cancelled_at");
            Initiator initiator = initiator(text(c, "initiator"));
            String reason = text(c, "reason");
            Bucket from = backordered.containsKey(line.lineId().value()) ? Bucket.BACKORDERED : Bucket.PENDING;
            pending.add(new Pending(at, 2, pending.size(), (id, v) -> new LineQuantityMoved(id, orderId, v, at,
                    line.lineId(), line.sku(), qty, from, Bucket.CANCELLED, "cancellation", initiator, reason)));
        }
        Map<String, LocationId> shipmentLocations = new HashMap<>();
        for (JsonNode s : array(n, "shipments")) {
            FulfillmentId fid = FulfillmentId.of(text(s, "shipment_id"));
            LocationId location = LocationId.of(text(s, "location"));
            if (shipmentLocations.put(fid.value(), location) != null) {
                throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID, "shipment id " + fid + " appears twice");
            }
            String carrier = s.hasNonNull("carrier") ? Checks.id(s.get("carrier").asText(), "carrier") : null;
            Instant shippedAt = instant(s, "shipped_at");
            Instant deliveredAt = optionalInstant(s, "delivered_at");
            boolean damaged = bool(s, "damaged", false);
            boolean docsOk = bool(s, "documentation_ok", true);
            List<ShippedLine> shipped = new ArrayList<>();
            for (JsonNode l : array(s, "lines")) {
                LineSpec line = line(lines, l, "shipment line");
                shipped.add(new ShippedLine(line.lineId(), Sku.of(text(l, "sku")), positive(l, "qty")));
            }
            if (shipped.isEmpty()) {
                throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "shipment " + fid + " has no lines");
            }
            pending.add(new Pending(shippedAt, 3, pending.size(), (id, v) -> new FulfillmentShipped(id, orderId, v,
                    shippedAt, fid, location, carrier, null, shipped, docsOk, null)));
            if (deliveredAt != null) {
                List<FulfillmentLine> delivered = new ArrayList<>(shipped.size());
                for (ShippedLine sl : shipped) {
                    delivered.add(new FulfillmentLine(sl.lineId(), sl.quantity()));
                }
                pending.add(new Pending(deliveredAt, 4, pending.size(), (id, v) -> new FulfillmentDelivered(id,
                        orderId, v, deliveredAt, fid, location, damaged, delivered)));
            }
        }
        for (JsonNode r : array(n, "returns")) {
            ReturnId rid = ReturnId.of(text(r, "return_id"));
            LineSpec line = line(lines, r, "return");
            Instant at = instant(r, "returned_at");
            int qty = positive(r, "qty");
            String reason = r.hasNonNull("reason") ? r.get("reason").asText() : null;
            Sku sku = r.hasNonNull("sku") ? Sku.of(r.get("sku").asText()) : line.sku();
            LocationId location = r.hasNonNull("shipment_id") ? shipmentLocations.get(r.get("shipment_id").asText()) : null;
            Disposition disposition = bool(r, "restocked", false) ? Disposition.RESTOCK : Disposition.UNSELLABLE;
            List<ReturnedUnits> units = List.of(new ReturnedUnits(line.lineId(), sku, qty, reason));
            pending.add(new Pending(at, 5, pending.size(), (id, v) -> new ReturnReceived(id, orderId, v, at, rid,
                    location, units)));
            pending.add(new Pending(at, 6, pending.size(), (id, v) -> new ReturnInspected(id, orderId, v, at, rid,
                    line.lineId(), InspectionResult.ACCEPTED, disposition)));
        }
        pending.sort((a, b) -> {
            int c = a.at.compareTo(b.at);
            if (c == 0) {
                c = Integer.compare(a.kind, b.kind);
            }
            return c != 0 ? c : Integer.compare(a.index, b.index);
        });
        List<OrderEvent> events = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            long seq = i + 1L;
            events.add(pending.get(i).factory.create(EventId.of(orderId.value() + "/" + seq), seq));
        }
        return events;
    }

    private static ChannelType channelType(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "web":
                return ChannelType.WEB;
            case "app":
                return ChannelType.APP;
            case "store":
                return ChannelType.STORE;
            case "marketplace":
                return ChannelType.MARKETPLACE;
            case "call_center":
                return ChannelType.CALL_CENTER;
            case "b2b":
                return ChannelType.B2B;
            default:
                return ChannelType.OTHER;
        }
    }

    private static Initiator initiator(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "customer":
                return Initiator.CUSTOMER;
            case "merchant":
                return Initiator.MERCHANT;
            case "system":
                return Initiator.SYSTEM;
            default:
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                        "initiator must be customer, merchant or system, was " + name);
        }
    }

    private static LineSpec line(Map<String, LineSpec> lines, JsonNode n, String what) {
        String id = text(n, "line_id");
        LineSpec spec = lines.get(id);
        if (spec == null) {
            throw new OmsValidationException(OmsErrorCode.UNKNOWN_LINE, what + " names unknown line " + id);
        }
        return spec;
    }

    private static void object(JsonNode n, String what) {
        if (n == null || !n.isObject()) {
            throw new OmsValidationException(OmsErrorCode.MALFORMED_JSON, what + " record is not a JSON object");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, field + " is required");
        }
        if (!v.isTextual()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, field + " must be a string");
        }
        return v.asText();
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, field + " must be an array");
        }
        return v;
    }

    private static Instant instant(JsonNode n, String field) {
        String t = text(n, field);
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    field + " is not an ISO-8601 time with an offset: " + t, e);
        }
    }

    private static Instant optionalInstant(JsonNode n, String field) {
        return n.hasNonNull(field) ? instant(n, field) : null;
    }

    private static LocalDate date(JsonNode n, String field) {
        String t = text(n, field);
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, field + " is not an ISO-8601 date: " + t, e);
        }
    }

    private static int positive(JsonNode n, String field) {
        return Checks.positive(integer(n, field), field);
    }

    private static int nonNegative(JsonNode n, String field) {
        return Checks.nonNegative(integer(n, field), field);
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, field + " is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, field + " must be a whole number, was " + v);
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode n, String field, boolean otherwise) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, field + " must be true or false");
        }
        return v.booleanValue();
    }

    private static Money money(JsonNode n, String field, Currency currency) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, field + " is required");
        }
        BigDecimal amount;
        if (v.isNumber()) {
            amount = v.decimalValue();
        } else if (v.isTextual()) {
            try {
                amount = new BigDecimal(v.asText());
            } catch (NumberFormatException e) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, field + " is not a number: " + v.asText(), e);
            }
        } else {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, field + " must be a number");
        }
        if (amount.signum() < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, field + " is negative: " + amount);
        }
        return Money.of(amount, currency);
    }

    private static Currency currency(String code) {
        Checks.present(code, "currency");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "unknown currency code: " + code, e);
        }
    }
}
