package dev.ghostrecords.fetch;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The providers file as a user writes it, and the paging rules of each kind. */
class ProvidersTest {

    @Test
    void should_read_the_shipped_file_with_the_major_providers() {
        List<Provider> providers = Providers.load(Path.of("config/providers.yaml").toString());
        assertThat(providers).extracting(Provider::id).containsExactly("openai", "anthropic", "google", "openrouter", "cohere", "ollama");
        assertThat(providers.get(2).kind()).isEqualTo(Kind.GEMINI);
        assertThat(providers.get(2).modelsUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/models");
        assertThat(providers.get(5).modelsUrl()).isEqualTo("http://localhost:11434/api/tags");
        assertThat(providers.get(5).keyEnv()).isNull();
    }

    @Test
    void should_refuse_an_unknown_kind_naming_the_file_and_the_entry() {
        assertThatThrownBy(() -> parse("""
                providers:
                  - {id: openai, kind: openai, baseUrl: https://api.openai.com/v1, keyEnv: OPENAI_API_KEY}
                  - {id: mistral, kind: mistralai, baseUrl: https://api.mistral.ai/v1, keyEnv: MISTRAL_API_KEY}
                """)).hasMessageContaining("providers file test.yaml: entry 2 (id: mistral): unknown kind 'mistralai'")
                .hasMessageContaining("kinds are openai, openrouter, anthropic, gemini, cohere, ollama")
                .hasMessageContaining("GHOST_PROVIDERS_FILE");
    }

    @Test
    void should_refuse_entries_that_cannot_be_fetched() {
        assertThatThrownBy(() -> parse("providers:\n  - {id: a, kind: openai, baseUrl: ftp://x}\n"))
                .hasMessageContaining("entry 1 (id: a): 'baseUrl' must be an http:// or https:// URL");
        assertThatThrownBy(() -> parse("providers:\n  - {id: a, kind: openai, baseUrl: https://x/v1, keyEnv: 'sk-123'}\n"))
                .hasMessageContaining("entry 1 (id: a): 'keyEnv' must name an environment variable");
        assertThatThrownBy(() -> parse("providers:\n  - {id: a, kind: ollama, baseUrl: http://x}\n  - {id: a, kind: ollama, baseUrl: http://y}\n"))
                .hasMessageContaining("entry 2 (id: a): the id 'a' is listed twice");
        assertThatThrownBy(() -> parse("providers: [oops\n")).hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> parse("other: 1\n")).hasMessageContaining("must hold a list 'providers:'");
    }

    @Test
    void should_refuse_a_missing_file_naming_it(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> Providers.load(missing.toString()))
                .hasMessageContaining("GHOST_PROVIDERS_FILE='" + missing + "': no such file");
    }

    @Test
    void should_refuse_an_id_the_catalog_would_refuse_naming_the_rule() {
        assertThatThrownBy(() -> parse("providers:\n  - {id: 'my provider', kind: ollama, baseUrl: http://x}\n"))
                .hasMessageContaining("entry 1 (id: my provider): 'id' must be a lower-case slug (a provider id is 1-128 characters")
                .hasMessageContaining("(setting ghost.providers.file, GHOST_PROVIDERS_FILE)");
        assertThatThrownBy(() -> parse("providers:\n  - {id: " + "p".repeat(129) + ", kind: ollama, baseUrl: http://x}\n"))
                .hasMessageContaining("'id' must be a lower-case slug");
    }

    @Test
    void should_read_a_file_given_by_path(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.yaml"), "providers:\n  - {id: Groq, kind: openai, baseUrl: 'https://api.groq.com/openai/v1/', keyEnv: GROQ_API_KEY}\n");
        assertThatThrownBy(() -> Providers.load(file.toString())).hasMessageContaining("'id' must be a lower-case slug");
        Files.writeString(file, "providers:\n  - {id: groq, kind: openai, baseUrl: 'https://api.groq.com/openai/v1/', keyEnv: GROQ_API_KEY}\n");
        assertThat(Providers.load(file.toString()).get(0).modelsUrl()).isEqualTo("https://api.groq.com/openai/v1/models");
    }

    @Test
    void should_page_each_kind_by_its_own_parameters() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(Kind.ANTHROPIC.nextQuery(json.readTree("{\"data\": [{\"id\": \"a\"}], \"has_more\": true, \"last_id\": \"a\"}")))
                .isEqualTo("limit=1000&after_id=a");
        assertThat(Kind.ANTHROPIC.nextQuery(json.readTree("{\"data\": [{\"id\": \"a\"}], \"has_more\": false, \"last_id\": \"a\"}")))
                .isNull();
        assertThat(Kind.GEMINI.nextQuery(json.readTree("{\"models\": [], \"nextPageToken\": \"a b/c\"}")))
                .isEqualTo("pageSize=1000&pageToken=a+b%2Fc");
        assertThat(Kind.COHERE.nextQuery(json.readTree("{\"models\": [], \"next_page_token\": null}"))).isNull();
        assertThat(Kind.OPENAI.nextQuery(json.readTree("{\"data\": [], \"has_more\": true}"))).isNull();
        assertThat(Kind.GEMINI.headers("k")).containsEntry("x-goog-api-key", "k").doesNotContainKey("Authorization");
        assertThat(Kind.OLLAMA.headers("k")).doesNotContainKey("Authorization");
        assertThatThrownBy(() -> Kind.OPENAI.entries(json.readTree("{\"models\": []}")))
                .hasMessageContaining("expected \"data\": [...]");
        assertThat(Kind.GEMINI.entries(json.readTree("{}"))).isEmpty();
        assertThat(Kind.OPENAI.entries(json.readTree("[{\"id\": \"together-a\"}]"))).hasSize(1);
        assertThatThrownBy(() -> Kind.ANTHROPIC.entries(json.readTree("[{\"id\": \"a\"}]"))).hasMessageContaining("got array");
        assertThatThrownBy(() -> Kind.OPENAI.entries(json.readTree("{\"data\": [], \"error\": \"quota\"}")))
                .hasMessageContaining("the provider answered an error: quota");
    }

    @Test
    void should_read_retry_after_in_seconds_capped_at_a_minute() {
        assertThat(RetryPolicy.retryAfterMs("1")).isEqualTo(1000);
        assertThat(RetryPolicy.retryAfterMs("3600")).isEqualTo(60_000);
        assertThat(RetryPolicy.retryAfterMs("soon")).isNull();
        assertThat(ProviderKeys.scrub("key sk-1/2 and sk-1%2F2", "sk-1/2")).isEqualTo("key <key> and <key>");
    }

    private static List<Provider> parse(String yaml) throws Exception {
        return Providers.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
