package io.tradehost.backtest.tape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LineReader}: lines as a reader splits them, and a line past the limit read through without being kept. */
class LineReaderTest {
    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code count} bytes of {@code fill}, handed out a few at a time as a slow pipe would. */
    private static InputStream repeated(byte fill, long count) {
        return new InputStream() {
            private long left = count;

            @Override
            public int read() {
                return left-- > 0 ? fill : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, 10_000), left);
                Arrays.fill(b, off, off + n, fill);
                left -= n;
                return n;
            }
        };
    }

    private static List<String> all(LineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.next(); line != null; line = reader.next()) {
            lines.add(reader.tooLong() ? "<too long " + reader.number() + ">" : line);
        }
        return lines;
    }

    @Test
    void linesEndAtLfCrLfOrCrAndTheLastMayHaveNoEnd() throws IOException {
        LineReader reader = new LineReader(bytes("a,1\r\nb,2\rc,3\n\nd,\u00e9\r\r\ne"));
        assertThat(all(reader)).containsExactly("a,1", "b,2", "c,3", "", "d,\u00e9", "", "e");
        assertThat(reader.number()).isEqualTo(7);
        assertThat(all(new LineReader(bytes("")))).isEmpty();
        assertThat(all(new LineReader(bytes("only\n")))).containsExactly("only");
    }

    @Test
    void aCrLfSplitAcrossTwoReadsIsOneLineEnd() throws IOException {
        InputStream split = new SequenceInputStream(repeated((byte) 'x', 70_000), new SequenceInputStream(
                bytes("\r"), bytes("\nnext\n")));
        LineReader reader = new LineReader(split);
        assertThat(all(reader)).containsExactly("<too long 1>", "next");
    }

    @Test
    void aLineOfTheLimitIsKeptAndOneByteMoreIsReadThroughButNotKept() throws IOException {
        String limit = "y".repeat(LineReader.MAX_LINE_BYTES);
        LineReader reader = new LineReader(bytes(limit + "\n" + limit + "z\nafter\n"));

        assertThat(reader.next()).isEqualTo(limit);
        assertThat(reader.tooLong()).isFalse();
        assertThat(reader.next()).isEmpty();
        assertThat(reader.tooLong()).isTrue();
        assertThat(reader.next()).isEqualTo("after");
        assertThat(reader.tooLong()).isFalse();
        assertThat(reader.number()).isEqualTo(3);
        assertThat(reader.next()).isNull();
    }

    @Test
    void tenMegabytesWithoutALineBreakAreOneLineTooLongHeldInNoMoreThanTheLimit() throws IOException {
        LineReader reader = new LineReader(new SequenceInputStream(repeated((byte) 0x1b, 10_000_000), bytes("\nok")));

        assertThat(reader.next()).isEmpty();
        assertThat(reader.tooLong()).isTrue();
        assertThat(reader.capacity()).isEqualTo(LineReader.MAX_LINE_BYTES);
        assertThat(reader.next()).isEqualTo("ok");
        assertThat(reader.number()).isEqualTo(2);
        assertThat(all(new LineReader(repeated((byte) 'a', 200_000)))).containsExactly("<too long 1>");
    }

    @Test
    void bytesThatAreNotUtf8BecomeTheReplacementCharacter() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(new byte[] {'a', (byte) 0xff, 'b', '\n'}));
        assertThat(reader.next()).isEqualTo("a\ufffdb");
        reader.close();
    }
}
