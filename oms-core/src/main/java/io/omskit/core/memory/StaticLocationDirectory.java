package io.omskit.core.memory;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationDirectory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link LocationDirectory} over a fixed list of locations, in the order given (R3.1, R3.2). Immutable once
 * built; thread-safe.
 *
 * <p>For tests, demos, and hosts whose network changes only on redeploy.
 */
public final class StaticLocationDirectory implements LocationDirectory {
    private final List<Location> all;
    private final Map<LocationId, Location> byId;

    /**
     * A directory of {@code locations}, in that order.
     *
     * @throws OmsValidationException {@code MISSING_VALUE} for a null list or element, {@code DUPLICATE_ID} when
     *     two locations share an id
     */
    public StaticLocationDirectory(List<Location> locations) {
        if (locations == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "locations are required");
        }
        Map<LocationId, Location> m = new HashMap<>();
        for (int i = 0; i < locations.size(); i++) {
            Location l = locations.get(i);
            if (l == null) {
                throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "location " + i + " is null");
            }
            if (m.putIfAbsent(l.id(), l) != null) {
                throw new OmsValidationException(OmsErrorCode.DUPLICATE_ID, "location id " + l.id() + " is listed twice");
            }
        }
        this.all = List.copyOf(locations);
        this.byId = Map.copyOf(m);
    }

    /** Same as the constructor. */
    public static StaticLocationDirectory of(List<Location> locations) {
        return new StaticLocationDirectory(locations);
    }

    @Override
    public List<Location> all() {
        return all;
    }

    @Override
    public Optional<Location> find(LocationId id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }
}
