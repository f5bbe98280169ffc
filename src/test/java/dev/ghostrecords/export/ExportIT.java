package dev.ghostrecords.export;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
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
 * The exports over real HTTP, of a catalog with a bit of everything: providers' own feeds (an embedding
 * model among them), a LiteLLM-style map, a model retiring soon, an inference-only model and inactive ones.
 */
class ExportIT {

    static final String LITELLM = "/export/litellm/model_prices_and_context_window.json";
    static final String MODELS_DEV = "/export/models.dev/api.json";
    /** A LiteLLM-style map as LiteLLM ships it: its documentation entry, a key with "models/", flags it does not know. */
    static final String LITELLM_MAP = """
            {"sample_spec": {"max_tokens": "LEGACY parameter", "litellm_provider": "one of https://docs.litellm.ai/docs/providers"},
             "gpt-4o": {"max_tokens": 16384, "max_input_tokens": 128000, "max_output_tokens": 16384,
                        "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-06,
                        "litellm_provider": "openai", "mode": "chat", "supports_function_calling": true, "supports_vision": true,
                        "supports_made_up_flag": true, "supports_prompt_caching": "yes", "tpm": 10000},
             "text-embedding-3-small": {"max_tokens": 8191, "max_input_tokens": 8191, "input_cost_per_token": 2e-08,
                        "output_cost_per_token": 0, "litellm_provider": "openai", "mode": "embedding"},
             "azure/gpt-4-0613": {"max_tokens": 4096, "max_input_tokens": 8192, "max_output_tokens": 4096,
                        "input_cost_per_token": 3e-05, "output_cost_per_token": 6e-05, "deprecation_date": "2025-06-06",
                        "litellm_provider": "azure", "mode": "chat"},
             "models/gemini-pro-legacy": {"max_input_tokens": 30720, "max_output_tokens": 2048, "litellm_provider": "gemini",
                        "mode": "chat", "cache_creation_input_token_cost": 4e-06, "input_cost_per_token": 5e-07, "output_cost_per_token": 1.5e-06}}
            """;

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path inbox;
    static RunningService service;
    static ApiClient api;
    static String retiresOn;

