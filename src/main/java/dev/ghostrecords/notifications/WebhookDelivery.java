package dev.ghostrecords.notifications;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ghostrecords.database.Statements;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What routes/notifications.camel.yaml calls to deliver the outbox: claim the due notifications,
 * build each webhook's request (body, event id, signature), and record what each webhook answered.
 * The HTTP call itself is the route's (camel-http). Nothing here holds a database connection while a
 * receiver takes its time: the claim is a lease, committed before the first request.
 */
public final class WebhookDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    private static final String CLAIM = Statements.load("notifications/claim-due-notifications.sql");
    private static final String RECORD_DELIVERY = Statements.load("notifications/record-webhook-delivery.sql");
    private static final String SETTLE = Statements.load("notifications/settle-notification.sql");

    /** notifications claimed per poll */
    private static final int CLAIM_LIMIT = 50;

    /** One notification being delivered; {@code failures} collects this attempt's, webhook by webhook. */
    public record Claim(UUID id, String kind, byte[] body, Set<String> deliveredTo, List<String> failures) {
    }

    /** One webhook still owed a claimed notification. */
    public record Target(Claim claim, int position, URI url, String key) {
    }

    private final Jdbi jdbi;
    private final WebhookSettings settings;
    private final List<String> urlKeys;
    private final long timeoutMillis;
    private final double backoffSeconds;
    private final double maxAgeHours;

    public WebhookDelivery(Jdbi jdbi, WebhookSettings settings, long timeoutMillis, double backoffSeconds, double maxAgeHours) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.urlKeys = settings.urls().stream().map(u -> sha256(u.toString())).toList();
        this.timeoutMillis = timeoutMillis;
        this.backoffSeconds = backoffSeconds;
        this.maxAgeHours = maxAgeHours;
    }

    /** The due notifications, leased to this poll (none without webhooks). */
    public List<Claim> claimDue() {
        if (!settings.enabled()) {
            return List.of();
        }
        // long enough for one request to every webhook to time out, and some
        long leaseSeconds = (timeoutMillis * 2 * settings.urls().size()) / 1000 + 30;
        return jdbi.withHandle(h -> h.createQuery(CLAIM).bind("limit", CLAIM_LIMIT).bind("leaseSeconds", leaseSeconds)
                .map((rs, ctx) -> new Claim(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getString("payload").getBytes(StandardCharsets.UTF_8),
                        Set.of((String[]) rs.getArray("delivered_to").getArray()), new ArrayList<>()))
                .list());
    }

    /** The webhooks that have not taken this notification yet. */
    public List<Target> targets(Claim claim) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < settings.urls().size(); i++) {
            if (!claim.deliveredTo().contains(urlKeys.get(i))) {
                targets.add(new Target(claim, i + 1, settings.urls().get(i), urlKeys.get(i)));
            }
        }
        return targets;
    }

    /** The request for one webhook: only these headers go out (no Camel header leaks into it). */
    public void request(Exchange exchange) {
        Message message = exchange.getMessage();
        Target target = message.getBody(Target.class);
        exchange.setVariable("webhookTarget", target);
        byte[] body = target.claim().body();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_URI, target.url().toString());
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("X-Ghost-Event-Id", target.claim().id().toString());
        if (!settings.secret().isEmpty()) {
            message.setHeader("X-Ghost-Signature", "sha256=" + hmac(settings.secret(), body));
        }
        message.setBody(body);
    }

    /** The webhook answered: a 2xx is recorded at once, so a retry does not send to it again. */
    public void answered(Exchange exchange, @Variable("webhookTarget") Target target) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null && status >= 200 && status < 300) {
            jdbi.useHandle(h -> h.createUpdate(RECORD_DELIVERY).bind("id", target.claim().id().toString())
                    .bind("urlKey", target.key()).execute());
            return;
        }
        String answer = exchange.getMessage().getBody(String.class);
        target.claim().failures().add(name(target) + ": HTTP " + status + (answer == null || answer.isBlank() ? ""
                : " " + printable(answer, 200)));
    }

    /** The webhook did not answer: refused, timed out, unknown host... */
    public void unreachable(Exchange exchange, @Variable("webhookTarget") Target target) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason;
        if (e instanceof SocketTimeoutException || (e != null && e.getClass().getSimpleName().contains("Timeout"))) {
            reason = "no answer within " + timeoutMillis + " ms";
        } else if (e instanceof ConnectException) {
            reason = "connection refused";
        } else {
            reason = e == null ? "failed" : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        target.claim().failures().add(name(target) + ": " + printable(reason.replace(target.url().toString(), "<url>"), 300));
    }

    /**
     * After every webhook had its try: DELIVERED, or PENDING with a backoff, or DEAD past the age limit.
     * Answers the status (the route counts it).
     */
    public String settle(@Variable("claim") Claim claim) {
        boolean failed = !claim.failures().isEmpty();
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(SETTLE).bind("id", claim.id().toString())
                .bind("failed", failed).bind("error", failed ? String.join("; ", claim.failures()) : null)
                .bind("backoffSeconds", backoffSeconds).bind("maxAgeHours", maxAgeHours)
                .mapToMap().findOne().orElse(Map.of()));
        Object status = row.get("status");
        if ("DEAD".equals(status)) {
            LOG.warn("notification {} kind={} DEAD after {} attempts: {}", claim.id(), claim.kind(), row.get("attempts"),
                    String.join("; ", claim.failures()));
        } else if (failed) {
            LOG.info("notification {} kind={} not delivered (attempt {}), will retry: {}", claim.id(), claim.kind(),
                    row.get("attempts"), String.join("; ", claim.failures()));
        } else {
            LOG.debug("notification {} kind={} delivered", claim.id(), claim.kind());
        }
        return status == null ? "PENDING" : status.toString();
    }

    /** A webhook as logs and rows name it: its position and host, never its path (a secret for Slack). */
    private String name(Target target) {
        return "webhook #" + target.position() + " (" + target.url().getHost() + ")";
    }

    private static String printable(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max) + "...";
    }

    /** {@code X-Ghost-Signature}: the hex HMAC-SHA256 of the exact body bytes, keyed by the secret. */
    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
