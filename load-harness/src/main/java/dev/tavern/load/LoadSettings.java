package dev.tavern.load;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tavern.local.TavernService;

/**
 * How the services are configured for a load run: production defaults except what is listed here, each with the
 * reason. Scenarios and fault drills share one stack, so a setting either needs lives here, and the report prints
 * this table in its header.
 */
public final class LoadSettings {

    /** An environment variable given to one service, and why. */
    public record Setting(TavernService service, String variable, String value, String why) {
    }

    /** Stands for the run's folder in a value; {@link LoadStack} puts the folder in. */
    static final String RUN_FOLDER = "<run folder>";

    private static final List<Setting> SETTINGS = List.of(
            new Setting(TavernService.VTT_INGEST, "TAVERN_INGEST_RATE_LIMIT_DICE_ROLL_PER_MINUTE", "100000000",
                    "per-key limit (default 120/min) out of the way, so throughput is measured, not the limiter; the limiter's"
                            + " Postgres upsert still runs on every roll"),
            new Setting(TavernService.SCHEDULER, "TAVERN_SCHEDULER_RATE_LIMIT_CREATES_PER_MINUTE", "100000000",
                    "one client address creates every event of the webhook scenario (default 20/min)"),
            new Setting(TavernService.WEBHOOK_DISPATCHER, "TAVERN_WEBHOOK_RETRY_INTERVAL", "2s",
                    "default 5m: failed attempts come back within the run"),
            new Setting(TavernService.WEBHOOK_DISPATCHER, "TAVERN_WEBHOOK_LEASE_MARGIN", "5s",
                    "default 30s: attempts a killed dispatcher had claimed come due again 15 s later, within its drill"),
            new Setting(TavernService.WEBHOOK_DISPATCHER, "TAVERN_WEBHOOK_POLL_INTERVAL", "250ms",
                    "default 1s: retries start close to their due time, so the measured time is the retry policy's"),
            new Setting(TavernService.WEBHOOK_DISPATCHER, "JAVA_TOOL_OPTIONS",
                    "-Djdk.net.hosts.file=" + RUN_FOLDER + "/" + HostsFile.FILE_NAME
                            + " -Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0",
                    "names resolve through a hosts file of the harness, looked up afresh every time, so the DNS drill can"
                            + " make a receiver's name fail and then resolve; receivers are otherwise addressed by IP"));

    private LoadSettings() {
    }

    /** Per service, the environment the run adds. */
    public static Map<TavernService, Map<String, String>> environment() {
        Map<TavernService, Map<String, String>> environment = new EnumMap<>(TavernService.class);
        for (Setting setting : SETTINGS) {
            environment.computeIfAbsent(setting.service(), s -> new LinkedHashMap<>()).put(setting.variable(), setting.value());
        }
        return environment;
    }

    public static List<Setting> settings() {
        return SETTINGS;
    }
}
