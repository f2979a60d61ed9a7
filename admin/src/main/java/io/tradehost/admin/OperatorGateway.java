package io.tradehost.admin;

import io.tradehost.api.command.OperatorRequest;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands operator requests from other threads to the kernel as {@link OperatorRequest} commands and
 * completes each caller's future when the runtime answers with the matching {@link OperatorActed}.
 * {@link #submit} is thread-safe; {@link #onActed} runs on the kernel thread.
 */
public final class OperatorGateway {
    private final CommandBus commands;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<OperatorActed>> pending = new ConcurrentHashMap<>();

    /** @param commands the kernel's command bus, whose {@code send} is thread-safe */
    public OperatorGateway(CommandBus commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * Sends the request to the kernel.
     *
     * @return completed with the runtime's answer; a caller that stops waiting leaves the request in effect
     * @throws IllegalArgumentException if the request is malformed (see {@link OperatorRequest})
     */
    public CompletableFuture<OperatorActed> submit(OperatorAction action, String argument, String actor,
                                                   String reason) {
        long id = ids.incrementAndGet();
        OperatorRequest request = new OperatorRequest(id, action, argument, actor, reason, clock.nanos());
        CompletableFuture<OperatorActed> answer = new CompletableFuture<>();
        pending.put(id, answer);
        commands.send(request);
        return answer;
    }

    /** Hears the runtime's answers. Kernel thread. */
    public void onActed(OperatorActed acted) {
        CompletableFuture<OperatorActed> answer = pending.remove(acted.requestId());
        if (answer != null) {
            answer.complete(acted);
        }
    }

    /** Requests sent and not answered yet (or whose caller stopped waiting). */
    public int pendingCount() {
        return pending.size();
    }
}
