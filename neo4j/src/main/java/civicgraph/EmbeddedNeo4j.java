// Runs Neo4j Community embedded with Bolt on loopback, authentication on, bounded in memory, for Civic Graph.
package civicgraph;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

import picocli.CommandLine;

/**
 * Configuration comes from environment variables so the Node side can set it without
 * quoting rules: CG_BOLT_HOST, CG_BOLT_PORT, CG_DATA_DIR, CG_PAGECACHE, CG_TX_MEMORY,
 * CG_TX_MEMORY_GLOBAL, CG_TX_TIMEOUT. Heap is a JVM flag (-Xmx) chosen by whoever starts us.
 *
 * With the first argument `import`, runs Neo4j's offline importer instead (see OfflineImport).
 *
 * Exit codes: 0 clean shutdown, 2 bad configuration, 3 port taken, 4 data directory locked,
 * 1 anything else. The single line "NEO4J READY bolt://host:port" on stdout means Bolt accepts
 * connections; everything else goes to stderr.
 *
 * Bolt requires a password. The first start on a data directory picks a random one for the user
 * neo4j (or takes PASSWORD_FILE's), has Neo4j create the system database with it (its initial-password
 * file, so no client ever sees the default neo4j/neo4j account, and one start suffices), and keeps it
 * in PASSWORD_FILE inside the data directory, readable by the owner only. A store whose password
 * file was lost gets a new password set while Bolt is still off. Whoever
 * starts us reads it from there; so can a person connecting their own tools.
 */
public final class EmbeddedNeo4j {
    private EmbeddedNeo4j() {}

    /** The file, inside the data directory, that holds the neo4j user's password. */
    public static final String PASSWORD_FILE = "password";
    /** The one user of the embedded database. */
    public static final String USERNAME = "neo4j";

