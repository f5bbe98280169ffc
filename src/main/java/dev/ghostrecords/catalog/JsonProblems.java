package dev.ghostrecords.catalog;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Jackson's messages rewritten for people: what is wrong and where (line, column), without
 * Jackson's vocabulary ({@code VALUE_STRING}, {@code (code 44)}, {@code [Source: REDACTED ...]}).
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** "the body is not valid JSON: unexpected end at line 1, column 31" */
    public static String describe(JsonProcessingException e) {
        return "the body is not valid JSON: " + problem(e) + where(e.getLocation());
    }

    static String problem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected end";
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof MismatchedInputException && original.startsWith("Trailing token")) {
            return "more content after the JSON value";
        }
        if (original.startsWith("No content to map") || original.contains("end-of-input")) {
            return "unexpected end";
        }
        String text = original
                // Jackson's position of the opening bracket, with its source marker
                .replaceAll("\\s*\\(start marker at \\[[^]]*]\\)", "")
                .replaceAll("\\s*\\[Source: [^]]*]", "")
                .replaceAll(" \\(code -?\\d+\\)", "")
                .replace("was expecting", "expected")
                // "character (',')" -> "character ','"
                .replaceAll("\\('(.+?)'\\)", "'$1'")
                .replaceAll("\\s*\\n.*", "");
        text = text.replaceAll("\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)",
                "a JSON value");
        text = text.replaceAll("\\(for Object starting at[^)]*\\)", "");
        text = text.strip();
        if (text.isEmpty()) {
            return "it does not parse";
        }
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
