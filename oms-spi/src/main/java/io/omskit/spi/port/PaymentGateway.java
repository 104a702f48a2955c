package io.omskit.spi.port;

import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;

/**
 * A payment service provider. The host implements it over its PSP; {@code oms-core} ships a simulated one
 * and {@code oms-spi-tck} the kit {@code PaymentGatewayCompatibilityKit}.
 *
 * <p>Implementations must be thread-safe. Outcomes (approved, declined) are values; a provider failure or
 * timeout is a {@link io.omskit.spi.ProviderException}, after which the engine repeats the call with the
 * same idempotency key.
 *
 * <p>Several instances of an adapter over one provider account (one per application server) are one gateway for
 * these rules: keys, references and limits are the account's, so a repeat, a capture of another instance's
 * authorization or a refund of its capture behaves as on one instance. A call made while another with the same key
 * is in flight on another instance may fail with {@code ProviderException} when the provider refuses a key in use
 * (and applies each key once): the engine's repeat then returns the first outcome. Within one instance, calls with
 * one key wait for each other.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>R4.1</b> every call is idempotent by its key: a repeat returns the first outcome and moves no more
 *       money, also after the first attempt failed with {@code ProviderException} on the way back, and also when the
 *       repeat comes through another instance of the adapter over the same provider account (another application
 *       server's).</li>
 *   <li><b>R4.2</b> {@link #capture} takes at most the authorized amount not yet captured or voided,
 *       in one or several captures; more is declined.</li>
 *   <li><b>R4.3</b> {@link #refund} returns at most the captured amount not yet refunded; more is
 *       declined.</li>
 *   <li><b>R4.4</b> {@link #voidAuthorization} releases the authorized amount not yet captured; capturing
 *       after a void is declined.</li>
 *   <li><b>R4.5</b> amounts must be positive; a zero or negative amount throws
 *       {@link io.omskit.spi.OmsValidationException}.</li>
 *   <li><b>R4.6</b> an unknown authorization or capture reference is declined, not thrown.</li>
 *   <li><b>R4.7</b> an approved outcome's amount is the amount that moved: the amount asked of an authorization,
 *       capture or refund (the engine records it in the order's ledger; a provider's "amount authorized" given
 *       for a partial capture would record money never taken), and for a void the amount released.</li>
 *   <li><b>R4.8</b> keys and references are compared exactly: keys that differ only in case or trailing spaces
 *       are different calls.</li>
 * </ul>
 */
public interface PaymentGateway {

    /** R4.1, R4.5: authorizes {@code amount} on the order's payment method. */
    PaymentOutcome authorize(String idempotencyKey, OrderId orderId, Money amount);

    /** R4.1, R4.2, R4.6: captures against an authorization. */
    PaymentOutcome capture(String idempotencyKey, String authorizationReference, Money amount);

    /** R4.1, R4.4, R4.6: voids what is left of an authorization. */
    PaymentOutcome voidAuthorization(String idempotencyKey, String authorizationReference);

    /** R4.1, R4.3, R4.6: refunds against a capture. */
    PaymentOutcome refund(String idempotencyKey, String captureReference, Money amount);
}
