package dev.ghostrecords.catalog;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The history of a model's normalised fields, the as-of and retiring queries, on the running service. */
class HistoryIT {

    private static final String TOKEN = "history-token-1";

    @TempDir
    static Path inbox;
    static RunningService service;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService(TestDatabase.fresh(), inbox, Map.of("ghost.api.token", TOKEN,
                "ghost.retiring.days", "30")).start();
        api = new ApiClient(service, TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static String openRouterFeed(String prompt, String completion, String extra) {
        return """
                {"data": [{"id": "acme/fast", "name": "Acme Fast", "context_length": 131072,
                           "pricing": {"prompt": "%s", "completion": "%s"},
                           "top_provider": {"max_completion_tokens": 16384}%s},
                          {"id": "acme/steady", "name": "Acme Steady", "context_length": 8192,
                           "pricing": {"prompt": "0.000001", "completion": "0.000002"}}]}
                """.formatted(prompt, completion, extra);
    }

    @Test
    void should_record_one_changed_event_and_a_new_version_when_a_price_changes() throws Exception {
        drop("pricey_models_1.json", openRouterFeed("0.000003", "0.000015", ""));
        awaitOk("pricey_models_1.json");
        OffsetDateTime beforeChange = now();
        drop("pricey_models_2.json", openRouterFeed("0.000002", "0.000015", ", \"description\": \"now cheaper\""));
        awaitOk("pricey_models_2.json");

        List<Map<String, Object>> changed = service.rows("select model_id, detail->'changes' as changes from model_event "
                + "where provider_id = 'pricey' and kind = 'CHANGED'");
        assertThat(changed).singleElement().satisfies(r -> assertThat(r.get("model_id")).isEqualTo("acme/fast"));
        JsonNode changes = json(changed.get(0).get("changes"));
        assertThat(changes.fieldNames()).toIterable().containsExactly("pricing");
        assertThat(changes.at("/pricing/from/prompt").decimalValue()).isEqualByComparingTo("0.000003");
        assertThat(changes.at("/pricing/to/prompt").decimalValue()).isEqualByComparingTo("0.000002");

        JsonNode versions = api.get("/api/model/history?provider=pricey&model=" + enc("acme/fast")).body().get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("validTo").isNull()).isFalse();
        assertThat(versions.get(0).get("validTo").asText()).isEqualTo(versions.get(1).get("validFrom").asText());
        assertThat(versions.get(1).get("validTo").isNull()).isTrue();
        assertThat(versions.get(0).at("/pricing/prompt").decimalValue()).isEqualByComparingTo("0.000003");
        assertThat(versions.get(1).at("/pricing/prompt").decimalValue()).isEqualByComparingTo("0.000002");
        assertThat(versions.get(1).get("maxOutputTokens").asLong()).isEqualTo(16384L);
        assertThat(versions.get(1).get("contextWindow").asLong()).isEqualTo(131072L);
        // the model that did not change has its one version
        assertThat(api.get("/api/model/history?provider=pricey&model=" + enc("acme/steady")).body().get("versions")).hasSize(1);

        Answer then = api.get("/api/model?provider=pricey&model=" + enc("acme/fast") + "&at=" + enc(beforeChange.toString()));
        assertThat(then.status()).isEqualTo(200);
        assertThat(then.body().at("/pricing/prompt").decimalValue()).isEqualByComparingTo("0.000003");
        assertThat(then.body().get("name").asText()).isEqualTo("Acme Fast");
        Answer current = api.get("/api/model?provider=pricey&model=" + enc("acme/fast"));
        assertThat(current.body().at("/pricing/prompt").decimalValue()).isEqualByComparingTo("0.000002");
        assertThat(current.body().at("/pricing/completion").decimalValue()).isEqualByComparingTo("0.000015");
        assertThat(current.body().get("maxOutputTokens").asLong()).isEqualTo(16384L);
        assertThat(current.body().get("deprecated").asBoolean()).isFalse();
        assertThat(current.body().has("retiresAt")).isTrue();
        // the raw entry follows the feed all the same
        assertThat(current.body().at("/metadata/description").asText()).isEqualTo("now cheaper");

        Answer beforeAnything = api.get("/api/model?provider=pricey&model=" + enc("acme/fast") + "&at=2001-01-01T00:00:00Z");
        assertThat(beforeAnything.status()).isEqualTo(404);
        assertThat(beforeAnything.body().get("error").asText()).contains("acme/fast");
    }

