package dev.ghostrecords.notifications;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The webhook settings, checked at start: {@code GHOST_WEBHOOK_URLS} (comma-separated http(s) URLs;
 * none: no notification is queued or sent), {@code GHOST_WEBHOOK_SECRET} (signs the bodies; never
 * logged or stored), {@code GHOST_WEBHOOK_KINDS} (which kinds are queued; empty: all).
 */
public record WebhookSettings(List<URI> urls, String secret, List<String> kinds) {

    /** Every kind of notification (README, "Notifications"). */
    public static final List<String> KINDS = List.of("model.discovered", "model.changed", "model.deactivated",
            "model.reactivated", "model.purged", "model.ghost", "model.retiring", "sweep.held", "feed.failing", "test");

    public static WebhookSettings parse(String urls, String secret, String kinds) {
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
        return new WebhookSettings(List.copyOf(parsed), secret == null ? "" : secret,
                chosen.isEmpty() ? KINDS : List.copyOf(chosen));
    }

    public boolean enabled() {
        return !urls.isEmpty();
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

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        // never the secret, never the URLs (their paths can be secrets)
        return "WebhookSettings[" + urls.size() + " webhooks, kinds " + kinds + ", signed " + !secret.isEmpty() + "]";
    }
}
