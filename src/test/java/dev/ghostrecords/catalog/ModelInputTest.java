package dev.ghostrecords.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every inference event and manual model is checked against, with the error that names the field. */
class ModelInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ModelInput event(String json) throws Exception {
        return ModelInput.parse(JSON.readTree(json), "event [2]", true);
    }

    private static void refused(String json, String reason) {
        assertThatThrownBy(() -> event(json)).isInstanceOf(CatalogException.Invalid.class).hasMessage(reason);
    }

    @Test
    void should_read_every_field_and_normalise_the_provider_id() throws Exception {
        ModelInput input = event("{\"providerId\": \"OpenAI\", \"modelId\": \"ft:gpt-4o/Custom@1\", \"modelName\": \"Custom\","
                + " \"metadata\": {\"contextWindow\": 128000, \"tier\": \"pro\"}}");
        assertThat(input.providerId()).isEqualTo("openai");
        assertThat(input.modelId()).isEqualTo("ft:gpt-4o/Custom@1");
        assertThat(input.modelName()).isEqualTo("Custom");
        assertThat(input.contextWindow()).isEqualTo(128000L);
        assertThat(JSON.readTree(input.metadata()).get("tier").asText()).isEqualTo("pro");
    }

    @Test
    void should_take_an_event_with_only_its_ids() throws Exception {
        ModelInput input = event("{\"providerId\": \"gw\", \"modelId\": \"m\"}");
        assertThat(input.modelName()).isNull();
        assertThat(input.contextWindow()).isNull();
        assertThat(input.metadata()).isNull();
    }

    @Test
    void should_name_a_missing_or_empty_id() {
        refused("{\"modelId\": \"m\"}", "event [2]: providerId is missing");
        refused("{\"providerId\": \"gw\"}", "event [2]: modelId is missing");
        refused("{\"providerId\": \"gw\", \"modelId\": \"  \"}", "event [2]: modelId is empty");
        refused("{\"providerId\": \"gw\", \"modelId\": null}", "event [2]: modelId is missing");
    }

    @Test
    void should_name_a_field_of_the_wrong_type() {
        refused("{\"providerId\": 7, \"modelId\": \"m\"}", "event [2]: providerId must be a string, got number");
        refused("{\"providerId\": \"gw\", \"modelId\": [\"m\"]}", "event [2]: modelId must be a string, got array");
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\", \"modelName\": true}", "event [2]: modelName must be a string, got boolean");
        refused("[1]", "event [2]: expected a JSON object");
    }

    @Test
    void should_refuse_ids_and_names_over_their_limits() {
        refused("{\"providerId\": \"" + "p".repeat(129) + "\", \"modelId\": \"m\"}", "event [2]: providerId is longer than 128 characters");
        refused("{\"providerId\": \"gw\", \"modelId\": \"" + "m".repeat(1025) + "\"}", "event [2]: modelId is longer than 1024 characters");
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\", \"modelName\": \"" + "n".repeat(1025) + "\"}",
                "event [2]: modelName is longer than 1024 characters");
    }

    @Test
    void should_refuse_a_provider_id_that_is_no_slug_and_lower_case_one_in_upper_case() throws Exception {
        refused("{\"providerId\": \"Custom Space\", \"modelId\": \"m\"}",
                "event [2]: providerId 'Custom Space' is not a provider id: " + ProviderIds.RULE);
        refused("{\"providerId\": \"a/b\", \"modelId\": \"m\"}", "event [2]: providerId 'a/b' is not a provider id: " + ProviderIds.RULE);
        assertThat(event("{\"providerId\": \"OpenAI\", \"modelId\": \"GPT-4o\"}").providerId()).isEqualTo("openai");
        assertThat(event("{\"providerId\": \"OpenAI\", \"modelId\": \"GPT-4o\"}").modelId()).isEqualTo("GPT-4o");
    }

    @Test
    void should_refuse_control_characters_in_ids_and_names() {
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\\n1\"}", "event [2]: modelId must not contain control characters");
        refused("{\"providerId\": \"g\\u0000w\", \"modelId\": \"m\"}", "event [2]: providerId must not contain control characters");
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\", \"modelName\": \"a\\u007fb\"}",
                "event [2]: modelName must not contain control characters");
    }

    @Test
    void should_refuse_metadata_that_is_not_an_object_or_holds_nul() {
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\", \"metadata\": [1]}", "event [2]: metadata must be a JSON object");
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\", \"metadata\": {\"a\": \"x\\u0000y\"}}",
                "event [2]: metadata must not contain the character U+0000");
    }

    @Test
    void should_take_only_a_positive_whole_context_window() throws Exception {
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\", \"metadata\": {\"contextWindow\": -1}}",
                "event [2]: metadata.contextWindow must be a positive integer");
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\", \"metadata\": {\"contextWindow\": 1.5}}",
                "event [2]: metadata.contextWindow must be a positive integer");
        refused("{\"providerId\": \"gw\", \"modelId\": \"m\", \"metadata\": {\"contextWindow\": \"8k\"}}",
                "event [2]: metadata.contextWindow must be a positive integer");
        assertThat(event("{\"providerId\": \"gw\", \"modelId\": \"m\", \"metadata\": {\"contextWindow\": 8192.0}}").contextWindow())
                .isEqualTo(8192L);
    }

    @Test
    void should_read_only_the_key_when_metadata_is_not_taken() throws Exception {
        ModelInput input = ModelInput.parse(JSON.readTree("{\"providerId\": \"GW\", \"modelId\": \"m\", \"metadata\": [1]}"),
                "request", false);
        assertThat(input).isEqualTo(new ModelInput("gw", "m", null, null, null));
    }

    private static ModelInput manual(String json) throws Exception {
        return ModelInput.parse(JSON.readTree(json), "model", true, true);
    }

    @Test
    void should_read_the_normalised_fields_of_a_manual_model() throws Exception {
        ModelInput input = manual("{\"providerId\": \"p\", \"modelId\": \"m\", \"metadata\": {\"maxOutputTokens\": 4096,"
                + " \"pricing\": {\"prompt\": 0.000001, \"completion\": 2E-6}, \"retiresAt\": \"2027-01-31\", \"deprecated\": true}}");
        assertThat(input.maxOutputTokens()).isEqualTo(4096L);
        assertThat(JSON.readTree(input.pricing()).get("completion").decimalValue()).isEqualByComparingTo("0.000002");
        assertThat(input.retiresAt()).isEqualTo(java.time.OffsetDateTime.parse("2027-01-31T00:00:00Z"));
        assertThat(input.deprecated()).isTrue();
    }

    @Test
    void should_refuse_a_field_a_manual_model_does_not_take_and_keep_an_events_extra_fields() throws Exception {
        assertThatThrownBy(() -> manual("{\"providerId\": \"p\", \"modelId\": \"m\", \"name\": \"Mine\", \"contextWindow\": 8192}"))
                .isInstanceOf(CatalogException.Invalid.class)
                .hasMessage("model: unknown field 'name': a model added by hand is {providerId, modelId, modelName, metadata};"
                        + " its name is modelName, and contextWindow, maxOutputTokens, pricing, retiresAt and deprecated go in metadata");
        // a gateway's event may carry more than the catalog reads
        assertThat(event("{\"providerId\": \"gw\", \"modelId\": \"m\", \"latencyMs\": 120}").modelId()).isEqualTo("m");
    }

    @Test
    void should_name_a_normalised_field_of_the_wrong_type_in_a_manual_model() {
        String head = "{\"providerId\": \"p\", \"modelId\": \"m\", \"metadata\": ";
        assertThatThrownBy(() -> manual(head + "{\"maxOutputTokens\": \"lots\"}}")).hasMessage("model: metadata.maxOutputTokens must be a positive integer");
        assertThatThrownBy(() -> manual(head + "{\"pricing\": 3}}")).hasMessageStartingWith("model: metadata.pricing must be an object");
        assertThatThrownBy(() -> manual(head + "{\"pricing\": {\"prompt\": -1}}}")).hasMessage("model: metadata.pricing.prompt must be a number at least 0 (USD per token)");
        assertThatThrownBy(() -> manual(head + "{\"retiresAt\": \"soon\"}}")).hasMessageStartingWith("model: metadata.retiresAt must be an ISO-8601 date or time");
        assertThatThrownBy(() -> manual(head + "{\"retiresAt\": \"+99999-01-01T00:00:00Z\"}}")).hasMessageStartingWith("model: metadata.retiresAt must be");
        assertThatThrownBy(() -> manual(head + "{\"deprecated\": \"yes\"}}")).hasMessage("model: metadata.deprecated must be true or false");
    }

    @Test
    void should_keep_an_inference_events_metadata_free_form_beyond_the_context_window() throws Exception {
        ModelInput input = event("{\"providerId\": \"gw\", \"modelId\": \"m\", \"metadata\": {\"pricing\": \"cheap\", \"deprecated\": \"no\"}}");
        assertThat(input.pricing()).isNull();
        assertThat(input.metadata()).contains("cheap");
    }
}
