package dev.ghostrecords.feeds;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** A feed file that is not a list of models; the message says what and where. */
public final class FeedFormatException extends Exception {

    FeedFormatException(String problem, JsonLocation at) {
        super(problem + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }

    /** Jackson's own words, without the source excerpt and location it appends. */
    static FeedFormatException of(JsonProcessingException e) {
        String problem = e.getOriginalMessage();
        int cut = problem.indexOf('\n');
        if (cut >= 0) {
            problem = problem.substring(0, cut);
        }
        problem = problem.replaceAll(" ?\\(start marker at \\[Source: [^]]*]\\)", "")
                .replaceAll(" ?\\(for [^)]*\\)$", "")
                .strip();
        if (!problem.isEmpty()) {
            problem = Character.toLowerCase(problem.charAt(0)) + problem.substring(1);
        }
        return new FeedFormatException(problem, e.getLocation());
    }
}
