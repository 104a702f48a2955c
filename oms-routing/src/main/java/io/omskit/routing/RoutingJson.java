package io.omskit.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.Allocation;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CostModel;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingOptions;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import io.omskit.spi.port.Unfilled;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON form of routing requests and plans ({@code formats/routing.md}, snake_case).
 *
 * <p>Stateless and thread-safe. Reading is strict: malformed JSON, duplicate keys, unknown fields and wrong
 * types are refused with an {@link OmsValidationException} whose code is {@code MALFORMED_JSON},
 * {@code MISSING_VALUE}, {@code INVALID_VALUE} or {@code INVALID_QUANTITY} and whose message names the field
 * (such as {@code locations[0].stock.SKU-1}). Quantities that are integers but not positive are passed through,
 * so that the router rejects them with its own error order (R7.1).
 */
public final class RoutingJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final Set<String> ROOT = Set.of("strategy", "locations", "order", "options", "cost_model");
    private static final Set<String> LOCATION = Set.of("id", "lat", "lon", "priority", "enabled", "pickup", "stock",
            "reserved", "safety_stock", "unit_cost", "shipment_fixed_cost", "capacity_units");
    private static final Set<String> ORDER = Set.of("lines", "destination", "excluded_locations", "pickup_location");
    private static final Set<String> LINE = Set.of("sku", "qty");
    private static final Set<String> POINT = Set.of("lat", "lon");
    private static final Set<String> OPTIONS = Set.of("allow_partial", "max_shipments", "merge_duplicate_lines");
    private static final Set<String> COSTS = Set.of("package_base", "package_per_km", "unit_per_km",
            "unfilled_penalty_per_unit");

    private RoutingJson() {
    }

    /** Reads a request from JSON text. */
    public static RoutingRequest readRequest(String json) {
        if (json == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "JSON text is required");
        }
        try {
            return request(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /** Reads a request from a UTF-8 JSON stream (not closed). */
    public static RoutingRequest readRequest(InputStream in) {
        if (in == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "input stream is required");
        }
        try {
            JsonParser parser = MAPPER.createParser(in);
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return request(MAPPER.readTree(parser));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new OmsValidationException(OmsErrorCode.MALFORMED_JSON, "cannot read the request: " + e.getMessage(), e);
        }
    }

    private static OmsValidationException malformed(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (e.getLocation() != null) {
            msg += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return new OmsValidationException(OmsErrorCode.MALFORMED_JSON, msg, e);
    }

    // --- reading ------------------------------------------------------------------------------------------

    private static RoutingRequest request(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new OmsValidationException(OmsErrorCode.MALFORMED_JSON, "empty document");
        }
        object(root, "request", ROOT);
        String strategy = text(root.get("strategy"), "strategy", true);
        JsonNode locs = root.get("locations");
        if (locs == null || locs.isNull()) {
            throw missing("locations");
        }
        if (!locs.isArray()) {
            throw invalid("locations", "must be an array");
        }
        List<CandidateLocation> locations = new ArrayList<>(locs.size());
        Set<LocationId> seen = new HashSet<>();
        for (int i = 0; i < locs.size(); i++) {
            CandidateLocation c = location(locs.get(i), "locations[" + i + "]");
            if (!seen.add(c.id())) {
                throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID, "locations[" + i + "].id: location "
                        + c.id() + " appears twice");
            }
            locations.add(c);
        }
        JsonNode order = root.get("order");
        if (order == null || order.isNull()) {
            throw missing("order");
        }
        object(order, "order", ORDER);
        JsonNode ls = order.get("lines");
        if (ls == null || ls.isNull()) {
            throw missing("order.lines");
        }
        if (!ls.isArray()) {
            throw invalid("order.lines", "must be an array");
        }
        List<RoutingLine> lines = new ArrayList<>(ls.size());
        for (int i = 0; i < ls.size(); i++) {
            String f = "order.lines[" + i + "]";
            JsonNode l = ls.get(i);
            object(l, f, LINE);
            Sku sku = guard(f + ".sku", () -> Sku.of(text(l.get("sku"), f + ".sku", true)));
            JsonNode q = l.get("qty");
            if (q == null || q.isNull()) {
                throw missing(f + ".qty");
            }
            lines.add(new RoutingLine(sku, quantity(q, f + ".qty", false)));
        }
        GeoPoint destination = point(order.get("destination"), "order.destination");
        Set<LocationId> excluded = new LinkedHashSet<>();
        JsonNode ex = order.get("excluded_locations");
        if (ex != null && !ex.isNull()) {
            if (!ex.isArray()) {
                throw invalid("order.excluded_locations", "must be an array");
            }
            for (int i = 0; i < ex.size(); i++) {
                String f = "order.excluded_locations[" + i + "]";
                JsonNode e = ex.get(i);
                excluded.add(guard(f, () -> LocationId.of(text(e, f, true))));
            }
        }
        String pick = text(order.get("pickup_location"), "order.pickup_location", false);
        LocationId pickup = pick == null ? null : guard("order.pickup_location", () -> LocationId.of(pick));
        RoutingOptions options = RoutingOptions.DEFAULTS;
        JsonNode o = root.get("options");
        if (o != null && !o.isNull()) {
            object(o, "options", OPTIONS);
            boolean partial = bool(o.get("allow_partial"), "options.allow_partial", false);
            boolean merge = bool(o.get("merge_duplicate_lines"), "options.merge_duplicate_lines", false);
            JsonNode ms = o.get("max_shipments");
            int max = Integer.MAX_VALUE;
            if (ms != null && !ms.isNull()) {
                max = integer(ms, "options.max_shipments", OmsErrorCode.INVALID_VALUE);
                if (max < 1) {
                    throw invalid("options.max_shipments", "must be at least 1, was " + max);
                }
            }
            options = new RoutingOptions(partial, max, merge);
        }
        CostModel cost = CostModel.ZERO;
        JsonNode cm = root.get("cost_model");
        if (cm != null && !cm.isNull()) {
            object(cm, "cost_model", COSTS);
            cost = new CostModel(money(cm.get("package_base"), "cost_model.package_base"),
                    money(cm.get("package_per_km"), "cost_model.package_per_km"),
                    money(cm.get("unit_per_km"), "cost_model.unit_per_km"),
                    money(cm.get("unfilled_penalty_per_unit"), "cost_model.unfilled_penalty_per_unit"));
        }
        RoutingOptions opts = options;
        CostModel costs = cost;
        return guard("request", () -> new RoutingRequest(strategy, locations, lines, destination, excluded, pickup,
                opts, costs));
    }

    private static CandidateLocation location(JsonNode n, String f) {
        object(n, f, LOCATION);
        LocationId id = guard(f + ".id", () -> LocationId.of(text(n.get("id"), f + ".id", true)));
        GeoPoint pos = latLon(n.get("lat"), n.get("lon"), f);
        JsonNode pn = n.get("priority");
        int priority = pn == null || pn.isNull() ? 0 : integer(pn, f + ".priority", OmsErrorCode.INVALID_VALUE);
        boolean enabled = bool(n.get("enabled"), f + ".enabled", true);
        boolean pickup = bool(n.get("pickup"), f + ".pickup", false);
        Map<Sku, Integer> stock = counts(n.get("stock"), f + ".stock");
        Map<Sku, Integer> reserved = counts(n.get("reserved"), f + ".reserved");
        JsonNode ss = n.get("safety_stock");
        int safety = ss == null || ss.isNull() ? 0 : quantity(ss, f + ".safety_stock", true);
        double unit = money(n.get("unit_cost"), f + ".unit_cost");
        double fixed = money(n.get("shipment_fixed_cost"), f + ".shipment_fixed_cost");
        JsonNode cu = n.get("capacity_units");
        int cap = cu == null || cu.isNull() ? Integer.MAX_VALUE : quantity(cu, f + ".capacity_units", true);
        return guard(f, () -> new CandidateLocation(id, pos, priority, enabled, pickup, stock, reserved, safety, unit,
                fixed, cap));
    }

    private static Map<Sku, Integer> counts(JsonNode n, String f) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw invalid(f, "must be an object of SKU to units");
        }
        Map<Sku, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String fe = f + "." + e.getKey();
            Sku sku = guard(fe, () -> Sku.of(e.getKey()));
            out.put(sku, quantity(e.getValue(), fe, true));
        }
        return out;
    }

    private static GeoPoint point(JsonNode n, String f) {
        if (n == null || n.isNull()) {
            return null;
        }
        object(n, f, POINT);
        GeoPoint p = latLon(n.get("lat"), n.get("lon"), f);
        if (p == null) {
            throw missing(f + ".lat");
        }
        return p;
    }

    private static GeoPoint latLon(JsonNode lat, JsonNode lon, String f) {
        boolean hasLat = lat != null && !lat.isNull();
        boolean hasLon = lon != null && !lon.isNull();
        if (!hasLat && !hasLon) {
            return null;
        }
        if (hasLat != hasLon) {
            throw invalid(f + (hasLat ? ".lon" : ".lat"), "lat and lon must be given together");
        }
        double a = number(lat, f + ".lat");
        double b = number(lon, f + ".lon");
        return guard(f, () -> new GeoPoint(a, b));
    }

    private static void object(JsonNode n, String f, Set<String> fields) {
        if (n == null || !n.isObject()) {
            throw invalid(f, "must be a JSON object");
        }
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw invalid(f + "." + name, "unknown field");
            }
        }
    }

    private static String text(JsonNode n, String f, boolean required) {
        if (n == null || n.isNull()) {
            if (required) {
                throw missing(f);
            }
            return null;
        }
        if (!n.isTextual()) {
            throw invalid(f, "must be a string");
        }
        return n.textValue();
    }

    private static boolean bool(JsonNode n, String f, boolean dflt) {
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw invalid(f, "must be true or false");
        }
        return n.booleanValue();
    }

    private static double number(JsonNode n, String f) {
        if (!n.isNumber()) {
            throw invalid(f, "must be a number");
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw invalid(f, "must be finite");
        }
        return v;
    }

    private static double money(JsonNode n, String f) {
        if (n == null || n.isNull()) {
            return 0.0;
        }
        double v = number(n, f);
        if (v < 0) {
            throw invalid(f, "must not be negative, was " + v);
        }
        return v;
    }

    private static int integer(JsonNode n, String f, OmsErrorCode code) {
        if (!n.isNumber()) {
            throw new OmsValidationException(code, f + ": must be an integer");
        }
        java.math.BigDecimal d = n.decimalValue();
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            throw new OmsValidationException(code, f + ": must be an integer that fits 32 bits, was " + n.asText(), e);
        }
    }

    private static int quantity(JsonNode n, String f, boolean nonNegative) {
        int v = integer(n, f, OmsErrorCode.INVALID_QUANTITY);
        if (nonNegative && v < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, f + ": must not be negative, was " + v);
        }
        return v;
    }

    private static OmsValidationException missing(String f) {
        return new OmsValidationException(OmsErrorCode.MISSING_VALUE, f + ": is required");
    }

    private static OmsValidationException invalid(String f, String why) {
        return new OmsValidationException(OmsErrorCode.INVALID_VALUE, f + ": " + why);
    }

    /** Runs a constructor, prefixing the field name to any validation failure. */
    private static <T> T guard(String f, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (OmsValidationException e) {
            throw e.getMessage().contains(f + ":") ? e : new OmsValidationException(e.code(), f + ": "
                    + e.getMessage().substring(e.code().name().length() + 2), e);
        } catch (OmsException e) {
            throw new OmsValidationException(e.code(), f + ": " + e.getMessage(), e);
        }
    }

    // --- writing ------------------------------------------------------------------------------------------

    /** The plan as JSON text (pretty printed, stable field order, excluded locations sorted by id). */
    public static String write(RoutingPlan plan) {
        if (plan == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "plan is required");
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", plan.status().name().toLowerCase(Locale.ROOT));
        root.put("strategy", plan.strategy());
        ArrayNode alloc = root.putArray("allocation");
        for (Allocation a : plan.allocations()) {
            ObjectNode r = alloc.addObject();
            r.put("location", a.location().value());
            r.put("sku", a.sku().value());
            r.put("qty", a.quantity());
            if (a.oversoldQuantity() > 0) {
                r.put("oversold_qty", a.oversoldQuantity());
            }
        }
        ArrayNode unf = root.putArray("unfilled");
        for (Unfilled u : plan.unfilled()) {
            ObjectNode r = unf.addObject();
            r.put("sku", u.sku().value());
            r.put("qty", u.quantity());
        }
        root.put("shipments", plan.shipments());
        ObjectNode cost = root.putObject("cost");
        num(cost, "total", plan.cost().total());
        num(cost, "shipment", plan.cost().shipment());
        num(cost, "units", plan.cost().units());
        num(cost, "unfilled_penalty", plan.cost().unfilledPenalty());
        root.put("optimal", plan.optimal());
        num(root, "gap", plan.gap());
        ObjectNode ex = root.putObject("explanation");
        ArrayNode chosen = ex.putArray("chosen");
        plan.explanation().chosen().forEach(id -> chosen.add(id.value()));
        ArrayNode ru = ex.putArray("runner_up");
        plan.explanation().runnerUp().forEach(id -> ru.add(id.value()));
        num(ex, "runner_up_cost", plan.explanation().runnerUpCost());
        num(ex, "runner_up_delta", plan.explanation().runnerUpDelta());
        ArrayNode bc = ex.putArray("binding_constraints");
        plan.explanation().bindingConstraints().forEach(bc::add);
        ObjectNode excl = ex.putObject("excluded");
        new TreeMap<>(plan.explanation().excluded()).forEach((k, v) -> excl.put(k.value(), v));
        ex.put("summary", plan.explanation().summary());
        if (plan.error() == null) {
            root.putNull("error");
        } else {
            ObjectNode err = root.putObject("error");
            err.put("code", plan.error().code().name());
            err.put("message", plan.error().message());
        }
        return toText(root);
    }

    /** The request as JSON text, in the form {@link #readRequest(String)} reads. */
    public static String writeRequest(RoutingRequest request) {
        if (request == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "request is required");
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("strategy", request.strategy());
        ArrayNode locs = root.putArray("locations");
        for (CandidateLocation c : request.locations()) {
            ObjectNode l = locs.addObject();
            l.put("id", c.id().value());
            if (c.position() != null) {
                l.put("lat", c.position().lat());
                l.put("lon", c.position().lon());
            }
            l.put("priority", c.priority());
            l.put("enabled", c.enabled());
            if (c.pickup()) {
                l.put("pickup", true);
            }
            ObjectNode st = l.putObject("stock");
            new TreeMap<>(c.stock()).forEach((k, v) -> st.put(k.value(), v));
            if (!c.reserved().isEmpty()) {
                ObjectNode rs = l.putObject("reserved");
                new TreeMap<>(c.reserved()).forEach((k, v) -> rs.put(k.value(), v));
            }
            l.put("safety_stock", c.safetyStock());
            l.put("unit_cost", c.unitCost());
            l.put("shipment_fixed_cost", c.shipmentFixedCost());
            if (c.capacityUnits() != Integer.MAX_VALUE) {
                l.put("capacity_units", c.capacityUnits());
            }
        }
        ObjectNode order = root.putObject("order");
        ArrayNode lines = order.putArray("lines");
        for (RoutingLine line : request.lines()) {
            ObjectNode o = lines.addObject();
            o.put("sku", line.sku().value());
            o.put("qty", line.quantity());
        }
        if (request.destination() == null) {
            order.putNull("destination");
        } else {
            ObjectNode d = order.putObject("destination");
            d.put("lat", request.destination().lat());
            d.put("lon", request.destination().lon());
        }
        ArrayNode ex = order.putArray("excluded_locations");
        new java.util.TreeSet<>(request.excludedLocations()).forEach(id -> ex.add(id.value()));
        if (request.pickupLocation() == null) {
            order.putNull("pickup_location");
        } else {
            order.put("pickup_location", request.pickupLocation().value());
        }
        ObjectNode o = root.putObject("options");
        o.put("allow_partial", request.options().allowPartial());
        if (request.options().maxShipments() == Integer.MAX_VALUE) {
            o.putNull("max_shipments");
        } else {
            o.put("max_shipments", request.options().maxShipments());
        }
        o.put("merge_duplicate_lines", request.options().mergeDuplicateLines());
        ObjectNode cm = root.putObject("cost_model");
        cm.put("package_base", request.costModel().packageBase());
        cm.put("package_per_km", request.costModel().packagePerKm());
        cm.put("unit_per_km", request.costModel().unitPerKm());
        cm.put("unfilled_penalty_per_unit", request.costModel().unfilledPenaltyPerUnit());
        return toText(root);
    }

    private static void num(ObjectNode n, String f, double v) {
        if (Double.isFinite(v)) {
            n.put(f, v);
        } else {
            n.putNull(f);
        }
    }

    private static String toText(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a JSON tree cannot fail", e);
        }
    }
}
