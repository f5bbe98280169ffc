package dev.ghostrecords.feeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.feeds.FeedReader.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The reading rules of {@link FeedReader} on plain files: no database, no Camel. */
class FeedReaderTest {

    private static final Path SAMPLES = Path.of("latest_models");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Feed(Shape shape, List<FeedEntry> entries, int skipped, String skips) {

        List<String> ids() {
            return entries.stream().map(FeedEntry::modelId).toList();
        }
    }

    private Path file(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "feed", ".json"), content, StandardCharsets.UTF_8);
    }

    private static Feed read(Path file) throws Exception {
        Shape shape = FeedReader.inspect(file);
        List<FeedEntry> entries = new ArrayList<>();
        Skips skipped = FeedReader.read(file, shape, entries::add);
        return new Feed(shape, entries, skipped.count(), skipped.toString());
    }

    private Feed read(String content) throws Exception {
        return read(file(content));
    }

    /** The one entry of a bare array holding {@code entryJson}, parsed as the reader parses files. */
    private FeedEntry single(String entryJson) throws Exception {
        Feed feed = read("[" + entryJson + "]");
        assertThat(feed.skipped()).as("skipped").isZero();
        assertThat(feed.entries()).hasSize(1);
        return feed.entries().get(0);
    }

    /** The one entry of a bare array holding {@code singleQuoted}, with {@code '} standing for {@code "}. */
    private FeedEntry entry(String singleQuoted) throws Exception {
        return single(singleQuoted.replace('\'', '"'));
    }

    private Long contextWindowOf(String value) throws Exception {
        return single("{\"id\": \"a\", \"context_length\": " + value + "}").contextWindow();
    }

    private FeedFormatException refusal(String content) throws IOException {
        Path file = file(content);
        Throwable thrown = catchThrowable(() -> FeedReader.inspect(file));
        assertThat(thrown).isInstanceOf(FeedFormatException.class);
        return (FeedFormatException) thrown;
    }

    // envelopes

    @Test
    void should_read_the_data_array_of_an_object() throws Exception {
        Feed feed = read("""
                {"object": "list", "data": [{"id": "gpt-5"}, {"id": "gpt-5-mini"}], "has_more": false}
                """);

        assertThat(feed.shape()).isEqualTo(Shape.DATA);
        assertThat(feed.ids()).containsExactly("gpt-5", "gpt-5-mini");
        assertThat(feed.skipped()).isZero();
    }

    @Test
    void should_read_the_models_array_of_an_object() throws Exception {
        Feed feed = read("""
                {"models": [{"name": "models/gemini-2.5-pro"}, {"name": "models/gemini-2.5-flash"}],
                 "nextPageToken": "x"}
                """);

        assertThat(feed.shape()).isEqualTo(Shape.MODELS);
        assertThat(feed.ids()).containsExactly("gemini-2.5-pro", "gemini-2.5-flash");
    }

    @Test
    void should_read_a_bare_array() throws Exception {
        Feed feed = read("""
                [{"id": "meta-llama/Llama-3.3-70B-Instruct-Turbo"}, {"id": "Qwen/Qwen3-235B"}]
                """);

        assertThat(feed.shape()).isEqualTo(Shape.ARRAY);
        assertThat(feed.ids()).containsExactly("meta-llama/Llama-3.3-70B-Instruct-Turbo", "Qwen/Qwen3-235B");
    }

    @Test
    void should_take_the_key_as_the_id_in_an_object_keyed_by_model_id() throws Exception {
        Feed feed = read("""
                {
                  "gpt-4o": {"max_input_tokens": 128000, "litellm_provider": "openai"},
                  "claude-3-5-sonnet": {"id": "something-else", "max_input_tokens": 200000}
                }
                """);

        assertThat(feed.shape()).isEqualTo(Shape.MAP);
        assertThat(feed.ids()).containsExactly("gpt-4o", "claude-3-5-sonnet");
        assertThat(feed.entries()).extracting(FeedEntry::contextWindow).containsExactly(128000L, 200000L);
        assertThat(feed.skipped()).isZero();
    }

    @Test
    void should_keep_a_map_entry_whose_value_is_not_an_object_with_only_its_key() throws Exception {
        Feed feed = read("""
                {"gpt-4o": 42, "o3": null}
                """);

        assertThat(feed.shape()).isEqualTo(Shape.MAP);
        assertThat(feed.ids()).containsExactly("gpt-4o", "o3");
        assertThat(feed.entries().get(0).metadata()).isEqualTo("{\"id\":\"gpt-4o\"}");
        assertThat(feed.skipped()).isZero();
    }

    @Test
    void should_neither_read_nor_count_the_sample_spec_entry_of_a_litellm_map() throws Exception {
        Feed feed = read("""
                {
                  "sample_spec": {"max_input_tokens": "max input tokens, if the provider specifies it",
                                  "litellm_provider": "one of https://docs.litellm.ai/docs/providers"},
                  "gpt-4o": {"max_input_tokens": 128000, "litellm_provider": "openai"}
                }
                """);

        assertThat(feed.shape()).isEqualTo(Shape.MAP);
        assertThat(feed.ids()).containsExactly("gpt-4o");
        assertThat(feed.skipped()).isZero();
    }

    @Test
    void should_read_a_litellm_map_holding_only_sample_spec_as_no_entries() throws Exception {
        Feed feed = read("""
                {"sample_spec": {"mode": "one of chat, embedding, completion"}}
                """);

        assertThat(feed.entries()).isEmpty();
        assertThat(feed.skipped()).isZero();
    }

    @Test
    void should_read_sample_spec_as_a_model_id_outside_a_map() throws Exception {
        assertThat(read("[{\"id\": \"sample_spec\"}]").ids()).containsExactly("sample_spec");
    }

    @Test
    void should_skip_and_count_map_entries_with_a_blank_key() throws Exception {
        Feed feed = read("""
                {"": {}, "  ": {}, "o3": {}}
                """);

        assertThat(feed.ids()).containsExactly("o3");
        assertThat(feed.skipped()).isEqualTo(2);
    }

    @Test
    void should_skip_and_count_entries_whose_id_the_api_would_refuse() throws Exception {
        Feed feed = read("[{\"id\": \"" + "x".repeat(1025) + "\"}, {\"id\": \"a\\nb\"}, {\"id\": \"a\\u0000b\"},"
                + " {\"id\": \"" + "é".repeat(1024) + "\"}]");

        assertThat(feed.ids()).containsExactly("é".repeat(1024));
        assertThat(feed.skipped()).isEqualTo(3);
    }

    @Test
    void should_read_data_when_both_data_and_models_are_arrays_whatever_their_order() throws Exception {
        Feed modelsFirst = read("""
                {"models": [{"id": "from-models"}], "data": [{"id": "from-data"}]}
                """);
        Feed dataFirst = read("""
                {"data": [{"id": "from-data"}], "models": [{"id": "from-models"}]}
                """);

        assertThat(modelsFirst.shape()).isEqualTo(Shape.DATA);
        assertThat(modelsFirst.ids()).containsExactly("from-data");
        assertThat(dataFirst.shape()).isEqualTo(Shape.DATA);
        assertThat(dataFirst.ids()).containsExactly("from-data");
    }

    @Test
    void should_read_models_when_data_is_present_but_not_an_array() throws Exception {
        Feed feed = read("""
                {"data": {"note": "not a list"}, "models": [{"id": "m"}]}
                """);

        assertThat(feed.shape()).isEqualTo(Shape.MODELS);
        assertThat(feed.ids()).containsExactly("m");
    }

    @Test
    void should_read_an_empty_array_as_no_entries() throws Exception {
        Feed feed = read("[]");

        assertThat(feed.shape()).isEqualTo(Shape.ARRAY);
        assertThat(feed.entries()).isEmpty();
        assertThat(feed.skipped()).isZero();
    }

    // refusals

    @Test
    void should_refuse_a_top_level_error_response_with_its_line_and_column() throws Exception {
        FeedFormatException e = refusal("""
                {
                  "error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}
                }
                """);

        assertThat(e).hasMessage(
                "the file is an error response (top-level \"error\"), not a list of models at line 2, column 3");
    }

    @Test
    void should_read_the_data_array_even_next_to_an_error_key() throws Exception {
        Feed feed = read("""
                {"error": null, "data": [{"id": "gpt-5"}]}
                """);

        assertThat(feed.shape()).isEqualTo(Shape.DATA);
        assertThat(feed.ids()).containsExactly("gpt-5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "models"})
    void should_refuse_a_list_key_that_is_not_an_array_naming_the_key(String key) throws Exception {
        FeedFormatException e = refusal("""
                {"object": "list",
                 "%s": {"id": "gpt-5"}}
                """.formatted(key));

        assertThat(e).hasMessage("\"" + key + "\" is not an array of models at line 2, column 2");
    }

    @Test
    void should_refuse_json_truncated_inside_a_value_with_its_line_and_column() throws Exception {
        FeedFormatException e = refusal("""
                {"data": [
                  {"id": "gpt-5"},
                  {"id": "gpt-5-mi""");

        assertThat(e).hasMessage("unexpected end-of-input in VALUE_STRING at line 3, column 19");
    }

    @Test
    void should_refuse_json_truncated_between_entries_with_its_line_and_column() throws Exception {
        FeedFormatException e = refusal("""
                {"data": [
                  {"id": "gpt-5"},""");

        assertThat(e.getMessage())
                .startsWith("unexpected end-of-input")
                .contains("line 2", "column")
                .doesNotContain("Source", "start marker", "\n");
    }

    @Test
    void should_refuse_a_second_document_after_the_first() throws Exception {
        FeedFormatException e = refusal("""
                {"data": [{"id": "gpt-5"}]}
                {"data": [{"id": "gpt-5-mini"}]}
                """);

        assertThat(e).hasMessage("unexpected content after the end of the JSON document at line 2, column 1");
    }

    @Test
    void should_refuse_garbage_after_the_document_with_its_line_and_column() throws Exception {
        FeedFormatException e = refusal("[{\"id\": \"gpt-5\"}] oops");

        assertThat(e.getMessage()).startsWith("unrecognized token 'oops'").contains("line 1", "column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n\t\n"})
    void should_refuse_a_file_without_json(String content) throws Exception {
        FeedFormatException e = refusal(content);

        assertThat(e.getMessage()).startsWith("no JSON in the file at line");
    }

    @Test
    void should_refuse_a_scalar_document_saying_what_it_found() throws Exception {
        String expected = "expected a JSON array or object of models, found %s at line 1, column 1";

        assertThat(refusal("42")).hasMessage(expected, "a number");
        assertThat(refusal("\"models\"")).hasMessage(expected, "a string");
        assertThat(refusal("null")).hasMessage(expected, "null");
    }

    // ids

    @Test
    void should_take_the_id_from_id_then_model_then_name() throws Exception {
        assertThat(entry("{'id': 'i', 'model': 'm', 'name': 'n'}").modelId()).isEqualTo("i");
        assertThat(entry("{'model': 'm', 'name': 'n'}").modelId()).isEqualTo("m");
        assertThat(entry("{'name': 'n'}").modelId()).isEqualTo("n");
        assertThat(entry("{'name': 'n', 'model_name': 'mn'}").modelId()).isEqualTo("n");
        assertThat(entry("{'model_name': 'mn'}").modelId()).isEqualTo("mn");
    }

    @Test
    void should_take_the_id_from_model_name_in_a_litellm_model_info_answer() throws Exception {
        Feed feed = read("""
                {"data": [
                  {"model_name": "gpt-4o", "litellm_params": {"model": "openai/gpt-4o"},
                   "model_info": {"max_input_tokens": 128000}},
                  {"model_name": "  ", "model_info": {}}
                ]}
                """);

        assertThat(feed.ids()).containsExactly("gpt-4o");
        assertThat(feed.skipped()).isEqualTo(1);
    }

    @Test
    void should_take_the_first_key_holding_non_blank_text_as_the_id() throws Exception {
        assertThat(entry("{'id': '  ', 'model': 'm'}").modelId()).isEqualTo("m");
        assertThat(entry("{'id': 7, 'model': null, 'name': 'n'}").modelId()).isEqualTo("n");
        assertThat(entry("{'id': {'v': 1}, 'model': ['x'], 'name': 'n'}").modelId()).isEqualTo("n");
    }

    @Test
    void should_remove_the_gemini_models_prefix_from_the_id() throws Exception {
        assertThat(entry("{'name': 'models/gemini-2.5-pro'}").modelId()).isEqualTo("gemini-2.5-pro");
        assertThat(entry("{'id': 'models/gemini-2.5-pro'}").modelId()).isEqualTo("gemini-2.5-pro");
    }

    @Test
    void should_remove_the_models_prefix_only_at_the_start_and_only_once() throws Exception {
        assertThat(entry("{'id': 'models/models/x'}").modelId()).isEqualTo("models/x");
        assertThat(entry("{'id': 'tunedModels/x'}").modelId()).isEqualTo("tunedModels/x");
        assertThat(entry("{'id': 'Models/x'}").modelId()).isEqualTo("Models/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic/claude-sonnet-4.6", "gemma3:latest", "claude-opus-4@20250514",
            "Meta-Llama/Llama-3.3-70B-Instruct-Turbo", "accounts/fireworks/models/qwen3:235b@FP8"})
    void should_keep_slashes_colons_at_signs_and_case_in_ids(String id) throws Exception {
        assertThat(entry("{'id': '" + id + "'}").modelId()).isEqualTo(id);
    }

    @Test
    void should_skip_and_count_entries_without_a_usable_id() throws Exception {
        Feed feed = read("""
                {"data": [
                  {"object": "model"},
                  {"id": ""},
                  {"id": "   ", "model": "\\t", "name": "\\n"},
                  {"id": 42},
                  {"id": null},
                  {"id": true},
                  {"name": "models/"},
                  "gpt-5",
                  7,
                  null,
                  ["gpt-5"],
                  {"id": "gpt-5"}
                ]}
                """);

        assertThat(feed.ids()).containsExactly("gpt-5");
        assertThat(feed.skipped()).isEqualTo(11);
    }

    @Test
    void should_name_the_first_three_skipped_entries_with_their_reason() throws Exception {
        Feed feed = read("""
                [{"id": "a"}, {"object": "model"}, "gpt-5", {"id": "models/"}, {"id": "x\\u0000y"}, {"id": "b"}]
                """);

        assertThat(feed.ids()).containsExactly("a", "b");
        assertThat(feed.skips()).isEqualTo("4 (entry 2: no id; entry 3: not an object; entry 4: blank id; ...)");
        assertThat(read("{\"data\": [{\"id\": \"a\"}, {\"id\": \"b\\u0000\"}]}").skips())
                .isEqualTo("1 (entry 2: id must not contain control characters)");
        assertThat(read("[{\"id\": \"" + "m".repeat(1025) + "\"}]").skips())
                .isEqualTo("1 (entry 1: id is longer than 1024 characters)");
        assertThat(read("[{\"id\": \"a\"}]").skips()).isEqualTo("0");
    }

    @Test
    void should_say_which_entries_were_skipped_in_the_summary() {
        IngestionResult result = new IngestionResult("acme_models.json", "acme", IngestionResult.Status.OK, 5, 4,
                List.of("entry 2: no id", "entry 3: not an object", "entry 4: blank id"), null);
        assertThat(result.summary()).isEqualTo("acme <- acme_models.json: ingested 5, skipped 4 (entry 2: no id;"
                + " entry 3: not an object; entry 4: blank id; ...)");
        IngestionResult empty = new IngestionResult("acme_models.json", "acme", IngestionResult.Status.EMPTY, 0, 1,
                List.of("entry 1: no id"), null);
        assertThat(empty.summary()).isEqualTo("acme <- acme_models.json: empty feed, nothing changed (skipped 1 (entry 1: no id))");
    }

    @Test
    void should_not_fall_back_to_the_next_key_when_the_id_is_only_the_models_prefix() throws Exception {
        Feed feed = read("[{\"id\": \"models/\", \"model\": \"m\"}]");

        assertThat(feed.entries()).isEmpty();
        assertThat(feed.skipped()).isEqualTo(1);
    }

    @Test
    void should_return_null_from_entry_when_there_is_no_usable_id() throws Exception {
        assertThat(FeedReader.entry(JSON.createObjectNode().put("id", " ").put("description", "x"))).isNull();
    }

    // display names

    @Test
    void should_take_the_display_name_from_display_name_then_displayName() throws Exception {
        assertThat(entry("{'id': 'a', 'display_name': 'Snake', 'displayName': 'Camel', 'name': 'Plain'}").name())
                .isEqualTo("Snake");
        assertThat(entry("{'id': 'a', 'displayName': 'Camel', 'name': 'Plain'}").name()).isEqualTo("Camel");
        assertThat(entry("{'id': 'a', 'display_name': ' ', 'displayName': 'Camel'}").name()).isEqualTo("Camel");
    }

    @Test
    void should_keep_a_display_name_equal_to_the_id() throws Exception {
        assertThat(entry("{'id': 'gpt-5', 'display_name': 'gpt-5'}").name()).isEqualTo("gpt-5");
    }

    @Test
    void should_fall_back_to_name_when_it_differs_from_the_id() throws Exception {
        assertThat(entry("{'id': 'anthropic/claude-sonnet-4.6', 'name': 'Anthropic: Claude Sonnet 4.6'}").name())
                .isEqualTo("Anthropic: Claude Sonnet 4.6");
        assertThat(entry("{'model': 'gemma3:latest', 'name': 'Gemma 3'}").name()).isEqualTo("Gemma 3");
    }

    @Test
    void should_have_no_display_name_when_name_equals_the_id() throws Exception {
        assertThat(entry("{'id': 'gpt-5', 'name': 'gpt-5'}").name()).isNull();
        assertThat(entry("{'model': 'gemma3:latest', 'name': 'gemma3:latest'}").name()).isNull();
        assertThat(entry("{'id': 'models/gemini-2.5-pro', 'name': 'models/gemini-2.5-pro'}").name()).isNull();
        assertThat(entry("{'id': 'models/gemini-2.5-pro', 'name': 'gemini-2.5-pro'}").name()).isNull();
    }

    @Test
    void should_have_no_display_name_when_the_id_came_from_name() throws Exception {
        assertThat(entry("{'name': 'models/gemini-2.5-pro'}").name()).isNull();
    }

    @Test
    void should_have_no_display_name_when_name_is_blank_or_not_text() throws Exception {
        assertThat(entry("{'id': 'a', 'name': '  '}").name()).isNull();
        assertThat(entry("{'id': 'a', 'name': 5}").name()).isNull();
        assertThat(entry("{'id': 'a'}").name()).isNull();
    }

    // context window

    @ParameterizedTest
    @ValueSource(strings = {"context_length", "context_window", "inputTokenLimit", "max_context_length",
            "max_input_tokens", "max_model_len"})
    void should_read_the_context_window_from_each_known_key(String key) throws Exception {
        assertThat(entry("{'id': 'a', '" + key + "': 131072}").contextWindow()).isEqualTo(131072L);
    }

    @Test
    void should_take_the_first_known_key_in_the_listed_order() throws Exception {
        assertThat(entry("{'id': 'a', 'max_model_len': 1, 'inputTokenLimit': 2, 'context_length': 3}").contextWindow())
                .isEqualTo(3L);
    }

    @Test
    void should_have_no_context_window_without_a_known_key() throws Exception {
        assertThat(entry("{'id': 'a', 'max_tokens': 4096, 'outputTokenLimit': 65536}").contextWindow()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"131072\"", "\" 131072 \"", "\"000131072\""})
    void should_accept_a_numeric_string_as_context_window(String value) throws Exception {
        assertThat(contextWindowOf(value)).isEqualTo(131072L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"131072.0", "131072.000", "1.31072E5"})
    void should_accept_a_decimal_with_an_integral_value_as_context_window(String value) throws Exception {
        assertThat(contextWindowOf(value)).isEqualTo(131072L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-4096", "0", "4096.5", "\"-4096\"", "\"4096.5\"", "\"4k\"", "\"\"", "\"1e5\"", "\"+4096\"",
            "true", "null", "[4096]", "{\"tokens\": 4096}", "9223372036854775808", "\"1234567890123456789\""})
    void should_ignore_a_negative_fractional_or_non_numeric_context_window(String value) throws Exception {
        assertThat(contextWindowOf(value)).isNull();
    }

    @Test
    void should_fall_through_an_unusable_context_value_to_the_next_key() throws Exception {
        assertThat(entry("{'id': 'a', 'context_length': 'unknown', 'max_model_len': 32768}").contextWindow())
                .isEqualTo(32768L);
    }

    @Test
    void should_accept_a_zero_context_window_written_as_a_string_but_not_as_a_number() throws Exception {
        assertThat(contextWindowOf("\"0\"")).isZero();
        assertThat(contextWindowOf("0")).isNull();
    }

    @Test
    void should_accept_the_largest_long_as_context_window() throws Exception {
        assertThat(contextWindowOf("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(contextWindowOf("\"999999999999999999\"")).isEqualTo(999_999_999_999_999_999L);
    }

    // normalised fields: output limit, pricing, retirement, deprecated

    private static final Path FIXTURES = Path.of("src/test/resources/feeds");

    private static FeedEntry model(Feed feed, String id) {
        return feed.entries().stream().filter(e -> e.modelId().equals(id)).findFirst().orElseThrow();
    }

    private static JsonNode pricing(FeedEntry entry) throws Exception {
        return entry.pricing() == null ? null : JSON.readTree(entry.pricing());
    }

    private static java.time.OffsetDateTime utc(String iso) {
        return java.time.OffsetDateTime.parse(iso);
    }

    @Test
    void should_read_output_limit_pricing_and_retirement_from_the_openrouter_sample() throws Exception {
        Feed feed = read(SAMPLES.resolve("openrouter_models_2026-11-20.json"));
        FeedEntry sonnet = model(feed, "anthropic/claude-sonnet-4.6");
        assertThat(sonnet.maxOutputTokens()).isEqualTo(128000L);
        JsonNode prices = pricing(sonnet);
        assertThat(prices.get("prompt").decimalValue()).isEqualByComparingTo("0.000003");
        assertThat(prices.get("completion").decimalValue()).isEqualByComparingTo("0.000015");
        // the other numeric keys stay, as numbers
        assertThat(prices.get("input_cache_write").isNumber()).isTrue();
        assertThat(prices.get("web_search").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(sonnet.retiresAt()).isNull();
        assertThat(sonnet.deprecated()).isFalse();
        // free is a price; "-1" (it varies) is none
        assertThat(pricing(model(feed, "meta-llama/llama-3.3-70b-instruct:free")).get("prompt").decimalValue()).isZero();
        assertThat(model(feed, "meta-llama/llama-3.3-70b-instruct:free").maxOutputTokens()).isNull();
        assertThat(model(feed, "openrouter/auto").pricing()).isNull();
    }

    @Test
    void should_read_output_limits_of_anthropic_and_gemini_and_anthropic_retirements() throws Exception {
        Feed anthropic = read(SAMPLES.resolve("anthropic_models_2026-11-20.json"));
        assertThat(model(anthropic, "claude-opus-4-6").maxOutputTokens()).isEqualTo(128000L);
        assertThat(model(anthropic, "claude-opus-4-6").contextWindow()).isEqualTo(1000000L);
        assertThat(model(anthropic, "claude-opus-4-6").retiresAt()).isNull();
        FeedEntry retired = model(anthropic, "claude-3-7-sonnet-20250219");
        assertThat(retired.retiresAt()).isEqualTo(utc("2026-02-19T00:00:00Z"));
        assertThat(retired.deprecated()).isTrue();
        Feed google = read(SAMPLES.resolve("google_models_2026-11-20.json"));
        assertThat(model(google, "gemini-2.5-flash").maxOutputTokens()).isEqualTo(65536L);
    }

    @Test
    void should_read_mistral_deprecation_as_a_date_an_object_or_nothing() throws Exception {
        Feed feed = read(FIXTURES.resolve("mistral_models_fixture.json"));
        assertThat(model(feed, "open-mixtral-8x7b").retiresAt()).isEqualTo(utc("2025-03-30T12:00:00Z"));
        assertThat(model(feed, "mistral-small-2402").retiresAt()).isEqualTo(utc("2025-06-01T00:00:00Z"));
        assertThat(model(feed, "codestral-2405").retiresAt()).isNull();
        assertThat(model(feed, "codestral-2405").deprecated()).isTrue();
        // the sample: every deprecation is null
        assertThat(read(SAMPLES.resolve("mistral_models_2026-11-20.json")).entries())
                .allSatisfy(e -> assertThat(e.retiresAt()).isNull());
    }

    @Test
    void should_read_openai_shutdown_dates_as_epoch_seconds_or_dates() throws Exception {
        Feed feed = read(FIXTURES.resolve("openai_models_fixture.json"));
        assertThat(model(feed, "gpt-4.5-preview").retiresAt()).isEqualTo(utc("2025-07-15T00:00:00Z"));
        assertThat(model(feed, "o1-preview").retiresAt()).isEqualTo(utc("2025-07-28T00:00:00Z"));
        assertThat(model(feed, "o1-preview").maxOutputTokens()).isEqualTo(32768L);
    }

    @Test
    void should_read_litellm_costs_per_token_and_deprecation_dates() throws Exception {
        Feed feed = read(FIXTURES.resolve("litellm_models_fixture.json"));
        assertThat(feed.shape()).isEqualTo(Shape.MAP);
        FeedEntry gpt4o = model(feed, "gpt-4o");
        assertThat(gpt4o.maxOutputTokens()).isEqualTo(16384L);
        assertThat(pricing(gpt4o).get("prompt").decimalValue()).isEqualByComparingTo("0.0000025");
        assertThat(pricing(gpt4o).get("completion").decimalValue()).isEqualByComparingTo("0.00001");
        assertThat(pricing(gpt4o).get("input_cache_read").decimalValue()).isEqualByComparingTo("0.00000125");
        assertThat(gpt4o.retiresAt()).isNull();
        assertThat(model(feed, "gpt-4-0613").retiresAt()).isEqualTo(utc("2025-06-06T00:00:00Z"));
    }

    @Test
    void should_divide_models_dev_costs_per_million_and_read_its_deprecated_status() throws Exception {
        Feed feed = read(FIXTURES.resolve("modelsdev_models_fixture.json"));
        FeedEntry opus = model(feed, "claude-3-opus-20240229");
        assertThat(pricing(opus).get("prompt").decimalValue()).isEqualByComparingTo("0.000015");
        assertThat(pricing(opus).get("completion").decimalValue()).isEqualByComparingTo("0.000075");
        assertThat(pricing(opus).get("input_cache_write").decimalValue()).isEqualByComparingTo("0.00001875");
        assertThat(opus.deprecated()).isTrue();
        assertThat(model(feed, "claude-sonnet-4-5").deprecated()).isFalse();
        // its limits: {"limit": {"context": 200000, "output": 4096}}
        assertThat(opus.contextWindow()).isEqualTo(200000L);
        assertThat(opus.maxOutputTokens()).isEqualTo(4096L);
    }

    @Test
    void should_read_cohere_is_deprecated() throws Exception {
        Feed feed = read(FIXTURES.resolve("cohere_models_fixture.json"));
        assertThat(model(feed, "command-r-03-2024").deprecated()).isTrue();
        assertThat(model(feed, "command-a-03-2025").deprecated()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_output_tokens", "outputTokenLimit", "max_tokens", "max_completion_tokens"})
    void should_read_the_output_limit_from_each_known_key(String key) throws Exception {
        assertThat(entry("{'id': 'a', '" + key + "': 8192}").maxOutputTokens()).isEqualTo(8192L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'id': 'text-embedding-3-large', 'mode': 'embedding', 'max_tokens': 8191, 'max_input_tokens': 8191}",
            "{'id': 'bge', 'type': 'embedding', 'context_length': 512, 'max_tokens': 512}",
            "{'name': 'models/text-embedding-004', 'inputTokenLimit': 2048, 'outputTokenLimit': 1, 'supportedGenerationMethods': ['embedContent']}"})
    void should_give_an_embedding_model_no_output_limit(String json) throws Exception {
        assertThat(entry(json).maxOutputTokens()).isNull();
    }

    @Test
    void should_keep_the_output_limit_of_a_model_that_also_embeds() throws Exception {
        assertThat(entry("{'name': 'models/g', 'outputTokenLimit': 8192, 'supportedGenerationMethods': ['generateContent', 'embedContent']}")
                .maxOutputTokens()).isEqualTo(8192L);
        assertThat(entry("{'id': 'c', 'mode': 'chat', 'max_tokens': 4096}").maxOutputTokens()).isEqualTo(4096L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01", "2026-03-01T00:00:00Z", "2026-03-01T01:00:00+01:00", "2026-03-01T00:00:00",
            "2026-03-01 00:00:00", "1772323200", "\"1772323200\""})
    void should_read_a_retirement_date_in_each_form(String value) throws Exception {
        String json = value.startsWith("\"") || value.matches("\\d+") ? value : "\"" + value + "\"";
        assertThat(single("{\"id\": \"a\", \"expiration_date\": " + json + "}").retiresAt())
                .isEqualTo(utc("2026-03-01T00:00:00Z"));
    }

    @Test
    void should_ignore_normalised_values_of_the_wrong_type_and_keep_the_entry() throws Exception {
        FeedEntry odd = single("""
                {"id": "odd", "max_output_tokens": "lots", "top_provider": 5, "pricing": "cheap",
                 "input_cost_per_token": "free", "cost": {"input": "x"}, "expiration_date": "soon",
                 "shutdown_date": true, "deprecation": {"note": "none"}, "is_deprecated": "yes", "status": 3,
                 "deprecated": "true"}
                """);
        assertThat(odd.modelId()).isEqualTo("odd");
        assertThat(odd.maxOutputTokens()).isNull();
        assertThat(odd.pricing()).isNull();
        assertThat(odd.retiresAt()).isNull();
        assertThat(odd.deprecated()).isFalse();
        FeedEntry negative = entry("{'id': 'n', 'pricing': {'prompt': '-1', 'completion': 'n/a', 'image': 0.5}}");
        assertThat(JSON.readTree(negative.pricing()).fieldNames()).toIterable().containsExactly("image");
    }

    @Test
    void should_read_deprecated_true() throws Exception {
        assertThat(entry("{'id': 'a', 'deprecated': true}").deprecated()).isTrue();
        assertThat(entry("{'id': 'a', 'status': 'Deprecated'}").deprecated()).isTrue();
        assertThat(entry("{'id': 'a', 'status': 'active'}").deprecated()).isFalse();
    }

    // metadata

    @Test
    void should_keep_the_raw_entry_as_metadata() throws Exception {
        FeedEntry model = single("""
                {"id": "gpt-5", "object": "model", "created": 1754425777, "owned_by": "system",
                 "pricing": {"prompt": "0.00000125", "input": 0.880}, "tags": ["chat", "vision"]}
                """);

        JsonNode metadata = JSON.readTree(model.metadata());
        assertThat(metadata.get("owned_by").textValue()).isEqualTo("system");
        assertThat(metadata.get("created").longValue()).isEqualTo(1754425777L);
        assertThat(metadata.at("/tags/1").textValue()).isEqualTo("vision");
        assertThat(metadata.at("/pricing/prompt").textValue()).isEqualTo("0.00000125");
        assertThat(model.metadata()).contains("\"input\":0.880");
    }

    @Test
    void should_keep_the_gemini_prefix_in_the_metadata() throws Exception {
        FeedEntry model = entry("{'name': 'models/gemini-2.5-pro', 'inputTokenLimit': 1048576}");

        assertThat(JSON.readTree(model.metadata()).get("name").textValue()).isEqualTo("models/gemini-2.5-pro");
    }

    @Test
    void should_replace_nul_with_the_replacement_character_in_name_and_metadata() throws Exception {
        FeedEntry model = single("""
                {"id": "a", "name": "Bad\\u0000Name", "description": "x\\u0000y", "tags": ["t\\u0000"], "k\\u0000ey": 1}
                """);

        assertThat(model.name()).isEqualTo("Bad\uFFFDName");
        assertThat(model.metadata()).doesNotContain("\\u0000");
        JsonNode metadata = JSON.readTree(model.metadata());
        assertThat(metadata.get("description").textValue()).isEqualTo("x\uFFFDy");
        assertThat(metadata.at("/tags/0").textValue()).isEqualTo("t\uFFFD");
        assertThat(metadata.get("k\uFFFDey").intValue()).isEqualTo(1);
        assertThat(metadata.get("name").textValue()).isEqualTo("Bad\uFFFDName");
    }

    @Test
    void should_skip_and_count_an_entry_whose_id_contains_nul() throws Exception {
        Feed feed = read("""
                [{"id": "gpt\\u00005"}, {"id": "gpt-5"}]
                """);

        assertThat(feed.ids()).containsExactly("gpt-5");
        assertThat(feed.skipped()).isEqualTo(1);
    }

    // the shipped samples

    static Stream<Path> sampleFeeds() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void should_ship_a_sample_feed_for_each_of_the_seven_providers() throws IOException {
        assertThat(sampleFeeds().map(f -> f.getFileName().toString().split("_")[0]))
                .contains("anthropic", "google", "mistral", "ollama", "openai", "openrouter", "together");
    }

    @ParameterizedTest
    @MethodSource("sampleFeeds")
    void should_read_each_sample_feed_with_entries_and_no_failures(Path sample) throws Exception {
        Feed feed = read(sample);

        assertThat(feed.entries()).isNotEmpty();
        assertThat(feed.skipped()).isZero();
        assertThat(feed.ids()).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank().doesNotStartWith("models/"));
        assertThat(feed.entries()).allSatisfy(e -> assertThat(JSON.readTree(e.metadata()).isObject()).isTrue());
    }
}
