package io.tradehost.journal;

import io.tradehost.testkit.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Journals on the test JVM's shared PostgreSQL server, each in a new schema. */
final class PostgresStores {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PostgresStores() {
    }

    /** A store in a schema no test used before, named after {@code prefix}. */
    static JournalStore fresh(String prefix) {
        try {
            PostgresServer server = PostgresServer.shared();
            return JournalStore.postgres(PostgresLocation.of(server.url(), server.user(), server.password(),
                    prefix + "_" + SCHEMAS.incrementAndGet()), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
