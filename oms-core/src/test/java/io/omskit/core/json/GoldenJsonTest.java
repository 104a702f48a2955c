package io.omskit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.OrderPlacement;
import io.omskit.spi.model.OrderSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden files are the compatibility promise: type names and property names are API. Each sample is
 * written and compared with its file (as JSON trees, so formatting does not matter), and each file is read
 * back to the sample.
 *
 * <p>After an intended, reviewed change of the shape, regenerate the files with
 * {@code mvn -o test -pl oms-core -Dtest=GoldenJsonTest -Domskit.golden.update=true} and review the diff.
 */
class GoldenJsonTest {
    private static final ObjectMapper TREES = new ObjectMapper();
    private static final OmsJson JSON = OmsJson.pretty();
    private static final Map<String, OrderEvent> SAMPLES = Samples.events();
    private static final boolean UPDATE = Boolean.getBoolean("omskit.golden.update");

    static Stream<String> eventTypes() {
        return SAMPLES.keySet().stream();
    }

    @Nested
    @DisplayName("every event type has a golden file")
    class Events {
        @ParameterizedTest(name = "{0}")
        @MethodSource("io.omskit.core.json.GoldenJsonTest#eventTypes")
        void write_sampleEvent_matchesGoldenFile(String type) throws IOException {
            String written = JSON.write(SAMPLES.get(type));
            String golden = golden("events/" + type + ".json", written);

            assertThat(tree(written)).isEqualTo(tree(golden));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.omskit.core.json.GoldenJsonTest#eventTypes")
        void read_goldenFile_givesSampleEvent(String type) throws IOException {
            String golden = golden("events/" + type + ".json", JSON.write(SAMPLES.get(type)));

            assertThat(JSON.readEvent(golden)).isEqualTo(SAMPLES.get(type));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.omskit.core.json.GoldenJsonTest#eventTypes")
        void goldenFile_showsEveryPropertyOfItsRecord_inDeclarationOrder(String type) throws IOException {
            OrderEvent sample = SAMPLES.get(type);
            JsonNode golden = tree(golden("events/" + type + ".json", JSON.write(sample)));

            assertThat(golden.fieldNames()).toIterable().containsExactlyElementsOf(propertyNames(sample.getClass()));
        }

        @Test
        void samples_coverEveryEventType() {
            Set<String> expected = new TreeSet<>();
            for (Class<?> c : OrderEvent.class.getPermittedSubclasses()) {
                expected.add(SAMPLES.values().stream().filter(c::isInstance).findFirst()
                        .map(OrderEvent::type).orElse("missing sample of " + c.getSimpleName()));
            }
            assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(expected).hasSize(30);
        }

        @Test
        void goldenDirectory_holdsExactlyOneFilePerEventType() throws IOException, URISyntaxException {
            URL dir = GoldenJsonTest.class.getResource("/golden/events");
            assertThat(dir).as("golden/events on the test class path").isNotNull();
            Set<String> files;
            try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
                files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> expected = SAMPLES.keySet().stream().map(t -> t + ".json")
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(files).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("the snapshot has a golden file")
    class Snapshot {
        @Test
        void writeSnapshot_richSnapshot_matchesGoldenFile() throws IOException {
            String written = JSON.writeSnapshot(Samples.snapshot());
            String golden = golden("snapshot/order-snapshot.json", written);

            assertThat(tree(written)).isEqualTo(tree(golden));
        }

        @Test
        void goldenFile_showsEveryPropertyOfTheSnapshot() throws IOException {
            JsonNode golden = tree(golden("snapshot/order-snapshot.json", JSON.writeSnapshot(Samples.snapshot())));

            // the placement's facts stand in its place, as properties of the snapshot itself (its JSON form from before
            // the placement was one value)
            List<String> expected = new ArrayList<>();
            for (String name : propertyNames(OrderSnapshot.class)) {
                if (name.equals("placement")) {
                    expected.addAll(propertyNames(OrderPlacement.class).subList(1,
                            OrderPlacement.class.getRecordComponents().length + 1));
                } else {
                    expected.add(name);
                }
            }
            assertThat(golden.fieldNames()).toIterable().containsExactlyElementsOf(expected);
        }

        @Test
        void readSnapshot_goldenFile_givesSampleSnapshot() throws IOException {
            OrderSnapshot sample = Samples.snapshot();
            String golden = golden("snapshot/order-snapshot.json", JSON.writeSnapshot(sample));

            assertThat(JSON.readSnapshot(golden)).isEqualTo(sample);
        }
    }

    /** {@code "type"} and then the record's components in snake_case, as an independent statement of the rule. */
    private static List<String> propertyNames(Class<?> record) {
        List<String> names = new ArrayList<>();
        names.add("type");
        for (RecordComponent c : record.getRecordComponents()) {
            names.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static JsonNode tree(String json) throws IOException {
        return TREES.readTree(json);
    }

    /** The golden file's text; in update mode, first (re)writes the source copy with {@code current}. */
    private static String golden(String name, String current) throws IOException {
        if (UPDATE) {
            Path source = Path.of("src/test/resources/golden").resolve(name);
            Files.createDirectories(source.getParent());
            Files.writeString(source, current + "\n", StandardCharsets.UTF_8);
            return current;
        }
        try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
