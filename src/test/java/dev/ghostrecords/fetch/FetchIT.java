package dev.ghostrecords.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ghostrecords.ApiClient;
import dev.ghostrecords.GhostProcess;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Provider sync against stand-in provider APIs (WireMock, real HTTP), the service as a user runs it
 * (its own JVM, keys in its environment) on a real PostgreSQL: paging, retries, glitches that must
 * never become feeds, and keys that never leave the request headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FetchIT {

    static final String OPENAI_KEY = "sk-test-openai-7f3c9d21e8b64a05";
    static final String ANTHROPIC_KEY = "sk-ant-test-2b8e41f07c9d4a63";
    static final String GEMINI_KEY = "AIzaTestGemini93c1e7b2f04d58a6";
    static final String COHERE_KEY = "co-test-4e6a0b9f2d7c1835";
    static final ObjectMapper JSON = new ObjectMapper();

    WireMockServer stub;
    TestDatabase.Database db;
    GhostProcess service;
    Path inbox;
    Path home;
    int port;
    int managementPort;

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        this.home = home;
        stub = new WireMockServer(options().dynamicPort());
        stub.start();
        inbox = Files.createDirectories(home.resolve("latest_models"));
        String base = "http://127.0.0.1:" + stub.port();
        Path providers = Files.writeString(home.resolve("providers.yaml"), """
                providers:
                  - {id: anthropic3, kind: anthropic, baseUrl: "%1$s/anthropic3/v1", keyEnv: ANTHROPIC_API_KEY}
                  - {id: gemini2,    kind: gemini,    baseUrl: "%1$s/gemini2/v1beta", keyEnv: GEMINI_API_KEY}
                  - {id: cohere2,    kind: cohere,    baseUrl: "%1$s/cohere2/v1", keyEnv: COHERE_API_KEY}
                  - {id: local,      kind: ollama,    baseUrl: "%1$s/ollama"}
                  - {id: ratelimited, kind: openai,   baseUrl: "%1$s/ratelimited/v1", keyEnv: OPENAI_API_KEY}
                  - {id: flaky,      kind: openai,    baseUrl: "%1$s/flaky/v1", keyEnv: OPENAI_API_KEY}
                  - {id: down,       kind: openai,    baseUrl: "%1$s/down/v1", keyEnv: OPENAI_API_KEY}
                  - {id: slow,       kind: openai,    baseUrl: "%1$s/slow/v1", keyEnv: OPENAI_API_KEY}
                  - {id: cutoff,     kind: openai,    baseUrl: "%1$s/cutoff/v1", keyEnv: OPENAI_API_KEY}
                  - {id: html,       kind: openai,    baseUrl: "%1$s/html/v1", keyEnv: OPENAI_API_KEY}
                  - {id: error200,   kind: openrouter, baseUrl: "%1$s/error200/v1", keyEnv: OPENAI_API_KEY}
                  - {id: revoked,    kind: openai,    baseUrl: "%1$s/revoked/v1", keyEnv: OPENAI_API_KEY}
                  - {id: empty,      kind: openai,    baseUrl: "%1$s/empty/v1", keyEnv: OPENAI_API_KEY}
                  - {id: halfway,    kind: anthropic, baseUrl: "%1$s/halfway/v1", keyEnv: ANTHROPIC_API_KEY}
                  - {id: unset,      kind: openai,    baseUrl: "%1$s/unset/v1", keyEnv: GHOST_TEST_UNSET_KEY}
                  - {id: refused,    kind: openai,    baseUrl: "http://127.0.0.1:%2$d/v1", keyEnv: OPENAI_API_KEY}
                """.formatted(base, freePort()));
        db = TestDatabase.fresh();
        port = freePort();
        managementPort = freePort();
        service = GhostProcess.serve(db, Map.ofEntries(
                Map.entry("GHOST_MODELS_DIR", inbox.toString()), Map.entry("GHOST_DATA_DIR", home.resolve("data").toString()),
                Map.entry("GHOST_HTTP_PORT", Integer.toString(port)),
                Map.entry("GHOST_MANAGEMENT_PORT", Integer.toString(managementPort)),
                Map.entry("GHOST_PROVIDERS_FILE", providers.toString()), Map.entry("GHOST_FETCH_CRON", "never"),
                Map.entry("GHOST_FETCH_ATTEMPTS", "4"), Map.entry("GHOST_FETCH_BACKOFF_MS", "50"),
                Map.entry("GHOST_FETCH_TIMEOUT_MS", "1000"), Map.entry("GHOST_FETCH_KEEP", "2"),
                Map.entry("GHOST_MODELS_POLL_DELAY", "200"), Map.entry("GHOST_MODELS_QUIET_PERIOD", "200"),
                Map.entry("OPENAI_API_KEY", OPENAI_KEY), Map.entry("ANTHROPIC_API_KEY", ANTHROPIC_KEY),
                Map.entry("GEMINI_API_KEY", GEMINI_KEY), Map.entry("COHERE_API_KEY", COHERE_KEY)));
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            assertThat(service.isAlive()).as(service.log()).isTrue();
            try {
                return apiGet("/api/stats").status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (stub != null) {
            stub.stop();
        }
    }

    @Test
    @Order(1)
    void should_page_through_three_anthropic_pages_and_write_one_file_with_every_model() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/anthropic3/v1/models")).withQueryParam("after_id", absent())
                .willReturn(okJson(anthropicPage(List.of("c1", "c2"), true))));
        stub.stubFor(get(urlPathEqualTo("/anthropic3/v1/models")).withQueryParam("after_id", equalTo("c2"))
                .willReturn(okJson(anthropicPage(List.of("c3", "c4"), true))));
        stub.stubFor(get(urlPathEqualTo("/anthropic3/v1/models")).withQueryParam("after_id", equalTo("c4"))
                .willReturn(okJson(anthropicPage(List.of("c5"), false))));

        JsonNode fetch = fetch("anthropic3");

        assertThat(fetch.get("status").asText()).isEqualTo("OK");
        assertThat(fetch.get("pages").asInt()).isEqualTo(3);
        assertThat(fetch.get("attempts").asInt()).isEqualTo(3);
        assertThat(fetch.get("models").asInt()).isEqualTo(5);
        assertThat(fetch.get("httpStatus").asInt()).isEqualTo(200);
        String fileName = fetch.get("fileName").asText();
        assertThat(fileName).matches("anthropic3_models_\\d{8}T\\d{6}Z\\.json");
        JsonNode file = JSON.readTree(inbox.resolve(fileName).toFile());
        assertThat(file.get("data")).hasSize(5);
        assertThat(count("select count(*) from model where provider_id = 'anthropic3' and is_active")).isEqualTo(5);
        assertThat(count("select count(*) from ingestion where file_name = ? and status = 'OK' and models_ingested = 5",
                fileName)).as("ingested once, not again by the watcher").isEqualTo(1);

        List<LoggedRequest> requests = stub.findAll(getRequestedFor(urlPathEqualTo("/anthropic3/v1/models")));
        assertThat(requests).hasSize(3);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.queryParameter("limit").firstValue()).isEqualTo("1000");
            assertThat(r.getHeader("x-api-key")).isEqualTo(ANTHROPIC_KEY);
            assertThat(r.getHeader("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(r.containsHeader("Authorization")).isFalse();
        });
        assertThat(requests.get(1).queryParameter("after_id").firstValue()).isEqualTo("c2");
        assertThat(requests.get(2).queryParameter("after_id").firstValue()).isEqualTo("c4");
        Thread.sleep(1000); // the watcher's quiet period and a few polls: it must not take the file again
        assertThat(count("select count(*) from ingestion where file_name = ?", fileName)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void should_follow_gemini_page_tokens_with_the_key_in_a_header() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/gemini2/v1beta/models")).withQueryParam("pageToken", absent())
                .willReturn(okJson("{\"models\": [{\"name\": \"models/gemini-a\", \"inputTokenLimit\": 1000}],"
                        + " \"nextPageToken\": \"tok/2=\"}")));
        stub.stubFor(get(urlPathEqualTo("/gemini2/v1beta/models")).withQueryParam("pageToken", equalTo("tok/2="))
                .willReturn(okJson("{\"models\": [{\"name\": \"models/gemini-b\"}]}")));

        JsonNode fetch = fetch("gemini2");

        assertThat(fetch.get("status").asText()).as(fetch.toString()).isEqualTo("OK");
        assertThat(fetch.get("pages").asInt()).isEqualTo(2);
        JsonNode file = JSON.readTree(inbox.resolve(fetch.get("fileName").asText()).toFile());
        assertThat(file.get("models")).hasSize(2);
        assertThat(count("select count(*) from model where provider_id = 'gemini2' and model_id in ('gemini-a', 'gemini-b')"))
                .isEqualTo(2);
        List<LoggedRequest> requests = stub.findAll(getRequestedFor(urlPathEqualTo("/gemini2/v1beta/models")));
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.queryParameter("pageSize").firstValue()).isEqualTo("1000");
            assertThat(r.getHeader("x-goog-api-key")).isEqualTo(GEMINI_KEY);
            assertThat(r.queryParameter("key").isPresent()).as("the key never in the URL").isFalse();
        });
        assertThat(requests.get(1).queryParameter("pageToken").firstValue()).isEqualTo("tok/2=");
    }

    @Test
    @Order(3)
    void should_follow_cohere_page_tokens_and_fetch_ollama_without_a_key() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/cohere2/v1/models")).withQueryParam("page_token", absent())
                .willReturn(okJson("{\"models\": [{\"name\": \"command-a\"}], \"next_page_token\": \"p2\"}")));
        stub.stubFor(get(urlPathEqualTo("/cohere2/v1/models")).withQueryParam("page_token", equalTo("p2"))
                .willReturn(okJson("{\"models\": [{\"name\": \"embed-v4\"}], \"next_page_token\": \"\"}")));
        stub.stubFor(get(urlPathEqualTo("/ollama/api/tags"))
                .willReturn(okJson("{\"models\": [{\"name\": \"llama3.2:latest\", \"model\": \"llama3.2:latest\"}]}")));

        assertThat(fetch("cohere2").get("models").asInt()).isEqualTo(2);
        assertThat(fetch("local").get("models").asInt()).isEqualTo(1);

        List<LoggedRequest> cohere = stub.findAll(getRequestedFor(urlPathEqualTo("/cohere2/v1/models")));
        assertThat(cohere).hasSize(2).allSatisfy(r -> {
            assertThat(r.queryParameter("page_size").firstValue()).isEqualTo("1000");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + COHERE_KEY);
        });
        assertThat(cohere.get(1).queryParameter("page_token").firstValue()).isEqualTo("p2");
        List<LoggedRequest> ollama = stub.findAll(getRequestedFor(urlPathEqualTo("/ollama/api/tags")));
        assertThat(ollama).hasSize(1);
        assertThat(ollama.get(0).containsHeader("Authorization")).isFalse();
        assertThat(count("select count(*) from model where provider_id = 'local' and model_id = 'llama3.2:latest'")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void should_wait_retry_after_on_429_then_write_the_feed() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/ratelimited/v1/models")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\"}}")).willSetStateTo("open"));
        stub.stubFor(get(urlPathEqualTo("/ratelimited/v1/models")).inScenario("429").whenScenarioStateIs("open")
                .willReturn(okJson("{\"object\": \"list\", \"data\": [{\"id\": \"gpt-r\"}]}")));

        JsonNode fetch = fetch("ratelimited");

        assertThat(fetch.get("status").asText()).isEqualTo("OK");
        assertThat(fetch.get("attempts").asInt()).isEqualTo(2);
        List<LoggedRequest> requests = stub.findAll(getRequestedFor(urlPathEqualTo("/ratelimited/v1/models")));
        assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + OPENAI_KEY));
        long waited = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(waited).as("Retry-After: 1 honoured, not the 50 ms backoff").isGreaterThanOrEqualTo(950);
    }

    @Test
    @Order(5)
    void should_back_off_through_three_500s_and_succeed_on_the_fourth_attempt() throws Exception {
        String state = Scenario.STARTED;
        for (int i = 1; i <= 3; i++) {
            stub.stubFor(get(urlPathEqualTo("/flaky/v1/models")).inScenario("500").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(500).withBody("upstream hiccup")).willSetStateTo("after" + i));
            state = "after" + i;
        }
        stub.stubFor(get(urlPathEqualTo("/flaky/v1/models")).inScenario("500").whenScenarioStateIs(state)
                .willReturn(okJson("{\"data\": [{\"id\": \"f1\"}, {\"id\": \"f2\"}]}")));

        JsonNode fetch = fetch("flaky");

        assertThat(fetch.get("status").asText()).isEqualTo("OK");
        assertThat(fetch.get("attempts").asInt()).isEqualTo(4);
        assertThat(fetch.get("models").asInt()).isEqualTo(2);
        List<LoggedRequest> requests = stub.findAll(getRequestedFor(urlPathEqualTo("/flaky/v1/models")));
        assertThat(requests).hasSize(4);
        long first = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        long third = requests.get(3).getLoggedDate().getTime() - requests.get(2).getLoggedDate().getTime();
        assertThat(first).as("first wait: GHOST_FETCH_BACKOFF_MS").isGreaterThanOrEqualTo(45);
        assertThat(third).as("third wait: doubled twice").isGreaterThanOrEqualTo(190);
    }

    @Test
    @Order(6)
    void should_fail_without_a_file_and_leave_the_catalog_alone_when_500_never_ends() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/down/v1/models")).willReturn(okJson("{\"data\": [{\"id\": \"d1\"}, {\"id\": \"d2\"}]}")));
        assertThat(fetch("down").get("status").asText()).isEqualTo("OK");
        stub.stubFor(get(urlPathEqualTo("/down/v1/models")).willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        List<String> filesBefore = files("down");
        long ingestionsBefore = count("select count(*) from ingestion where provider_id = 'down'");

        JsonNode fetch = fetch("down");

        assertThat(fetch.get("status").asText()).isEqualTo("FAILED");
        assertThat(fetch.get("fileName").isNull()).isTrue();
        assertThat(fetch.get("attempts").asInt()).isEqualTo(4);
        assertThat(fetch.get("httpStatus").asInt()).isEqualTo(503);
        assertThat(fetch.get("error").asText()).contains("page 1", "HTTP 503", "4 attempts", "Service Unavailable");
        assertThat(stub.findAll(getRequestedFor(urlPathEqualTo("/down/v1/models")))).as("4 requests after the first fetch's one")
                .hasSize(5);
        assertThat(files("down")).isEqualTo(filesBefore);
        assertThat(count("select count(*) from ingestion where provider_id = 'down'")).isEqualTo(ingestionsBefore);
        assertThat(count("select count(*) from model where provider_id = 'down' and is_active")).isEqualTo(2);
    }

    @Test
    @Order(7)
    void should_fail_a_request_slower_than_the_timeout() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/slow/v1/models"))
                .willReturn(okJson("{\"data\": [{\"id\": \"late\"}]}").withFixedDelay(3000)));

        JsonNode fetch = fetch("slow");

        assertFailed(fetch, "slow", "no answer within 1000 ms");
        assertThat(fetch.get("attempts").asInt()).as("a timeout is retried").isEqualTo(4);
    }

    @Test
    @Order(8)
    void should_fail_a_body_cut_off_mid_json() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/cutoff/v1/models"))
                .willReturn(okJson("{\"data\": [{\"id\": \"whole\"}, {\"id\": \"cut")));
        assertFailed(fetch("cutoff"), "cutoff", "not JSON");
    }

    @Test
    @Order(9)
    void should_fail_an_html_page_served_with_200() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/html/v1/models")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html><body><h1>Just a moment...</h1></body></html>")));
        assertFailed(fetch("html"), "html", "HTML page");
    }

    @Test
    @Order(10)
    void should_fail_an_error_object_served_with_200() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/error200/v1/models"))
                .willReturn(okJson("{\"error\": {\"message\": \"The server is overloaded\", \"code\": 529}}")));
        JsonNode fetch = fetch("error200");
        assertFailed(fetch, "error200", "The server is overloaded");
        assertThat(fetch.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    @Order(11)
    void should_not_retry_401_and_name_the_variable_not_the_key() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/revoked/v1/models")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Incorrect API key provided: " + OPENAI_KEY + "\"}}")));

        JsonNode fetch = fetch("revoked");

        assertFailed(fetch, "revoked", "OPENAI_API_KEY");
        assertThat(fetch.get("attempts").asInt()).isEqualTo(1);
        assertThat(fetch.get("httpStatus").asInt()).isEqualTo(401);
        assertThat(fetch.get("error").asText()).doesNotContain(OPENAI_KEY);
        assertThat(stub.findAll(getRequestedFor(urlPathEqualTo("/revoked/v1/models")))).hasSize(1);
    }

    @Test
    @Order(12)
    void should_write_an_empty_list_and_record_its_ingestion_empty() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/empty/v1/models")).willReturn(okJson("{\"object\": \"list\", \"data\": []}")));

        JsonNode fetch = fetch("empty");

        assertThat(fetch.get("status").asText()).isEqualTo("OK");
        assertThat(fetch.get("models").asInt()).isZero();
        assertThat(Files.exists(inbox.resolve(fetch.get("fileName").asText()))).isTrue();
        assertThat(count("select count(*) from ingestion where file_name = ? and status = 'EMPTY'",
                fetch.get("fileName").asText())).isEqualTo(1);
    }

    @Test
    @Order(13)
    void should_fail_without_a_file_when_the_second_page_fails_after_the_first_succeeded() throws Exception {
        stub.stubFor(get(urlPathEqualTo("/halfway/v1/models")).withQueryParam("after_id", absent())
                .willReturn(okJson(anthropicPage(List.of("h1", "h2"), true))));
        stub.stubFor(get(urlPathEqualTo("/halfway/v1/models")).withQueryParam("after_id", equalTo("h2"))
                .willReturn(aResponse().withStatus(500).withBody("{\"type\": \"error\", \"error\": {\"type\": \"api_error\"}}")));

        JsonNode fetch = fetch("halfway");

        assertFailed(fetch, "halfway", "page 2");
        assertThat(fetch.get("pages").asInt()).isEqualTo(2);
        assertThat(fetch.get("attempts").asInt()).isEqualTo(1 + 4);
        assertThat(count("select count(*) from model where provider_id = 'halfway'")).isZero();
    }

    @Test
    @Order(14)
    void should_skip_a_provider_whose_key_is_not_set_and_fail_a_refused_connection() throws Exception {
        JsonNode skipped = fetch("unset");
        assertThat(skipped.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(skipped.get("error").asText()).isEqualTo("GHOST_TEST_UNSET_KEY not set");
        assertThat(stub.findAll(getRequestedFor(urlPathEqualTo("/unset/v1/models")))).isEmpty();

        JsonNode refused = fetch("refused");
        assertFailed(refused, "refused", "cannot connect");
        assertThat(refused.get("attempts").asInt()).isEqualTo(4);
    }

    @Test
    @Order(15)
    void should_keep_only_the_newest_fetched_files_of_a_provider() throws Exception {
        Path dropped = Files.writeString(inbox.resolve("flaky_models_2026-11-20.json"), "{\"data\": [{\"id\": \"f1\"}]}");
        for (int i = 0; i < 3; i++) {
            assertThat(fetch("flaky").get("status").asText()).isEqualTo("OK");
            Thread.sleep(1100); // a new second: a new file name
        }
        assertThat(files("flaky")).hasSize(2);
        assertThat(dropped).exists();
    }

    @Test
    @Order(16)
    void should_list_fetches_newest_first_and_count_them_in_the_metrics() throws Exception {
        ApiClient.Answer answer = apiGet("/api/fetches?provider=revoked&limit=5");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode row = answer.body().get(0);
        assertThat(row.get("providerId").asText()).isEqualTo("revoked");
        assertThat(row.get("status").asText()).isEqualTo("FAILED");
        assertThat(row.has("startedAt") && row.has("finishedAt") && row.has("httpStatus") && row.has("pages")
                && row.has("models") && row.has("fileName") && row.has("error") && row.has("attempts")).isTrue();
        JsonNode all = apiGet("/api/fetches?limit=3").body();
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("id").asLong()).isGreaterThan(all.get(1).get("id").asLong());
        assertThat(apiGet("/api/fetches?limit=0").status()).isEqualTo(400);
        assertThat(post("/api/fetch?provider=nosuch").status()).isEqualTo(400);
        assertThat(post("/api/fetch?provider=nosuch").body().get("error").asText()).contains("unknown provider 'nosuch'");

        String metrics = ApiClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics"))
                .build()).text();
        assertThat(metrics).contains("# HELP ghost_fetch_total ")
                .containsPattern("ghost_fetch_total\\{provider=\"revoked\",status=\"FAILED\"} 1\\.0")
                .containsPattern("ghost_fetch_total\\{provider=\"unset\",status=\"OK\"} 0\\.0")
                .containsPattern("ghost_fetch_total\\{provider=\"unset\",status=\"SKIPPED\"} 1\\.0")
                .containsPattern("ghost_feeds_total\\{provider=\"empty\",status=\"EMPTY\"} [1-9]");
        assertThat(metrics).doesNotContain(OPENAI_KEY, ANTHROPIC_KEY, GEMINI_KEY, COHERE_KEY);
    }

    @Test
    @Order(99)
    void should_never_show_a_key_in_the_log_the_folder_or_the_tables() throws Exception {
        List<String> keys = List.of(OPENAI_KEY, ANTHROPIC_KEY, GEMINI_KEY, COHERE_KEY);
        assertThat(service.log()).contains("provider=revoked").doesNotContain(keys);
        try (Stream<Path> files = Files.walk(inbox)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(keys);
            }
        }
        for (String table : List.of("\"fetch\"", "ingestion", "model", "model_event", "provider", "feed_file_version")) {
            String dump = text("select coalesce(string_agg(t::text, ' '), '') from " + table + " t");
            assertThat(dump).as(table).doesNotContain(keys);
        }
        assertThat(apiGet("/api/fetches?limit=1000").text()).doesNotContain(keys);
        assertThat(count("select count(*) from \"fetch\" where status = 'RUNNING'")).isZero();
        assertThat(count("select count(*) from qrtz_triggers where trigger_group = 'fetch'"))
                .as("GHOST_FETCH_CRON=never: no fetch schedule").isZero();
    }

    private static String anthropicPage(List<String> ids, boolean hasMore) throws Exception {
        List<Map<String, Object>> data = new ArrayList<>();
        ids.forEach(id -> data.add(Map.of("type", "model", "id", id, "display_name", "Claude " + id)));
        return JSON.writeValueAsString(Map.of("data", data, "has_more", hasMore, "first_id", ids.get(0),
                "last_id", ids.get(ids.size() - 1)));
    }

    private void assertFailed(JsonNode fetch, String provider, String reason) throws Exception {
        assertThat(fetch.get("status").asText()).as(fetch.toString()).isEqualTo("FAILED");
        assertThat(fetch.get("error").asText()).contains(reason);
        assertThat(fetch.get("fileName").isNull()).isTrue();
        assertThat(files(provider)).as("a failed fetch writes no file").isEmpty();
        try (Stream<Path> all = Files.list(inbox)) {
            assertThat(all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).as("nothing left aside").isEmpty();
        }
    }

    private JsonNode fetch(String provider) throws Exception {
        ApiClient.Answer answer = post("/api/fetch?provider=" + provider);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().get("fetches")).hasSize(1);
        return answer.body().get("fetches").get(0);
    }

    /** The fetched files of a provider in the folder (dropped files have other names). */
    private List<String> files(String provider) throws IOException {
        try (Stream<Path> all = Files.list(inbox)) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.matches(provider + "_models_\\d{8}T\\d{6}Z\\.json"))
                    .sorted().toList();
        }
    }

    private ApiClient.Answer apiGet(String path) throws Exception {
        return ApiClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).build());
    }

    private ApiClient.Answer post(String path) throws Exception {
        return ApiClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private long count(String sql, Object... args) throws Exception {
        return Long.parseLong(text(sql, args));
    }

    private String text(String sql, Object... args) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
