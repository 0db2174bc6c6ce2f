package io.firstparty.system.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole platform as a user runs it: a fresh single-node Kafka broker, Keycloak with the
 * firstparty realm, GreenMail, and the four services from their fast-jars, each its own process
 * with its own database. Started once per test run (the first test class that asks for it) and
 * stopped when the test JVM exits.
 *
 * <p>It needs what {@code ./firstparty test} prepares: the downloads in {@code .firstparty/downloads}
 * (Kafka, Keycloak, GreenMail), the databases {@code <prefix>_system_<service>} and the built jars.
 */
public final class LocalPlatform {

    /** The key consent-service signs objection links with: random per run, as a deployment's own. */
    private static final String OBJECTION_SECRET = java.util.HexFormat.of().formatHex(randomBytes());

    private static byte[] randomBytes() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** Added to every port, so that two working trees can run their system tests at once. */
    static final int PORT_OFFSET = Integer.parseInt(System.getenv().getOrDefault("FIRSTPARTY_SYSTEM_PORT_OFFSET", "0"));
    public static final int KAFKA_PORT = 19192 + PORT_OFFSET;
    public static final int KEYCLOAK_PORT = 18180 + PORT_OFFSET;
    public static final int SMTP_PORT = 13025 + PORT_OFFSET;
    public static final int MAIL_API_PORT = 18025 + PORT_OFFSET;

    /**
     * With {@code -Dfirstparty.system.own-postgres=true} (the fault and scale-out run) the services use
     * a PostgreSQL server of the run's own, which the fault tests may kill, instead of the machine's.
     */
    private static final boolean OWN_POSTGRES = Boolean.getBoolean("firstparty.system.own-postgres");
    /** Extra replicas listen on the service's port plus this step times their index. */
    private static final int REPLICA_PORT_STEP = 10;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static LocalPlatform running;

    private final Path root;
    private final Path work;
    private final String keycloakAdminPassword;
    private final Map<Service, ManagedProcess> services = new EnumMap<>(Service.class);
    private final List<ManagedProcess> replicas = new ArrayList<>();
    private OwnPostgres ownPostgres;
    private final List<ManagedProcess> infrastructure = new ArrayList<>();
    private final Keycloak keycloak;

    private LocalPlatform(Path root) {
        this.root = root;
        this.work = root.resolve("system-tests/target/system");
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.keycloakAdminPassword = HexFormat.of().formatHex(secret);
        this.keycloak = new Keycloak("http://localhost:" + KEYCLOAK_PORT, keycloakAdminPassword);
    }