    @Test
    void should_record_nothing_when_a_feed_repeats_the_same_values() throws Exception {
        String feed = openRouterFeed("0.000003", "0.000015", "");
        drop("same_models_1.json", feed);
        awaitOk("same_models_1.json");
        long events = service.count("select count(*) from model_event where provider_id = 'same'");
        // the same values, prices written differently, and a raw change that is not a normalised field
        drop("same_models_2.json", openRouterFeed("0.0000030", "1.5e-5", ", \"description\": \"reworded\""));
        awaitOk("same_models_2.json");
        drop("same_models_3.json", feed);
        awaitOk("same_models_3.json");

        assertThat(service.count("select count(*) from model_event where provider_id = 'same'")).isEqualTo(events);
        assertThat(service.count("select count(*) from model_version where provider_id = 'same'")).isEqualTo(2);
        assertThat(service.count("select count(*) from model_version where provider_id = 'same' and valid_to is null")).isEqualTo(2);
    }

    @Test
    void should_keep_one_current_version_when_every_price_changes_twice() throws Exception {
        drop("twice_models_1.json", openRouterFeed("0.000003", "0.000015", ""));
        awaitOk("twice_models_1.json");
        drop("twice_models_2.json", openRouterFeed("0.000002", "0.000015", "").replace("0.000001", "0.0000015"));
        awaitOk("twice_models_2.json");
        drop("twice_models_3.json", openRouterFeed("0.000001", "0.000015", "").replace("\"0.000001\", \"completion\": \"0.000002\"",
                "\"0.0000015\", \"completion\": \"0.000003\""));
        awaitOk("twice_models_3.json");

        assertThat(service.count("select count(*) from model_event where provider_id = 'twice' and kind = 'CHANGED'")).isEqualTo(4);
        assertThat(service.count("select count(*) from model_version where provider_id = 'twice'")).isEqualTo(6);
        assertThat(service.rows("select model_id, count(*) as open from model_version where provider_id = 'twice' "
                + "and valid_to is null group by model_id order by model_id"))
                .extracting(r -> r.get("model_id") + " " + r.get("open")).containsExactly("acme/fast 1", "acme/steady 1");
        // each version ends where the next begins
        assertThat(service.count("select count(*) from model_version v where provider_id = 'twice' and valid_to is not null "
                + "and not exists (select 1 from model_version n where n.provider_id = v.provider_id "
                + "and n.model_id = v.model_id and n.valid_from = v.valid_to)")).isZero();
    }

    @Test
    void should_keep_the_history_of_a_purged_model_when_it_is_listed_again() throws Exception {
        drop("again_models_1.json", openRouterFeed("0.000003", "0.000015", ""));
        awaitOk("again_models_1.json");
        // what the purge job does to a model long gone from its feeds: the row goes, the history stays
        service.execute("delete from model where provider_id = 'again' and model_id = 'acme/fast'");
        JsonNode purged = api.get("/api/model/history?provider=again&model=" + enc("acme/fast")).body().get("versions");
        assertThat(purged).hasSize(1);
        assertThat(purged.get(0).get("validTo").isNull()).as("ended when the row was deleted").isFalse();
        drop("again_models_2.json", openRouterFeed("0.000003", "0.000015", ""));
        awaitOk("again_models_2.json");

        JsonNode versions = api.get("/api/model/history?provider=again&model=" + enc("acme/fast")).body().get("versions");
        assertThat(versions).hasSize(2);
        // the model was gone between the two: a gap, not one version running into the next
        assertThat(Instant.parse(versions.get(0).get("validTo").asText()))
                .isBefore(Instant.parse(versions.get(1).get("validFrom").asText()));
        assertThat(versions.get(1).get("validTo").isNull()).isTrue();
        assertThat(service.count("select count(*) from model_version where provider_id = 'again' and valid_to is null")).isEqualTo(2);
    }

