package io.tradehost.app.backtest;

import io.tradehost.backtest.report.Report;
import io.tradehost.backtest.report.ReportHtml;
import io.tradehost.backtest.report.ReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code report.json} and {@code report.html} into a directory, each whole or not at all. */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes both files into {@code directory}, creating it. */
    public static void write(Path directory, Report report) {
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve("report.json");
            Path temporary = json.resolveSibling("report.json.tmp");
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                ReportJson.write(report, out); // streamed: tens of thousands of trades never held as one text
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary); // a cut-off stream can read as whole JSON: leave none
                throw e;
            }
            Files.move(temporary, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            atomically(directory.resolve("report.html"), ReportHtml.of(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + e.getMessage(), e);
        }
    }

    static void atomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
