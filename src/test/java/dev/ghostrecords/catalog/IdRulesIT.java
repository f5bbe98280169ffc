package dev.ghostrecords.catalog;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * One rule for provider and model ids whichever way they come in, and every id stored reads back:
 * feed files, the HTTP API, long ids through both reads, and the removal of a provider left empty.
 */
class IdRulesIT {

    private static final String TOKEN = "ids-token-41c2";

    @TempDir
    static Path inbox;
    static RunningService service;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService(TestDatabase.fresh(), inbox, Map.of("ghost.api.token", TOKEN)).start();
        api = new ApiClient(service, TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void should_read_back_the_longest_ids_the_api_takes_through_both_reads() throws Exception {
        String provider = "p".repeat(128);
        for (String modelId : new String[] {"é".repeat(1024), "中".repeat(1024)}) {
            Answer added = api.post("/api/models", "{\"providerId\": \"" + provider + "\", \"modelId\": \"" + modelId + "\"}");
            assertThat(added.status()).as(added.text()).isEqualTo(201);

            Answer model = api.get("/api/model?provider=" + provider + "&model=" + encoded(modelId));
            assertThat(model.status()).as(model.text()).isEqualTo(200);
            assertThat(model.body().get("modelId").asText()).isEqualTo(modelId);

            Answer openAi = api.get("/v1/models/" + provider + "%2F" + encoded(modelId));
            assertThat(openAi.status()).as(openAi.text()).isEqualTo(200);
            assertThat(openAi.body().get("id").asText()).isEqualTo(provider + "/" + modelId);
        }
    }

    @Test
    void should_answer_a_request_line_over_the_limit_and_headers_over_theirs_in_json() throws Exception {
        // a request line is HTTP/1.1's (HTTP/2 has none)
        Answer tooLong = ApiClient.send(api.request("/api/model?provider=p&model=" + "m".repeat(20_000))
                .version(HttpClient.Version.HTTP_1_1).GET().build());
        assertThat(tooLong.status()).isEqualTo(414);
        assertThat(tooLong.header("Content-Type")).startsWith("application/json");
        assertThat(tooLong.body().get("error").asText()).contains("request line is over 16384 bytes");

        Answer bigHeaders = ApiClient.send(api.request("/v1/models").version(HttpClient.Version.HTTP_1_1)
                .header("X-Big", "x".repeat(10_000)).GET().build());
        assertThat(bigHeaders.status()).isEqualTo(431);
        // the line was read: under /v1/ in OpenAI's shape
        assertThat(bigHeaders.body().get("error").get("message").asText()).contains("headers are over");

        // the service goes on answering
        assertThat(api.get("/api/stats").status()).isEqualTo(200);
    }

    @Test
    void should_refuse_a_provider_id_that_is_no_slug_and_lower_case_one_given_in_upper_case() throws Exception {
        Answer space = api.post("/api/models", "{\"providerId\": \"Custom Space\", \"modelId\": \"m\"}");
        assertThat(space.status()).isEqualTo(400);
        assertThat(space.body().get("error").asText())
                .isEqualTo("model: providerId 'Custom Space' is not a provider id: " + ProviderIds.RULE);

        Answer upper = api.post("/api/models", "{\"providerId\": \"UpperCase\", \"modelId\": \"m\"}");
        assertThat(upper.status()).isEqualTo(201);
        assertThat(upper.body().get("providerId").asText()).isEqualTo("uppercase");

        Answer event = api.post("/api/inference-events", "[{\"providerId\": \"gw\", \"modelId\": \"m\"},"
                + " {\"providerId\": \"g/w\", \"modelId\": \"m\"}]");
        assertThat(event.status()).isEqualTo(400);
        assertThat(event.body().get("error").asText()).startsWith("event [1]: providerId 'g/w' is not a provider id");

        Answer longModel = api.post("/api/inference-events", "{\"providerId\": \"gw\", \"modelId\": \"" + "m".repeat(1025) + "\"}");
        assertThat(longModel.status()).isEqualTo(400);
        assertThat(longModel.body().get("error").asText()).isEqualTo("event: modelId is longer than 1024 characters");
        assertThat(service.count("select count(*) from provider where id in ('custom space', 'g/w')")).isZero();
    }

    @Test
    void should_fail_a_feed_file_whose_name_gives_no_provider_id_and_skip_entries_with_bad_model_ids() throws Exception {
        String entries = "{\"data\": [{\"id\": \"m1\"}]}";
        String longName = "a".repeat(200);
        for (String name : new String[] {"_models.json", "Some File With Spaces.json", longName + "_models.json"}) {
            Files.writeString(inbox.resolve(name), entries);
        }
        Files.writeString(inbox.resolve("skips_models.json"), "{\"data\": [{\"id\": \"ok\"}, {\"id\": \"" + "x".repeat(5000)
                + "\"}, {\"id\": \"bad\\nline\"}, {\"id\": \"" + "y".repeat(1024) + "\"}]}");
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from ingestion") >= 4);

        for (String provider : new String[] {"", "some file with spaces", longName}) {
            Map<String, Object> ingestion = service.rows("select status, error from ingestion where provider_id = ?", provider).get(0);
            assertThat(ingestion.get("status")).isEqualTo("FAILED");
            assertThat((String) ingestion.get("error")).contains("the file name gives no provider id").contains(ProviderIds.RULE);
        }
        assertThat(service.count("select count(*) from provider where id in ('', 'some file with spaces', ?)", longName)).isZero();

        Map<String, Object> skips = service.rows("select status, models_ingested, models_skipped from ingestion"
                + " where provider_id = 'skips'").get(0);
        assertThat(skips).containsEntry("status", "OK").containsEntry("models_ingested", 2).containsEntry("models_skipped", 2);
        assertThat(service.count("select max(length(model_id)) from model where provider_id = 'skips'")).isEqualTo(1024);
        // every model stored is listed in a shape clients can read back
        Answer list = api.get("/v1/models");
        list.body().get("data").forEach(m -> assertThat(m.get("id").asText()).doesNotStartWith("/"));
    }

    @Test
    void should_delete_a_provider_that_holds_no_model_and_refuse_one_that_does() throws Exception {
        Files.writeString(inbox.resolve("typo_models.json"), "[]");
        Files.writeString(inbox.resolve("kept_models.json"), "[{\"id\": \"k1\"}]");
        await().atMost(Duration.ofSeconds(30)).until(() -> service.count("select count(*) from provider where id in ('typo', 'kept')") == 2);

        Answer noToken = ApiClient.send(api.request("/api/providers/typo").DELETE().build());
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.body().get("error").asText()).contains("API token");

        Answer deleted = delete("/api/providers/TYPO");
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(service.count("select count(*) from provider where id = 'typo'")).isZero();

        Answer again = delete("/api/providers/typo");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().get("error").asText()).isEqualTo("no provider 'typo'");

        Answer holding = delete("/api/providers/kept");
        assertThat(holding.status()).isEqualTo(409);
        assertThat(holding.body().get("error").asText()).startsWith("provider 'kept' still holds 1 model");
        assertThat(service.count("select count(*) from model where provider_id = 'kept'")).isEqualTo(1);
    }

    private static Answer delete(String path) throws Exception {
        return ApiClient.send(api.request(path).header("Authorization", "Bearer " + TOKEN).DELETE().build());
    }
}
