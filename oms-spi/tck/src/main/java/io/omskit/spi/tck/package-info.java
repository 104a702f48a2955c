/**
 * Contract test kits of the omskit ports: {@link io.omskit.spi.tck.OrderStoreCompatibilityKit},
 * {@link io.omskit.spi.tck.InventoryStoreCompatibilityKit}, {@link io.omskit.spi.tck.PaymentGatewayCompatibilityKit},
 * {@link io.omskit.spi.tck.CarrierGatewayCompatibilityKit}, {@link io.omskit.spi.tck.FraudScreenerCompatibilityKit}
 * and {@link io.omskit.spi.tck.LocationDirectoryCompatibilityKit}. Each test is named after the numbered rule of
 * the port's Javadoc it checks: {@code required_R1_3_...} for a rule every adapter must keep,
 * {@code optional_R6_4_...} for an optional capability the adapter declares.
 */
package io.omskit.spi.tck;
