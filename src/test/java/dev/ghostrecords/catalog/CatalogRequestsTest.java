package dev.ghostrecords.catalog;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static dev.ghostrecords.catalog.Refusals.body;
import static dev.ghostrecords.catalog.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's requests: query parameters and bodies into typed requests, or a 400 that names the problem. */
class CatalogRequestsTest {

    private final CatalogRequests requests = new CatalogRequests(new ObjectMapper(), 24, 30);

    @Test
    void should_read_no_model_filters_as_the_first_page_of_everything() {
        assertThat(requests.models(null, null, null, null, null, null, null))
                .isEqualTo(new ModelQuery(null, null, null, null, null, 100, 0));
    }

    @Test
    void should_read_every_model_filter() {
        assertThat(requests.models("FALSE", " OpenAI ", "inference", " gpt ", "true", "10", "20"))
                .isEqualTo(new ModelQuery(false, "openai", "INFERENCE", "gpt", 24.0, 10, 20));
        assertThat(requests.models("", "", "", "", "false", "", "")).isEqualTo(new ModelQuery(null, null, null, null, null, 100, 0));
    }

    @Test
    void should_name_a_model_filter_that_does_not_parse() {
        refused(() -> requests.models("yes", null, null, null, null, null, null), "active must be true or false, got 'yes'");
        refused(() -> requests.models(null, null, "FEED", null, null, null, null),
                "source must be one of [INDEX, INFERENCE, MANUAL], got 'FEED'");
        refused(() -> requests.models(null, null, null, null, "1", null, null), "ghost must be true or false, got '1'");
        refused(() -> requests.models(null, null, null, null, null, "0", null), "limit must be between 1 and 1000, got 0");
        refused(() -> requests.models(null, null, null, null, null, "1001", null), "limit must be between 1 and 1000, got 1001");
        refused(() -> requests.models(null, null, null, null, null, "ten", null), "limit must be a whole number, got 'ten'");
        refused(() -> requests.models(null, null, null, null, null, null, "-1"), "offset must be between 0 and 2147483647, got -1");
    }

    @Test
    void should_refuse_control_characters_in_text_parameters() {
        refused(() -> requests.models(null, null, null, "abc\r\n", null, null, null), "q must not contain control characters");
        refused(() -> requests.models(null, "open\u0000ai", null, null, null, null, null), "provider must not contain control characters");
        refused(() -> requests.events(null, "m\t1", null, null), "model must not contain control characters");
    }

    @Test
    void should_read_the_provider_to_delete_lower_cased_as_stored() {
        assertThat(requests.provider("TYPO")).isEqualTo(new ProviderKey("typo"));
        // not held to the slug rule: a row an earlier version stored can still be removed
        assertThat(requests.provider("some file with spaces")).isEqualTo(new ProviderKey("some file with spaces"));
        refused(() -> requests.provider("a\nb"), "id must not contain control characters");
    }

    @Test
    void should_need_both_parts_of_a_model_key() {
        assertThat(requests.model("OpenAI", "gpt-4o/mini")).isEqualTo(new ModelKey("openai", "gpt-4o/mini"));
        refused(() -> requests.model("openai", null), "both query parameters are needed: ?provider=P&model=M");
        refused(() -> requests.model(" ", "m"), "both query parameters are needed: ?provider=P&model=M");
    }

    @Test
    void should_read_an_as_of_time_in_iso_forms_and_refuse_others() {
        java.time.OffsetDateTime noon = java.time.OffsetDateTime.parse("2026-11-20T12:00:00Z");
        assertThat(requests.modelAt("openai", "gpt-4o", "2026-11-20T12:00:00Z").at()).isEqualTo(noon);
        assertThat(requests.modelAt("openai", "gpt-4o", "2026-11-20T13:00:00+01:00").at()).isEqualTo(noon);
        // an unencoded '+' arrives as a space
        assertThat(requests.modelAt("openai", "gpt-4o", "2026-11-20T13:00:00 01:00").at()).isEqualTo(noon);
        assertThat(requests.modelAt("openai", "gpt-4o", "2026-11-20T12:00:00").at()).isEqualTo(noon);
        assertThat(requests.modelAt("openai", "gpt-4o", "2026-11-20").at()).isEqualTo(noon.minusHours(12));
        for (String bad : List.of("", "yesterday", "2026-13-01", "1764000000", "+99999-01-01T00:00:00Z")) {
            assertThatThrownBy(() -> requests.modelAt("openai", "gpt-4o", bad)).isInstanceOf(CatalogException.Invalid.class)
                    .hasMessageStartingWith("at must be an ISO-8601 time");
        }
    }

