package io.firstparty.system.platform;

/** The four services, with the ports the system tests run them on (clear of ./firstparty up's; see {@link LocalPlatform#PORT_OFFSET}). */
public enum Service {
    INGESTION("ingestion-service", "ingestion", 18081),
    PROFILE("profile-service", "profile", 18082),
    SEGMENT("segment-service", "segment", 18083),
    CONSENT("consent-service", "consent", 18084);

    private final String module;
    private final String database;
    private final int port;

    Service(String module, String database, int port) {
        this.module = module;
        this.database = database;
        this.port = port;
    }

    public String module() {
        return module;
    }

    /** The suffix of its database name, as in {@code firstparty.database}. */
    public String database() {
        return database;
    }

    public int port() {
        return port + LocalPlatform.PORT_OFFSET;
    }

    public String url() {
        return "http://localhost:" + port();
    }
}
