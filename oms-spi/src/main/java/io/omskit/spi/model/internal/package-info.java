/**
 * Model support for the engine alone ({@code io.omskit.core}, to which the module exports this package): no part
 * of the API. Hosts use {@link java.util.List#of} and {@link java.util.List#copyOf}.
 */
package io.omskit.spi.model.internal;
