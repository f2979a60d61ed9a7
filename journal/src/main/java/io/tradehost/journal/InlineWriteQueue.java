package io.tradehost.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** Applies each write at once on the calling thread, in its own transaction. For virtual-clock tests. */
final class InlineWriteQueue implements WriteQueue {
    private final Connection connection;
    private boolean closed;
    private JournalWrite preamble;

    InlineWriteQueue(Connection connection) {
        this.connection = connection;
    }

    @Override
    public boolean submit(String what, JournalWrite write, Consumer<SQLException> completion) {
        completion.accept(closed ? new SQLException("journal closed")
                : Transactions.runAll(connection, preamble == null ? List.of(write) : List.of(preamble, write)));
        return true;
    }

    @Override
    public void preamble(JournalWrite check) {
        this.preamble = check;
    }

    @Override
    public int backlog() {
        return 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Transactions.close(connection);
        }
    }
}
