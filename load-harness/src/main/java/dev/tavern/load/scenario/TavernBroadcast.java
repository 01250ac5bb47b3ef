package dev.tavern.load.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.tavern.load.DiceRolls;
import dev.tavern.load.RollJoin;
import dev.tavern.local.ServiceProcess;
import dev.tavern.local.TavernService;
import dev.tavern.local.VttSetup;
import io.vertx.core.Future;

/**
 * Dice rolls posted to vtt-ingest-service and received from broadcast-gateway: a tenant with the layout's campaigns,
 * streamers and character assignments, set up through the real APIs, and a subscription token per channel.
 */
final class TavernBroadcast extends BroadcastPath {

    private final DiceRolls rolls;
    private final List<VttSetup.Campaign> campaigns = new ArrayList<>();

    private TavernBroadcast(Layout layout, DiceRolls rolls) {
        super("Tavern", layout);
        this.rolls = rolls;
    }

    static TavernBroadcast setUp(ScenarioContext context, String tenantId, Layout layout) {
        ServiceProcess ingest = context.service(TavernService.VTT_INGEST);
        int gatewayPort = context.service(TavernService.BROADCAST_GATEWAY).port();
        TavernBroadcast path = new TavernBroadcast(layout, new DiceRolls(context.clients(), ingest.port()));
        VttSetup tenant = VttSetup.newTenant(context.service(TavernService.SCHEDULER).url(), ingest.url(), context.operatorToken(), tenantId);
        for (int c = 0; c < layout.campaigns(); c++) {
            VttSetup.Campaign campaign = tenant.campaign(tenantId + "-world-" + c);
            path.campaigns.add(campaign);
            path.subscribe(tenant, gatewayPort, "campaign/" + campaign.id() + "/dice-rolls", layout.campaignClients());
            for (int k = 0; k < layout.streamersPerCampaign(); k++) {
                UUID streamer = tenant.streamer(tenantId + "-streamer-" + c + "-" + k);
                tenant.assign(campaign, character(k), "Hero " + character(k), streamer);
                path.subscribe(tenant, gatewayPort, "streamer/" + streamer + "/dice-rolls", layout.streamerClients());
            }
        }
        return path;
    }

    private void subscribe(VttSetup tenant, int gatewayPort, String channel, int count) {
        subscribe(gatewayPort, "/ws/" + channel + "?token=" + tenant.subscriptionToken(channel), count);
    }

    private static String character(int k) {
        return "char-" + k;
    }

    /** The roll's Tavern id is known from the ingest answer; its frames may already be arriving. */
    @Override
    Future<?> publish(String runLabel, long index, long intendedNanos, RollJoin join) {
        return rolls.post(campaigns.get(layout().campaignOf(index)), character(layout().characterOf(index)), runLabel + "-" + index)
                .onSuccess(rollId -> join.sent(rollId, intendedNanos));
    }
}
