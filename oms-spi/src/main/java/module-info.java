/**
 * omskit SPI: the model, the domain events and the ports a host implements. Depends on nothing but the JDK.
 */
// "module": the qualified exports name io.omskit.core and io.omskit.routing, which are not on this module's path
// when it compiles
@SuppressWarnings("module")
module io.omskit.spi {
    exports io.omskit.spi;
    exports io.omskit.spi.model;
    // the engine's immutable array lists, which the model's list checks keep without a copy
    exports io.omskit.spi.model.internal to io.omskit.core;
    exports io.omskit.spi.event;
    exports io.omskit.spi.port;
    // the routing explanation's compact excluded map, which PlanExplanation keeps without a copy
    exports io.omskit.spi.port.internal to io.omskit.routing;
}
