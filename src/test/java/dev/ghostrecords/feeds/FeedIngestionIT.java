package dev.ghostrecords.feeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Feeds dropped into the watched folder of the running service, checked in PostgreSQL. */
class FeedIngestionIT {

    private static final Path SAMPLES = Path.of("latest_models");

    @TempDir
    static Path inbox;
    static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(TestDatabase.fresh(), inbox);
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void should_ingest_every_envelope_shape_of_the_samples() throws Exception {
        Map<String, Integer> expected = Map.of("anthropic", 6, "google", 6, "mistral", 8, "ollama", 5,
                "openai", 8, "openrouter", 6, "together", 7);
        try (var samples = Files.list(SAMPLES)) {
            for (Path sample : samples.toList()) {
                Files.copy(sample, inbox.resolve(sample.getFileName()));
            }
        }
        for (String provider : expected.keySet()) {
            String file = provider + "_models_2026-11-20.json";
            assertThat(awaitIngestion(file, 1)).as(file).isEqualTo("OK");
            assertThat(service.count("select count(*) from model where provider_id = ? and source = 'INDEX' and is_active",
                    provider)).as(provider).isEqualTo((long) expected.get(provider));
            assertThat(service.value("select last_index_models from provider where id = ?", provider))
                    .isEqualTo(expected.get(provider));
        }
        // {"models":[...]} with Gemini's "models/" prefix removed and displayName kept
        assertThat(service.value("select name from model where provider_id = 'google' and model_id = 'gemini-2.5-flash'"))
                .isEqualTo("Gemini 2.5 Flash");
        assertThat(service.value("select context_window from model where provider_id = 'google' and model_id = 'gemini-2.5-flash'"))
                .isEqualTo(1048576L);
        // ids with '/' and ':' kept as the client passes them
        assertThat(service.count("select count(*) from model where provider_id = 'openrouter' and model_id = 'anthropic/claude-sonnet-4.6'"))
                .isEqualTo(1);
        assertThat(service.count("select count(*) from model where provider_id = 'ollama' and model_id = 'gemma3:latest'"))
                .isEqualTo(1);
        // the raw entry is kept
        assertThat(service.value("select metadata->>'owned_by' from model where provider_id = 'openai' and model_id = 'gpt-4o'"))
                .isEqualTo("system");
        assertThat(service.count("select count(*) from model_event where provider_id = 'together' and kind = 'DISCOVERED'"))
                .isEqualTo(7);
    }

    @Test
    void should_ingest_a_map_keyed_by_model_id() throws Exception {
        drop("litellm_models_1.json", """
                {"gpt-4o": {"max_input_tokens": 128000, "litellm_provider": "openai"},
                 "claude-3-haiku": {"max_input_tokens": 200000},
                 "sample_spec": {"max_input_tokens": "max input tokens, if the provider specifies it"},
                 "plain-entry": true}
                """);
        assertThat(awaitIngestion("litellm_models_1.json", 1)).isEqualTo("OK");
        assertThat(service.rows("select model_id, context_window from model where provider_id = 'litellm' order by 1"))
                .extracting(r -> r.get("model_id") + "=" + r.get("context_window"))
                .containsExactly("claude-3-haiku=200000", "gpt-4o=128000", "plain-entry=null");
        // LiteLLM's sample_spec documents the fields: neither a model nor a skipped entry
        assertThat(service.value("select models_skipped from ingestion where file_name = 'litellm_models_1.json'")).isEqualTo(0);
    }

    @Test
    void should_take_the_id_from_model_name_when_a_litellm_model_info_entry_has_no_other() throws Exception {
        drop("litellmproxy_models_1.json", """
                {"data": [{"model_name": "team/gpt-4o", "litellm_params": {"model": "openai/gpt-4o"}, "model_info": {"max_tokens": 4096}},
                          {"model_name": "claude@fast", "max_input_tokens": 200000}]}
                """);
        assertThat(awaitIngestion("litellmproxy_models_1.json", 1)).isEqualTo("OK");
        assertThat(service.rows("select model_id, context_window from model where provider_id = 'litellmproxy' order by 1"))
                .extracting(r -> r.get("model_id") + "=" + r.get("context_window"))
                .containsExactly("claude@fast=200000", "team/gpt-4o=null");
    }

