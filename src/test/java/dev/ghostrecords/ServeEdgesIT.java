package dev.ghostrecords;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.ApiClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ghostrecords.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The running service at its edges: health that tells the truth, schedules turned off, bodies refused in words. */
class ServeEdgesIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void should_report_down_while_the_watched_folder_is_gone_and_up_again_when_it_is_back(@TempDir Path home) throws Exception {
        Path folder = home.resolve("latest_models");
        try (RunningService service = new RunningService(TestDatabase.fresh(), folder, Map.of()).start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health(service).statusCode())
                    .as(health(service).body()).isEqualTo(200));
            assertThat(health(service).body()).contains("\"name\":\"http\",\"status\":\"UP\"", "\"name\":\"models-folder\",\"status\":\"UP\"")
                    // Kafka is off: its route is not running, and no part of health
                    .doesNotContain("kafka");

            Path moved = Files.move(folder, home.resolve("elsewhere"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> down = health(service);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("DOWN", "models-folder", "does not exist");
            });
            // the folder as an operator reads it, in the JSON's text and parsed
            String body = health(service).body();
            assertThat(body).contains("\"message\":\"the watched folder does not exist (GHOST_MODELS_DIR)\"",
                    "\"folder\":\"" + folder.toAbsolutePath() + "\"");
            JsonNode check = StreamSupport.stream(new ObjectMapper().readTree(body).path("checks").spliterator(), false)
                    .filter(c -> c.path("name").asText().equals("models-folder")).findFirst().orElseThrow();
            assertThat(check.path("data").path("folder").asText()).isEqualTo(folder.toAbsolutePath().toString());

            Files.move(moved, folder);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health(service).statusCode()).isEqualTo(200));
        }
    }

    @Test
    void should_leave_a_schedule_off_when_its_cron_is_never(@TempDir Path home) throws Exception {
        try (RunningService service = new RunningService(TestDatabase.fresh(), home, Map.of("ghost.stale.cron", "never")).start()) {
            // Quartz keeps each schedule's next run in PostgreSQL (epoch ms): purge runs by tomorrow, mark stale not
            // in this century (the route is stopped too, so even then nothing would run)
            long inTwoDays = System.currentTimeMillis() + Duration.ofDays(2).toMillis();
            assertThat(service.count("select next_fire_time from qrtz_triggers where trigger_name = 'purge'")).isLessThan(inTwoDays);
            assertThat(service.count("select coalesce(min(next_fire_time), 0) from qrtz_triggers where trigger_name = 'mark-stale'"
                    + " and next_fire_time < ?", System.currentTimeMillis() + Duration.ofDays(365L * 50).toMillis())).isZero();
            assertThat(service.rows("select 1 from qrtz_triggers where trigger_name = 'mark-stale' and trigger_state <> 'PAUSED'"
                    + " and next_fire_time < ?", inTwoDays)).isEmpty();
            // the job itself still runs on demand
            assertThat(new ApiClient(service, "").post("/api/maintenance/mark-stale?dryRun=true", "").status()).isEqualTo(200);
        }
    }

    @Test
    void should_refuse_a_truncated_body_saying_where_it_ends(@TempDir Path home) throws Exception {
        try (RunningService service = new RunningService(TestDatabase.fresh(), home, Map.of()).start()) {
            ApiClient api = new ApiClient(service, "");
            Answer truncated = api.post("/api/inference-events", "{\"providerId\": \"gw\", \"modelI");
            assertThat(truncated.status()).isEqualTo(400);
            assertThat(truncated.body().get("error").asText()).isEqualTo("the body is not valid JSON: unexpected end at line 1, column 29");
            Answer trailing = api.post("/api/models", "{\"providerId\": \"gw\", \"modelId\": \"m\"} x");
            assertThat(trailing.status()).isEqualTo(400);
            assertThat(trailing.text()).contains("line 1, column").doesNotContain("Source", "REDACTED", "code ");
            assertThat(service.count("select count(*) from model where provider_id = 'gw'")).isZero();
        }
    }

    @Test
    void should_answer_503_json_with_retry_after_from_the_moment_the_port_opens_until_ready(@TempDir Path home)
            throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int managementPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            managementPort = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("GHOST_HTTP_PORT", Integer.toString(port),
                "GHOST_MANAGEMENT_PORT", Integer.toString(managementPort), "GHOST_MODELS_DIR", home.toString());
        HttpRequest event = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/inference-events"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"providerId\": \"early\", \"modelId\": \"m\"}")).build();
        java.util.List<String> answers = new java.util.ArrayList<>();
        boolean recorded = false;
        try (GhostProcess service = GhostProcess.serve(TestDatabase.fresh(), env)) {
            long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            // as a gateway would: from the first accepted connection until the event is recorded
            while (System.nanoTime() < until) {
                HttpResponse<String> answer;
                try {
                    answer = HTTP.send(event, HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException refused) {
                    Thread.sleep(5);
                    continue;
                }
                if (answer.statusCode() == 200) {
                    recorded = true;
                    break;
                }
                answers.add(answer.statusCode() + " " + answer.headers().firstValue("Retry-After").orElse("-") + " "
                        + answer.headers().firstValue("Content-Type").orElse("-") + " " + answer.body());
            }
            assertThat(recorded).as("the event recorded once ready; answered before: " + answers + "\n" + service.log()).isTrue();
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer)
                .startsWith("503 2 application/json {\"error\":\"the service is starting"));
    }

    @Test
    void should_keep_health_and_metrics_on_loopback_when_the_api_listens_beyond_it(@TempDir Path home) throws Exception {
        InetAddress outward = NetworkInterface.networkInterfaces().filter(nic -> {
            try {
                return nic.isUp() && !nic.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address).findFirst().orElse(null);
        assumeTrue(outward != null, "needs an IPv4 address of this machine besides loopback");
        int apiPort = freePort();
        int managementPort = freePort();
        // as an operator sets it: the API on every address, health and metrics left to their default
        try (GhostProcess service = GhostProcess.serve(TestDatabase.fresh(), Map.of("GHOST_HTTP_HOST", "0.0.0.0",
                "GHOST_API_TOKEN", "edge-token", "GHOST_HTTP_PORT", Integer.toString(apiPort),
                "GHOST_MANAGEMENT_PORT", Integer.toString(managementPort), "GHOST_MODELS_DIR", home.toString()))) {
            String outside = "http://" + outward.getHostAddress() + ":";
            // refused until the service listens
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                assertThat(status(outside + apiPort + "/api/stats")).isEqualTo(200);
                assertThat(status("http://127.0.0.1:" + managementPort + "/observe/health")).isEqualTo(200);
            });
            assertThatThrownBy(() -> status(outside + managementPort + "/observe/metrics"))
                    .as("metrics on the API's outward address").isInstanceOf(ConnectException.class);
        }
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> health(RunningService service) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(service.managementUrl("/observe/health?exposureLevel=full&data=true")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
