package dev.ghostrecords.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.Variable;

/**
 * What an attempt at a page deserves: the page (2xx), a wait and another try, or the end of the fetch.
 * 401/403 are not retried; 429 waits Retry-After (at most a minute) or backs off; 5xx, 408, timeouts
 * and broken connections back off exponentially from GHOST_FETCH_BACKOFF_MS, with jitter; after
 * GHOST_FETCH_ATTEMPTS tries the fetch fails. Every reason given is scrubbed of the key.
 */
public final class RetryPolicy {

    /** Retry-After is honoured up to this long; a longer wait is the next tick's job */
    static final long MAX_WAIT_MS = 60_000;

    /** The verdict on one attempt; a failed fetch has been marked so on its progress already. */
    public record Attempt(boolean answered, boolean retry, long waitMs, String reason) {
    }

    private static final Attempt ANSWERED = new Attempt(true, false, 0, null);

    private final int attempts;
    private final long backoffMs;
    private final int timeoutMs;
    private final ProviderKeys keys;

    public RetryPolicy(int attempts, long backoffMs, int timeoutMs, ProviderKeys keys) {
        this.attempts = attempts;
        this.backoffMs = backoffMs;
        this.timeoutMs = timeoutMs;
        this.keys = keys;
    }

    /** The provider answered with a status. */
    public Attempt answered(@Variable("progress") FetchProgress progress, Message answer) {
        int status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        progress.httpStatus(status);
        if (status >= 200 && status < 300) {
            return ANSWERED;
        }
        Provider provider = progress.provider();
        if (status == 401 || status == 403) {
            return fail(progress, progress.where() + ": HTTP " + status + ": the provider refused the key in " + provider.keyEnv()
                    + (keys.key(provider) == null ? " (not set)" : "") + "; not retried, check that variable");
        }
        String reason = "HTTP " + status + excerpt(answer);
        if (status == 429) {
            Long retryAfter = retryAfterMs(answer.getHeader("Retry-After", String.class));
            return again(progress, reason, retryAfter != null ? retryAfter : backoff(progress.pageAttempts()));
        }
        if (status >= 500 || status == 408) {
            return again(progress, reason, backoff(progress.pageAttempts()));
        }
        return fail(progress, progress.where() + ": " + reason + " (not retried)");
    }

    /** The request got no answer: a timeout or a broken connection is tried again, anything else ends the fetch. */
    public Attempt unanswered(@Variable("progress") FetchProgress progress,
                              @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        progress.httpStatus(null);
        String reason = connectionProblem(failure);
        if (reason == null) {
            return fail(progress, progress.where() + ": " + failure);
        }
        return again(progress, reason, backoff(progress.pageAttempts()));
    }

    /** The wait before the next attempt was cut short: the service is stopping. */
    public void interrupted(@Variable("progress") FetchProgress progress) {
        progress.fail(progress.where() + ": interrupted (the service is stopping)");
    }

    private Attempt again(FetchProgress progress, String reason, long waitMs) {
        if (progress.pageAttempts() < attempts) {
            return new Attempt(false, true, waitMs, keys.scrub(reason, progress.provider()));
        }
        return fail(progress, progress.where() + ": " + reason + " (" + attempts + " attempts)");
    }

    private Attempt fail(FetchProgress progress, String reason) {
        String scrubbed = keys.scrub(reason, progress.provider());
        progress.fail(scrubbed);
        return new Attempt(false, false, 0, scrubbed);
    }

    /** Why the request got no answer, when that is worth a retry (timeouts, refused or broken connections); else null. */
    private String connectionProblem(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return "no answer within " + timeoutMs + " ms (GHOST_FETCH_TIMEOUT_MS)";
            }
            if (cause instanceof ConnectException) {
                return "cannot connect: " + cause.getMessage();
            }
            if (cause instanceof IOException) {
                return "the connection failed: " + cause;
            }
        }
        return null;
    }

    /** Exponential from GHOST_FETCH_BACKOFF_MS, plus up to a quarter more so replicas and providers drift apart. */
    private long backoff(int attempt) {
        long wait = backoffMs << Math.min(attempt - 1, 20);
        wait += (long) (ThreadLocalRandom.current().nextDouble() * wait / 4);
        return Math.min(wait, MAX_WAIT_MS);
    }

    /** Retry-After in seconds or as an HTTP date; capped at 60 s. Null when absent or unreadable. */
    static Long retryAfterMs(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Math.min(Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000)), MAX_WAIT_MS);
        } catch (NumberFormatException e) {
            try {
                long ms = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
                        - System.currentTimeMillis();
                return Math.min(Math.max(0, ms), MAX_WAIT_MS);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The start of an error answer's body, on one line: the provider's reason, for the row. */
    private static String excerpt(Message answer) {
        String body;
        try {
            body = answer.getBody(String.class);
        } catch (RuntimeException e) {
            return "";
        }
        if (body == null || body.isBlank()) {
            return "";
        }
        body = body.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }
}
