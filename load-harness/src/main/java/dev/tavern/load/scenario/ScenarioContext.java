package dev.tavern.load.scenario;

import java.nio.file.Path;
import java.time.Duration;

import dev.tavern.load.LoadClients;
import dev.tavern.load.LoadStack;
import dev.tavern.load.ResourceSampler;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;

/**
 * What every scenario works with: the stack, the reference application it is compared with, the generator's
 * clients, the resource sampler and the run's folder (charts and histograms go there).
 *
 * @param ceiling broadcast-ceiling, the minimal websockets-next broadcast, of frames posted to it or read off ingest-ceiling's topic
 * @param ingestCeiling ingest-ceiling, a roll's irreducible work: one INSERT and one Kafka record per request
 * @param webhookCeiling webhook-ceiling, a webhook's irreducible work: consume, one INSERT, sign, POST
 */
public record ScenarioContext(LoadStack stack, ServiceProcess ceiling, ServiceProcess ingestCeiling,
                              ServiceProcess webhookCeiling, LoadClients clients, ResourceSampler sampler, Path runDir) {

    /** The machine counts as quiet again below this CPU use (the idle stack uses a fraction of it). */
    private static final double QUIET_CORES = 0.6;

    public ServiceProcess service(TavernService service) {
        return stack.service(service);
    }

    public String operatorToken() {
        return stack.tavern().operatorToken();
    }

    /** Lets the previous run's backlog (outbox relays, consumers, GC) settle before the next measurement. */
    public void settle() throws InterruptedException {
        sampler.awaitQuiet(QUIET_CORES, Duration.ofSeconds(2), Duration.ofSeconds(20));
    }
}
