package dev.ghostrecords.observe;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Prometheus's own checker (Debian package {@code prometheus}; .ci/run installs it), run as a process. */
final class Promtool {

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test, saying how to get promtool, when it is not installed here. */
    static Path require() {
        Optional<Path> promtool = find();
        assumeTrue(promtool.isPresent(),
                "promtool is not installed, so the alert rules and the exposition were not checked:"
                        + " apt-get install prometheus (.ci/run installs it)");
        return promtool.get();
    }

    static Result run(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
