package io.tradehost.alerts;

import java.util.Objects;
/**
 * One alert. Immutable.
 *
 * @param key what it is about, for de-duplication: the same key and text within the repeat window is sent once
 * @param severity how urgent
 * @param title one line
 * @param text the details (may be empty, never null)
 * @param hostNanos host clock time it was raised
 */
public record Alert(String key, Severity severity, String title, String text, long hostNanos) {
    public Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }
}
