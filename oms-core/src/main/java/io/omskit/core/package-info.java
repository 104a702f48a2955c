/**
 * The order engine: immutable state graphs, the pure {@code decide(snapshot, command)} function, replay of
 * events into snapshots, derived views, and {@code OrderService}, the imperative shell around them.
 */
package io.omskit.core;
