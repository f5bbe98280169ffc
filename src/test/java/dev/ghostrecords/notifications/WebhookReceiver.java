package dev.ghostrecords.notifications;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;

/**
 * A real webhook receiver (the JDK's HTTP server) on a port of its own: records every request as
 * it arrived (headers, exact body bytes) and answers from a script of statuses (then 200), after
 * an optional delay.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** As a receiver checks a delivery: the official Standard Webhooks library, in one call (throws if refused). */
        void verify(String secret) throws WebhookVerificationException {
            verify(secret, body);
        }

        /** The same, over a body of the caller's (a tampered one). */
        void verify(String secret, byte[] payload) throws WebhookVerificationException {
            new Webhook(secret).verify(new String(payload, StandardCharsets.UTF_8), HttpHeaders.of(headers, (name, value) -> true));
        }

        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile long delayMillis;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Integer status = script.poll();
            byte[] answer = (status == null || status == 200 ? "ok" : "boom").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The next answers, in order; after them, 200. */
    public WebhookReceiver answering(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    WebhookReceiver slow(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> received(String kind) {
        return received().stream().filter(r -> kind.equals(r.json().path("kind").asText())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
