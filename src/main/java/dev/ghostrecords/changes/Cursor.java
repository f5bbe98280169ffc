package dev.ghostrecords.changes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ghostrecords.catalog.CatalogException;

/**
 * A position in the change feed: the writing transaction's id and the event's id, the order the
 * feed hands changes out in. Opaque to clients (base64url of {@code tx:id}), read strictly: only a
 * value this service wrote is taken.
 */
public record Cursor(String tx, long id) {

    /** Before every change: rows written before the feed existed carry transaction 0. */
    public static final Cursor START = new Cursor("0", 0);

    private static final Pattern TEXT = Pattern.compile("(0|[1-9][0-9]{0,19}):(0|[1-9][0-9]{0,18})");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((tx + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code after} as a client sent it; absent: the start. */
    public static Cursor decode(String after) {
        if (after == null || after.isEmpty()) {
            return START;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.US_ASCII);
            Matcher m = TEXT.matcher(text);
            if (m.matches()) {
                Long.parseUnsignedLong(m.group(1)); // xid8: at most 2^64 - 1
                Cursor cursor = new Cursor(m.group(1), Long.parseLong(m.group(2)));
                if (cursor.encode().equals(after)) {
                    return cursor;
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below (NumberFormatException is one too)
        }
        String shown = after.length() > 100 ? after.substring(0, 100) + "..." : after;
        throw new CatalogException.Invalid("after must be a cursor as an earlier answer's next gave it, got '"
                + shown.replaceAll("\\p{Cntrl}", "?") + "'");
    }
}
