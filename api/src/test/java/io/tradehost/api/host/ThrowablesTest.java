package io.tradehost.api.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
class ThrowablesTest {
    @Test
    void onlyAFailureOfTheJvmItselfIsFatal() {
        assertThat(Throwables.isFatal(new OutOfMemoryError())).isTrue();
        assertThat(Throwables.isFatal(new InternalError())).isTrue();
        assertThat(Throwables.isFatal(new UnknownError())).isTrue();
        List<Throwable> contained = List.of(new StackOverflowError(), new AssertionError(), new LinkageError(),
                new NoClassDefFoundError(), new RuntimeException(), new Exception(), new Throwable());
        assertThat(contained).noneMatch(Throwables::isFatal);
    }

    @Test
    void rethrowsOnlyWhatIsFatal() {
        OutOfMemoryError oom = new OutOfMemoryError();
        assertThatThrownBy(() -> Throwables.rethrowIfFatal(oom)).isSameAs(oom);
        assertThatCode(() -> Throwables.rethrowIfFatal(new StackOverflowError())).doesNotThrowAnyException();
        assertThatCode(() -> Throwables.rethrowIfFatal(new IllegalStateException())).doesNotThrowAnyException();
    }

    @Test
    void describesAFailureInOneLine() {
        assertThat(Throwables.describe(new ArithmeticException("overflow"))).isEqualTo("ArithmeticException: overflow");
        assertThat(Throwables.describe(new StackOverflowError())).isEqualTo("StackOverflowError");
        assertThat(Throwables.describe(new IllegalStateException("  "))).isEqualTo("IllegalStateException");
    }

    @Test
    void healthTakesTheWorstStatusAndCopiesItsDetails() {
        HealthStatus[] statuses = HealthStatus.values();
        assertThat(statuses).containsExactly(HealthStatus.HEALTHY, HealthStatus.DEGRADED, HealthStatus.UNHEALTHY);
        for (HealthStatus a : statuses) {
            for (HealthStatus b : statuses) {
                assertThat(a.worst(b)).isEqualTo(a.ordinal() >= b.ordinal() ? a : b).isEqualTo(b.worst(a));
            }
        }
        Health healthy = Health.healthy("kernel", Map.of("queue", "0"));
        assertThat(healthy).isEqualTo(new Health("kernel", HealthStatus.HEALTHY, Map.of("queue", "0"), null));
        assertThat(Health.of("journal", HealthStatus.UNHEALTHY, null, "disk full").details()).isEmpty();
        assertThatThrownBy(() -> Health.healthy(null, Map.of())).hasMessage("component");
        assertThatThrownBy(() -> Health.of("x", null, Map.of(), null)).hasMessage("status");
    }

    @Test
    void orderCountersKeepRejectionsByCodeSortedAndFixed() {
        var byCode = new HashMap<String, Long>(Map.of("NO_MARK", 1L, "IN_FLIGHT", 2L));
        OrderCounters counters = new OrderCounters(3, 0, 0, 3, byCode);
        byCode.put("LATER", 9L);
        assertThat(counters.rejectionsByCode().keySet()).containsExactly("IN_FLIGHT", "NO_MARK");
        assertThatThrownBy(() -> counters.rejectionsByCode().put("X", 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void startupExceptionsKeepTheirCause() {
        IllegalStateException cause = new IllegalStateException("x");
        assertThat(new StartupException("venue 'paper' failed", cause)).hasMessage("venue 'paper' failed")
                .hasCause(cause);
        assertThat(new StartupException("no venue")).hasMessage("no venue").hasNoCause();
    }
}
