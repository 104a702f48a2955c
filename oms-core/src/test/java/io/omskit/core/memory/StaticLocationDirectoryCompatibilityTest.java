package io.omskit.core.memory;

import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationDirectory;
import io.omskit.spi.port.LocationType;
import io.omskit.spi.tck.LocationDirectoryCompatibilityKit;
import java.util.List;

/** Runs the {@link LocationDirectory} contract kit against {@link StaticLocationDirectory}. */
class StaticLocationDirectoryCompatibilityTest extends LocationDirectoryCompatibilityKit {
    static final List<Location> NETWORK = List.of(
            new Location(LocationId.of("DC-EAST"), "East DC", LocationType.WAREHOUSE, new GeoPoint(40.7128, -74.0060),
                    true, false, true, 1, Integer.MAX_VALUE, 0, 0.5, 4.0),
            new Location(LocationId.of("STORE-9"), "Store 9", LocationType.STORE, new GeoPoint(41.8781, -87.6298),
                    true, true, true, 2, 50, 1, 1.5, 6.0),
            new Location(LocationId.of("DC-WEST"), "West DC", LocationType.WAREHOUSE, null,
                    true, false, false, 3, Integer.MAX_VALUE, 0, 0.4, 5.0));

    @Override
    protected LocationDirectory createDirectory() {
        return new StaticLocationDirectory(NETWORK);
    }
}
