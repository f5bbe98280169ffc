package dev.ghostrecords.catalog;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** For the tests of every capability's request parsing: a 400 with exactly this reason. */
public final class Refusals {

    private Refusals() {
    }

    public static void refused(Executable request, String reason) {
        assertThatThrownBy(request::execute).isInstanceOf(CatalogException.Invalid.class).hasMessage(reason);
    }

    public static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
