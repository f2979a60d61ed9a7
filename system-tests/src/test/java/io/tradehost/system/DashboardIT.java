package io.tradehost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * {@code .ci/run} installs them): it shows equity and a fill soon after one happens, and its halt
 * button, once confirmed with a reason, halts the host. A screenshot is kept in
 * {@code system-tests/target/artifacts}.
 */
class DashboardIT {
    private static final String TOKEN = "dashboard-test-token-0123456789-abcdef";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path work;

    /** The driver process; a plain WebDriver session over it (no DevTools connection, which this test needs not). */
    static ChromeDriverService driverService() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("Chromium is not installed (apt-get install chromium chromium-driver; .ci/run"
                    + " does)");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogOutput(OutputStream.nullOutputStream()).build();
        service.start();
        return service;
    }

    static WebDriver chromium(ChromeDriverService service) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1100", "--no-first-run", "--disable-extensions");
        return new RemoteWebDriver(service.getUrl(), options);
    }

    @Test
    void theDashboardShowsEquityAndFillsLiveAndItsHaltButtonHaltsTheHost() throws Exception {
        try (RunningHost host = new RunningHost(work, Map.of("TRADEHOST_ADMIN_TOKEN", TOKEN), "--set",
                "venue.config.tick_interval=\"50ms\"", "--set", "strategy.config.ma-crossover.short=2", "--set",
                "strategy.config.ma-crossover.long=4",
                // the guard's default of 60 a minute is spent within about 12 s: a page that connects later saw no fill
                "--set", "guards.config.order-rate.per_second=10000", "--set",
                "guards.config.order-rate.per_minute=1000000")) {
            ChromeDriverService service = driverService();
            WebDriver browser = chromium(service);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                browser.get(host.uri.toString());
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys(TOKEN);
                browser.findElement(By.id("token-submit")).click();

                wait.until(d -> d.findElement(By.id("equity-value")).getText().matches("\\d+(\\.\\d+)?"));
                wait.until(d -> d.findElement(By.id("link")).getText().equals("live"));
                // a fill that happens while the page is open reaches its table through the live stream: the
                // stream's rows carry their trade id, and that id is one the host booked
                WebElement live = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#fills tbody tr[data-key]")));
                String tradeId = live.getAttribute("data-key");
                // the stream is live, /api/v1/fills reads the snapshot the kernel publishes every 250 ms
                wait.until(d -> bookedTradeIds(host).contains(tradeId));
                assertThat(live.findElement(By.cssSelector("td:nth-child(2)")).getText()).matches("[A-Z]+-[A-Z]+");
                assertThat(browser.findElement(By.id("trading-state")).getText()).isEqualTo("ACTIVE");
                wait.until(d -> !d.findElements(By.cssSelector("#equity-chart canvas")).isEmpty());
                screenshot(browser, "dashboard.png");

                browser.findElement(By.id("btn-halt")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-reason")))
                        .sendKeys("dashboard test");
                browser.findElement(By.id("confirm-ok")).click();
                wait.until(d -> d.findElement(By.id("trading-state")).getText().equals("HALTED"));
                screenshot(browser, "dashboard-halted.png");
            } finally {
                browser.quit();
                service.stop();
            }
            JsonNode state = Http.json(Http.get(host.uri, "/api/v1/state", TOKEN));
            assertThat(state.get("tradingState").asText()).isEqualTo("HALTED");
            assertThat(state.get("reasons").get(0).get("message").asText()).isEqualTo("dashboard test");
            assertThat(state.get("operatorActions").get(0).get("actor").asText()).isEqualTo("dashboard@127.0.0.1");
            assertThat(host.stop().exit()).isZero();
        }
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of(System.getProperty("tradehost.artifacts", "target/artifacts"));
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> bookedTradeIds(RunningHost host) {
        try {
            return Http.json(Http.get(host.uri, "/api/v1/fills", TOKEN)).get("fills").findValuesAsText("tradeId");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the fills: " + e.getMessage(), e);
        }
    }
}
