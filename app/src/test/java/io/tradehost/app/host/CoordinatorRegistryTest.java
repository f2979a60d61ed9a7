package io.tradehost.app.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.StartupException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
class CoordinatorRegistryTest {
    private final List<String> log = new ArrayList<>();

    private Coordinator coordinator(String name, String failIn) {
        return new Coordinator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void initialize() {
                step("init");
            }

            @Override
            public void start() {
                step("start");
            }

            @Override
            public void stop() {
                step("stop");
            }

            private void step(String what) {
                log.add(what + " " + name);
                if (what.equals(failIn)) {
                    throw new StartupException(name + " cannot " + what);
                }
            }

            @Override
            public Health health() {
                if (failIn.equals("health")) {
                    throw new IllegalStateException("no health");
                }
                return Health.healthy(name, Map.of());
            }

        };
    }

    @Test
    void initialisesAndStartsInOrderAndStopsInReverse() {
        CoordinatorRegistry r = new CoordinatorRegistry(List.of(coordinator("runtime", ""),
                coordinator("execution", ""), coordinator("strategy", ""), coordinator("telemetry", "")));
        r.initialize();
        r.start();
        r.stop();
        r.stop();
        assertThat(log).containsExactly("init runtime", "init execution", "init strategy", "init telemetry",
                "start runtime", "start execution", "start strategy", "start telemetry",
                "stop telemetry", "stop strategy", "stop execution", "stop runtime");
    }

    @Test
    void aFailedInitialisationStopsThoseAlreadyUpAndRethrows() {
        CoordinatorRegistry r = new CoordinatorRegistry(List.of(coordinator("runtime", ""),
                coordinator("execution", "init"), coordinator("strategy", "")));
        assertThatThrownBy(r::initialize).isInstanceOf(StartupException.class).hasMessage("execution cannot init");
        assertThat(log).containsExactly("init runtime", "init execution", "stop runtime");
    }

    @Test
    void aFailedStartStopsEverythingAndAFailingStopDoesNotStopTheRest() {
        CoordinatorRegistry r = new CoordinatorRegistry(List.of(coordinator("runtime", "stop"),
                coordinator("execution", "start")));
        r.initialize();
        assertThatThrownBy(r::start).hasMessage("execution cannot start");
        assertThat(log).endsWith("stop execution", "stop runtime");
    }

    @Test
    void aThrowingHealthCheckReportsUnhealthy() {
        CoordinatorRegistry r = new CoordinatorRegistry(List.of(coordinator("runtime", ""),
                coordinator("execution", "health")));
        assertThat(r.all()).extracting(Health::status).containsExactly(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY);
        assertThat(r.all().get(1).error()).contains("no health");
    }
}
