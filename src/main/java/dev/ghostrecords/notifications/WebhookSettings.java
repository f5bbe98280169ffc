package dev.ghostrecords.notifications;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The webhook settings, checked at start: {@code GHOST_WEBHOOK_URLS} (comma-separated http(s) URLs;
 * none: no notification is queued or sent), {@code GHOST_WEBHOOK_SECRET} (comma-separated Standard
 * Webhooks secrets, {@code whsec_<base64>}: each delivery carries one signature per secret; never
 * logged or stored), {@code GHOST_WEBHOOK_KINDS} (which kinds are queued; empty: all).
 *
 * @param keys the secrets' decoded bytes, the HMAC keys (the Standard Webhooks libraries decode them the same way)
 */
public record WebhookSettings(List<URI> urls, List<byte[]> keys, List<String> kinds) {

    /** Every kind of notification (README, "Notifications"). */
    public static final List<String> KINDS = List.of("model.discovered", "model.changed", "model.deactivated",
            "model.reactivated", "model.purged", "model.ghost", "model.retiring", "sweep.held", "feed.failing", "test");

    static final String SECRET_PREFIX = "whsec_";
    /** 192 bits: below that a secret is guessable, and the libraries' own generators make 24 bytes or more */
    static final int MIN_SECRET_BYTES = 24;

    public static WebhookSettings parse(String urls, String secrets, String kinds) {
        List<URI> parsed = new ArrayList<>();
        for (String url : split(urls)) {
            parsed.add(url(url, parsed.size() + 1));
        }
        List<String> chosen = split(kinds);
        for (String kind : chosen) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("GHOST_WEBHOOK_KINDS='" + kinds + "': unknown kind '" + kind
                        + "'; use a comma-separated list of " + String.join(", ", KINDS)
                        + ", or leave it empty for all (setting ghost.webhook.kinds)");
            }
        }
        List<String> secretList = split(secrets);
        List<byte[]> keys = new ArrayList<>();
        for (String secret : secretList) {
            keys.add(key(secret, keys.size() + 1, secretList.size()));
        }
        return new WebhookSettings(List.copyOf(parsed), List.copyOf(keys), chosen.isEmpty() ? KINDS : List.copyOf(chosen));
    }

    public boolean enabled() {
        return !urls.isEmpty();
    }

    public boolean signed() {
        return !keys.isEmpty();
    }

    /** What the outbox trigger queues on this process's connections: nothing without webhooks. */
    public String notifyKinds() {
        return enabled() ? String.join(",", kinds) : "";
    }

    private static URI url(String text, int position) {
        // the URL itself may carry a secret (a Slack webhook's path): the message names its position only
        String problem = "webhook #" + position + " in GHOST_WEBHOOK_URLS is not an http(s) URL; use comma-separated"
                + " URLs such as https://hooks.slack.com/services/... (setting ghost.webhook.urls)";
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException(problem);
    }

    /** A Standard Webhooks secret: whsec_ and the base64 of the key's bytes. The message never holds the value. */
    private static byte[] key(String secret, int position, int count) {
        byte[] key = null;
        if (secret.startsWith(SECRET_PREFIX)) {
            try {
                key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        if (key == null || key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("GHOST_WEBHOOK_SECRET" + (count > 1 ? " (secret #" + position + ")" : "")
                    + " must be whsec_ followed by the base64 of at least " + MIN_SECRET_BYTES + " random bytes; make one"
                    + " with: echo \"whsec_$(openssl rand -base64 32)\"; several, comma-separated, to rotate"
                    + " (setting ghost.webhook.secret)");
        }
        return key;
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        // never the secrets, never the URLs (their paths can be secrets)
        return "WebhookSettings[" + urls.size() + " webhooks, kinds " + kinds + ", " + keys.size() + " signing secrets]";
    }
}
