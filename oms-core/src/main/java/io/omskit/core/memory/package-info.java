/**
 * In-memory reference adapters of the ports: thread-safe, not durable. For tests, demos and as a reference
 * for adapter authors.
 */
package io.omskit.core.memory;
