// Runs Neo4j Community embedded with Bolt on loopback, bounded in memory, for Civic Graph.
package civicgraph;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Configuration comes from environment variables so the Node side can set it without
 * quoting rules: CG_BOLT_HOST, CG_BOLT_PORT, CG_DATA_DIR, CG_PAGECACHE, CG_TX_MEMORY,
 * CG_TX_MEMORY_GLOBAL, CG_TX_TIMEOUT. Heap is a JVM flag (-Xmx) chosen by whoever starts us.
 *
 * Exit codes: 0 clean shutdown, 2 bad configuration, 3 port taken, 4 data directory locked,
 * 1 anything else. The single line "NEO4J READY bolt://host:port" on stdout means Bolt accepts
 * connections; everything else goes to stderr.
 */
public final class EmbeddedNeo4j {
    private EmbeddedNeo4j() {}

    public static void main(String[] args) {
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
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            fail(2, "cannot create data directory " + dataDir + ": " + e.getMessage());
        }

        DatabaseManagementService service = null;
        try {
            service = new DatabaseManagementServiceBuilder(dataDir)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMemory)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemoryGlobal)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
                    .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .build();
        } catch (Throwable e) {
            if (isLockProblem(e)) {
                fail(4, "data directory " + dataDir + " is locked by another Neo4j process; stop it or set CG_DATA_DIR");
            }
            fail(1, "Neo4j failed to start: " + rootMessage(e));
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
