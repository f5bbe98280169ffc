package dev.ghostrecords.feeds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

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
        builder.detail("folder", folder.toAbsolutePath().toString());
        if (!Files.isDirectory(folder)) {
            builder.message("the watched folder " + folder.toAbsolutePath() + " does not exist (GHOST_MODELS_DIR)").down();
        } else if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            builder.message("the watched folder " + folder.toAbsolutePath() + " cannot be read (GHOST_MODELS_DIR)").down();
        } else {
            builder.up();
        }
    }
}
