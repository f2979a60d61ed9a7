package io.tradehost.backtest.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {
    @ParameterizedTest
    @CsvSource({
        "1385337600, SECONDS, 2013-11-25T00:00:00Z",
        "1385337600.25, SECONDS, 2013-11-25T00:00:00.250Z",
        "1385337600123, MILLISECONDS, 2013-11-25T00:00:00.123Z",
        "1385337600123.5, MILLISECONDS, 2013-11-25T00:00:00.123500Z",
        "1385337600123456, MICROSECONDS, 2013-11-25T00:00:00.123456Z",
        "1385337600123456789, NANOSECONDS, 2013-11-25T00:00:00.123456789Z",
        "2013-11-25T00:00:00Z, ISO_8601, 2013-11-25T00:00:00Z",
        "2013-11-25T01:00:00+01:00, ISO_8601, 2013-11-25T00:00:00Z",
        "2013-11-25T00:00:00.5, ISO_8601, 2013-11-25T00:00:00.500Z",
        "2013-11-25 00:00:00, ISO_8601, 2013-11-25T00:00:00Z",
        "2013-11-25 00:00:00.123, ISO_8601, 2013-11-25T00:00:00.123Z",
        "2013-11-25, ISO_8601, 2013-11-25T00:00:00Z"})
    void detectsTheStyleFromItsFirstValueAndReadsItExactly(String text, Timestamps style, String instant) {
        assertThat(Timestamps.detect(text)).isEqualTo(style);
        Instant expected = Instant.parse(instant);
        assertThat(style.toNanos(text)).isEqualTo(expected.getEpochSecond() * 1_000_000_000L + expected.getNano());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "yesterday|neither epoch seconds/milliseconds nor ISO-8601",
        "2013-13-45|neither epoch",
        "-5|neither epoch",
        "99999999999999999999|too large"})
    void refusesWhatIsNoTimestamp(String text, String message) {
        assertThatThrownBy(() -> Timestamps.detect(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SECONDS|2013-11-25|is not epoch seconds like the file's first row",
        "SECONDS|1.0000000001|finer than a nanosecond",
        "MILLISECONDS|9999999999999999999|out of range"})
    void aLaterValueMustFitTheFilesStyle(Timestamps style, String text, String message) {
        assertThatThrownBy(() -> style.toNanos(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