    @Test
    void should_narrow_a_model_page_to_the_retiring_window_when_asked() {
        CatalogRequests withWindow = new CatalogRequests(new ObjectMapper(), 24, 14);
        ModelQuery page = withWindow.models(null, null, null, null, null, null, null);
        assertThat(withWindow.retiring(page, "true").retiringDays()).isEqualTo(14.0);
        assertThat(withWindow.retiring(page, null).retiringDays()).isNull();
        assertThat(withWindow.retiring(page, "false").retiringDays()).isNull();
        refused(() -> withWindow.retiring(page, "soon"), "retiring must be true or false, got 'soon'");
    }

    @Test
    void should_read_an_openai_model_id_with_its_slash_raw_or_encoded() {
        assertThat(requests.openAiModel("/v1/models/openrouter/anthropic/claude-sonnet-4.6"))
                .isEqualTo(new ModelKey("openrouter", "anthropic/claude-sonnet-4.6"));
        assertThat(requests.openAiModel("/v1/models/OpenAI%2Fgpt-4o")).isEqualTo(new ModelKey("openai", "gpt-4o"));
        assertThat(requests.openAiModel("/v1/models/gw/a+b%20c")).isEqualTo(new ModelKey("gw", "a+b c"));
    }

    @Test
    void should_not_find_an_openai_model_id_without_provider_and_model() {
        for (String path : List.of("/v1/models/gpt-4o", "/v1/models/openai/", "/v1/models//gpt-4o")) {
            assertThatThrownBy(() -> requests.openAiModel(path)).isInstanceOf(CatalogException.NotFound.class)
                    .hasMessageContaining("ids are <providerId>/<modelId>");
        }
    }

    @Test
    void should_say_where_a_body_stops_being_json_in_words_not_jacksons() {
        refused(() -> requests.manualModel(body("{\"providerId\": \"gw\"")), "the body is not valid JSON: unexpected end at line 1, column 20");
        refused(() -> requests.reactivation(body("{\"providerId\": \"gw\",\n \"modelId\": tru}")),
                "the body is not valid JSON: unrecognized token 'tru': expected a JSON value at line 2, column 17");
    }

    @Test
    void should_read_a_manual_model_and_a_reactivation() {
        assertThat(requests.manualModel(body("{\"providerId\": \"Custom\", \"modelId\": \"mine\", \"modelName\": \"Mine\"}")))
                .isEqualTo(new ModelInput("custom", "mine", "Mine", null, null));
        assertThat(requests.reactivation(body("{\"providerId\": \"Custom\", \"modelId\": \"mine\"}")))
                .isEqualTo(new ModelKey("custom", "mine"));
        refused(() -> requests.manualModel(body("{\"modelId\": \"mine\"}")), "model: providerId is missing");
        refused(() -> requests.reactivation(body("{\"providerId\": \"custom\"}")), "request: modelId is missing");
    }

    @Test
    void should_read_the_list_filters_of_events() {
        assertThat(requests.events("OpenAI", "gpt-4o", "deactivated", "5")).isEqualTo(new EventQuery("openai", "gpt-4o", "DEACTIVATED", 5));
        assertThat(requests.events(null, "", null, null)).isEqualTo(new EventQuery(null, null, null, 100));
        refused(() -> requests.events(null, null, "DELETED", null),
                "kind must be one of [DISCOVERED, REACTIVATED, DEACTIVATED, PURGED, CHANGED, GHOST, RETIRING], got 'DELETED'");
    }
}
