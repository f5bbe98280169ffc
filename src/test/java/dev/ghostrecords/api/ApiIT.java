package dev.ghostrecords.api;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ghostrecords.ApiClient;
import dev.ghostrecords.ApiClient.Answer;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The HTTP API over real HTTP, against the running service and PostgreSQL. */
class ApiIT {

    private static final String TOKEN = "test-token-7f3a";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path inbox;
    static RunningService service;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        Files.copy(Path.of("latest_models/openai_models_2026-11-20.json"), inbox.resolve("openai_models_2026-11-20.json"));
        Files.copy(Path.of("latest_models/openrouter_models_2026-11-20.json"), inbox.resolve("openrouter_models_2026-11-20.json"));
        service = new RunningService(TestDatabase.fresh(), inbox, Map.of("ghost.api.token", TOKEN)).start();
        api = new ApiClient(service, TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from ingestion") == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void should_discover_an_unknown_model_from_an_inference_event() throws Exception {
        Answer answer = post("/api/inference-events", "{\"providerId\": \"gw\", \"modelId\": \"ft:gpt-4o/custom@1\", "
                + "\"modelName\": \"Custom\", \"metadata\": {\"contextWindow\": 128000}}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("recorded").asInt()).isEqualTo(1);
        assertThat(service.rows("select source, is_active, name, context_window, last_inference_at is not null as hit "
                + "from model where provider_id = 'gw' and model_id = 'ft:gpt-4o/custom@1'"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("source")).isEqualTo("INFERENCE");
                    assertThat(r.get("is_active")).isEqualTo(true);
                    assertThat(r.get("name")).isEqualTo("Custom");
                    assertThat(r.get("context_window")).isEqualTo(128000L);
                    assertThat(r.get("hit")).isEqualTo(true);
                });
        assertThat(service.count("select count(*) from model_event where provider_id = 'gw' and kind = 'DISCOVERED' "
                + "and source = 'INFERENCE'")).isEqualTo(1);
    }

