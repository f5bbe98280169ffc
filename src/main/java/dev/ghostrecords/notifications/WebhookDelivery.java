package dev.ghostrecords.notifications;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ghostrecords.database.Statements;
import dev.ghostrecords.observe.GhostMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What routes/notifications.camel.yaml calls to deliver the outbox: claim the due notifications,
 * build each receiver's request (body, Standard Webhooks headers and signatures), and record what
 * each receiver answered. The HTTP call itself is the route's (camel-http). Nothing here holds a
 * database connection while a receiver takes its time: the claim is a lease, committed before the
 * first request. A receiver's state (ACTIVE, or GONE after a 410) and counts are its
 * webhook_receiver row, shared by the replicas.
 */
public final class WebhookDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    private static final String CLAIM = Statements.load("notifications/claim-due-notifications.sql");
    private static final String RECORD_DELIVERY = Statements.load("notifications/record-webhook-delivery.sql");
    private static final String RECORD_GONE = Statements.load("notifications/record-webhook-gone.sql");
    private static final String SETTLE = Statements.load("notifications/settle-notification.sql");
    private static final String SYNC_RECEIVERS = Statements.load("notifications/sync-webhook-receivers.sql");
    private static final String SELECT_GONE = Statements.load("notifications/select-gone-receivers.sql");
    private static final String SELECT_RECEIVERS = Statements.load("notifications/select-webhook-receivers.sql");

    /** notifications claimed per poll */
    private static final int CLAIM_LIMIT = 50;

    /** One receiver's failed attempt: its key and what went wrong. */
    public record Failure(String key, String error) {
    }

    /** One notification being delivered; {@code failures} collects this attempt's, receiver by receiver. */
    public record Claim(UUID id, String kind, byte[] body, Set<String> deliveredTo, Set<String> gone, List<Failure> failures) {
    }

    /** One receiver still owed a claimed notification. */
    public record Target(Claim claim, Receiver receiver) {
    }

    /**
     * A configured receiver: its URL as configured (the key is its SHA-256 hex), the URL requests go to
     * (without user:password, which go in an Authorization: Basic header: HTTP clients refuse
     * credentials in a URL), and the URL shown (without credentials or query).
     */
    public record Receiver(int position, URI url, String key, String requestUrl, String shownUrl, String basicAuth) {

        static Receiver of(int position, URI url) {
            String origin = url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + url.getRawAuthority()
                    .substring(url.getRawUserInfo() == null ? 0 : url.getRawUserInfo().length() + 1);
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            String basic = null;
            if (url.getUserInfo() != null) {
                basic = "Basic " + Base64.getEncoder().encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8));
            }
            return new Receiver(position, url, sha256(url.toString()),
                    origin + path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()), origin + path, basic);
        }

        /** As logs and the outbox's rows name it: its position and host, never its path (a secret for Slack). */
        String name() {
            return "webhook #" + position + " (" + url.getHost() + ")";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private final Jdbi jdbi;
    private final WebhookSettings settings;
    private final GhostMetrics metrics;
    private final List<Receiver> receivers = new ArrayList<>();
    private final String[] keys;
    private final long timeoutMillis;
    private final double backoffSeconds;
    private final double maxAgeHours;
    private final AtomicBoolean synced = new AtomicBoolean();
    /** the receivers this process saw answer 410, for the notifications of a poll claimed before it did */
    private final Set<String> goneSincePoll = ConcurrentHashMap.newKeySet();

    public WebhookDelivery(Jdbi jdbi, WebhookSettings settings, GhostMetrics metrics, long timeoutMillis,
                           double backoffSeconds, double maxAgeHours) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.metrics = metrics;
        for (URI url : settings.urls()) {
            receivers.add(Receiver.of(receivers.size() + 1, url));
        }
        this.keys = receivers.stream().map(Receiver::key).toArray(String[]::new);
        this.timeoutMillis = timeoutMillis;
        this.backoffSeconds = backoffSeconds;
        this.maxAgeHours = maxAgeHours;
    }

    /** The due notifications, leased to this poll (none without webhooks). */
    public List<Claim> claimDue() {
        if (synced.compareAndSet(false, true)) {
            // the first poll of a serving process: the configured receivers are the ones with a row
            jdbi.useHandle(h -> h.createUpdate(SYNC_RECEIVERS).bind("keys", keys).execute());
        }
        if (!settings.enabled()) {
            return List.of();
        }
        Set<String> gone = Set.copyOf(jdbi.withHandle(h -> h.createQuery(SELECT_GONE).bind("keys", keys)
                .mapTo(String.class).list()));
        metrics.webhookReceiversGone(gone.size());
        // long enough for one request to every webhook to time out, and some
        long leaseSeconds = (timeoutMillis * 2 * receivers.size()) / 1000 + 30;
        return jdbi.withHandle(h -> h.createQuery(CLAIM).bind("limit", CLAIM_LIMIT).bind("leaseSeconds", leaseSeconds)
                .map((rs, ctx) -> new Claim(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getString("payload").getBytes(StandardCharsets.UTF_8),
                        Set.of((String[]) rs.getArray("delivered_to").getArray()), gone, new ArrayList<>()))
                .list());
    }

    /** The receivers that have not taken this notification yet, but those GONE. */
    public List<Target> targets(Claim claim) {
        return receivers.stream().filter(r -> !claim.deliveredTo().contains(r.key()) && !claim.gone().contains(r.key())
                        && !goneSincePoll.contains(r.key()))
                .map(r -> new Target(claim, r)).toList();
    }

    /**
     * The request for one receiver, as Standard Webhooks has it: only these headers go out (no Camel
     * header leaks into it). Each attempt is signed afresh: the same webhook-id, a new timestamp
     * (receivers refuse one older than 5 minutes).
     */
    public void request(Exchange exchange) {
        Message message = exchange.getMessage();
        Target target = message.getBody(Target.class);
        exchange.setVariable("webhookTarget", target);
        byte[] body = target.claim().body();
        String id = target.claim().id().toString();
        long timestamp = System.currentTimeMillis() / 1000;
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_URI, target.receiver().requestUrl());
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("webhook-id", id);
        message.setHeader("webhook-timestamp", Long.toString(timestamp));
        if (settings.signed()) {
            message.setHeader("webhook-signature", signatures(settings.keys(), id, timestamp, body));
        }
        if (target.receiver().basicAuth() != null) {
            message.setHeader("Authorization", target.receiver().basicAuth());
        }
        message.setBody(body);
    }

    /** The receiver answered: a 2xx is recorded at once, so a retry does not send to it again; a 410 makes it GONE. */
    public void answered(Exchange exchange, @Variable("webhookTarget") Target target) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Receiver receiver = target.receiver();
        if (status != null && status >= 200 && status < 300) {
            jdbi.useHandle(h -> h.createUpdate(RECORD_DELIVERY).bind("id", target.claim().id().toString())
                    .bind("urlKey", receiver.key()).execute());
            return;
        }
        if (status != null && status == 410) {
            // the receiver asked for no more: not a failure of this notification, and no retry for it
            goneSincePoll.add(receiver.key());
            String error = "HTTP 410 Gone: nothing more is sent to it until its URL is configured anew";
            boolean first = jdbi.withHandle(h -> h.createQuery(RECORD_GONE).bind("urlKey", receiver.key())
                    .bind("error", error).mapTo(String.class).findOne().isPresent());
            if (first) {
                LOG.warn("{} answered 410 Gone: nothing more is sent to it until its URL is configured anew"
                        + " (GHOST_WEBHOOK_URLS)", receiver.name());
            }
            return;
        }
        String answer = exchange.getMessage().getBody(String.class);
        target.claim().failures().add(new Failure(receiver.key(), "HTTP " + status
                + (answer == null || answer.isBlank() ? "" : " " + printable(answer, 200))));
    }

    /** The receiver did not answer: refused, timed out, unknown host... */
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
        Receiver receiver = target.receiver();
        // an exception's message may quote the URL, whose path, query or credentials may be secrets
        reason = reason.replace(receiver.url().toString(), "<url>").replace(receiver.requestUrl(), "<url>");
        target.claim().failures().add(new Failure(receiver.key(), printable(reason, 300)));
    }

    /**
     * After every receiver had its try: DELIVERED, or PENDING with a backoff, or DEAD past the age
     * limit. Answers the status (the route counts it).
     */
    public String settle(@Variable("claim") Claim claim) {
        List<Failure> failures = claim.failures();
        boolean failed = !failures.isEmpty();
        Map<String, Receiver> byKey = new HashMap<>();
        receivers.forEach(r -> byKey.put(r.key(), r));
        String error = String.join("; ", failures.stream().map(f -> byKey.get(f.key()).name() + ": " + f.error()).toList());
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(SETTLE).bind("id", claim.id().toString())
                .bind("failed", failed).bind("error", failed ? error : null)
                .bind("failedKeys", failures.stream().map(Failure::key).toArray(String[]::new))
                .bind("errors", failures.stream().map(Failure::error).toArray(String[]::new))
                .bind("backoffSeconds", backoffSeconds).bind("maxAgeHours", maxAgeHours)
                .mapToMap().findOne().orElse(Map.of()));
        Object status = row.get("status");
        if ("DEAD".equals(status)) {
            LOG.warn("notification {} kind={} DEAD after {} attempts: {}", claim.id(), claim.kind(), row.get("attempts"), error);
        } else if (failed) {
            LOG.info("notification {} kind={} not delivered (attempt {}), will retry: {}", claim.id(), claim.kind(),
                    row.get("attempts"), error);
        } else {
            LOG.debug("notification {} kind={} delivered", claim.id(), claim.kind());
        }
        return status == null ? "PENDING" : status.toString();
    }

    /** GET /api/webhooks: every configured receiver, in GHOST_WEBHOOK_URLS's order, with its state and counts. */
    public List<ReceiverStatus> receivers() {
        Map<String, ReceiverStatus> rows = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(SELECT_RECEIVERS).bind("keys", keys).map((rs, ctx) -> {
            rows.put(rs.getString("url_key"), new ReceiverStatus(null, rs.getString("state"),
                    rs.getObject("last_delivery_at", OffsetDateTime.class), rs.getString("last_error"),
                    rs.getObject("last_error_at", OffsetDateTime.class), rs.getLong("delivered"), rs.getLong("retried"),
                    rs.getLong("dead")));
            return null;
        }).list());
        return receivers.stream().map(r -> {
            // not in the table yet (before the first poll): ACTIVE, nothing sent
            ReceiverStatus row = rows.getOrDefault(r.key(), new ReceiverStatus(null, "ACTIVE", null, null, null, 0, 0, 0));
            return new ReceiverStatus(r.shownUrl(), row.state(), row.lastDeliveryAt(), row.lastError(), row.lastErrorAt(),
                    row.delivered(), row.retried(), row.dead());
        }).toList();
    }

    private static String printable(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max) + "...";
    }

    /**
     * {@code webhook-signature}: {@code v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">} per key,
     * space-separated, so a receiver holding any one of the secrets verifies (rotation without a gap).
     */
    static String signatures(List<byte[]> keys, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        List<String> signatures = new ArrayList<>();
        try {
            for (byte[] key : keys) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                mac.update(prefix);
                signatures.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)));
            }
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        return String.join(" ", signatures);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