    @BeforeAll
    static void start() throws Exception {
        for (String feed : List.of("openai", "google", "anthropic", "mistral", "openrouter")) {
            Files.copy(Path.of("latest_models/" + feed + "_models_2026-11-20.json"), inbox.resolve(feed + "_models_2026-11-20.json"));
        }
        Files.writeString(inbox.resolve("litellm_models_1.json"), LITELLM_MAP);
        retiresOn = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
        // a provider of no providers file, with a model retiring in 10 days and a mode LiteLLM does not know
        Files.writeString(inbox.resolve("acme-labs_models_1.json"), """
                {"data": [{"id": "acme-1", "display_name": "Acme One", "context_length": 32000, "max_output_tokens": 4000,
                           "pricing": {"prompt": "0.000001", "completion": "0.000003", "input_cache_read": "0.0000001"},
                           "shutdown_date": "%s", "mode": "image"},
                          {"id": "acme-old", "context_length": 8000}]}
                """.formatted(retiresOn));
        service = RunningService.start(TestDatabase.fresh(), inbox);
        api = new ApiClient(service, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> service.count("select count(*) from ingestion") == 7);
        assertThat(api.post("/api/inference-events", "{\"providerId\": \"gw\", \"modelId\": \"ft:gpt-4o:acme\", "
                + "\"metadata\": {\"contextWindow\": 64000}}").status()).isEqualTo(200);
        // inactive: a gateway still prices past usage with them
        service.execute("update model set is_active = false, deactivated_at = now() "
                + "where (provider_id = 'acme-labs' and model_id = 'acme-old') or (provider_id = 'openai' and model_id = 'gpt-4o')");
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void should_export_every_model_as_litellm_schema_has_it() throws Exception {
        Answer answer = api.get(LITELLM);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode map = answer.body();
        assertThat(litellmErrors(map)).isEmpty();
        // the schema does refuse a key outside LiteLLM's list
        assertThat(litellmErrors(JSON.readTree("{\"m\": {\"mode\": \"chat\", \"providerId\": \"x\"}}"))).isNotEmpty();
        assertThat((long) map.size()).isEqualTo(service.count("select count(*) from model"));

        // a LiteLLM map's model keeps its key and provider, and only the flags LiteLLM knows
        JsonNode gpt4o = map.get("gpt-4o");
        assertThat(gpt4o.get("litellm_provider").asText()).isEqualTo("openai");
        assertThat(gpt4o.get("mode").asText()).isEqualTo("chat");
        assertThat(gpt4o.get("max_input_tokens").asLong()).isEqualTo(128000);
        assertThat(gpt4o.get("max_output_tokens").asLong()).isEqualTo(16384);
        assertThat(gpt4o.get("max_tokens").asLong()).isEqualTo(16384);
        assertThat(gpt4o.get("input_cost_per_token").decimalValue()).isEqualByComparingTo("0.0000025");
        assertThat(gpt4o.get("output_cost_per_token").decimalValue()).isEqualByComparingTo("0.00001");
        assertThat(gpt4o.get("cache_read_input_token_cost").decimalValue()).isEqualByComparingTo("0.00000125");
        assertThat(gpt4o.get("supports_function_calling").asBoolean()).isTrue();
        assertThat(gpt4o.get("supports_vision").asBoolean()).isTrue();
        assertThat(gpt4o.has("supports_made_up_flag")).isFalse();
        assertThat(gpt4o.has("supports_prompt_caching")).isFalse();
        assertThat(gpt4o.get("metadata").get("source").asText()).isEqualTo("INDEX");
        assertThat(gpt4o.get("metadata").get("isActive").asBoolean()).isTrue();
        assertThat(map.get("models/gemini-pro-legacy").get("litellm_provider").asText()).isEqualTo("gemini");
        assertThat(map.get("models/gemini-pro-legacy").get("cache_creation_input_token_cost").decimalValue()).isEqualByComparingTo("0.000004");
        assertThat(map.get("azure/gpt-4-0613").get("litellm_provider").asText()).isEqualTo("azure");
        assertThat(map.get("azure/gpt-4-0613").get("deprecation_date").asText()).isEqualTo("2025-06-06");
        // an embedding model writes no tokens
        JsonNode embedding = map.get("text-embedding-3-small");
        assertThat(embedding.get("mode").asText()).isEqualTo("embedding");
        assertThat(embedding.has("max_output_tokens")).isFalse();
        assertThat(embedding.has("max_tokens")).isFalse();
        JsonNode gemini = map.get("google/text-embedding-004");
        assertThat(gemini.get("litellm_provider").asText()).isEqualTo("gemini");
        assertThat(gemini.get("mode").asText()).isEqualTo("embedding");
        assertThat(gemini.has("max_output_tokens")).isFalse();
        // any other model: <providerId>/<modelId>, its provider, chat unless its feed says a LiteLLM mode
        assertThat(map.get("google/gemini-2.5-pro").get("litellm_provider").asText()).isEqualTo("gemini");
        assertThat(map.get("google/gemini-2.5-pro").get("mode").asText()).isEqualTo("chat");
        JsonNode acme = map.get("acme-labs/acme-1");
        assertThat(acme.get("litellm_provider").asText()).isEqualTo("acme-labs");
        assertThat(acme.get("mode").asText()).isEqualTo("chat");
        assertThat(acme.get("max_input_tokens").asLong()).isEqualTo(32000);
        assertThat(acme.get("max_tokens").asLong()).isEqualTo(4000);
        assertThat(acme.get("input_cost_per_token").decimalValue()).isEqualByComparingTo("0.000001");
        assertThat(acme.get("output_cost_per_token").decimalValue()).isEqualByComparingTo("0.000003");
        assertThat(acme.get("cache_read_input_token_cost").decimalValue()).isEqualByComparingTo("0.0000001");
        assertThat(acme.get("deprecation_date").asText()).isEqualTo(retiresOn);
        assertThat(map.get("gw/ft:gpt-4o:acme").get("metadata").get("source").asText()).isEqualTo("INFERENCE");
        assertThat(map.get("gw/ft:gpt-4o:acme").get("max_input_tokens").asLong()).isEqualTo(64000);
        // inactive models too, saying so
        assertThat(map.get("acme-labs/acme-old").get("metadata").get("isActive").asBoolean()).isFalse();
        assertThat(map.get("openai/gpt-4o").get("metadata").get("isActive").asBoolean()).isFalse();
        assertThat(map.get("openai/gpt-4o").get("litellm_provider").asText()).isEqualTo("openai");
    }

    @Test
    void should_export_only_the_active_models_when_asked() throws Exception {
        JsonNode active = api.get(LITELLM + "?active=true").body();
        assertThat((long) active.size()).isEqualTo(service.count("select count(*) from model where is_active"));
        assertThat(active.has("acme-labs/acme-old")).isFalse();
        assertThat(active.has("acme-labs/acme-1")).isTrue();
        JsonNode inactive = api.get(LITELLM + "?active=false").body();
        assertThat(names(inactive)).containsExactlyInAnyOrder("acme-labs/acme-old", "openai/gpt-4o");
        assertThat(litellmErrors(active)).isEmpty();
    }

    @Test
    void should_refuse_a_value_it_does_not_know_naming_the_parameter() throws Exception {
        Answer answer = api.get(LITELLM + "?active=maybe");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asText()).isEqualTo("active must be true or false, got 'maybe'");
        // an unknown parameter is ignored, as everywhere in the API
        assertThat(api.get(LITELLM + "?colour=blue").status()).isEqualTo(200);
        assertThat(api.get(MODELS_DEV + "?colour=blue").status()).isEqualTo(200);
    }

