package dev.tavern.local;

/** The four services, with the port each listens on by default and the colour of its log prefix on a terminal. */
public enum TavernService {
    SCHEDULER("scheduler-service", 8080, "TAVERN_SCHEDULER_PORT", "\u001B[36m"),
    WEBHOOK_DISPATCHER("webhook-dispatcher", 8082, "TAVERN_WEBHOOK_PORT", "\u001B[35m"),
    VTT_INGEST("vtt-ingest-service", 3333, "TAVERN_INGEST_PORT", "\u001B[33m"),
    BROADCAST_GATEWAY("broadcast-gateway", 8084, "TAVERN_GATEWAY_PORT", "\u001B[32m");

    private final String module;
    private final int defaultPort;
    private final String portVariable;
    private final String color;

    TavernService(String module, int defaultPort, String portVariable, String color) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.portVariable = portVariable;
        this.color = color;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The environment variable that moves this service's port in the local stack. */
    public String portVariable() {
        return portVariable;
    }

    String color() {
        return color;
    }
}