    @Test
    void should_list_retiring_and_deprecated_models_but_not_those_retiring_later() throws Exception {
        OffsetDateTime soon = now().plusDays(10);
        OffsetDateTime later = now().plusDays(90);
        drop("sunset_models_1.json", """
                {"data": [{"id": "soon", "expiration_date": "%s"},
                          {"id": "later", "shutdown_date": %d},
                          {"id": "passed", "deprecation_date": "2020-01-01"},
                          {"id": "old", "is_deprecated": true},
                          {"id": "fine"}]}
                """.formatted(soon.toLocalDate(), later.toEpochSecond()));
        awaitOk("sunset_models_1.json");

        Answer retiring = api.get("/api/models?provider=sunset&retiring=true");
        assertThat(retiring.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        retiring.body().get("models").forEach(m -> ids.add(m.get("modelId").asText()));
        assertThat(ids).containsExactly("old", "passed", "soon");
        assertThat(retiring.body().get("total").asLong()).isEqualTo(3);
        JsonNode soonModel = retiring.body().get("models").get(2);
        assertThat(OffsetDateTime.parse(soonModel.get("retiresAt").asText()).toLocalDate()).isEqualTo(soon.toLocalDate());
        JsonNode laterModel = api.get("/api/model?provider=sunset&model=later").body();
        assertThat(OffsetDateTime.parse(laterModel.get("retiresAt").asText()).toEpochSecond()).isEqualTo(later.toEpochSecond());
        assertThat(api.get("/api/models?provider=sunset").body().get("total").asLong()).isEqualTo(5);
    }

    @Test
    void should_answer_404_for_the_history_of_an_unknown_model_and_400_for_a_bad_time() throws Exception {
        Answer unknown = api.get("/api/model/history?provider=nobody&model=nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asText()).contains("nobody/nothing");
        assertThat(api.get("/api/model/history?provider=nobody").status()).isEqualTo(400);

        Answer badTime = api.get("/api/model?provider=nobody&model=nothing&at=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.body().get("error").asText()).contains("at must be an ISO-8601 time");
    }

    @Test
    void should_start_the_history_of_a_manual_model_with_its_fields() throws Exception {
        Answer added = api.post("/api/models", """
                {"providerId": "inhouse", "modelId": "tuned-1", "modelName": "Tuned",
                 "metadata": {"contextWindow": 32768, "maxOutputTokens": 4096,
                              "pricing": {"prompt": 0.000001, "completion": 0.000002},
                              "retiresAt": "2027-01-31", "deprecated": false}}""");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("maxOutputTokens").asLong()).isEqualTo(4096L);
        assertThat(added.body().get("retiresAt").asText()).startsWith("2027-01-31T00:00");
        JsonNode versions = api.get("/api/model/history?provider=inhouse&model=tuned-1").body().get("versions");
        assertThat(versions).singleElement().satisfies(v -> {
            assertThat(v.get("name").asText()).isEqualTo("Tuned");
            assertThat(v.at("/pricing/completion").decimalValue()).isEqualByComparingTo("0.000002");
            assertThat(v.get("validTo").isNull()).isTrue();
        });
        Answer wrong = api.post("/api/models", """
                {"providerId": "inhouse", "modelId": "tuned-2", "metadata": {"pricing": {"prompt": "cheap"}}}""");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().get("error").asText()).contains("metadata.pricing.prompt");
        assertThat(service.count("select count(*) from model where model_id = 'tuned-2'")).isZero();
    }

    @Test
    void should_start_the_history_of_a_model_inference_discovers() throws Exception {
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"gwh\", \"modelId\": \"ghosty\", \"modelName\": \"G\"}")
                .status()).isEqualTo(200);
        assertThat(service.count("select count(*) from model_version where provider_id = 'gwh' and model_id = 'ghosty' "
                + "and valid_to is null and name = 'G'")).isEqualTo(1);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static JsonNode json(Object value) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(value.toString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void drop(String fileName, String content) throws IOException {
        Path aside = Files.writeString(inbox.resolve("." + fileName + ".tmp"), content);
        Files.move(aside, inbox.resolve(fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitOk(String fileName) {
        String status = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
                () -> service.rows("select status, error from ingestion where file_name = ?", fileName).stream()
                        .map(r -> r.get("status") + " " + r.get("error")).findFirst().orElse(null),
                s -> s != null);
        assertThat(status).as(fileName).isEqualTo("OK null");
    }
}
