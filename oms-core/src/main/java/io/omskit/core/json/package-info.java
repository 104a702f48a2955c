/**
 * JSON for domain events and order snapshots. Jackson is used inside; no Jackson type appears in the API.
 */
package io.omskit.core.json;