    @Test
    void should_keep_provenance_of_inference_and_manual_models_when_a_feed_lists_them() throws Exception {
        service.execute("insert into provider (id) values ('prov')");
        service.execute("insert into model (provider_id, model_id, source, first_seen_at, last_seen_at) values "
                + "('prov', 'seen-at-runtime', 'INFERENCE', now() - interval '2 days', now() - interval '2 days'),"
                + "('prov', 'added-by-hand', 'MANUAL', now() - interval '2 days', now() - interval '2 days')");
        drop("prov_models_1.json", """
                {"data": [{"id": "seen-at-runtime"}, {"id": "added-by-hand"}, {"id": "only-in-feed"}]}""");
        assertThat(awaitIngestion("prov_models_1.json", 1)).isEqualTo("OK");
        assertThat(service.rows("select model_id, source, last_indexed_at is not null as indexed from model "
                        + "where provider_id = 'prov' order by 1"))
                .extracting(r -> r.get("model_id") + ":" + r.get("source") + ":" + r.get("indexed"))
                .containsExactly("added-by-hand:MANUAL:true", "only-in-feed:INDEX:true", "seen-at-runtime:INFERENCE:true");
    }

    @Test
    void should_reactivate_an_inactive_model_the_feed_lists_again() throws Exception {
        drop("react_models_1.json", "{\"data\": [{\"id\": \"comeback\"}, {\"id\": \"steady\"}]}");
        assertThat(awaitIngestion("react_models_1.json", 1)).isEqualTo("OK");
        service.execute("update model set is_active = false, deactivated_at = now() - interval '3 days' "
                + "where provider_id = 'react' and model_id = 'comeback'");

        drop("react_models_2.json", "{\"data\": [{\"id\": \"comeback\"}, {\"id\": \"steady\"}]}");
        assertThat(awaitIngestion("react_models_2.json", 1)).isEqualTo("OK");

        assertThat(service.rows("select is_active, deactivated_at from model where provider_id = 'react' and model_id = 'comeback'"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("is_active")).isEqualTo(true);
                    assertThat(r.get("deactivated_at")).isNull();
                });
        assertThat(service.rows("select model_id, kind from model_event where provider_id = 'react' and kind = 'REACTIVATED'"))
                .extracting(r -> r.get("model_id")).containsExactly("comeback");
    }

    @Test
    void should_keep_every_row_and_the_feed_time_when_a_feed_is_empty() throws Exception {
        drop("quiet_models_1.json", "{\"object\": \"list\", \"data\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}");
        assertThat(awaitIngestion("quiet_models_1.json", 1)).isEqualTo("OK");
        List<Map<String, Object>> before = catalogOf("quiet");
        Object lastIndexAt = service.value("select last_index_at from provider where id = 'quiet'");

        drop("quiet_models_2.json", "{\"object\": \"list\", \"data\": []}");
        assertThat(awaitIngestion("quiet_models_2.json", 1)).isEqualTo("EMPTY");

        assertThat(catalogOf("quiet")).isEqualTo(before);
        assertThat(service.value("select last_index_at from provider where id = 'quiet'")).isEqualTo(lastIndexAt);
    }

    @Test
    void should_change_nothing_and_record_the_reason_when_a_file_is_malformed() throws Exception {
        drop("broken_models_1.json", "{\"data\": [{\"id\": \"one\"}, {\"id\": \"two\"}]}");
        assertThat(awaitIngestion("broken_models_1.json", 1)).isEqualTo("OK");
        List<Map<String, Object>> before = catalogOf("broken");
        Object lastIndexAt = service.value("select last_index_at from provider where id = 'broken'");

        drop("broken_models_2.json", "{\"data\": [{\"id\": \"one\"},\n  {\"id\": \"three\"");
        assertThat(awaitIngestion("broken_models_2.json", 1)).isEqualTo("FAILED");

        assertThat((String) service.value("select error from ingestion where file_name = 'broken_models_2.json'"))
                .startsWith("broken_models_2.json: ")
                .contains("line 2, column");
        assertThat(catalogOf("broken")).isEqualTo(before);
        assertThat(service.value("select last_index_at from provider where id = 'broken'")).isEqualTo(lastIndexAt);
        // and the service goes on with the next file
        drop("broken_models_3.json", "[{\"id\": \"one\"}]");
        assertThat(awaitIngestion("broken_models_3.json", 1)).isEqualTo("OK");
        assertThat(service.isRunning()).isTrue();
    }

    @Test
    void should_skip_entries_without_an_id_and_count_duplicates_once() throws Exception {
        drop("dups_models_1.json", """
                [{"id": "m1", "display_name": "first"}, {"display_name": "no id"}, {"id": ""}, {"id": 42},
                 "not an object", {"id": "m2"}, {"id": "m1", "display_name": "second"}]""");
        assertThat(awaitIngestion("dups_models_1.json", 1)).isEqualTo("OK");
        assertThat(service.rows("select models_ingested, models_skipped from ingestion where file_name = 'dups_models_1.json'"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("models_ingested")).isEqualTo(2);
                    assertThat(r.get("models_skipped")).isEqualTo(4);
                });
        // the last listing of a duplicate wins
        assertThat(service.value("select name from model where provider_id = 'dups' and model_id = 'm1'")).isEqualTo("second");
    }

    @Test
    void should_read_a_feed_with_a_utf8_bom() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = "{\"data\": [{\"id\": \"bom-model\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(json, 0, both, bom.length, json.length);
        dropBytes("bom_models_1.json", both);
        assertThat(awaitIngestion("bom_models_1.json", 1)).isEqualTo("OK");
        assertThat(service.count("select count(*) from model where provider_id = 'bom' and model_id = 'bom-model'")).isEqualTo(1);
    }

    @Test
    void should_store_unicode_display_names_byte_for_byte() throws Exception {
        String name = "Ácme ☃ 模型 \u200b one 🚀 עברית e\u0301";
        drop("uni_models_1.json", "{\"data\": [{\"id\": \"uni/one:latest@2\", \"display_name\": \"" + name + "\"}]}");
        assertThat(awaitIngestion("uni_models_1.json", 1)).isEqualTo("OK");
        assertThat(service.value("select name from model where provider_id = 'uni' and model_id = 'uni/one:latest@2'"))
                .isEqualTo(name);
    }


    @Test
    void should_store_backslashes_tabs_and_line_breaks_as_written() throws Exception {
        // the characters COPY's text format escapes, at the start, inside and at the end of values (an
        // id holds no control character: the API could not ask for it)
        String id = "\\esc\\id\\";
        String name = "a\\b\tc\nd\re\\\\";
        drop("esc_models_1.json", "{\"data\": [{\"id\": \"\\\\esc\\\\id\\\\\", \"display_name\": \"a\\\\b\\tc\\nd\\re\\\\\\\\\","
                + " \"note\": \"\\t\\\\n\"}]}");
        assertThat(awaitIngestion("esc_models_1.json", 1)).isEqualTo("OK");
        assertThat(service.value("select name from model where provider_id = 'esc' and model_id = ?", id)).isEqualTo(name);
        assertThat(service.value("select metadata->>'note' from model where provider_id = 'esc' and model_id = ?", id))
                .isEqualTo("\t\\n");
    }
    @Test
    void should_move_last_seen_forward_when_a_file_is_written_again() throws Exception {
        String feed = "{\"data\": [{\"id\": \"again\"}]}";
        drop("again_models.json", feed);
        assertThat(awaitIngestion("again_models.json", 1)).isEqualTo("OK");
        Timestamp first = (Timestamp) service.value(
                "select last_seen_at from model where provider_id = 'again' and model_id = 'again'");

        Thread.sleep(20); // a new modification time: the same content written again is a new version
        drop("again_models.json", feed);
        assertThat(awaitIngestion("again_models.json", 2)).isEqualTo("OK");
        Timestamp second = (Timestamp) service.value(
                "select last_seen_at from model where provider_id = 'again' and model_id = 'again'");
        assertThat(second).isAfter(first);
    }

    private List<Map<String, Object>> catalogOf(String provider) throws Exception {
        return service.rows("select model_id, name, context_window, metadata::text, is_active, source, first_seen_at, "
                + "last_seen_at, last_indexed_at, deactivated_at from model where provider_id = ? order by model_id", provider);
    }

    private static void drop(String fileName, String content) throws IOException {
        dropBytes(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    /** As a careful fetcher does: write aside, then move into the folder. */
    static void dropBytes(String fileName, byte[] content) throws IOException {
        Path aside = Files.write(inbox.resolve("." + fileName + ".tmp"), content);
        Files.move(aside, inbox.resolve(fileName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The status of the nth finished ingestion of this file name. */
    private static String awaitIngestion(String fileName, int nth) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> service.rows("select status from ingestion where file_name = ? order by id", fileName).stream()
                        .skip(nth - 1).map(r -> (String) r.get("status")).findFirst().orElse(null),
                status -> status != null);
    }
}
