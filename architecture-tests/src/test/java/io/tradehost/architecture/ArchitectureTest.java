package io.tradehost.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Timer;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The module rules of docs/ARCHITECTURE.md, held over the shipped classes of every module. */
class ArchitectureTest {
    private static final JavaClasses SHIPPED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.tradehost");
    private static final JavaClasses OFFENDER = new ClassFileImporter()
            .importPackages("io.tradehost.coordinator.fixture");

    private static final String[] COORDINATORS_AND_PLUGINS = {"io.tradehost.coordinator..", "io.tradehost.plugins..",
        "io.tradehost.backtest..", "io.tradehost.simulator.."};

    static final ArchRule COORDINATORS_ARE_INDEPENDENT = slices().matching("io.tradehost.coordinator.(*)..")
            .should().notDependOnEachOther();

    static final ArchRule API_NEEDS_ONLY_THE_JDK = classes().that().resideInAPackage("io.tradehost.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.tradehost.api..", "java..");

    /**
     * Of the host, plugins see the api only (and a simulated venue the matching engine beside them); of the
     * world, the JDK and the libraries a venue adapter needs.
     */
    static final ArchRule PLUGINS_NEED_ONLY_THE_API = classes().that().resideInAPackage("io.tradehost.plugins..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.tradehost.api..", "io.tradehost.plugins..",
                    "io.tradehost.simulator..", "java..", "com.fasterxml.jackson..", "org.slf4j..");

    /** The simulated matching engine is written against the api and the JDK alone. */
    static final ArchRule THE_ENGINE_NEEDS_ONLY_THE_API = classes().that().resideInAPackage("io.tradehost.simulator..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.tradehost.api..", "io.tradehost.simulator..",
                    "java..")
            .because("the paper venue and the backtest share it, and the host must not reach it but as a venue");

    /** Only the simulated venues use the engine: the host sees it through the Venue SPI alone. */
    static final ArchRule ONLY_SIMULATED_VENUES_USE_THE_ENGINE = noClasses().that()
            .resideOutsideOfPackages("io.tradehost.simulator..", "io.tradehost.plugins.venue.paper..",
                    "io.tradehost.backtest..")
            .should().dependOnClassesThat().resideInAPackage("io.tradehost.simulator..")
            .because("the host trades against a simulated venue as against any other, through the Venue SPI");

    /** A network venue's transport package: the one place a plugin may use the JDK's I/O threads. */
    private static final String VENUE_TRANSPORT = "io.tradehost.plugins.venue.coinbase.net..";

