package dev.ghostrecords.inference;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import dev.ghostrecords.ApiClient;
import dev.ghostrecords.GhostProcess;
import dev.ghostrecords.RunningService;
import dev.ghostrecords.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inference events over Kafka against a real broker (KRaft, from Kafka's test kit; one for the whole
 * class) and a real PostgreSQL: recorded, refused records to the dead-letter topic, PostgreSQL away
 * for 20 s, kill -9 in the middle of a backlog, two replicas in one group.
 */
class KafkaIT {

    private static KafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private Map<String, String> kafka(String topic, String group) {
        return Map.of("ghost.kafka.bootstrap", broker.bootstrap(), "ghost.kafka.topic", topic, "ghost.kafka.group", group,
                "ghost.api.token", "secret");
    }

    @Test
    void should_record_events_and_send_a_bad_record_to_the_dlq_when_it_sits_between_good_ones() throws Exception {
        String topic = "events-dlq";
        broker.createTopic(topic, 2);
        // produced before the first start: a new group reads from the earliest offset
        broker.produce(topic, "k1", "{\"providerId\": \"openai\", \"modelId\": \"gpt-a\"}");
        String bad = "[{\"providerId\": \"openai\", \"modelId\": \"gpt-b\"}, {\"providerId\": \"openai\"}]";
        broker.produce(topic, "k2", bad);
        broker.produce(topic, "k3", "[{\"providerId\": \"openai\", \"modelId\": \"gpt-c\"}, {\"providerId\": \"mistral\", \"modelId\": \"m-1\", \"modelName\": \"M one\"}]");
        broker.produce(topic, "k4", "not json");
        try (RunningService service = new RunningService(TestDatabase.fresh(), dir.resolve("inbox"), kafka(topic, "g-dlq")).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> broker.lag("g-dlq", topic) == 0);

            assertThat(service.rows("select provider_id || '/' || model_id as id from model order by 1"))
                    .extracting(r -> r.get("id")).containsExactly("mistral/m-1", "openai/gpt-a", "openai/gpt-c");
            assertThat(service.rows("select source, is_active, last_inference_at is not null as hit from model"))
                    .allSatisfy(r -> assertThat(r).containsEntry("source", "INFERENCE").containsEntry("is_active", true)
                            .containsEntry("hit", true));
            assertThat(service.value("select name from model where model_id = 'm-1'")).isEqualTo("M one");

            List<ConsumerRecord<String, String>> dead = broker.readAll(topic + ".dlq");
            assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(bad, "not json");
            ApiClient api = new ApiClient(service, "secret");
            for (ConsumerRecord<String, String> record : dead) {
                // the same words as the HTTP API answers for that body
                ApiClient.Answer answer = api.post("/api/inference-events", record.value());
                assertThat(answer.status()).isEqualTo(400);
                assertThat(KafkaBroker.header(record, "ghost-error")).isEqualTo(answer.body().get("error").asText());
            }
            assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k2", "k4");

            String metrics = ApiClient.send(HttpRequest.newBuilder(service.managementUrl("/observe/metrics")).build()).text();
            assertThat(metrics).containsPattern("ghost_kafka_records_total\\{[^}]*result=\"recorded\"[^}]*} 2\\.0")
                    .containsPattern("ghost_kafka_records_total\\{[^}]*result=\"dlq\"[^}]*} 2\\.0")
                    .contains("kafka_consumer_fetch_manager_records_lag_max");
            ApiClient.Answer health = ApiClient.send(HttpRequest.newBuilder(
                    service.managementUrl("/observe/health?exposureLevel=full")).build());
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            assertThat(health.text()).contains("{\"name\":\"consumer:inference-kafka-consume\",\"status\":\"UP\"}",
                    "{\"name\":\"kafka\",\"status\":\"UP\",\"message\":\"consuming\"}");
        }
    }

    @Test
    void should_pause_and_lose_nothing_when_postgresql_is_stopped_for_20_seconds_while_records_keep_coming() throws Exception {
        String topic = "events-db-down";
        broker.createTopic(topic, 2);
        int port = freePort();
        Path pgData = dir.resolve("pg");
        EmbeddedPostgres pg = postgres(pgData, port);
        TestDatabase.Database db = new TestDatabase.Database("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
        Map<String, String> settings = new HashMap<>(kafka(topic, "g-db"));
        settings.put("ghost.inference.commit-timeout", "3000");
        try (RunningService service = new RunningService(db, dir.resolve("inbox"), settings).start()) {
            broker.produceAll(topic, events("a", 0, 100));
            await().atMost(Duration.ofSeconds(60)).until(() -> service.count("select count(*) from model") == 100);

            pg.close();
            long stoppedAt = System.nanoTime();
            int sent = 100;
            while (System.nanoTime() - stoppedAt < Duration.ofSeconds(20).toNanos()) {
                broker.produceAll(topic, events("a", sent, 50));
                sent += 50;
                Thread.sleep(1000);
            }
            ApiClient.Answer health = ApiClient.send(HttpRequest.newBuilder(service.managementUrl("/observe/health")).build());
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.text()).contains("paused");
            assertThat(broker.lag("g-db", topic)).as("nothing committed while PostgreSQL is away").isGreaterThanOrEqualTo(sent - 100L);

            pg = postgres(pgData, port);
            int all = sent;
            await().atMost(Duration.ofSeconds(90)).until(() -> broker.lag("g-db", topic) == 0);
            assertThat(service.count("select count(*) from model")).isEqualTo(all);
            assertThat(service.count("select count(*) from model_event where kind = 'DISCOVERED'")).isEqualTo(all);
            assertThat(broker.readAll(topic + ".dlq")).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> ApiClient.send(
                    HttpRequest.newBuilder(service.managementUrl("/observe/health")).build()).status() == 200);
        } finally {
            pg.close();
        }
    }

    @Test
    void should_record_every_event_once_in_effect_when_the_service_is_killed_mid_backlog() throws Exception {
        String topic = "events-kill";
        broker.createTopic(topic, 4);
        int n = 20_000;
        broker.produceAll(topic, events("k", 0, n));
        assertThat(broker.size(topic)).isEqualTo(n);
        TestDatabase.Database db = TestDatabase.fresh();
        Map<String, String> env = env(topic, "g-kill", "100");
        try (GhostProcess first = GhostProcess.serve(db, env)) {
            // before the migrations have run there is no model table yet
            await().atMost(Duration.ofSeconds(90)).ignoreExceptionsMatching(e -> e instanceof SQLException).until(() -> {
                assertThat(first.isAlive()).as(first.log()).isTrue();
                return count(db, "select count(*) from model") > 0;
            });
            first.kill();
        }
        long atKill = count(db, "select count(*) from model");
        assertThat(atKill).as("killed in the middle of the backlog").isLessThan(n);
        try (GhostProcess second = GhostProcess.serve(db, env)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                assertThat(second.isAlive()).as(second.log()).isTrue();
                return broker.lag("g-kill", topic) == 0;
            });
        }
        assertThat(count(db, "select count(*) from model")).isEqualTo(n);
        assertThat(count(db, "select count(*) from model where last_inference_at is null or not is_active")).isZero();
        assertThat(count(db, "select count(*) from model_event where kind = 'DISCOVERED'")).as("none twice").isEqualTo(n);
    }

    @Test
    void should_share_the_partitions_and_record_everything_when_two_services_are_in_one_group() throws Exception {
        String topic = "events-two";
        broker.createTopic(topic, 4);
        TestDatabase.Database db = TestDatabase.fresh();
        try (GhostProcess a = GhostProcess.serve(db, env(topic, "g-two", "10000"));
             GhostProcess b = GhostProcess.serve(db, env(topic, "g-two", "10000"))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(a.isAlive()).as(a.log()).isTrue();
                assertThat(b.isAlive()).as(b.log()).isTrue();
                Map<String, Set<Integer>> members = broker.members("g-two");
                return members.size() == 2 && members.values().stream().noneMatch(Set::isEmpty);
            });
            List<Integer> assigned = new ArrayList<>();
            broker.members("g-two").values().forEach(assigned::addAll);
            assertThat(assigned).containsExactlyInAnyOrder(0, 1, 2, 3);

            broker.produceAll(topic, events("t", 0, 2000));
            await().atMost(Duration.ofSeconds(60)).until(() -> broker.lag("g-two", topic) == 0);
            assertThat(count(db, "select count(*) from model")).isEqualTo(2000);
            assertThat(a.log()).contains("inference-kafka-consume");
        }
    }

    @Test
    void should_stop_with_exit_1_naming_the_variable_when_the_bootstrap_setting_is_wrong() throws Exception {
        Map<String, String> env = new HashMap<>(env("events-bad", "g-bad", "100"));
        env.put("GHOST_KAFKA_BOOTSTRAP", "kafka-without-port");
        GhostProcess.Run run = GhostProcess.run(TestDatabase.fresh(), env, "serve");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout() + run.stderr()).contains("GHOST_KAFKA_BOOTSTRAP='kafka-without-port'");
    }

    private Map<String, String> env(String topic, String group, String maxPoll) throws IOException {
        Path data = Files.createTempDirectory(dir, "data");
        return Map.of("GHOST_KAFKA_BOOTSTRAP", broker.bootstrap(), "GHOST_KAFKA_TOPIC", topic, "GHOST_KAFKA_GROUP", group,
                "GHOST_KAFKA_MAX_POLL_RECORDS", maxPoll,
                "GHOST_MODELS_DIR", data.resolve("inbox").toString(), "GHOST_DATA_DIR", data.toString(),
                "GHOST_HTTP_PORT", Integer.toString(freePort()), "GHOST_MANAGEMENT_PORT", Integer.toString(freePort()),
                "GHOST_STALE_CRON", "0 0 0 1 1 ? 2099", "GHOST_PURGE_CRON", "0 0 0 1 1 ? 2099");
    }

    private static List<String> events(String prefix, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> "{\"providerId\": \"bench\", \"modelId\": \"" + prefix + i + "\"}").toList();
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static long count(TestDatabase.Database db, String sql) throws Exception {
        try (var c = db.connect(); var s = c.prepareStatement(sql); var rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
