package dev.ghostrecords.notifications;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.ghostrecords.ApiClient;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The operator page's notifications panel in headless Chromium: what is not delivered, and why. */
class NotificationsPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path inbox;

    @Test
    void should_show_the_undelivered_notification_with_its_error_when_the_receiver_is_down() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RunningService service = new RunningService(TestDatabase.fresh(), inbox, Map.of("ghost.api.token", "t",
                "ghost.webhook.urls", "http://127.0.0.1:" + closedPort + "/hook", "ghost.webhook.poll-delay", "100",
                "ghost.webhook.backoff-ms", "60000")).start()) {
            String id = new ApiClient(service, "t").post("/api/notifications/test", "").body().get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> service.count(
                    "select attempts from notification where id = ?::uuid", id) >= 1);

            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
            ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
            try {
                browser.get(service.url("/").toString());
                String text = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
                    var items = d.findElements(By.cssSelector("#notifications li[data-id='" + id + "']"));
                    return items.isEmpty() ? null : items.get(0).getText();
                });
                assertThat(text).contains("PENDING", "test", "this webhook works", "1 attempts", "connection refused");
            } finally {
                browser.quit();
            }
        }
    }
}