    /** The running platform, started on first use. */
    public static synchronized LocalPlatform get() {
        if (running == null) {
            LocalPlatform platform = new LocalPlatform(Path.of("").toAbsolutePath().getParent());
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stopAll, "platform-stop"));
            platform.startAll();
            running = platform;
        }
        return running;
    }

    public Keycloak keycloak() {
        return keycloak;
    }

    public ManagedProcess service(Service service) {
        return services.get(service);
    }

    public String kafkaBootstrap() {
        return "localhost:" + KAFKA_PORT;
    }

    public String mailApi() {
        return "http://localhost:" + MAIL_API_PORT;
    }

    /** Every log file the run wrote: the services', the broker's, Keycloak's and GreenMail's. */
    public List<Path> logs() {
        try (Stream<Path> files = Files.list(work.resolve("logs"))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startAll() {
        try {
            deleteRecursively(work.resolve("kafka"));
            deleteRecursively(work.resolve("logs"));
            Files.createDirectories(work.resolve("logs"));
            ManagedProcess kafka = kafka();
            ManagedProcess keycloakProcess = keycloakProcess();
            ManagedProcess greenMail = greenMail();
            infrastructure.addAll(List.of(kafka, keycloakProcess, greenMail));
            infrastructure.forEach(ManagedProcess::start);
            if (OWN_POSTGRES) {
                ownPostgres = OwnPostgres.create(work.resolve("logs"));
                infrastructure.add(0, ownPostgres.process());
            }
            Http.await("kafka on " + KAFKA_PORT, START_TIMEOUT, () -> {
                kafka.checkAlive();
                return Logs.lines(kafka.log()).stream().anyMatch(line -> line.contains("Kafka Server started"));
            }, kafka);
            Http.awaitOk(greenMail, mailApi() + "/api/service/readiness", START_TIMEOUT);
            Http.awaitOk(keycloakProcess, keycloak.issuer() + "/.well-known/openid-configuration", START_TIMEOUT);
            for (Service service : Service.values()) {
                services.put(service, serviceProcess(service));
            }
            services.values().forEach(ManagedProcess::start);
            for (Service service : Service.values()) {
                awaitReady(service);
            }
        } catch (IOException e) {
            stopAll();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    public void awaitReady(Service service) {
        Http.awaitOk(services.get(service), service.url() + "/q/health/ready", START_TIMEOUT);
    }

    /** A component of the infrastructure by name: {@code kafka}, {@code keycloak}, {@code greenmail}, {@code postgres}. */
    public ManagedProcess infrastructure(String name) {
        return infrastructure.stream().filter(process -> process.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no component " + name + " in this run"));
    }

    /** Waits until the run's own PostgreSQL accepts connections again, after a restart. */
    public void awaitPostgres() {
        if (ownPostgres == null) {
            throw new IllegalStateException("this run uses the machine's PostgreSQL: set -Dfirstparty.system.own-postgres=true");
        }
        ownPostgres.awaitAccepting();
    }

    /** The JDBC URL of a service's database, where the tests may read what it stored. */
    public String jdbcUrl(Service service) {
        String database = databasePrefix() + "_system_" + service.database();
        return ownPostgres != null ? ownPostgres.jdbcUrl(database) : "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    /**
     * Starts one more replica of a service (index 1, 2, ...) on its own port, against the same
     * database and broker, with extra settings such as {@code FIRSTPARTY_ARCHIVE_ENABLED}.
     */
    public ManagedProcess startReplica(Service service, int index, Map<String, String> settings) {
        ManagedProcess replica = serviceProcess(service, replicaPort(service, index), service.module() + "-" + index, settings);
        replicas.add(replica);
        replica.start();
        return replica;
    }

    public static String replicaUrl(Service service, int index) {
        return "http://localhost:" + replicaPort(service, index);
    }

    private static int replicaPort(Service service, int index) {
        return service.port() + REPLICA_PORT_STEP * index;
    }

    /** Stops every replica started with {@link #startReplica}. */
    public void stopReplicas() {
        replicas.forEach(process -> process.stop(Duration.ofSeconds(20)));
        replicas.clear();
    }

    /**
     * Replicas and services first, then the infrastructure, each group in parallel: surefire gives the
     * test JVM's shutdown 30 seconds before it kills it, and whatever is still running then would be
     * orphaned (the next run kills what its pid files name).
     */
    private void stopAll() {
        stopTogether(replicas, Duration.ofSeconds(10));
        replicas.clear();
        stopTogether(services.values(), Duration.ofSeconds(10));
        stopTogether(infrastructure, Duration.ofSeconds(8));
        if (ownPostgres != null) {
            ownPostgres.delete();
        }
    }

    private static void stopTogether(java.util.Collection<ManagedProcess> processes, Duration grace) {
        processes.parallelStream().forEach(process -> process.stop(grace));
    }

    private ManagedProcess kafka() throws IOException {
        Path home = download("kafka-quarkus-");
        Path data = work.resolve("kafka/storage");
        Path config = work.resolve("kafka/server.properties");
        Files.createDirectories(data);
        String template = Files.readString(root.resolve("platform/kafka/server.properties.template"));
        Files.writeString(config, template
                .replace("@BROKER_PORT@", String.valueOf(KAFKA_PORT))
                .replace("@CONTROLLER_PORT@", String.valueOf(KAFKA_PORT + 1))
                .replace("@LOG_DIRS@", data.toString()));
        Path log = work.resolve("logs/kafka.log");
        List<String> java = List.of(javaBin(), "-Xms128m", "-Xmx512m",
                "-Dlog4j2.configurationFile=" + root.resolve("platform/kafka/log4j2.xml"),
                "-Dfirstparty.kafka.log.file=" + log, "-cp", home.resolve("lib") + "/*");
        List<String> format = new ArrayList<>(java);
        byte[] clusterId = new byte[16];
        new SecureRandom().nextBytes(clusterId);
        // One argument: a random id may begin with '-', which would read as an option.
        format.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
                "--cluster-id=" + Base64.getUrlEncoder().withoutPadding().encodeToString(clusterId),
                "--config", config.toString()));
        run(format, work.resolve("logs/kafka-format.log"));
        List<String> broker = new ArrayList<>(java);
        broker.addAll(List.of("kafka.Kafka", config.toString()));
        return new ManagedProcess("kafka", broker, Map.of(), work, log);
    }

    /**
     * Keycloak in dev mode, from a copy of the downloaded distribution (its dev database lives in
     * the distribution, so a copy keeps this run apart from ./firstparty up's), with a fresh
     * database and the firstparty realm imported.
     */
    private ManagedProcess keycloakProcess() throws IOException {
        Path downloaded = download("keycloak-");
        Path distribution;
        try (Stream<Path> inside = Files.list(downloaded)) {
            distribution = inside.filter(Files::isDirectory)
                    .filter(entry -> entry.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak distribution in " + downloaded));
        }
        Path home = root.resolve(".firstparty/system-keycloak").resolve(distribution.getFileName());
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            copyRecursively(distribution, home);
            home.resolve("bin/kc.sh").toFile().setExecutable(true);
        }
        deleteRecursively(home.resolve("data/h2"));
        Files.createDirectories(home.resolve("data/import"));
        Files.copy(root.resolve("platform/keycloak/firstparty-realm.json"),
                home.resolve("data/import/firstparty-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> environment = Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", Keycloak.ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", keycloakAdminPassword,
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return new ManagedProcess("keycloak", List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port", String.valueOf(KEYCLOAK_PORT), "--hostname", "http://localhost:" + KEYCLOAK_PORT,
                "--http-management-port", String.valueOf(KEYCLOAK_PORT + 1),
                "--import-realm"), environment, home, work.resolve("logs/keycloak.log"));
    }

    private ManagedProcess greenMail() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.walk(download("greenmail-"))) {
            jar = files.filter(file -> file.getFileName().toString().equals("greenmail-standalone.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no greenmail-standalone.jar in the downloads"));
        }
        return new ManagedProcess("greenmail", List.of(javaBin(), "-Xmx128m",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + SMTP_PORT, "-Dgreenmail.auth.disabled",
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + MAIL_API_PORT, "-jar", jar.toString()),
                Map.of(), work, work.resolve("logs/greenmail.log"));
    }

    /** A service from its fast-jar with the JVM flags and settings ./firstparty up gives it. */
    private ManagedProcess serviceProcess(Service service) {
        return serviceProcess(service, service.port(), service.module(), Map.of());
    }

    private ManagedProcess serviceProcess(Service service, int port, String name, Map<String, String> settings) {
        Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the services are built before this module");
        }
        List<String> command = new ArrayList<>();
        command.add(javaBin());
        String javaOptions = System.getenv().getOrDefault("FIRSTPARTY_SERVICE_JAVA_OPTS", "-Xmx256m");
        command.addAll(List.of(javaOptions.trim().split("\\s+")));
        command.addAll(List.of("-Dfirstparty.component=" + service.module(), "-jar", jar.toString()));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(service));
        environment.put("FIRSTPARTY_KAFKA", kafkaBootstrap());
        environment.put("FIRSTPARTY_OIDC_URL", keycloak.issuer());
        environment.put("FIRSTPARTY_SMTP_HOST", "127.0.0.1");
        environment.put("FIRSTPARTY_SMTP_PORT", String.valueOf(SMTP_PORT));
        environment.put("MALLOC_ARENA_MAX", "2");
        if (service.module().equals("consent-service")) {
            // In production the service refuses a weak or default key; every replica signs with the same one.
            environment.put("FIRSTPARTY_OBJECTION_SECRET", OBJECTION_SECRET);
            // An SMTP provider's quota rather than a relay's 500 a second: a campaign to a brand's people
            // lasts long enough for the fault test to kill a replica while it sends.
            environment.put("FIRSTPARTY_CONSENT_CAMPAIGNS_MESSAGES_PER_SECOND", "100");
        }
        environment.putAll(settings);
        return new ManagedProcess(name, command, environment, root.resolve(service.module()),
                work.resolve("logs/" + name + ".log"));
    }

    public static String databasePrefix() {
        return System.getenv().getOrDefault("FIRSTPARTY_TEST_DB_PREFIX", "firstparty_test");
    }

    private Path download(String prefix) throws IOException {
        Path downloads = root.resolve(".firstparty/downloads");
        try (Stream<Path> entries = Files.list(downloads)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith(prefix))
                    .filter(entry -> !entry.getFileName().toString().endsWith(".partial"))
                    .filter(Files::isDirectory).sorted().reduce((first, second) -> second)
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "* in " + downloads
                            + ": run the tests with ./firstparty test, which fetches it"));
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> command, Path log) throws IOException {
        ManagedProcess process = new ManagedProcess("kafka-format", command, Map.of(), Path.of("."), log);
        process.start();
        Http.await("kafka storage format", Duration.ofMinutes(1), () -> !process.isAlive(), process);
        if (!Logs.lines(log).stream().anyMatch(line -> line.contains("Formatting"))) {
            throw new IllegalStateException("formatting the Kafka storage failed:\n" + Logs.tail(log, 20));
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
