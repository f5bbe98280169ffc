package dev.ghostrecords.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderIdsTest {

    @Test
    void should_lower_case_and_trim_a_provider_id() {
        assertThat(ProviderIds.normalize("OpenAI")).isEqualTo("openai");
        assertThat(ProviderIds.normalize("  Mistral ")).isEqualTo("mistral");
        assertThat(ProviderIds.normalize("together-ai")).isEqualTo("together-ai");
    }

    @Test
    void should_treat_a_missing_or_blank_provider_as_none() {
        assertThat(ProviderIds.normalize(null)).isNull();
        assertThat(ProviderIds.normalize("")).isNull();
        assertThat(ProviderIds.normalize("   ")).isNull();
    }

    @Test
    void should_take_the_provider_from_the_part_of_a_file_name_before_models() {
        assertThat(ProviderIds.ofFeedFile("google_models_2026-11-20.json")).isEqualTo("google");
        assertThat(ProviderIds.ofFeedFile("OpenRouter_models.json")).isEqualTo("openrouter");
        assertThat(ProviderIds.ofFeedFile("deep_seek_models_1.JSON")).isEqualTo("deep_seek");
    }

    @Test
    void should_take_the_whole_name_without_json_when_it_has_no_models_part() {
        assertThat(ProviderIds.ofFeedFile("groq.json")).isEqualTo("groq");
        assertThat(ProviderIds.ofFeedFile("XAI.JSON")).isEqualTo("xai");
    }

    @Test
    void should_take_slugs_of_1_to_128_letters_digits_dashes_underscores_and_dots() {
        assertThat(ProviderIds.valid("together-ai")).isTrue();
        assertThat(ProviderIds.valid("deep_seek.v2")).isTrue();
        assertThat(ProviderIds.valid("p".repeat(128))).isTrue();
        assertThat(ProviderIds.valid("")).isFalse();
        assertThat(ProviderIds.valid("p".repeat(129))).isFalse();
        assertThat(ProviderIds.valid("some file with spaces")).isFalse();
        assertThat(ProviderIds.valid("a/b")).isFalse();
        assertThat(ProviderIds.valid("OpenAI")).as("stored ids are lower-cased first").isFalse();
        assertThat(ProviderIds.valid("ünïcode")).isFalse();
    }

    @Test
    void should_lower_case_then_check_a_provider_id_to_store() {
        assertThat(ProviderIds.require("providerId", "OpenAI")).isEqualTo("openai");
        assertThatThrownBy(() -> ProviderIds.require("providerId", "Custom Space"))
                .isInstanceOf(CatalogException.Invalid.class)
                .hasMessage("providerId 'Custom Space' is not a provider id: a provider id is 1-128 characters of a-z, 0-9, '-', '_' and '.'");
        assertThatThrownBy(() -> ProviderIds.require("providerId", "p".repeat(200)))
                .hasMessageStartingWith("providerId '" + "p".repeat(60) + "...' (200 characters) is not a provider id");
        assertThatThrownBy(() -> ProviderIds.require("provider", "")).hasMessageStartingWith("provider '' is not a provider id");
    }

    @Test
    void should_give_no_valid_slug_for_a_file_name_without_one() {
        assertThat(ProviderIds.valid(ProviderIds.ofFeedFile("_models.json"))).isFalse();
        assertThat(ProviderIds.valid(ProviderIds.ofFeedFile("Some File With Spaces.json"))).isFalse();
        assertThat(ProviderIds.valid(ProviderIds.ofFeedFile("a".repeat(200) + "_models.json"))).isFalse();
        assertThat(ProviderIds.valid(ProviderIds.ofFeedFile("google_models_2026-11-20.json"))).isTrue();
    }
}