    @Test
    void should_export_the_active_models_by_provider_as_models_dev_has_them() throws Exception {
        Answer answer = api.get(MODELS_DEV);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode doc = answer.body();
        long models = 0;
        for (JsonNode provider : iterable(doc)) {
            models += provider.get("models").size();
        }
        assertThat(models).isEqualTo(service.count("select count(*) from model where is_active"));
        assertThat(doc.get("openai").get("env").get(0).asText()).isEqualTo("OPENAI_API_KEY");
        assertThat(doc.get("openai").get("npm").asText()).isEqualTo("@ai-sdk/openai");
        assertThat(doc.get("openai").get("models").has("gpt-4o")).isFalse();
        assertThat(doc.get("google").get("env").get(0).asText()).isEqualTo("GEMINI_API_KEY");
        assertThat(doc.get("acme-labs").get("env").get(0).asText()).isEqualTo("ACME_LABS_API_KEY");
        assertThat(doc.get("acme-labs").get("name").asText()).isEqualTo("acme-labs");
        assertThat(doc.get("acme-labs").get("models").has("acme-old")).isFalse();
        JsonNode acme = doc.get("acme-labs").get("models").get("acme-1");
        assertThat(acme.get("id").asText()).isEqualTo("acme-1");
        assertThat(acme.get("name").asText()).isEqualTo("Acme One");
        assertThat(acme.get("cost").get("input").decimalValue()).isEqualByComparingTo("1");
        assertThat(acme.get("cost").get("output").decimalValue()).isEqualByComparingTo("3");
        assertThat(acme.get("cost").get("cache_read").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(acme.get("limit").get("context").asLong()).isEqualTo(32000);
        assertThat(acme.get("limit").get("output").asLong()).isEqualTo(4000);
        assertThat(acme.get("status").asText()).isEqualTo("deprecated");
        assertThat(acme.get("release_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        for (String field : List.of("attachment", "reasoning", "temperature", "tool_call")) {
            assertThat(acme.get(field).isBoolean()).as(field).isTrue();
        }
        assertThat(acme.get("options").isObject()).isTrue();
        JsonNode gpt4o = doc.get("litellm").get("models").get("gpt-4o");
        assertThat(gpt4o.get("tool_call").asBoolean()).isTrue();
        assertThat(gpt4o.get("attachment").asBoolean()).isTrue();
        assertThat(gpt4o.get("cost").get("input").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(gpt4o.has("status")).isFalse();
    }

    static List<Error> litellmErrors(JsonNode map) throws Exception {
        try (InputStream in = ExportIT.class.getResourceAsStream("/litellm/model_prices_schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
            return schema.validate(map);
        }
    }

    static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Iterable<JsonNode> iterable(JsonNode object) {
        List<JsonNode> values = new ArrayList<>();
        object.elements().forEachRemaining(values::add);
        return values;
    }

}
