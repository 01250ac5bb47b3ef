package dev.tavern.load.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tavern.load.DiceRolls;
import dev.tavern.local.TavernService;
import dev.tavern.local.VttSetup;
import dev.tavern.local.VttSetup.Campaign;
import io.vertx.core.Future;

/**
 * Dice rolls posted to vtt-ingest-service as VTT modules post them, open loop at a fixed rate, round-robin over a few
 * campaigns of a tenant of the drill's own (each with its connection's API key), every answer booked in one ledger.
 * A roll's item is its VTT roll id, {@code <drill>-c<campaign>-<n>}; its identity the Tavern roll id answered.
 */
final class IngestLoad {

    private static final int CHARACTERS_PER_CAMPAIGN = 5;

    private final DrillKit kit;
    private final String drill;
    private final VttSetup tenant;
    private final List<Campaign> campaigns;
    private final Ledger ledger = new Ledger();

    private IngestLoad(DrillKit kit, String drill, VttSetup tenant, List<Campaign> campaigns) {
        this.kit = kit;
        this.drill = drill;
        this.tenant = tenant;
        this.campaigns = campaigns;
    }

    /** Creates the tenant and its campaigns; nothing is sent yet. */
    static IngestLoad prepare(DrillKit kit, String drill, int campaignCount) {
        VttSetup tenant = kit.newTenant(drill);
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < campaignCount; i++) {
            campaigns.add(tenant.campaign(drill + "-world-" + i));
        }
        return new IngestLoad(kit, drill, tenant, campaigns);
    }

    VttSetup tenant() {
        return tenant;
    }

    List<Campaign> campaigns() {
        return campaigns;
    }

    Ledger ledger() {
        return ledger;
    }

    /** What every roll item of this drill starts with. */
    String itemPrefix() {
        return drill + "-c";
    }

    /** What every roll item of one campaign starts with. */
    String itemPrefix(Campaign campaign) {
        return itemPrefix() + campaigns.indexOf(campaign) + "-";
    }

    /** Starts posting in the background for {@code duration}. */
    BackgroundLoad start(double rollsPerSecond, Duration duration, Timeline timeline) {
        DiceRolls rolls = new DiceRolls(kit.clients(), kit.service(TavernService.VTT_INGEST).port());
        timeline.mark("posting %.0f rolls/s over %d campaigns for %d s", rollsPerSecond, campaigns.size(),
                duration.toSeconds());
        return BackgroundLoad.start(kit, drill, rollsPerSecond, duration, (n, intended) -> post(rolls, n));
    }

    private Future<String> post(DiceRolls rolls, long n) {
        Campaign campaign = campaigns.get((int) (n % campaigns.size()));
        String rollId = itemPrefix(campaign) + n;
        String character = "char-" + n / campaigns.size() % CHARACTERS_PER_CAMPAIGN;
        return DrillKit.book(ledger, rollId, rolls.post(campaign, character, rollId));
    }
}
