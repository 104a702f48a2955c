package io.omskit.spi.model;

import java.time.Instant;

/**
 * A payment call written ahead: saved in the order before the engine calls the provider, so that a call whose
 * answer is lost, or that is still in flight on another thread or engine instance, is visible to every later
 * money decision. The call is made with exactly this key and amount (and repeated with them until an answer is
 * recorded); recording the answer completes (removes) the request.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param idempotencyKey the key of the provider call; unique per request ({@code <order>:<kind>:<version>[.<n>]},
 *     from the version that recorded the request), never a function of an amount
 * @param type what the call does: AUTHORIZATION, CAPTURE, VOID or REFUND
 * @param amount a positive amount in the order's currency: what is authorized, captured or refunded; for a void,
 *     the authorized amount not captured when the void was requested
 * @param targetReference the provider reference the call acts on: the authorization of a capture or a void, the
 *     capture of a refund; null for an authorization
 * @param returnId the return a refund settles, or null
 * @param requestedAt when the request was recorded
 */
public record PaymentRequest(String idempotencyKey, TransactionType type, Money amount, String targetReference,
                             ReturnId returnId, Instant requestedAt) {
    // "CAPTURE request" and so on: the tail of the name of a missing or bad target reference, built once
    private static final String[] TARGET_NAMES = java.util.Arrays.stream(TransactionType.values())
            .map(type -> type + " request").toArray(String[]::new);

    public PaymentRequest {
        Checks.id(idempotencyKey, "idempotency key");
        Checks.present(type, "payment request type");
        Checks.present(amount, "payment request amount");
        if (!amount.isPositive()) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "payment request amount must be positive: " + amount);
        }
        if (type == TransactionType.AUTHORIZATION) {
            if (targetReference != null) {
                throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                        "an authorization request acts on no reference, was " + targetReference);
            }
        } else {
            Checks.id(targetReference, "target reference of a ", TARGET_NAMES[type.ordinal()]);
        }
        if (returnId != null && type != TransactionType.REFUND) {
            throw new io.omskit.spi.OmsValidationException(io.omskit.spi.OmsErrorCode.INVALID_VALUE,
                    "only a refund request settles a return; a " + type + " request named " + returnId);
        }
        Checks.present(requestedAt, "requested at");
    }
}
