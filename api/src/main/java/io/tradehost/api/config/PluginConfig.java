package io.tradehost.api.config;

import io.tradehost.api.market.BarInterval;
import io.tradehost.api.value.FixedPoint;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Ratio;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin's configuration block with typed, range-checked reads. Every read names the full key in
 * its {@link ConfigException}; keys the plugin never read are reported by {@link #unreadKeys()} so
 * the host can refuse a misspelt key instead of ignoring it. Not thread-safe: read it while creating
 * the plugin.
 */
public final class PluginConfig {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new LinkedHashSet<>();
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final Map<String, PluginConfig> sections = new LinkedHashMap<>();

    /**
     * @param path the dotted key of this block, used in error messages, e.g. {@code strategy.config}
     * @param values the block as parsed: strings, numbers, booleans, lists and nested maps
     */
    public PluginConfig(String path, Map<String, ?> values) {
        this.path = path;
        this.values = new LinkedHashMap<>(values == null ? Map.of() : values);
    }

    /** An empty block. */
    public static PluginConfig empty(String path) {
        return new PluginConfig(path, Map.of());
    }

    /** The dotted key of this block. */
    public String path() {
        return path;
    }

    /** The keys this block sets, in order; reading them is still up to the caller. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** Whether the block sets {@code key}. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key, String defaultValue) {
        Object v = take(key);
        if (v == null) {
            return defaulted(key, defaultValue);
        }
        if (!(v instanceof String s)) {
            throw wrong(key, "must be a string", v);
        }
        return s;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object v = take(key);
        if (v == null) {
            return defaulted(key, defaultValue);
        }
        if (!(v instanceof Boolean b)) {
            throw wrong(key, "must be true or false", v);
        }
        return b;
    }

    /** An integer in {@code [min, max]}. */
    public long integer(String key, long defaultValue, long min, long max) {
        Object v = take(key);
        if (v == null) {
            return defaulted(key, defaultValue);
        }
        long n;
        try {
            n = new BigDecimal(v instanceof String s ? s.strip() : v.toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw wrong(key, "must be a whole number", v);
        }
        checkRange(key, n, min, max);
        return n;
    }

    /** An exact decimal in {@code [min, max]} (given as decimal text), as a {@link Ratio}. */
    public Ratio ratio(String key, String defaultValue, String min, String max) {
        return Ratio.of(decimal(key, defaultValue, min, max));
    }

    /** An exact amount in {@code [min, max]} (given as decimal text). */
    public Money money(String key, String defaultValue, String min, String max) {
        return Money.of(decimal(key, defaultValue, min, max));
    }

    /** An exact price in {@code [min, max]} (given as decimal text). */
    public Price price(String key, String defaultValue, String min, String max) {
        return Price.of(decimal(key, defaultValue, min, max));
    }

    /**
     * An exact decimal in {@code [min, max]} (given as decimal text) with at most
     * {@value FixedPoint#SCALE} places.
     */
    public BigDecimal decimal(String key, String defaultValue, String min, String max) {
        Object v = take(key);
        BigDecimal value = v == null ? defaulted(key, new BigDecimal(defaultValue)) : decimal(key, v);
        if (value.compareTo(new BigDecimal(min)) < 0 || value.compareTo(new BigDecimal(max)) > 0) {
            throw new ConfigException(key(key), "must be between " + min + " and " + max + " (was "
                    + value.stripTrailingZeros().toPlainString() + ")");
        }
        return value;
    }

    /** A duration in {@code [min, max]}: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Object v = take(key);
        if (v == null) {
            return defaulted(key, defaultValue);
        }
        if (!(v instanceof String s)) {
            throw wrong(key, "must be a duration such as \"5s\"", v);
        }
        Duration d;
        try {
            d = parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw wrong(key, "must be a duration such as \"250ms\", \"5s\", \"2m\", \"1h\"", v);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(key(key), "must be between " + min + " and " + max + " (was " + s + ")");
        }
        return d;
    }

    /** A bar interval ({@link BarInterval#parse}): {@code 15s}, {@code 1m}, {@code 4h}, {@code 1d}. */
    public BarInterval barInterval(String key, String defaultValue) {
        Object v = take(key);
        if (v == null) {
            return BarInterval.parse(defaulted(key, defaultValue));
        }
        if (!(v instanceof String s)) {
            throw wrong(key, "must be a bar interval such as \"5m\"", v);
        }
        try {
            return BarInterval.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key(key), e.getMessage());
        }
    }

    /** A list of strings. */
    public List<String> strings(String key, List<String> defaultValue) {
        Object v = take(key);
        if (v == null) {
            return defaulted(key, defaultValue);
        }
        if (!(v instanceof List<?> list)) {
            throw wrong(key, "must be a list of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw wrong(key, "must be a list of strings", v);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** A nested block; empty if absent. Its unread keys count as this block's. */
    public PluginConfig section(String key) {
        return sections.computeIfAbsent(key, k -> {
            Object v = take(k);
            if (v != null && !(v instanceof Map<?, ?>)) {
                throw wrong(k, "must be a table", v);
            }
            Map<String, Object> nested = new LinkedHashMap<>();
            if (v instanceof Map<?, ?> m) {
                m.forEach((mk, mv) -> nested.put(String.valueOf(mk), mv));
            }
            return new PluginConfig(key(k), nested);
        });
    }

    /**
     * Full keys read so far, set or not, here and in nested blocks: the keys this block's reader
     * knows, e.g. to suggest the nearest one for a misspelling.
     */
    public List<String> readKeys() {
        List<String> keys = new ArrayList<>();
        for (String k : read) {
            if (!sections.containsKey(k)) {
                keys.add(key(k));
            }
        }
        sections.values().forEach(s -> keys.addAll(s.readKeys()));
        return keys;
    }

    /**
     * The keys read but not set, with the default each read took (a {@code String}, {@code Boolean},
     * {@code Long}, {@link BigDecimal}, {@link Duration} or list), here and in nested blocks: what the
     * effective configuration holds beyond what was written.
     */
    public Map<String, Object> defaultsUsed() {
        Map<String, Object> all = new LinkedHashMap<>(defaults);
        sections.values().forEach(s -> all.putAll(s.defaultsUsed()));
        return all;
    }

    private <T> T defaulted(String key, T value) {
        if (value != null) {
            defaults.putIfAbsent(key(key), value);
        }
        return value;
    }

    /** Full keys that were set but never read: misspellings or keys this plugin does not know. */
    public List<String> unreadKeys() {
        List<String> unread = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                unread.add(key(k));
            }
        }
        sections.values().forEach(s -> unread.addAll(s.unreadKeys()));
        return unread;
    }

    /** Parses {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d} or an ISO-8601 duration. */
    public static Duration parseDuration(String text) {
        String s = text.strip();
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "'", e);
        }
    }

    private BigDecimal decimal(String key, Object v) {
        if (!(v instanceof Number || v instanceof String)) {
            throw wrong(key, "must be a decimal", v);
        }
        BigDecimal d;
        try {
            d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString().strip());
        } catch (NumberFormatException e) {
            throw wrong(key, "must be a decimal", v);
        }
        if (d.stripTrailingZeros().scale() > FixedPoint.SCALE) {
            throw wrong(key, "must be a decimal with at most " + FixedPoint.SCALE + " places", v);
        }
        return d;
    }

    private void checkRange(String key, long n, long min, long max) {
        if (n < min || n > max) {
            throw new ConfigException(key(key), "must be between " + min + " and " + max + " (was " + n + ")");
        }
    }

    private Object take(String key) {
        read.add(key);
        return values.get(key);
    }

    private String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigException wrong(String key, String problem, Object value) {
        return new ConfigException(key(key), problem + " (was " + describe(value) + ")");
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
