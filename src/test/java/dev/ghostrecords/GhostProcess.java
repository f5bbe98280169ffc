package dev.ghostrecords;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ghost-records} as a user runs it: a separate JVM (the test classpath), settings from the
 * environment. For the commands, and for replicas that must not share a JVM.
 */
public final class GhostProcess implements AutoCloseable {

    public record Run(int exitCode, String stdout, String stderr) {
    }

    /** Under the build folder, not the machine's temporary folder: a service's log stays for a failure's diagnosis until the next clean. */
    private static final Path OUTPUT = outputFolder();

    private final Process process;
    private final Path log;

    private GhostProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Runs a command to its end; {@code db} null: on the embedded PostgreSQL. */
    public static Run run(TestDatabase.Database db, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(OUTPUT, "ghost", ".out");
        Path err = Files.createTempFile(OUTPUT, "ghost", ".err");
        try {
            Process process = builder(db, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ghost-records " + String.join(" ", args) + " did not finish");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts {@code serve} in the background; its output goes to a log file. */
    public static GhostProcess serve(TestDatabase.Database db, Map<String, String> env) throws IOException {
        Path log = Files.createTempFile(OUTPUT, "ghost-serve", ".log");
        Process process = builder(db, env, "serve").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new GhostProcess(process, log);
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** kill -9: no shutdown, no cleanup, as a crash or an OOM killer leaves the service. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as systemd or a container runtime stops it; the exit code, once it has exited. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("ghost-records did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static Path outputFolder() {
        try {
            return Files.createDirectories(Path.of("target", "ghost-processes"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create target/ghost-processes", e);
        }
    }

    private static ProcessBuilder builder(TestDatabase.Database db, Map<String, String> env, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // surefire's class path; without its empty entries, which would put the working directory
        // (with the project's routes/ folder) on the class path a second time
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)).filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", classpath,
                GhostRecords.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (db == null) {
            // no database given: the embedded PostgreSQL in GHOST_DATA_DIR, whatever this JVM's environment says
            builder.environment().put("GHOST_DB_URL", "");
        } else {
            builder.environment().put("GHOST_DB_URL", db.url());
            builder.environment().put("GHOST_DB_USER", db.user());
            builder.environment().put("GHOST_DB_PASSWORD", db.password());
        }
        builder.environment().putAll(env);
        return builder;
    }
}