    static final ArchRule TRANSPORT_USES_VIRTUAL_THREADS_ONLY = noClasses().that().resideInAPackage(VENUE_TRANSPORT)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .orShould().callConstructorWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a Thread",
                    c -> c.getTarget().getOwner().isAssignableTo(Thread.class)))
            .because("venue I/O runs on the HTTP client's virtual threads and takes time from the host's Clock");

    static final ArchRule ONLY_THE_APP_KNOWS_COORDINATORS = noClasses().that()
            .resideOutsideOfPackages("io.tradehost.app..", "io.tradehost.coordinator..")
            .should().dependOnClassesThat().resideInAPackage("io.tradehost.coordinator..");

    static final ArchRule NOTHING_DEPENDS_ON_THE_APP = noClasses().that().resideOutsideOfPackage("io.tradehost.app..")
            .should().dependOnClassesThat().resideInAPackage("io.tradehost.app..");

    static final ArchRule THE_OPERATOR_SURFACE_SEES_ONLY_THE_API = noClasses().that()
            .resideInAnyPackage("io.tradehost.admin..", "io.tradehost.alerts..")
            .should().dependOnClassesThat().resideInAnyPackage("io.tradehost.kernel..", "io.tradehost.coordinator..",
                    "io.tradehost.journal..")
            .because("the admin surface and the alerts read published snapshots and events, and send commands:"
                    + " they never reach into the kernel or a coordinator");

    /** The simulated venue and the report are a venue plugin and a watcher the host runs like any other. */
    static final ArchRule BACKTESTS_SEE_ONLY_THE_API = classes().that().resideInAPackage("io.tradehost.backtest..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.tradehost.api..", "io.tradehost.backtest..",
                    "io.tradehost.simulator..", "java..", "com.fasterxml.jackson..", "org.slf4j..")
            .because("a replay runs the host unchanged: its venue and report know the host only by the api");

    static final ArchRule NO_WALL_CLOCK_SLEEP_OR_THREADS = noClasses().that()
            .resideInAnyPackage(COORDINATORS_AND_PLUGINS).and().resideOutsideOfPackage(VENUE_TRANSPORT)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, Executors.class, Timer.class,
                    java.time.Clock.class)
            .because("coordinators, plugins, the simulated venue and its engine take time from the host's Clock and"
                    + " Scheduler");

    static final ArchRule NO_CONSOLE_OUTSIDE_THE_CLI = noClasses().that().resideOutsideOfPackage("io.tradehost.app.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("the CLI owns stdout and stderr; everything else logs through SLF4J or System.Logger");

    @Test
    void coordinatorsDoNotDependOnEachOther() {
        COORDINATORS_ARE_INDEPENDENT.check(SHIPPED);
    }

    @Test
    void apiDependsOnJavaBaseOnly() {
        API_NEEDS_ONLY_THE_JDK.check(SHIPPED);
    }

    @Test
    void pluginsDependOnTheApiOnly() {
        PLUGINS_NEED_ONLY_THE_API.check(SHIPPED);
    }

    @Test
    void onlyTheAppWiresCoordinatorsAndNothingDependsOnTheApp() {
        ONLY_THE_APP_KNOWS_COORDINATORS.check(SHIPPED);
        NOTHING_DEPENDS_ON_THE_APP.check(SHIPPED);
    }

    @Test
    void theOperatorSurfaceSeesOnlyTheApi() {
        THE_OPERATOR_SURFACE_SEES_ONLY_THE_API.check(SHIPPED);
    }

    @Test
    void backtestsSeeOnlyTheApi() {
        BACKTESTS_SEE_ONLY_THE_API.check(SHIPPED);
    }

    @Test
    void theMatchingEngineSeesOnlyTheApiAndOnlySimulatedVenuesSeeIt() {
        THE_ENGINE_NEEDS_ONLY_THE_API.check(SHIPPED);
        ONLY_SIMULATED_VENUES_USE_THE_ENGINE.check(SHIPPED);
        assertThat(SHIPPED.containPackage("io.tradehost.simulator")).as("the engine's classes are imported").isTrue();
    }

    @Test
    void coordinatorsAndPluginsNeverReadTheWallClockSleepOrStartThreads() {
        NO_WALL_CLOCK_SLEEP_OR_THREADS.check(SHIPPED);
        TRANSPORT_USES_VIRTUAL_THREADS_ONLY.check(SHIPPED);
    }

    @Test
    void onlyTheCliWritesToTheConsole() {
        NO_CONSOLE_OUTSIDE_THE_CLI.check(SHIPPED);
    }

    @Test
    void everyDecoratorOfAnApiInterfaceForwardsEveryMethodDefaultsIncluded() {
        DecoratorRule.DECORATORS_FORWARD_EVERY_METHOD.check(SHIPPED);
    }

    @Test
    void theRulesCatchAnOffender() {
        EvaluationResult time = NO_WALL_CLOCK_SLEEP_OR_THREADS.evaluate(OFFENDER);
        assertThat(time.hasViolation()).isTrue();
        assertThat(time.getFailureReport().getDetails()).anyMatch(d -> d.contains("System.currentTimeMillis()"))
                .anyMatch(d -> d.contains("Thread.sleep(long)")).anyMatch(d -> d.contains("Thread.<init>"));
        assertThat(NO_CONSOLE_OUTSIDE_THE_CLI.evaluate(OFFENDER).hasViolation()).isTrue();
        assertThat(ONLY_SIMULATED_VENUES_USE_THE_ENGINE.evaluate(OFFENDER).getFailureReport().getDetails())
                .isNotEmpty().allMatch(d -> d.contains("io.tradehost.coordinator.fixture.EngineCoordinator"));
        assertThat(DecoratorRule.DECORATORS_FORWARD_EVERY_METHOD.evaluate(OFFENDER).getFailureReport().getDetails())
                .containsExactlyInAnyOrder(
                        "io.tradehost.coordinator.fixture.HalfVenue decorates Venue but does not override"
                                + " Venue.supportsNatively(OrderType)",
                        "io.tradehost.coordinator.fixture.HalfVenue decorates Venue but does not override"
                                + " Venue.fundingPayments()",
                        "io.tradehost.coordinator.fixture.HalfVenue decorates Venue but does not override"
                                + " Venue.publishesTrades()",
                        "io.tradehost.coordinator.fixture.HalfVenue decorates Venue but does not override"
                                + " Venue.publishesDepth()",
                        "io.tradehost.coordinator.fixture.HalfVenue decorates Venue but does not override"
                                + " Venue.supportsAmend()",
                        "io.tradehost.coordinator.fixture.HalfVenue decorates Venue but does not override"
                                + " Venue.amend(ClientOrderId, Price, Quantity)");
    }
}
