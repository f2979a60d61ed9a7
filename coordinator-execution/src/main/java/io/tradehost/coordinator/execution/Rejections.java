package io.tradehost.coordinator.execution;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.order.RejectionCode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution's refusals of intents and the venue's rejections of orders, counted by code. A refusal is
 * published as {@link IntentRejected}; the 1st, 2nd, 4th, 8th, ... refusal of each stage and code is
 * logged at INFO with its count, the others at DEBUG, so that a strategy retrying into a limit every
 * tick does not flood the log. Kernel thread only.
 */
final class Rejections {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionCoordinator.class);

    private final EventBus bus;
    private final Map<String, Long> byCode = new TreeMap<>();
    private final Map<String, Long> byStage = new HashMap<>();
    private long count;

    Rejections(EventBus bus) {
        this.bus = bus;
    }

    /** Refuses {@code intent} at {@code stage}: counted, logged as the class says, published. */
    void refuse(OrderIntent intent, String stage, RejectionCode code, String message) {
        count(code);
        long n = byStage.merge(stage + " " + code.value(), 1L, Long::sum);
        if (Long.bitCount(n) == 1) {
            LOG.info("intent #{} {} refused by {}: {} {} (refusal {} of this kind; the 1st, 2nd, 4th, ... are "
                    + "logged)", intent.sequence(), intent.symbol(), stage, code, message, n);
        } else {
            LOG.debug("intent #{} {} refused by {}: {} {}", intent.sequence(), intent.symbol(), stage, code, message);
        }
        bus.publish(new IntentRejected(intent, stage, code, message));
    }

    /** Counts one rejection with {@code code}. */
    void count(RejectionCode code) {
        count++;
        byCode.merge(code.value(), 1L, Long::sum);
    }

    long count() {
        return count;
    }

    /** Rejections so far by code, sorted by code; a live view. */
    Map<String, Long> byCode() {
        return byCode;
    }
}
