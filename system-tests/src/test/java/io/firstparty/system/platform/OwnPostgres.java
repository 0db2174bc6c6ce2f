package io.firstparty.system.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the run's own, from the machine's PostgreSQL binaries, for the fault tests:
 * they SIGKILL its postmaster, and the machine's shared server must keep serving everyone else.
 * Trust authentication on loopback, the {@code firstparty} role as its superuser, one database per
 * service named as on the shared server.
 */
final class OwnPostgres {

    static final int PORT = 15432 + LocalPlatform.PORT_OFFSET;
    private static final String ROLE = "firstparty";
    private static final String CONSENT_OWNER = "firstparty_consent_owner";

    private final Path data;
    private final Path logs;
    private final ManagedProcess process;

    private OwnPostgres(Path data, Path logs, ManagedProcess process) {
        this.data = data;
        this.logs = logs;
        this.process = process;
    }

    /** A fresh cluster (initdb) with the services' databases, started. */
    static OwnPostgres create(Path logs) {
        Path bin = binaries();
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "firstparty-system-postgres-" + PORT);
        try {
            deleteAsPostgres(data, logs);
            runAsPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", ROLE,
                    "--auth=trust", "-E", "UTF8", "--no-sync"), logs.resolve("postgres-initdb.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> server = asPostgres(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(PORT), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + data,
                "-c", "max_connections=300", "-c", "shared_buffers=64MB"));
        OwnPostgres postgres = new OwnPostgres(data, logs, new ManagedProcess("postgres", server, Map.of(), Path.of("/"),
                logs.resolve("postgres.log")));
        postgres.process.start();
        postgres.awaitAccepting();
        for (Service service : Service.values()) {
            postgres.execute("CREATE DATABASE " + LocalPlatform.databasePrefix() + "_system_" + service.database());
        }
        // As ./firstparty prepares the shared server: consent-service's migrations run as the role that owns
        // its database, so that the role the service runs with may only read and append to the ledger.
        postgres.execute("CREATE ROLE " + CONSENT_OWNER + " LOGIN");
        postgres.execute("ALTER DATABASE " + LocalPlatform.databasePrefix() + "_system_" + Service.CONSENT.database()
                + " OWNER TO " + CONSENT_OWNER);
        return postgres;
    }

    ManagedProcess process() {
        return process;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + database;
    }

    void awaitAccepting() {
        Http.await("postgres on " + PORT, Duration.ofMinutes(2), () -> {
            process.checkAlive();
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), ROLE, "")) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        }, process);
    }

    void delete() {
        try {
            deleteAsPostgres(data, logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), ROLE, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the run's PostgreSQL", e);
        }
    }

    /** The newest PostgreSQL installed from the distribution's packages. */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(java.util.Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL refuses to run as root: as root, its commands run as the {@code postgres} user. */
    private static List<String> asPostgres(List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void runAsPostgres(List<String> command, Path log) throws IOException {
        ManagedProcess step = new ManagedProcess(command.get(0), asPostgres(command), Map.of(), Path.of("/"), log);
        step.start();
        Http.await(command.get(0), Duration.ofMinutes(2), () -> !step.isAlive(), step);
        if (step.exitCode() != 0) {
            throw new IllegalStateException(command.get(0) + " failed:\n" + Logs.tail(log, 20));
        }
    }

    private static void deleteAsPostgres(Path data, Path logs) throws IOException {
        if (Files.exists(data)) {
            runAsPostgres(List.of("rm", "-rf", data.toString()), logs.resolve("postgres-remove.log"));
        }
    }
}
