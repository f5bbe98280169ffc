package dev.ghostrecords.changes;

import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/** The change feed's answers: a page of {@code GET /api/changes}, and the Atom feed. */
public final class Changes {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** entry and feed ids: tag URIs (RFC 4151) made of the event id, the same on every request */
    private static final String TAG = "tag:ghostrecords.dev,2026:";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    /** what a forwarded or Host header may hold to become the feed's links; anything else is left out */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private final ObjectMapper json;

    public Changes(ObjectMapper json) {
        this.json = json;
    }

    /** GET /api/changes: next is the last change handed out on a full page, else where the look ended. */
    public ChangePage page(ChangeQuery query, @Variable("rows") List<ChangePage.Row> rows) {
        List<ChangeEvent> events = rows.stream().map(ChangePage.Row::event).filter(Objects::nonNull).toList();
        Cursor next;
        if (events.size() == query.limit()) {
            next = events.get(events.size() - 1).cursor();
        } else if (!rows.isEmpty()) {
            next = new Cursor(rows.get(0).scanTx(), rows.get(0).scanId());
        } else {
            next = query.after();
        }
        return new ChangePage(events.stream().map(Changes::change).toList(), next.encode());
    }

    static Change change(ChangeEvent e) {
        return new Change(e.cursor().encode(), ChangeRequests.apiKind(e.kind()), e.at(), e.providerId(), e.modelId(),
                e.detail() == null ? Map.of() : e.detail());
    }

    /** GET /feeds/changes.atom: an Atom 1.0 feed of the rows (newest first); links absolute when the host is known. */
    public String atom(LatestQuery query, @Variable("rows") List<ChangeEvent> rows, Exchange exchange,
                       @Header(Exchange.HTTP_URL) String url, @Header("X-Forwarded-Host") String forwardedHost,
                       @Header("X-Forwarded-Proto") String forwardedProto) throws XMLStreamException, JsonProcessingException {
        String base = base(url, forwardedHost, forwardedProto);
        StringBuilder self = new StringBuilder("/feeds/changes.atom");
        String sep = "?";
        if (query.providerId() != null) {
            self.append(sep).append("provider=").append(URLEncoder.encode(query.providerId(), StandardCharsets.UTF_8));
            sep = "&";
        }
        if (query.kind() != null) {
            self.append(sep).append("kind=").append(ChangeRequests.apiKind(query.kind()));
        }
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(ATOM);
        int filters = self.indexOf("?");
        element(xml, "id", TAG + "changes" + (filters < 0 ? "" : self.substring(filters)));
        element(xml, "title", "Ghost Records: model changes"
                + (query.providerId() != null ? " of " + query.providerId() : "")
                + (query.kind() != null ? " (" + ChangeRequests.apiKind(query.kind()) + ")" : ""));
        element(xml, "updated", time(rows.isEmpty() ? OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC) : rows.get(0).at()));
        link(xml, "self", base + self, "application/atom+xml");
        link(xml, "alternate", base + "/", "text/html");
        xml.writeStartElement("author");
        element(xml, "name", "Ghost Records");
        xml.writeEndElement();
        element(xml, "generator", "Ghost Records");
        for (ChangeEvent e : rows) {
            xml.writeStartElement("entry");
            element(xml, "id", TAG + "change:" + e.id());
            element(xml, "title", sentence(e));
            element(xml, "updated", time(e.at()));
            link(xml, "alternate", base + "/?provider=" + URLEncoder.encode(e.providerId(), StandardCharsets.UTF_8)
                    + "&model=" + URLEncoder.encode(e.modelId(), StandardCharsets.UTF_8), "text/html");
            xml.writeEmptyElement("category");
            xml.writeAttribute("term", ChangeRequests.apiKind(e.kind()));
            xml.writeStartElement("content");
            xml.writeAttribute("type", "text");
            xml.writeCharacters(clean(json.writeValueAsString(change(e))));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/atom+xml; charset=utf-8");
        return out.toString();
    }

    /** One human sentence: "openai/gpt-4o was deactivated (not seen for 26 h)". */
    static String sentence(ChangeEvent e) {
        String model = e.providerId() + "/" + e.modelId();
        Map<String, Object> d = e.detail() == null ? Map.of() : e.detail();
        return switch (e.kind()) {
            case "DISCOVERED" -> d.get("file") != null ? model + " was discovered in " + d.get("file")
                    : "MANUAL".equals(e.source()) ? model + " was added by hand"
                    : "INFERENCE".equals(e.source()) ? model + " was discovered through inference"
                    : model + " was discovered";
            case "CHANGED" -> model + " changed: " + changes(d.get("changes"));
            case "DEACTIVATED" -> {
                OffsetDateTime lastSeen = parse(d.get("lastSeenAt"));
                yield model + " was deactivated" + (lastSeen == null ? ""
                        : " (not seen for " + Math.round(Duration.between(lastSeen, e.at()).toMinutes() / 60.0) + " h)");
            }
            case "REACTIVATED" -> model + " is active again" + (d.get("file") != null ? " (listed in " + d.get("file") + ")"
                    : "INFERENCE".equals(e.source()) ? " (used by inference)" : "");
            case "PURGED" -> model + " was purged" + (d.get("reason") != null ? " (" + d.get("reason") + ")" : "");
            case "GHOST" -> model + " is a ghost: inference still uses it, but its provider's latest feed does not list it";
            case "RETIRING" -> {
                OffsetDateTime retires = parse(d.get("retiresAt"));
                yield retires == null ? model + " is deprecated"
                        : model + (retires.isAfter(e.at()) ? " retires on " : " retired on ") + retires.toLocalDate();
            }
            default -> model + ": " + ChangeRequests.apiKind(e.kind());
        };
    }

    /** "contextWindow 128000 -> 200000, pricing": scalars from and to, objects by name. */
    private static String changes(Object changes) {
        if (!(changes instanceof Map<?, ?> fields) || fields.isEmpty()) {
            return "its fields";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(fields).forEach((field, change) -> {
            if (change instanceof Map<?, ?> c && scalar(c.get("from")) && scalar(c.get("to"))) {
                parts.add(field + " " + shown(c.get("from")) + " -> " + shown(c.get("to")));
            } else {
                parts.add(String.valueOf(field));
            }
        });
        return String.join(", ", parts);
    }

    private static boolean scalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    private static String shown(Object value) {
        return value == null ? "none" : String.valueOf(value);
    }

    private static OffsetDateTime parse(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * scheme://host of the request as its client addressed it (a proxy's X-Forwarded-Host and -Proto
     * first, else the request's own URL); "" (links relative to the feed) when it is unknown or odd.
     */
    static String base(String url, String forwardedHost, String forwardedProto) {
        String scheme = "http";
        String host = null;
        try {
            URI request = url == null ? null : new URI(url);
            if (request != null && request.getRawAuthority() != null) {
                scheme = request.getScheme();
                host = request.getRawAuthority();
            }
        } catch (URISyntaxException e) {
            // left relative
        }
        if (forwardedHost != null) {
            host = forwardedHost.split(",")[0].strip();
        }
        if (forwardedProto != null) {
            scheme = forwardedProto.split(",")[0].strip().toLowerCase(Locale.ROOT);
        }
        if (host == null || !HOST.matcher(host).matches() || !(scheme.equals("http") || scheme.equals("https"))) {
            return "";
        }
        return scheme + "://" + host;
    }

    private static String time(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC).format(RFC3339);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", clean(href));
    }

    /** Only characters XML 1.0 allows (feed data is untrusted); the writer escapes the rest. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return out.toString();
    }
}
