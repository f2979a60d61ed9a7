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

    /** The host's id for order {@code sequence} of run {@code runId}: {@code <runId>-<sequence>}. */
    public static ClientOrderId of(String runId, long sequence) {
        return new ClientOrderId(runId + "-" + sequence);
    }

    /** The sequence of this id if {@link #of(String, long)} made it for {@code runId}, else 0. */
    public long sequenceIn(String runId) {
        if (value.length() <= runId.length() + 1 || !value.startsWith(runId) || value.charAt(runId.length()) != '-') {
            return 0;
        }
        try {
            return Long.parseLong(value, runId.length() + 1, value.length(), 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