    @Test
    void should_keep_the_source_of_an_indexed_model_and_move_its_sighting() throws Exception {
        Object before = service.value("select last_seen_at from model where provider_id = 'openai' and model_id = 'gpt-5'");
        assertThat(post("/api/inference-events", "[{\"providerId\": \"OpenAI\", \"modelId\": \"gpt-5\"}]").status()).isEqualTo(200);
        assertThat(service.rows("select source, last_seen_at > ? as moved, last_inference_at is not null as hit "
                + "from model where provider_id = 'openai' and model_id = 'gpt-5'", before))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("source")).isEqualTo("INDEX");
                    assertThat(r.get("moved")).isEqualTo(true);
                    assertThat(r.get("hit")).isEqualTo(true);
                });
    }


    @Test
    void should_fill_only_the_gaps_of_a_known_model_from_an_inference_event() throws Exception {
        assertThat(post("/api/inference-events", "{\"providerId\": \"fill\", \"modelId\": \"bare\"}").status()).isEqualTo(200);
        String listing = get("/v1/models").header("ETag");
        // a known active model named by id alone: its sighting moves, nothing it says of itself
        assertThat(post("/api/inference-events", "{\"providerId\": \"fill\", \"modelId\": \"bare\"}").status()).isEqualTo(200);
        assertThat(get("/v1/models").header("ETag")).isEqualTo(listing);
        // a name and a context window it lacked are taken, and the listing shows them
        assertThat(post("/api/inference-events", "{\"providerId\": \"fill\", \"modelId\": \"bare\", \"modelName\": \"Bare\", "
                + "\"metadata\": {\"contextWindow\": 8192}}").status()).isEqualTo(200);
        assertThat(get("/v1/models").header("ETag")).isNotEqualTo(listing);
        // what it already has is kept
        assertThat(post("/api/inference-events", "{\"providerId\": \"fill\", \"modelId\": \"bare\", \"modelName\": \"Other\", "
                + "\"metadata\": {\"contextWindow\": 1}}").status()).isEqualTo(200);
        assertThat(service.rows("select name, context_window from model where provider_id = 'fill' and model_id = 'bare'"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("name")).isEqualTo("Bare");
                    assertThat(r.get("context_window")).isEqualTo(8192L);
                });
    }
    @Test
    void should_reactivate_an_inactive_model_on_an_inference_hit() throws Exception {
        service.execute("update model set is_active = false, deactivated_at = now() where provider_id = 'openai' and model_id = 'gpt-4.1'");
        assertThat(post("/api/inference-events", "{\"providerId\": \"openai\", \"modelId\": \"gpt-4.1\"}").status()).isEqualTo(200);
        assertThat(service.value("select is_active and deactivated_at is null from model where provider_id = 'openai' and model_id = 'gpt-4.1'"))
                .isEqualTo(true);
        assertThat(service.count("select count(*) from model_event where provider_id = 'openai' and model_id = 'gpt-4.1' and kind = 'REACTIVATED'"))
                .isEqualTo(1);
    }

    @Test
    void should_record_one_request_that_mixes_known_unknown_and_inactive_models() throws Exception {
        service.execute("update model set is_active = false, deactivated_at = now() where provider_id = 'openai' and model_id = 'whisper-1'");
        Object before = service.value("select last_seen_at from model where provider_id = 'openai' and model_id = 'gpt-5-mini'");
        Answer answer = post("/api/inference-events", "[{\"providerId\": \"openai\", \"modelId\": \"gpt-5-mini\"}, "
                + "{\"providerId\": \"mixed\", \"modelId\": \"new-1\"}, {\"providerId\": \"openai\", \"modelId\": \"whisper-1\"}]");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("recorded").asInt()).isEqualTo(3);
        assertThat(service.value("select last_seen_at > ? and last_inference_at is not null from model "
                + "where provider_id = 'openai' and model_id = 'gpt-5-mini'", before)).isEqualTo(true);
        assertThat(service.value("select source from model where provider_id = 'mixed' and model_id = 'new-1' and is_active"))
                .isEqualTo("INFERENCE");
        assertThat(service.value("select is_active and deactivated_at is null and last_inference_at is not null from model "
                + "where provider_id = 'openai' and model_id = 'whisper-1'")).isEqualTo(true);
        assertThat(service.count("select count(*) from model_event where (kind = 'DISCOVERED' and provider_id = 'mixed' "
                + "and model_id = 'new-1') or (kind = 'REACTIVATED' and provider_id = 'openai' and model_id = 'whisper-1')"))
                .isEqualTo(2);
    }

    @Test
    void should_answer_every_concurrent_request_and_record_all_of_them() throws Exception {
        int requests = 400;
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String body = "{\"providerId\": \"busy\", \"modelId\": \"hot-" + (i % 3) + "\"}";
                answers.add(pool.submit(() -> post("/api/inference-events", body).status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(service.count("select count(*) from model where provider_id = 'busy' and last_inference_at is not null")).isEqualTo(3);
        assertThat(service.count("select count(*) from model_event where provider_id = 'busy' and kind = 'DISCOVERED'")).isEqualTo(3);
    }

    @Test
    void should_keep_answering_the_api_while_many_events_wait_for_a_slow_commit() throws Exception {
        assertThat(post("/api/inference-events", "{\"providerId\": \"slow\", \"modelId\": \"m\"}").status()).isEqualTo(200);
        int waiting = 60; // more than Vert.x's default worker pool (20): the pool is sized for waiting events
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try (Connection lock = service.database().connect()) {
            // the commit stalls on a row lock, as it would on a slow or busy database
            lock.setAutoCommit(false);
            lock.createStatement().execute("select 1 from model where provider_id = 'slow' for update");
            for (int i = 0; i < waiting; i++) {
                answers.add(HTTP.sendAsync(request("/api/inference-events").header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"providerId\": \"slow\", \"modelId\": \"m\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> service.count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%unnest%'") > 0);
            Thread.sleep(500); // let every request reach the service

            // no thread waits for the commit, so the rest of the API is not starved
            Answer stats = send(request("/api/stats").timeout(Duration.ofSeconds(3)).GET().build());
            assertThat(stats.status()).isEqualTo(200);
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            lock.rollback();
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_answer_503_when_the_commit_does_not_come_in_time(@TempDir Path otherInbox) throws Exception {
        String event = "{\"providerId\": \"slow\", \"modelId\": \"m\"}";
        try (RunningService impatient = new RunningService(TestDatabase.fresh(), otherInbox,
                Map.of("ghost.inference.commit-timeout", "1000")).start()) {
            ApiClient client = new ApiClient(impatient, "");
            assertThat(client.post("/api/inference-events", event).status()).isEqualTo(200);
            try (Connection lock = impatient.database().connect()) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("select 1 from model where provider_id = 'slow' for update");
                assertError(client.post("/api/inference-events", event), 503, "try again");
                lock.rollback();
            }
            // not known to be committed: the client's retry is safe
            assertThat(client.post("/api/inference-events", event).status()).isEqualTo(200);
        }
    }

    @Test
    void should_refuse_bad_input_with_a_reason_and_record_nothing() throws Exception {
        assertError(post("/api/inference-events", "{not json"), 400, "not valid JSON");
        assertError(post("/api/inference-events", "{\"providerId\": \"bad\"}"), 400, "modelId is missing");
        assertError(post("/api/inference-events", "{\"providerId\": \"bad\", \"modelId\": \"\"}"), 400, "modelId is empty");
        assertError(post("/api/inference-events", "{\"providerId\": \"bad\", \"modelId\": 42}"), 400, "modelId must be a string");
        assertError(post("/api/inference-events", "[{\"providerId\": \"bad\", \"modelId\": \"ok\"}, {\"providerId\": \"bad\"}]"),
                400, "event [1]");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"providerId\": \"bad\", \"modelId\": \"m").append(i).append("\"}");
        }
        assertError(post("/api/inference-events", many.append("]").toString()), 400, "at most 1000");
        assertError(send(request("/api/inference-events").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("providerId=bad")).build()), 415, "JSON");
        assertThat(send(request("/api/inference-events").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + "{\"providerId\":\"bad\",\"modelId\":\"x\"},".repeat(40_000) + "{}]"))
                .build()).status()).isEqualTo(413);
        assertThat(service.count("select count(*) from model where provider_id = 'bad'")).isZero();
    }

    @Test
    void should_require_the_token_on_every_post() throws Exception {
        String event = "{\"providerId\": \"sneaky\", \"modelId\": \"m\"}";
        for (String path : List.of("/api/inference-events", "/api/models", "/api/models/reactivate")) {
            assertError(send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build()), 401, "token");
            assertError(send(request(path).header("Content-Type", "application/json").header("Authorization", "Bearer wrong")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build()), 401, "token");
        }
        assertThat(service.count("select count(*) from model where provider_id = 'sneaky'")).isZero();
        // reads stay open
        assertThat(get("/api/stats").status()).isEqualTo(200);
    }

    @Test
    void should_add_manual_models_once_and_reactivate_known_ones() throws Exception {
        Answer added = post("/api/models", "{\"providerId\": \"custom\", \"modelId\": \"my/finetune\", \"modelName\": \"Mine\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("source").asText()).isEqualTo("MANUAL");
        assertThat(added.body().get("name").asText()).isEqualTo("Mine");
        assertError(post("/api/models", "{\"providerId\": \"custom\", \"modelId\": \"my/finetune\"}"), 409, "already exists");

        service.execute("update model set is_active = false, deactivated_at = now() where provider_id = 'custom'");
        Answer back = post("/api/models/reactivate", "{\"providerId\": \"custom\", \"modelId\": \"my/finetune\"}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body().get("isActive").asBoolean()).isTrue();
        assertThat(back.body().get("deactivatedAt").isNull()).isTrue();
        assertError(post("/api/models/reactivate", "{\"providerId\": \"custom\", \"modelId\": \"nope\"}"), 404, "no model");
    }

    @Test
    void should_give_back_prices_and_metadata_as_they_were_sent() throws Exception {
        String metadata = "{\"pricing\": {\"prompt\": 0.00000025, \"completion\": 0.000002}, \"tags\": [\"a\", 1, null],"
                + " \"nested\": {\"deep\": {\"x\": 12345678901234567890}}, \"flag\": true}";
        Answer added = post("/api/models", "{\"providerId\": \"custom\", \"modelId\": \"priced\", \"metadata\": " + metadata + "}");
        assertThat(added.status()).isEqualTo(201);
        Answer read = api.get("/api/model?provider=custom&model=priced");
        // numbers as stored: plain, never 2.5E-7, and no digit lost
        assertThat(read.text()).contains("\"pricing\":{\"prompt\":0.00000025,").doesNotContain("E-")
                .contains("\"x\":12345678901234567890");
        assertThat(read.body().get("pricing").get("completion").decimalValue()).isEqualByComparingTo("0.000002");
        assertThat(read.body().get("metadata").get("tags").toString()).isEqualTo("[\"a\",1,null]");
        assertThat(read.body().get("metadata").get("flag").asBoolean()).isTrue();
    }

    @Test
    void should_list_filter_and_page_the_catalog() throws Exception {
        service.execute("update model set is_active = false, deactivated_at = now() where provider_id = 'openrouter' "
                + "and model_id = 'anthropic/claude-sonnet-4.6'");
        Answer page = get("/api/models?provider=openrouter&active=true&limit=2&offset=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("total").asLong())
                .isEqualTo(service.count("select count(*) from model where provider_id = 'openrouter' and is_active"));
        assertThat(page.body().get("models")).hasSize(2);
        page.body().get("models").forEach(m -> assertThat(m.get("isActive").asBoolean()).isTrue());
        Answer pastTheEnd = get("/api/models?provider=openrouter&offset=1000");
        assertThat(pastTheEnd.body().get("total").asLong()).isEqualTo(service.count("select count(*) from model where provider_id = 'openrouter'"));
        assertThat(pastTheEnd.body().get("models")).isEmpty();
        assertThat(get("/api/models?q=SONNET").body().get("models")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.get("modelId").asText() + m.get("name").asText()).containsIgnoringCase("sonnet"));

        Answer one = get("/api/model?provider=openrouter&model=anthropic/claude-sonnet-4.6");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().fieldNames()).toIterable().contains("providerId", "modelId", "name", "contextWindow",
                "isActive", "source", "firstSeenAt", "lastSeenAt", "deactivatedAt", "metadata");
        assertThat(one.body().get("metadata").get("canonical_slug").asText()).startsWith("anthropic/");
        assertError(get("/api/model?provider=openrouter&model=nope"), 404, "no model");
        assertError(get("/api/models?active=maybe"), 400, "active");
        assertError(get("/api/models?limit=0"), 400, "limit");
        assertError(get("/api/models?source=GUESS"), 400, "source");

        Answer openAi = get("/v1/models");
        List<String> ids = new ArrayList<>();
        openAi.body().get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).hasSize((int) service.count("select count(*) from model where is_active"))
                .contains("openai/gpt-5").doesNotContain("openrouter/anthropic/claude-sonnet-4.6");
        Answer single = get("/v1/models/openai%2Fgpt-5");
        assertThat(single.body().get("owned_by").asText()).isEqualTo("openai");
        assertThat(get("/v1/models/openrouter/anthropic/claude-sonnet-4.6").status()).as("inactive").isEqualTo(404);
    }

    @Test
    void should_describe_every_path_in_openapi() throws Exception {
        Answer doc = get("/api/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body().get("openapi").asText()).startsWith("3.");
        assertThat(doc.body().get("paths").fieldNames()).toIterable().contains("/api/inference-events", "/api/models",
                "/api/model", "/api/models/reactivate", "/api/stats", "/api/ingestions", "/api/events", "/v1/models",
                "/v1/models/{id}");
    }

    @Test
    void should_serve_health_and_metrics_on_the_management_port() throws Exception {
        post("/api/inference-events", "{\"providerId\": \"metered\", \"modelId\": \"m\"}");
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(service.managementUrl("/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(service.managementUrl("/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("ghost_inference_events_recorded_total", "ghost_feeds_models_ingested_total");
    }

    @Test
    void should_refuse_to_listen_beyond_loopback_without_a_token(@TempDir Path otherInbox) {
        RunningService open = new RunningService(TestDatabase.fresh(), otherInbox,
                Map.of("camel.server.host", "0.0.0.0", "ghost.api.token", ""));
        assertThatThrownBy(open::start).hasStackTraceContaining("GHOST_API_TOKEN");
    }

    @Test
    void should_answer_every_error_in_json_and_echo_no_request_data() throws Exception {
        HttpResponse<String> page = HTTP.send(request("/api/models?provider=openai&limit=1").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("provider") || name.equalsIgnoreCase("limit"));

        assertError(get("/api/models?q=abc%0d%0a"), 400, "q must not contain control characters");
        assertError(get("/api/model?provider=openai&model=gpt%0a4o"), 400, "model must not contain control characters");
        assertError(get("/api/nothing"), 404, "no such path: /api/nothing");
        HttpResponse<String> wrongMethod = HTTP.send(request("/api/models").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(wrongMethod.body()).isEqualTo("{\"error\":\"method DELETE is not allowed on /api/models; allowed: GET, POST\"}");
    }

    private static void assertError(Answer answer, int status, String mentions) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.body().get("error").asText()).containsIgnoringCase(mentions);
    }

    private static Answer post(String path, String json) throws Exception {
        return api.post(path, json);
    }

    private static Answer get(String path) throws Exception {
        return api.get(path);
    }

    private static HttpRequest.Builder request(String path) {
        return api.request(path);
    }

    private static Answer send(HttpRequest request) throws Exception {
        return ApiClient.send(request);
    }
}
