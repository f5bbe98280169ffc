package dev.ghostrecords.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
