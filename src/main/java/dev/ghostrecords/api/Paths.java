package dev.ghostrecords.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

/** Request paths as platform-http hands them over: still percent-encoded. */
public final class Paths {

    private static final String OPENAI_MODELS = "/v1/models/";

    private Paths() {
    }

    /** The model id of {@code /v1/models/<providerId>/<modelId>}, its '/' raw or as %2F. */
    public static String openAiModelId(@Header(Exchange.HTTP_PATH) String path) {
        return path != null && path.startsWith(OPENAI_MODELS) ? percentDecoded(path.substring(OPENAI_MODELS.length())) : "";
    }

    /** '+' stays '+': this is a path, not a form. */
    static String percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char ch) {
        return Character.digit(ch, 16) >= 0;
    }
}
