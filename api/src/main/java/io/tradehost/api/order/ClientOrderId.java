package io.tradehost.api.order;

/**
 * The host's identifier of an order, chosen before the venue sees it so that a retry or a restart
 * can find the order again instead of placing it twice. Immutable.
 *
 * @param value non-blank, at most 64 characters
 */
public record ClientOrderId(String value) {
    /** @throws IllegalArgumentException if blank or longer than 64 characters */
    public ClientOrderId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("client order id must be 1-64 characters: '" + value + "'");
        }
    }

    public static ClientOrderId of(String value) {
        return new ClientOrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
