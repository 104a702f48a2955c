/**
 * omskit SPI: the model, the domain events and the ports a host implements. Depends on nothing but the JDK.
 */
// "module": the qualified export names io.omskit.core, which is not on this module's path when it compiles
@SuppressWarnings("module")
module io.omskit.spi {
    exports io.omskit.spi;
    exports io.omskit.spi.model;
    // the engine's immutable array lists, which the model's list checks keep without a copy
    exports io.omskit.spi.model.internal to io.omskit.core;
    exports io.omskit.spi.event;
    exports io.omskit.spi.port;
}
