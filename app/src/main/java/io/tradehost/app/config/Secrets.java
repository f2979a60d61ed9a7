package io.tradehost.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets in a configuration tree before it is shown anywhere: the value of every key whose
 * name says it holds a credential (token, secret, password, key, private, url, webhook, chat id)
 * becomes {@code "***"} (unless empty), at any depth, in plugin blocks too. URLs are masked because webhook URLs
 * carry their credential in the path. Stateless.
 */
public final class Secrets {
    /** What a masked value shows. */
    public static final String MASK = "***";
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(token|secret|password|passphrase|private|api_?key|key_name|credential|url|webhook|chat_id).*");

    private Secrets() {
    }

    /** Whether a key of this name holds a secret. */
    public static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    /**
     * Whether a value of key {@code part} (a key's last part) is shown masked: a secret's text.
     * A flag or a limit whose name mentions a token (e.g. {@code metrics_token = false}) is none, nor is
     * an empty text (nothing is set: shown as it is, it reads back the same).
     */
    public static boolean hides(String part, JsonNode value) {
        return isSecret(part) && value.isTextual() && !value.asText().isEmpty();
    }

    /** A copy of {@code tree} with every secret masked. */
    public static Map<String, Object> masked(Map<String, ?> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        tree.forEach((key, value) -> out.put(key, isSecret(key) && !(value instanceof Map) && !"".equals(value) ? MASK
                : maskedValue(value)));
        return out;
    }

    private static Object maskedValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> typed = new LinkedHashMap<>();
            map.forEach((k, v) -> typed.put(String.valueOf(k), v));
            return masked(typed);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(maskedValue(v)));
            return out;
        }
        return value;
    }
}
