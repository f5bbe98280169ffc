package dev.ghostrecords.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ghostrecords.catalog.CatalogRevisions.Revision;
import dev.ghostrecords.catalog.CatalogRevisions.Scope;
import dev.ghostrecords.database.Statements;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Conditional GET (and HEAD) for an answer that depends only on the catalog: the first step of its
 * route. A request whose {@code If-None-Match} (or, without it, {@code If-Modified-Since}) still
 * holds is answered 304 from the in-memory revision, and the route stops there: nothing is read or
 * built. Any other request gets {@code ETag}, {@code Last-Modified} and {@code Cache-Control:
 * no-cache}, the revision read from the database before the route reads its data, so the ETag is
 * never newer than the answer.
 */
public final class ConditionalGet implements Processor {

    /** IMF-fixdate out (two-digit day); RFC 1123 in, which takes it too. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH);
    /**
     * A change within this long of an answer may fall in the same second as the one it carries:
     * its Last-Modified is then one second earlier, so If-Modified-Since never hides that change.
     */
    private static final Duration SAME_SECOND = Duration.ofSeconds(2);

    /**
     * What makes an answer follow the clock too, not only the data: on when the query parameter is
     * true (null: always); the statement says when the clock next changes the answer (null: never).
     */
    public record Clock(String parameter, String statement, Map<String, ?> parameters) {
        public static Clock of(String parameter, String sqlFile, Map<String, ?> parameters) {
            return new Clock(parameter, Statements.load(sqlFile), parameters);
        }
    }

    private final CatalogRevisions revisions;
    private final Scope scope;
    private final List<Clock> clocks;

    public ConditionalGet(CatalogRevisions revisions, Scope scope, List<Clock> clocks) {
        this.revisions = revisions;
        this.scope = scope;
        this.clocks = clocks;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        List<Clock> running = clocks.isEmpty() ? clocks : clocks.stream()
                .filter(clock -> clock.parameter() == null || isTrue(message.getHeader(clock.parameter()))).toList();
        List<String> tags = entityTags(message.getHeader("If-None-Match", String.class));
        // a Last-Modified cannot say when the clock changed the answer: the ETag carries that instead
        Instant since = tags == null && running.isEmpty() ? httpDate(message.getHeader("If-Modified-Since", String.class)) : null;
        Revision read = null;
        if (tags != null || since != null) {
            Revision current = revisions.remembered(scope);
            if (current == null) {
                current = read = revisions.read(scope);
            }
            String held = tags != null ? match(tags, current.etag(), Instant.now(), !running.isEmpty())
                    : !current.movedAt().truncatedTo(ChronoUnit.SECONDS).isAfter(since) ? current.etag() : null;
            if (held != null) {
                notModified(exchange, current, held, running.isEmpty());
                return;
            }
        }
        // read before the data, as a revision read for the 304 check was: never newer than the answer
        Revision revision = read != null ? read : revisions.read(scope);
        Instant until = null;
        for (Clock clock : running) {
            Instant next = revisions.nextClockChange(clock.statement(), clock.parameters());
            until = next == null || (until != null && until.isBefore(next)) ? until : next;
        }
        if (until == null) {
            validators(message, revision, revision.etag(), running.isEmpty());
        } else {
            // valid until the clock changes the answer: a 304 needs no database to know that
            String etag = revision.etag();
            validators(message, revision, etag.substring(0, etag.length() - 1) + "-" + until.getEpochSecond() + "\"", false);
        }
    }

    private static boolean isTrue(Object value) {
        return value != null && !"false".equalsIgnoreCase(value.toString().strip());
    }

    /** The 304 carries the tag the client holds: with its expiry, that is what a 200 would have sent. */
    private static void notModified(Exchange exchange, Revision current, String etag, boolean lastModified) {
        Message message = exchange.getMessage();
        validators(message, current, etag, lastModified);
        message.removeHeader(Exchange.CONTENT_TYPE);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
        message.setBody(null);
        exchange.setRouteStop(true);
    }

    private static void validators(Message message, Revision revision, String etag, boolean lastModified) {
        message.setHeader("ETag", etag);
        if (lastModified) {
            message.setHeader("Last-Modified", IMF_FIXDATE.format(lastModified(revision, Instant.now()).atOffset(ZoneOffset.UTC)));
        }
        // caches may keep the answer but must ask again (a 304 is cheap) before using it
        message.setHeader("Cache-Control", "no-cache");
    }

    static Instant lastModified(Revision revision, Instant now) {
        Instant second = revision.movedAt().truncatedTo(ChronoUnit.SECONDS);
        return Duration.between(revision.movedAt(), now).compareTo(SAME_SECOND) < 0 ? second.minusSeconds(1) : second;
    }

    /**
     * RFC 9110 If-None-Match: {@code *} (any tag matches) or a list of entity tags, weak ones compared
     * weakly (GET and HEAD may). Null when absent or malformed: then it is ignored.
     */
    static List<String> entityTags(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return List.of("*");
        }
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (value.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || value.charAt(i) != '"') {
                return null;
            }
            int end = value.indexOf('"', i + 1);
            if (end < 0) {
                return null;
            }
            for (int k = i + 1; k < end; k++) {
                char t = value.charAt(k);
                // etagc: %x21 / %x23-7E / obs-text
                if (t < 0x21 || t == 0x7f) {
                    return null;
                }
            }
            tags.add(value.substring(i, end + 1));
            i = end + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) != ',') {
                return null;
            }
        }
        return tags.isEmpty() ? null : tags;
    }

    /**
     * The tag held that is current: the revision's, or the revision's with the instant it holds until
     * ("c12-1796478518") not yet reached; {@code *} only for an answer that does not follow the clock.
     */
    static String match(List<String> tags, String etag, Instant now, boolean clocked) {
        String base = etag.substring(0, etag.length() - 1) + "-";
        for (String tag : tags) {
            if (tag.equals(etag) || (tag.equals("*") && !clocked)) {
                return etag;
            }
            if (tag.startsWith(base)) {
                try {
                    if (now.getEpochSecond() < Long.parseLong(tag.substring(base.length(), tag.length() - 1))) {
                        return tag;
                    }
                } catch (NumberFormatException e) {
                    // not one of ours: no match
                }
            }
        }
        return null;
    }

    /** An IMF-fixdate (RFC 1123); anything else is ignored, as RFC 9110 says. */
    static Instant httpDate(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(header.strip(), HTTP_DATE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
