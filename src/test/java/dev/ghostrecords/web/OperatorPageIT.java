package dev.ghostrecords.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import dev.ghostrecords.notifications.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator page in real headless Chromium (Debian's chromium and chromedriver) against the
 * running service with seeded trouble: a held provider, a failed feed, inactive models, a ghost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "page-token";

    @TempDir
    static Path inbox;
    static RunningService service;
    static ApiClient api;
    static ChromeDriver browser;
    static WebhookReceiver goneReceiver;
    static WebhookReceiver goodReceiver;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)");
        try (var samples = Files.list(Path.of("latest_models"))) {
            for (Path sample : samples.toList()) {
                Files.copy(sample, inbox.resolve(sample.getFileName()));
            }
        }
        // two webhook receivers: one answers 410 Gone (to the requests already on their way too), the other
        // takes everything (its URL holds credentials)
        goneReceiver = new WebhookReceiver().answering(410, 410, 410, 410, 410, 410, 410, 410);
        goodReceiver = new WebhookReceiver();
        service = new RunningService(TestDatabase.fresh(), inbox, Map.of("ghost.api.token", TOKEN,
                "ghost.webhook.urls", goneReceiver.url("/gone") + "," + goodReceiver.url("/ok").replace("http://", "http://page:pw-7e1d@"),
                "ghost.webhook.poll-delay", "100")).start();
        api = new ApiClient(service, TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from ingestion") == 7);
        seedTrouble();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no network beyond loopback here: keep Chromium from reaching out
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,2200");
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
    }

    /** What an operator needs to see: a held sweep, a failed feed, models going away, a ghost. */
    private static void seedTrouble() throws Exception {
        // a ghost: inference keeps using a model the OpenAI feed does not list
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"openai\", \"modelId\": \"gpt-legacy-0613\"}").status())
                .isEqualTo(200);
        // going away: two Anthropic models inactive for three days
        service.execute("update model set is_active = false, deactivated_at = now() - interval '3 days' "
                + "where provider_id = 'anthropic' and model_id in (select model_id from model where provider_id = 'anthropic' order by 1 limit 2)");
        // held: a fresh Mistral feed that lists none of its models, as a broken fetcher might deliver
        service.execute("update model set last_seen_at = now() - interval '3 days' where provider_id = 'mistral'");
        service.execute("update provider set last_index_at = now() - interval '1 hour' where id = 'mistral'");
        assertThat(api.post("/api/maintenance/mark-stale", "").body().get("held").asInt()).isEqualTo(8);
        // a gateway's own deployments, known from inference only, and a model added by hand: no feed to be fresh
        String events = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> "{\"providerId\": \"gateway\", \"modelId\": \"deployment-" + i + "\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        assertThat(api.post("/api/inference-events", events).status()).isEqualTo(200);
        assertThat(api.post("/api/models", "{\"providerId\": \"custom\", \"modelId\": \"house-model\"}").status())
                .isEqualTo(201);
        // a failed feed
        Path broken = Files.writeString(inbox.resolve(".broken"), "{\"data\": [{\"id\": \"half\"");
        Files.move(broken, inbox.resolve("cohere_models_2026-11-21.json"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from ingestion") == 8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
        if (goneReceiver != null) {
            goneReceiver.close();
            goodReceiver.close();
        }
    }

    @Test
    @Order(1)
    void should_show_providers_warnings_and_models_as_the_api_reports_them() throws Exception {
        open();
        JsonNode stats = api.get("/api/stats").body();
        // counts with thousands separators
        assertThat(stats.get("total").asInt()).isGreaterThan(1000);
        assertThat(text("#total-count b")).isEqualTo(String.format(java.util.Locale.US, "%,d", stats.get("total").asInt()));
        assertThat(text("#active-count b")).isEqualTo(String.format(java.util.Locale.US, "%,d", stats.get("active").asInt()));
        assertThat(text("#inactive-count b")).isEqualTo(stats.get("inactive").asText());
        assertThat(text("#providers tr[data-provider='gateway'] td.active")).isEqualTo("1,000");
        // providers with no feed are not flagged as if their feed had gone quiet; a failed feed is
        assertThat(text("#providers tr[data-provider='gateway'] td.freshness")).isEqualTo("no feed");
        assertThat(text("#providers tr[data-provider='custom'] td.freshness")).isEqualTo("no feed");
        assertThat(text("#providers tr[data-provider='cohere']")).contains("no fresh feed");
        // the lifecycle chart: its kinds named, fourteen days dated
        assertThat(text("#chart-legend")).contains("discovered", "(the latest 1,000 events)");
        assertThat(browser.findElements(By.cssSelector("#chart .date"))).hasSize(14);
        // every provider of the catalog, and cohere, whose only feed failed
        assertThat(browser.findElements(By.cssSelector("#providers tbody tr"))).hasSize(stats.get("providers").size() + 1);
        for (JsonNode provider : stats.get("providers")) {
            WebElement row = browser.findElement(By.cssSelector("#providers tr[data-provider='" + provider.get("providerId").asText() + "']"));
            assertThat(row.findElement(By.cssSelector("td.active")).getText())
                    .isEqualTo(String.format(java.util.Locale.US, "%,d", provider.get("active").asInt()));
        }
        assertThat(text("#providers tr[data-provider='mistral'] td.held")).isEqualTo("8 held");
        assertThat(text("#providers tr[data-provider='cohere']")).contains("FAILED", "cohere_models_2026-11-21.json", "line 1");

        // the warnings: a ghost and the inactive models with their purge date
        assertThat(text("#ghosts")).contains("openai/gpt-legacy-0613");
        List<WebElement> going = browser.findElements(By.cssSelector("#inactive li[data-model^='anthropic/']"));
        assertThat(going).hasSize(2);
        assertThat(going.get(0).getText()).contains("inactive since", "purge due");

        // a filter: inactive models only
        new Select(browser.findElement(By.cssSelector("#filters select[name=active]"))).selectByValue("false");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("page"),
                "1–" + stats.get("inactive").asText() + " of " + stats.get("inactive").asText()));
        assertThat(browser.findElements(By.cssSelector("#models tbody tr"))).hasSize(stats.get("inactive").asInt())
                .allSatisfy(row -> assertThat(row.getText()).contains("inactive"));
        browser.findElement(By.cssSelector("#filters input[name=q]")).sendKeys("claude");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textMatches(By.id("page"), java.util.regex.Pattern.compile("of 2$")));

        screenshot("target/operator-page.png", 1280);
        browser.navigate().refresh();
        open();
        screenshot("target/operator-page-narrow.png", 420);
        browser.manage().window().setSize(new Dimension(1280, 2200));
    }

    @Test
    @Order(2)
    void should_force_a_held_sweep_with_the_token_asked_for() throws Exception {
        open();
        browser.findElement(By.cssSelector("#held button[data-provider='mistral']")).click();
        var prompt = new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys(TOKEN);
        prompt.accept();
        var done = new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertThat(done.getText()).contains("mistral: 8 models deactivated");
        done.accept();
        assertThat(service.count("select count(*) from model where provider_id = 'mistral' and not is_active")).isEqualTo(8);
        assertThat(browser.getPageSource()).doesNotContain(TOKEN);
    }

    @Test
    @Order(3)
    void should_show_a_models_history_on_a_click_the_changes_and_the_retiring_models() throws Exception {
        // a second OpenRouter feed: gpt-4o's prompt price went down
        String sample = Files.readString(Path.of("latest_models/openrouter_models_2026-11-20.json"));
        String cheaper = sample.replace("\"prompt\": \"0.0000025\"", "\"prompt\": \"0.000002\"");
        assertThat(cheaper).isNotEqualTo(sample);
        Path aside = Files.writeString(inbox.resolve(".cheaper"), cheaper);
        Files.move(aside, inbox.resolve("openrouter_models_2026-11-21.json"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from ingestion") == 9);

        open();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-history-loaded")));
        // the changes feed: the price, old and new, per million tokens
        assertThat(text("#changes li[data-model='openrouter/openai/gpt-4o']")).contains("pricing", "$2.5", "$2 ");
        // retiring: Anthropic's retired Claude 3.7 Sonnet, with its date
        assertThat(text("#retiring li[data-model='anthropic/claude-3-7-sonnet-20250219']")).contains("retired 2026-02-19");

        new Select(browser.findElement(By.cssSelector("#filters select[name=active]"))).selectByValue("");
        WebElement search = browser.findElement(By.cssSelector("#filters input[name=q]"));
        search.clear();
        search.sendKeys("openai/gpt-4o");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("page"), "1–1 of 1"));
        browser.findElement(By.cssSelector("#models tr[data-model='openrouter/openai/gpt-4o']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("history-section")));
        List<WebElement> versions = browser.findElements(By.cssSelector("#history tbody tr"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).getText()).contains("$2.5 / $10");
        assertThat(versions.get(1).getText()).contains("current", "$2 / $10");
        screenshot("target/operator-page-history.png", 1280);
    }

    @Test
    @Order(4)
    void should_show_the_webhook_receivers_and_link_the_changes_feed() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> "GONE".equals(api.get("/api/webhooks").body().get(0).get("state").asText())
                && api.get("/api/webhooks").body().get(1).get("delivered").asLong() > 0);
        JsonNode receivers = api.get("/api/webhooks").body();
        open();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-webhooks-loaded")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#webhooks tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getDomAttribute("data-url")).isEqualTo(goneReceiver.url("/gone"));
        assertThat(rows.get(0).getText()).contains(goneReceiver.url("/gone"), "GONE", "410 Gone", "never");
        assertThat(rows.get(0).findElement(By.cssSelector("td.delivered")).getText()).isEqualTo("0");
        WebElement good = rows.get(1);
        assertThat(good.getText()).contains(goodReceiver.url("/ok"), "ACTIVE", "min ago");
        assertThat(good.findElement(By.cssSelector("td.delivered")).getText()).isEqualTo(receivers.get(1).get("delivered").asText());
        assertThat(good.findElement(By.cssSelector("td.dead")).getText()).isEqualTo("0");
        assertThat(browser.getPageSource()).doesNotContain("pw-7e1d");
        // the Atom feed of changes is linked (its own feature serves it)
        assertThat(browser.findElement(By.id("changes-feed")).getDomAttribute("href")).isEqualTo("/feeds/changes.atom");
        screenshot("target/operator-page-webhooks.png", 1280);
    }

    private static void open() {
        browser.get(service.url("/").toString());
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    private static void screenshot(String path, int width) throws Exception {
        browser.manage().window().setSize(new Dimension(width, 2200));
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(width, (int) height + 20));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of(path), StandardCopyOption.REPLACE_EXISTING);
    }
}
