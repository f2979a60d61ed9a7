package io.tradehost.plugins.guards;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rejects opening orders outside the trading session ({@code OUTSIDE_SESSION}): on the listed UTC
 * days between {@code start} and {@code end}; an end before the start is an overnight window that
 * belongs to the day it starts on. Closing orders always pass. Immutable.
 */
public final class SessionWindowGuard implements Guard {
    private final Set<DayOfWeek> days;
    private final LocalTime start;
    private final LocalTime end;

    public SessionWindowGuard(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        this.days = Set.copyOf(days);
        this.start = start;
        this.end = end;
    }

    /** Whether {@code epochNanos} falls inside the session. */
    public boolean inSession(long epochNanos) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)).atZone(ZoneOffset.UTC);
        LocalTime time = t.toLocalTime();
        if (!end.isBefore(start)) {
            return days.contains(t.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        if (!time.isBefore(start)) {
            return days.contains(t.getDayOfWeek());
        }
        return time.isBefore(end) && days.contains(t.getDayOfWeek().minus(1));
    }

    @Override
    public GuardVerdict check(OrderCheck check) {
        if (check.reducesPosition() || inSession(check.nowNanos())) {
            return GuardVerdict.ALLOW;
        }
        return GuardVerdict.reject("OUTSIDE_SESSION", "outside the trading session " + days + " " + start + "-" + end
                + " UTC");
    }

    /** {@code session-window}: keys {@code days} (all), {@code start} ("00:00"), {@code end} ("00:00" = all day). */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "session-window";
        }

        @Override
        public String description() {
            return "rejects opening orders outside days and start-end (UTC, overnight allowed); closes pass";
        }

        @Override
        public List<String> keys() {
            return List.of("days=[MON..SUN]", "start=00:00", "end=00:00 (all day)");
        }

        @Override
        public Guard create(PluginConfig config) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String day : config.strings("days", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"))) {
                days.add(day(config, day));
            }
            LocalTime start = time(config, "start");
            LocalTime end = time(config, "end");
            if (start.equals(end)) {
                end = LocalTime.MAX;
            }
            return new SessionWindowGuard(days, start, end);
        }

        private static DayOfWeek day(PluginConfig config, String day) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().startsWith(day.toUpperCase(Locale.ROOT)) && day.length() >= 3) {
                    return d;
                }
            }
            throw new ConfigException(config.path() + ".days", "not a day: \"" + day + "\" (MON..SUN)");
        }

        private static LocalTime time(PluginConfig config, String key) {
            String text = config.string(key, "00:00");
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new ConfigException(config.path() + "." + key, "not a time of day HH:MM: \"" + text + "\"");
            }
        }
    }
}
