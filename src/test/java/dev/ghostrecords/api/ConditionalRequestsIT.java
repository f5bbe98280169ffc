package dev.ghostrecords.api;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.ghostrecords.ApiClient;
import dev.ghostrecords.ApiClient.Answer;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ETag, Last-Modified and 304 on the catalog's reads, over real HTTP, two replicas on one database. */
class ConditionalRequestsIT {

    private static final String TOKEN = "test-token-etag";
    private static final List<String> READS = List.of("/v1/models", "/v1/models/openai%2Fgpt-5", "/api/models?provider=openai",
            "/api/model?provider=openai&model=gpt-5", "/api/stats");

    @TempDir
    static Path inbox;
    @TempDir
    static Path otherInbox;
    static TestDatabase.Database database;
    static RunningService service;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        Files.copy(Path.of("latest_models/openai_models_2026-11-20.json"), inbox.resolve("openai_models_2026-11-20.json"));
        database = TestDatabase.fresh();
        service = new RunningService(database, inbox, Map.of("ghost.api.token", TOKEN)).start();
        api = new ApiClient(service, TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from ingestion") == 1);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void should_give_every_read_its_validators_and_answer_304_without_a_body() throws Exception {
        for (String path : READS) {
            Answer full = api.get(path);
            assertThat(full.status()).as(path).isEqualTo(200);
            assertThat(full.header("ETag")).as(path).matches("\"[cl]\\d+\"");
            assertThat(full.header("Cache-Control")).as(path).isEqualTo("no-cache");
            String lastModified = full.header("Last-Modified");
            assertThat(ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME)).as(path).isNotNull();

            Answer byTag = get(path, "If-None-Match", full.header("ETag"));
            assertThat(byTag.status()).as(path).isEqualTo(304);
            assertThat(byTag.text()).as(path).isEmpty();
            assertThat(byTag.header("ETag")).as(path).isEqualTo(full.header("ETag"));
            assertThat(byTag.header("Cache-Control")).as(path).isEqualTo("no-cache");

            // Last-Modified is a second early right after a change; the next answer carries the settled one
            await().atMost(Duration.ofSeconds(5)).until(() -> get(path, "If-Modified-Since",
                    api.get(path).header("Last-Modified")).status() == 304);
            assertThat(get(path, "If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT").status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void should_let_the_exports_be_polled_with_their_etag() throws Exception {
        for (String path : List.of("/export/litellm/model_prices_and_context_window.json", "/export/models.dev/api.json")) {
            Answer full = api.get(path);
            assertThat(full.status()).as(path).isEqualTo(200);
            String etag = full.header("ETag");
            // the catalog's revision, and when the clock next marks a ghost or a retiring model (if it will)
            assertThat(etag).as(path).matches("\"c\\d+(-\\d+)?\"");
            Answer held = get(path, "If-None-Match", etag);
            assertThat(held.status()).as(path).isEqualTo(304);
            assertThat(held.text()).as(path).isEmpty();
        }
        // the LiteLLM map shows each model's lastSeenAt: a sighting is a new answer
        String litellm = "/export/litellm/model_prices_and_context_window.json";
        String before = api.get(litellm).header("ETag");
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"openai\", \"modelId\": \"gpt-5\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> get(litellm, "If-None-Match", before).status() == 200);
    }

    @Test
    void should_answer_head_with_the_same_headers() throws Exception {
        Answer get = api.get("/v1/models");
        Answer head = ApiClient.send(api.request("/v1/models").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
        assertThat(head.header("Last-Modified")).isNotNull();
        Answer notModified = ApiClient.send(api.request("/api/stats").header("If-None-Match", api.get("/api/stats").header("ETag"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isNotNull();
    }

    @Test
    void should_match_lists_weak_tags_and_star_and_ignore_a_malformed_header() throws Exception {
        String etag = api.get("/v1/models").header("ETag");
        assertThat(get("/v1/models", "If-None-Match", "\"x1\", " + etag).status()).isEqualTo(304);
        assertThat(get("/v1/models", "If-None-Match", "W/" + etag).status()).isEqualTo(304);
        assertThat(get("/v1/models", "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(get("/v1/models", "If-None-Match", "\"l0\"").status()).isEqualTo(200);
        for (String malformed : List.of(etag.replace("\"", ""), "\"unterminated", etag + " junk", "W/", "\"a\" \"b\"")) {
            Answer answer = get("/v1/models", "If-None-Match", malformed);
            assertThat(answer.status()).as(malformed).isEqualTo(200);
            assertThat(answer.body().get("data")).as(malformed).isNotEmpty();
        }
        assertThat(get("/v1/models", "If-Modified-Since", "yesterday").status()).isEqualTo(200);
    }

    @Test
    void should_move_the_listing_tag_only_when_the_listing_changes() throws Exception {
        String listing = api.get("/v1/models").header("ETag");
        String catalog = api.get("/api/models?provider=openai").header("ETag");

        // a sighting of a known model: /api/models shows it (lastSeenAt), /v1/models does not
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"openai\", \"modelId\": \"gpt-5\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> !api.get("/api/models?provider=openai").header("ETag").equals(catalog));
        assertThat(api.get("/v1/models").header("ETag")).isEqualTo(listing);
        assertThat(get("/v1/models", "If-None-Match", listing).status()).isEqualTo(304);

        // a new model is listed
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"gw\", \"modelId\": \"new-one\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> get("/v1/models", "If-None-Match", listing).status() == 200);
        String afterNew = api.get("/v1/models").header("ETag");
        assertThat(afterNew).isNotEqualTo(listing);

        // a deactivation takes one away
        service.execute("update model set is_active = false, deactivated_at = now() where provider_id = 'gw' and model_id = 'new-one'");
        await().atMost(Duration.ofSeconds(1)).until(() -> get("/v1/models", "If-None-Match", afterNew).status() == 200);
        assertThat(api.get("/v1/models/gw%2Fnew-one").status()).isEqualTo(404);
    }

    @Test
    void should_give_pages_that_follow_the_clock_a_tag_that_expires_when_the_clock_changes_them() throws Exception {
        // retiring within 30 days (GHOST_RETIRING_DAYS) an hour from now: the page changes then, with no write
        service.execute("update model set retires_at = now() + interval '30 days 1 hour' where provider_id = 'openai' and model_id = 'gpt-4.1'");
        Answer retiring = api.get("/api/models?retiring=true");
        assertThat(retiring.status()).isEqualTo(200);
        assertThat(retiring.header("Last-Modified")).isNull();
        assertThat(retiring.header("Cache-Control")).isEqualTo("no-cache");
        String etag = retiring.header("ETag");
        assertThat(etag).matches("\"c\\d+-\\d+\"");
        long until = Long.parseLong(etag.replaceAll("\"c\\d+-(\\d+)\"", "$1"));
        assertThat(until - System.currentTimeMillis() / 1000).isBetween(3500L, 3700L);

        Answer held = get("/api/models?retiring=true", "If-None-Match", etag);
        assertThat(held.status()).isEqualTo(304);
        assertThat(held.header("ETag")).isEqualTo(etag);
        // the same revision once that hour has passed: the full answer
        String expired = etag.replaceAll("-\\d+\"", "-" + (System.currentTimeMillis() / 1000 - 1) + "\"");
        assertThat(get("/api/models?retiring=true", "If-None-Match", expired).status()).isEqualTo(200);
        // no If-Modified-Since for them: a date cannot say the clock moved the page
        assertThat(get("/api/models?retiring=true", "If-Modified-Since", "Thu, 01 Jan 2099 00:00:00 GMT").status()).isEqualTo(200);
        assertThat(api.get("/api/models?ghost=true").header("ETag")).isNotNull();
        assertThat(api.get("/api/models?ghost=false").header("Last-Modified")).isNotNull();
    }

    @Test
    void should_agree_across_replicas_and_follow_a_write_through_the_other() throws Exception {
        try (RunningService other = new RunningService(database, otherInbox, Map.of("ghost.api.token", TOKEN)).start()) {
            ApiClient otherApi = new ApiClient(other, TOKEN);
            for (String path : READS) {
                assertThat(otherApi.get(path).header("ETag")).as(path).isEqualTo(api.get(path).header("ETag"));
            }
            String listing = api.get("/v1/models").header("ETag");
            String stats = api.get("/api/stats").header("ETag");
            assertThat(get("/v1/models", "If-None-Match", listing).status()).isEqualTo(304);
            assertThat(otherApi.post("/api/models", "{\"providerId\": \"custom\", \"modelId\": \"replica-made\"}").status())
                    .isEqualTo(201);
            long written = System.nanoTime();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> get("/v1/models", "If-None-Match", listing).status() == 200);
            assertThat(Duration.ofNanos(System.nanoTime() - written)).isLessThan(Duration.ofSeconds(1));
            assertThat(get("/api/stats", "If-None-Match", stats).status()).isEqualTo(200);
            assertThat(api.get("/v1/models").header("ETag")).isEqualTo(otherApi.get("/v1/models").header("ETag"));

            // a sighting through the other replica (the events' hot path moves the revision itself)
            String models = api.get("/api/models?provider=openai").header("ETag");
            String listed = api.get("/v1/models").header("ETag");
            assertThat(otherApi.post("/api/inference-events", "{\"providerId\": \"openai\", \"modelId\": \"gpt-5\"}").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> get("/api/models?provider=openai", "If-None-Match", models).status() == 200);
            assertThat(get("/v1/models", "If-None-Match", listed).status()).isEqualTo(304);
            assertThat(api.get("/api/models?provider=openai").header("ETag"))
                    .isEqualTo(otherApi.get("/api/models?provider=openai").header("ETag"));
        }
    }

    private static Answer get(String path, String header, String value) throws Exception {
        return ApiClient.send(api.request(path).header(header, value).GET().build());
    }
}
