package io.omskit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/** A {@code List} as a JSON array; {@code null} elements are refused. Immutable; thread-safe. */
final class ListCodec implements ValueCodec {
    private final ValueCodec element;

    ListCodec(ValueCodec element) {
        this.element = element;
    }

    @Override
    public JsonNode write(Object value) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Object e : (List<?>) value) {
            a.add(element.write(e));
        }
        return a;
    }

    @Override
    public Object read(JsonNode node, String path) {
        if (!node.isArray()) {
            throw Failures.malformed(path, "expected an array, found " + Failures.kind(node));
        }
        List<Object> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String at = path + "[" + i + "]";
            if (e.isNull()) {
                throw Failures.malformed(at, "an array element must not be null");
            }
            out.add(element.read(e, at));
        }
        return List.copyOf(out);
    }
}
