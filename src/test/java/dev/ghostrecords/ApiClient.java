package dev.ghostrecords;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP calls to a running service's API, answers parsed as JSON where they are JSON. */
public final class ApiClient {

    public record Answer(int status, JsonNode body, String text, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningService service;
    private final String token;

    public ApiClient(RunningService service, String token) {
        this.service = service;
        this.token = token;
    }

    public Answer post(String path, String json) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(service.url(path)).timeout(Duration.ofSeconds(30));
    }

    public static Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (Exception e) {
            body = null;
        }
        return new Answer(response.statusCode(), body, response.body(), response.headers().map());
    }
}