    public static void main(String[] args) {
        // `import ...`: the offline importer's mode (OfflineImport), run while the database is stopped.
        if (args.length > 0 && "import".equals(args[0])) {
            int code = OfflineImport.run(java.util.Arrays.copyOfRange(args, 1, args.length));
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        String host = env("CG_BOLT_HOST", "127.0.0.1");
        int port = parseInt("CG_BOLT_PORT", env("CG_BOLT_PORT", "7687"));
        Path dataDir = Path.of(env("CG_DATA_DIR", "neo4j/data")).toAbsolutePath();
        long pageCache = parseBytes("CG_PAGECACHE", env("CG_PAGECACHE", "512m"));
        long txMemory = parseBytes("CG_TX_MEMORY", env("CG_TX_MEMORY", "256m"));
        long txMemoryGlobal = parseBytes("CG_TX_MEMORY_GLOBAL", env("CG_TX_MEMORY_GLOBAL", "1g"));
        long txTimeoutSeconds = parseInt("CG_TX_TIMEOUT", env("CG_TX_TIMEOUT", "60"));

        // Fail with a clear message before Neo4j prints pages of stack trace about the port.
        if (!portIsFree(host, port)) {
            fail(3, "Bolt port " + host + ":" + port + " is already in use; set CG_BOLT_PORT (or NEO4J_URI to use that server)");
        }
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir);
                // A new data directory holds evidence about people at risk: owner only.
                ownerOnly(dataDir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            fail(2, "cannot create data directory " + dataDir + ": " + e.getMessage());
        }

        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        // A new store (no system database yet) takes the password from a file placed there before
        // the first start, if any (an operator's choice, or a test's); otherwise a random one.
        boolean newStore = !Files.isDirectory(dataDir.resolve("data").resolve("databases").resolve("system"));
        String initialPassword = null;
        if (newStore) {
            // A new store takes its password from Neo4j's initial-password file (what `neo4j-admin dbms
            // set-initial-password` writes), read when the system database is created: one start, not two.
            initialPassword = Files.exists(passwordFile) ? readPassword(passwordFile) : randomPassword();
            writeInitialPassword(dataDir, initialPassword);
        } else if (!Files.exists(passwordFile)) {
            String password = randomPassword();
            // Set in the database first: if we die before the file is written, the next start
            // simply picks another password, which the embedded API can always set.
            DatabaseManagementService setup = start(dataDir, null, pageCache, txMemory, txMemoryGlobal, txTimeoutSeconds);
            try {
                setup.database("system").executeTransactionally(
                        "ALTER USER " + USERNAME + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            } catch (Throwable e) {
                setup.shutdown();
                fail(1, "cannot set the password of the embedded Neo4j: " + rootMessage(e));
            }
            setup.shutdown();
            writePasswordFile(passwordFile, password);
            System.err.println("neo4j: password for user " + USERNAME + " set; it is in " + passwordFile);
        }

        DatabaseManagementService service = start(dataDir, new SocketAddress(host, port), pageCache, txMemory, txMemoryGlobal, txTimeoutSeconds);
        if (initialPassword != null) {
            // Fail closed: the default account (its password change still required) must never stay on Bolt.
            boolean applied = service.database("system").executeTransactionally(
                    "SHOW USERS YIELD user, passwordChangeRequired WHERE user = $user RETURN passwordChangeRequired",
                    Map.of("user", USERNAME), result -> result.hasNext() && Boolean.FALSE.equals(result.next().get("passwordChangeRequired")));
            if (!applied) {
                service.shutdown();
                fail(1, "the initial password was not applied to the new store; start again (the password is then set with Bolt off)");
            }
            writePasswordFile(passwordFile, initialPassword);
            System.err.println("neo4j: password for user " + USERNAME + " set; it is in " + passwordFile);
        }

        final DatabaseManagementService started = service;
        final CountDownLatch stopped = new CountDownLatch(1);
        final AtomicBoolean shuttingDown = new AtomicBoolean(false);
        Runnable shutdown = () -> {
            if (shuttingDown.compareAndSet(false, true)) {
                System.err.println("neo4j: shutting down");
                try {
                    started.shutdown();
                } finally {
                    stopped.countDown();
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.run();
            awaitQuietly(stopped);
        }, "neo4j-shutdown"));

        // The parent holds our stdin open; when it dies, even by SIGKILL, stdin closes and we
        // stop, so no JVM is ever orphaned. Set CG_IGNORE_STDIN=1 to run detached.
        if (!"1".equals(System.getenv("CG_IGNORE_STDIN"))) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buffer = new byte[256];
                    while (in.read(buffer) >= 0) {
                        // discard: stdin carries nothing, it only signals that the parent lives
                    }
                } catch (IOException ignored) {
                    // a broken pipe means the parent is gone, same as end of file
                }
                System.err.println("neo4j: parent process gone (stdin closed)");
                System.exit(0);
            }, "parent-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        waitForBolt(host, port);
        System.out.println("NEO4J READY bolt://" + host + ":" + port);
        System.out.flush();
        awaitQuietly(stopped);
    }

    /** Starts the DBMS with authentication on; Bolt listens on `bolt` unless it is null. */
    private static DatabaseManagementService start(
            Path dataDir, SocketAddress bolt, long pageCache, long txMemory, long txMemoryGlobal, long txTimeoutSeconds) {
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dataDir)
                    .setConfig(BoltConnector.enabled, bolt != null)
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMemory)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemoryGlobal)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false);
            if (bolt != null) {
                builder.setConfig(BoltConnector.listen_address, bolt).setConfig(BoltConnector.advertised_address, bolt);
            }
            return builder.build();
        } catch (Throwable e) {
            if (isLockProblem(e)) {
                fail(4, "data directory " + dataDir + " is locked by another Neo4j process; stop it or set CG_DATA_DIR");
            }
            fail(1, "Neo4j failed to start: " + rootMessage(e));
            return null;
        }
    }

    /** Writes Neo4j's initial-password file for a new store (data/dbms/auth.ini: a salted hash, no password change required). */
    private static void writeInitialPassword(Path dataDir, String password) {
        ExecutionContext context = new ExecutionContext(dataDir, dataDir.resolve("conf"), System.err, System.err, new DefaultFileSystemAbstraction());
        CommandLine command = new CommandLine(new SetInitialPasswordCommand(context));
        command.setOut(new java.io.PrintWriter(System.err, true));
        command.setErr(new java.io.PrintWriter(System.err, true));
        if (command.execute(password) != 0) fail(1, "cannot write the initial password of the new store");
    }

    private static String readPassword(Path file) {
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (password.length() < 8) fail(2, "the password in " + file + " is shorter than 8 characters");
            return password;
        } catch (IOException e) {
            fail(2, "cannot read the password file " + file + ": " + e.getMessage());
            return null;
        }
    }

    /** 192 random bits, URL-safe, so it can be pasted into a shell or a URL without quoting. */
    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Writes the password to a new file created owner-only (0600), then moves it into place, so
     * the file is never readable by others, not even for a moment, and never half written.
     */
    private static void writePasswordFile(Path target, String password) {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            fail(2, "cannot write the password file " + target + ": " + e.getMessage());
        }
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system (Windows): its default ACLs apply
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail(2, name + " must be a whole number, got '" + value + "'");
            return -1;
        }
    }

    /** Accepts 512m, 1g, 2048k or plain bytes. */
    private static long parseBytes(String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("g")) return ByteUnit.gibiBytes(Long.parseLong(v.substring(0, v.length() - 1)));
            if (v.endsWith("m")) return ByteUnit.mebiBytes(Long.parseLong(v.substring(0, v.length() - 1)));
            if (v.endsWith("k")) return ByteUnit.kibiBytes(Long.parseLong(v.substring(0, v.length() - 1)));
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            fail(2, name + " must be a size such as 512m or 1g, got '" + value + "'");
            return -1;
        }
    }

    private static boolean portIsFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void waitForBolt(String host, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        fail(1, "Bolt did not accept connections on " + host + ":" + port + " within 120 s");
    }

    private static boolean isLockProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.contains("FileLock") || name.contains("StoreLocked") || message.contains("lock")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void fail(int code, String message) {
        System.err.println("neo4j: " + message);
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
