package dev.ghostrecords.feeds;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.json.Jsonable;

/**
 * DOWN while the watched folder is gone or cannot be read: the watcher then ingests nothing, and
 * an operator should hear of it rather than see an UP service that quietly stopped taking feeds.
 */
public final class FolderHealthCheck extends AbstractHealthCheck {

    private final Path folder;

    public FolderHealthCheck(Path folder) {
        super("ghost", "models-folder");
        this.folder = folder;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // the path goes in the detail, not the message: Camel's health JSON escapes a message twice
        // (each '/' came out as \\\/), and a plain string's '/' once
        builder.detail("folder", new PlainJsonString(folder.toAbsolutePath().toString()));
        if (!Files.isDirectory(folder)) {
            builder.message("the watched folder does not exist (GHOST_MODELS_DIR)").down();
        } else if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            builder.message("the watched folder cannot be read (GHOST_MODELS_DIR)").down();
        } else {
            builder.up();
        }
    }

    /** A string Camel's JSON writer writes as it is given (JSON-escaped by Jackson, '/' left alone). */
    record PlainJsonString(String value) implements Jsonable {
        @Override
        public String toJson() {
            return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
        }

        @Override
        public void toJson(Writer writer) throws IOException {
            writer.write(toJson());
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
