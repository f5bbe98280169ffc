package dev.ghostrecords.feeds;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/** A feed file that is not a list of models; the message says what and where. */
public final class FeedFormatException extends Exception {

    FeedFormatException(String problem, JsonLocation at) {
        super(problem + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }

    /** Jackson's own words, without the source excerpt and location it appends. */
    static FeedFormatException of(JsonProcessingException e, JsonParser parser) {
        String problem = e.getOriginalMessage();
        int cut = problem.indexOf('\n');
        if (cut >= 0) {
            problem = problem.substring(0, cut);
        }
        problem = problem.replaceAll(" ?\\(start marker at \\[Source: [^]]*]\\)", "")
                .replaceAll(" ?\\(for [^)]*\\)$", "")
                .replaceAll(", from `[^`]*`", "")
                .strip();
        if (!problem.isEmpty()) {
            problem = Character.toLowerCase(problem.charAt(0)) + problem.substring(1);
        }
        JsonLocation at = e.getLocation();
        if (at == null && parser != null) {
            // limits (nesting, string length) are reported without a location: the parser knows it
            at = parser.currentLocation();
        }
        return new FeedFormatException(problem, at);
    }
}
