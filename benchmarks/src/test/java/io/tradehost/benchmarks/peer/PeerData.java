package io.tradehost.benchmarks.peer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer comparison's data: the 100 000 real Bitstamp BTC/USD trades that ta4j-examples 0.18
 * ships ({@code timestamp,price,amount}, epoch seconds), written {@code copies} times one after
 * the other, each copy shifted in time past the end of the one before, so that the file's times
 * only grow. Usage: {@code PeerData OUT COPIES}.
 */
public final class PeerData {
    private static final String RESOURCE = "bitstamp_trades_from_20131125_usd.csv";

    private PeerData() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int copies = Integer.parseInt(args[1]);
        List<long[]> times = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        try (InputStream in = PeerData.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (org.ta4j:ta4j-examples:0.18)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (!"timestamp,price,amount".equals(header)) {
                throw new IllegalStateException("unexpected header: " + header);
            }
            for (String line; (line = reader.readLine()) != null; ) {
                int comma = line.indexOf(',');
                times.add(new long[] {Long.parseLong(line.substring(0, comma))});
                rest.add(line.substring(comma));
            }
        }
        long span = times.getLast()[0] - times.getFirst()[0] + 1;
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("timestamp,price,amount\n");
            for (int copy = 0; copy < copies; copy++) {
                for (int i = 0; i < times.size(); i++) {
                    writer.write(Long.toString(times.get(i)[0] + copy * span));
                    writer.write(rest.get(i));
                    writer.write('\n');
                }
            }
        }
        System.out.printf("%s: %d rows (%d copies of %d Bitstamp trades)%n", out, (long) copies * times.size(), copies,
                times.size());
    }
}
