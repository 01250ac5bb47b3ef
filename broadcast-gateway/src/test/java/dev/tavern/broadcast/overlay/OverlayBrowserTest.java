package dev.tavern.broadcast.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.tavern.broadcast.DiceRolls;
import dev.tavern.broadcast.GatewayInfrastructureResource;
import dev.tavern.broadcast.SubscriptionTokens;
import dev.tavern.broadcast.channel.Channels;
import dev.tavern.infra.test.HeadlessChromium;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The streamer overlay in a real headless Chromium: it connects with its token and renders the rolls it is sent. */
@QuarkusTest
@WithTestResource(value = GatewayInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class OverlayBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void theOverlayShowsVisibleRollsAndCriticalsButNeverAHiddenOne() {
        UUID campaign = UUID.randomUUID();
        UUID streamer = UUID.randomUUID();
        open(streamer);

        UUID hidden = DiceRolls.shared().publish(campaign, true, false, List.of(streamer));
        UUID normal = DiceRolls.shared().publish(campaign, false, false, List.of(streamer));
        UUID critical = DiceRolls.shared().publish(campaign, false, true, List.of(streamer));

        // Visible, not only present: a card fades in (opacity from 0), and a browser shows no text before it has.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.roll[data-roll-id='" + critical + "']")));
        String normalCard = browser.findElement(By.cssSelector("li.roll[data-roll-id='" + normal + "']")).getText();
        assertThat(normalCard).contains("Gimli", "1d20+5", "18", "Dice: 13 · 5");
        String criticalCard = browser.findElement(By.cssSelector("li.roll.critical[data-roll-id='" + critical + "']")).getText();
        assertThat(criticalCard).contains("CRITICAL SUCCESS", "25");
        assertThat(browser.findElements(By.cssSelector("li.roll[data-roll-id='" + hidden + "']"))).isEmpty();
    }

    @Test
    void aStreamerInSixCampaignsOverEveryPartitionSeesEveryRoll() {
        UUID streamer = UUID.randomUUID();
        open(streamer);

        List<UUID> rolls = DiceRolls.campaignsOverEveryPartition(6).stream()
                .map(campaign -> DiceRolls.shared().publish(campaign, false, false, List.of(streamer)))
                .toList();

        for (UUID roll : rolls) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.roll[data-roll-id='" + roll + "']")));
        }
        assertThat(browser.findElements(By.cssSelector("li.roll"))).hasSize(6);
    }

    @Test
    void aCriticalOfNoStatedKindShowsAsCritical() {
        UUID campaign = UUID.randomUUID();
        UUID streamer = UUID.randomUUID();
        open(streamer);

        UUID critical = DiceRolls.shared().publishCritical(campaign, null, List.of(streamer));

        String card = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("li.roll.critical[data-roll-id='" + critical + "']"))).getText();
        assertThat(card).startsWith("CRITICAL\n").doesNotContain("SUCCESS", "FAILURE");
    }

    private void open(UUID streamer) {
        browser.get(base + "overlay/streamer/" + streamer + "?token=" + SubscriptionTokens.forChannel(Channels.streamer(streamer)));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-connected", "true"));
    }
}
