package io.omskit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omskit.spi.event.FulfillmentCreated;
import io.omskit.spi.event.FulfillmentDelivered;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.FulfillmentStateChanged;
import io.omskit.spi.model.FulfillmentStatus;

/**
 * Reads event documents of earlier type versions as the current records, for stores written by earlier builds.
 * Version 1 of the four fulfillment events moved no units (each unit move was its own
 * {@code line.quantity_moved.v1}), so they become version 2 events that say so: {@code units_from} null on a
 * creation or a shipment, no {@code lines} on a delivery or a state change. A v1 state change also gains
 * {@code from_status}, the category of its {@code from_state}; that is known only for a built-in state, so a v1
 * state change out of a host's custom state is refused ({@code INVALID_VALUE}).
 *
 * <p>Stateless; thread-safe.
 */
final class Upcasts {
    private Upcasts() {
    }

    /** The document as its current version, or {@code root} itself when it already is one. */
    static JsonNode current(String name, JsonNode root) {
        switch (name) {
            case "fulfillment.created.v1":
                absent(root, name, "units_from");
                return copy(root, FulfillmentCreated.TYPE).putNull("units_from");
            case "fulfillment.shipped.v1":
                absent(root, name, "units_from");
                return copy(root, FulfillmentShipped.TYPE).putNull("units_from");
            case "fulfillment.delivered.v1": {
                absent(root, name, "lines");
                ObjectNode n = copy(root, FulfillmentDelivered.TYPE);
                n.putArray("lines");
                return n;
            }
            case "fulfillment.state_changed.v1": {
                absent(root, name, "from_status");
                absent(root, name, "lines");
                ObjectNode n = copy(root, FulfillmentStateChanged.TYPE);
                String from = builtIn(root.get("from_state"));
                if (from != null) { // else the strict reader reports the missing or mistyped from_state
                    n.put("from_status", from);
                }
                n.putArray("lines");
                return n;
            }
            default:
                return root;
        }
    }

    /** A property the version-1 form does not have is refused, not overwritten by the upcast's value. */
    private static void absent(JsonNode root, String name, String property) {
        if (root.isObject() && root.has(property)) {
            throw Failures.malformed("$." + property, "unknown property '" + property + "' of a " + name + " event");
        }
    }

    private static ObjectNode copy(JsonNode root, String type) {
        ObjectNode n = ((ObjectNode) root).deepCopy();
        n.put("type", type);
        return n;
    }

    private static String builtIn(JsonNode fromState) {
        if (fromState == null || !fromState.isTextual()) {
            return null;
        }
        String s = fromState.textValue();
        for (FulfillmentStatus st : FulfillmentStatus.values()) {
            if (st.name().equals(s)) {
                return s;
            }
        }
        throw Failures.invalid("$.from_state", "a fulfillment.state_changed.v1 event can be read only from a built-in"
                + " state (its category is not recorded), found " + Failures.echo(s), null);
    }
}
