package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.LocationId;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationDirectory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link LocationDirectory}: extend it in your test sources, implement
 * {@link #createDirectory()} returning a directory with at least one location, and the rules R3.1 and R3.2
 * run against it, named {@code required_R3_<n>_...}.
 * Not thread-safe itself: JUnit makes one instance per test.
 */
public abstract class LocationDirectoryCompatibilityKit {

    /** The directory under test, made by {@link #createDirectory()} before each test. */
    protected LocationDirectory directory;

    /** A directory to test, listing at least one location. Called before each test. */
    protected abstract LocationDirectory createDirectory();

    @BeforeEach
    void createDirectoryUnderTest() {
        directory = createDirectory();
        assertThat(directory).as("createDirectory() result").isNotNull();
        assertThat(directory.all()).as("the kit needs a directory with at least one location").isNotEmpty();
    }

    @Nested
    @DisplayName("R3.1: listing")
    class Listing {

        @Test
        @DisplayName("R3.1 every location is listed once")
        void required_R3_1_all_listsEveryLocationOnce() {
            Set<LocationId> ids = new HashSet<>();
            for (Location l : directory.all()) {
                assertThat(l).isNotNull();
                assertThat(ids.add(l.id())).as("%s listed once", l.id()).isTrue();
            }
        }

        @Test
        @DisplayName("R3.1 the order is stable from call to call")
        void required_R3_1_all_isStableAcrossCalls() {
            List<Location> first = directory.all();

            assertThat(directory.all()).containsExactlyElementsOf(first);
            assertThat(directory.all()).containsExactlyElementsOf(first);
        }
    }

    @Nested
    @DisplayName("R3.2: finding")
    class Finding {

        @Test
        @DisplayName("R3.2 find returns each listed location by its id")
        void required_R3_2_findListedId_returnsThatLocation() {
            for (Location l : directory.all()) {
                assertThat(directory.find(l.id())).contains(l);
            }
        }

        @Test
        @DisplayName("R3.2 find of an unlisted id returns empty")
        void required_R3_2_findUnlistedId_returnsEmpty() {
            assertThat(directory.find(Fixtures.newLocation())).isEmpty();
        }
    }
}
