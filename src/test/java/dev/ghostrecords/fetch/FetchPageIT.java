package dev.ghostrecords.fetch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The operator page shows each provider's last fetch beside its last file (headless Chromium, as OperatorPageIT). */
class FetchPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path home;
    static WireMockServer stub;
    static RunningService service;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "needs Debian's chromium and chromium-driver");
        stub = new WireMockServer(options().dynamicPort());
        stub.start();
        stub.stubFor(get(urlPathEqualTo("/good/api/tags")).willReturn(okJson("{\"models\": [{\"name\": \"llama3.2:latest\"}, {\"name\": \"qwen3:8b\"}]}")));
        stub.stubFor(get(urlPathEqualTo("/bad/api/tags")).willReturn(aResponse().withStatus(500).withBody("boom")));
        Path providers = Files.writeString(home.resolve("providers.yaml"), """
                providers:
                  - {id: good,   kind: ollama, baseUrl: "http://127.0.0.1:%1$d/good"}
                  - {id: bad,    kind: ollama, baseUrl: "http://127.0.0.1:%1$d/bad"}
                  - {id: nokey,  kind: openai, baseUrl: "http://127.0.0.1:%1$d/nokey/v1", keyEnv: GHOST_TEST_UNSET_KEY}
                """.formatted(stub.port()));
        service = new RunningService(TestDatabase.fresh(), home.resolve("models"), Map.of("ghost.providers.file", providers.toString(),
                "ghost.fetch.cron", "never", "ghost.fetch.backoff-ms", "10")).start();
        ApiClient.Answer answer = ApiClient.send(java.net.http.HttpRequest.newBuilder(service.url("/api/fetch"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);

        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM.toFile());
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), chrome);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
        if (stub != null) {
            stub.stop();
        }
    }

    @Test
    void should_show_each_providers_last_fetch_beside_its_last_file() {
        browser.get(service.url("/").toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));

        String good = cell("good");
        assertThat(good).contains("OK", "2 models");
        assertThat(browser.findElement(By.cssSelector("#providers tr[data-provider='good']")).getText()).contains("good_models_");
        assertThat(cell("bad")).contains("FAILED", "HTTP 500", "boom");
        assertThat(cell("nokey")).contains("SKIPPED", "GHOST_TEST_UNSET_KEY not set");
    }

    private static String cell(String provider) {
        return browser.findElement(By.cssSelector("#providers tr[data-provider='" + provider + "'] td.last-fetch")).getText();
    }
}
