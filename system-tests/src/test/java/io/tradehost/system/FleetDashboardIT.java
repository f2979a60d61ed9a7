package io.tradehost.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's fleet page in a real headless Chromium: two images on one account, their journal on
 * a real PostgreSQL server, one primary and one standby; the standby's page lists both with a link to
 * each one's dashboard, and a registry row planted with markup and a {@code javascript:} address shows
 * as text, with no link.
 */
class FleetDashboardIT {
    private static final String TOKEN = "fleet-dashboard-token-0123456789-abcdef";

    @TempDir
    Path work;

    private static String[] fleetArgs(PostgresServer pg, String hostId) {
        return new String[] {"--set", "journal.url=\"" + pg.url() + "\"", "--set", "journal.user=\"" + pg.user() + "\"",
                "--set", "journal.schema=\"fleet_it\"", "--set", "host.account=\"acct\"",
                "--set", "host.id=\"" + hostId + "\"", "--set", "host.lease=\"2s\""};
    }

    @Test
    void theFleetPageListsThePrimaryAndTheStandbyWithLinksAndShowsAHostileRowAsText() throws Exception {
        Path a = Files.createDirectories(work.resolve("a"));
        Path b = Files.createDirectories(work.resolve("b"));
        try (PostgresServer pg = PostgresServer.start()) {
            Map<String, String> env = Map.of("TRADEHOST_ADMIN_TOKEN", TOKEN, "TRADEHOST_JOURNAL_PASSWORD", pg.password());
            try (RunningHost primary = new RunningHost(a, env, fleetArgs(pg, "host-a"));
                 RunningHost standby = new RunningHost(b, env, fleetArgs(pg, "host-b"))) {
                standby.awaitLine(java.util.regex.Pattern.compile("read-only while this host stands by"), 30);
                pg.execute("INSERT INTO tradehost_fleet.hosts(account, host_id, role, state, equity, admin_url,"
                        + " lease_token, started_at, heartbeat_at) VALUES ('evil', '<img src=x onerror=alert(1)>',"
                        + " 'standby', 'STANDBY', NULL, 'javascript:alert(1)', 0, now(), now())");
                ChromeDriverService service = DashboardIT.driverService();
                WebDriver browser = DashboardIT.chromium(service);
                try {
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                    browser.get(standby.uri.resolve("/fleet").toString());
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys(TOKEN);
                    browser.findElement(By.id("token-submit")).click();
                    wait.until(d -> d.findElements(By.cssSelector("#fleet tbody tr")).size() == 3
                            && text(d, "acct/host-a").contains("primary") && text(d, "acct/host-b").contains("standby"));

                    WebElement hostA = row(browser, "acct/host-a");
                    assertThat(hostA.getText()).contains("ACTIVE", "held (token 1)");
                    assertThat(hostA.findElement(By.tagName("a")).getAttribute("href"))
                            .as("%s%n%s%n%s", browser.findElement(By.id("fleet")).getText(), primary.log(),
                                    standby.log()).isEqualTo(primary.uri + "/");
                    assertThat(row(browser, "acct/host-b").findElement(By.tagName("a")).getAttribute("href"))
                            .isEqualTo(standby.uri + "/");
                    WebElement evil = row(browser, "evil/<img src=x onerror=alert(1)>");
                    assertThat(evil.getText()).contains("<img src=x onerror=alert(1)>");
                    assertThat(evil.findElements(By.tagName("a"))).as("no link to a javascript: address").isEmpty();
                    assertThat(evil.findElements(By.tagName("img"))).as("markup stays text").isEmpty();
                    DashboardIT.screenshot(browser, "fleet.png");
                } finally {
                    browser.quit();
                    service.stop();
                }
                assertThat(standby.stop().exit()).isZero();
                assertThat(primary.stop().exit()).isZero();
            }
        }
    }

    private static String text(WebDriver browser, String key) {
        return browser.findElements(By.cssSelector("#fleet tbody tr")).stream()
                .filter(r -> key.equals(r.getAttribute("data-host"))).findFirst().map(WebElement::getText).orElse("");
    }

    private static WebElement row(WebDriver browser, String key) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#fleet tbody tr"));
        return rows.stream().filter(r -> key.equals(r.getAttribute("data-host"))).findFirst()
                .orElseThrow(() -> new AssertionError("no fleet row " + key));
    }
}
