package io.omskit.spi.port;

import io.omskit.spi.model.LocationId;
import java.util.List;
import java.util.Optional;

/**
 * The fulfillment locations the router may choose from.
 *
 * <p>Implementations must be thread-safe.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>R3.1</b> {@link #all} lists every location once, in a stable order.</li>
 *   <li><b>R3.2</b> {@link #find} returns the location listed by {@link #all} with that id, else empty.</li>
 * </ul>
 */
public interface LocationDirectory {

    /** R3.1 */
    List<Location> all();

    /** R3.2 */
    Optional<Location> find(LocationId id);
}
