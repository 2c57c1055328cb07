// Writes a new store for the embedded database with Neo4j's offline importer (the code behind `neo4j-admin database import full`).
package civicgraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

import picocli.CommandLine;

/**
 * `java -jar civic-graph-neo4j.jar import [neo4j-admin database import full options]`: runs the
 * importer on the data directory CG_DATA_DIR (the launcher's, used as Neo4j's home, so the store
 * lands where EmbeddedNeo4j opens it: data/databases/neo4j). The database must be stopped; the
 * importer takes the store's lock and refuses otherwise. Whoever calls decides whether the store
 * may be written (ingest/bulk/offline.ts: only a database that holds nothing).
 *
 * Exit codes: 0 imported, 2 bad arguments, 1 the import failed (its report is on stderr).
 */
final class OfflineImport {
    private OfflineImport() {}

    static int run(String[] args) {
        Path dataDir = Path.of(envOr("CG_DATA_DIR", "neo4j/data")).toAbsolutePath();
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir);
                try {
                    // Same rule as the launcher: a new data directory is for its owner only.
                    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
        } catch (IOException e) {
            System.err.println("neo4j: cannot create data directory " + dataDir + ": " + e.getMessage());
            return 2;
        }
        // The importer's report goes to stderr, keeping stdout for the one result line.
        ExecutionContext context = new ExecutionContext(
                dataDir, dataDir.resolve("conf"), System.err, System.err, new DefaultFileSystemAbstraction());
        CommandLine command = new CommandLine(new ImportCommand.Full(context));
        command.setOut(new java.io.PrintWriter(System.err, true));
        command.setErr(new java.io.PrintWriter(System.err, true));
        int code = command.execute(args);
        if (code == 0) {
            System.out.println("NEO4J IMPORTED " + dataDir);
            System.out.flush();
        }
        return code == 0 ? 0 : code == 2 ? 2 : 1;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
