package dev.tavern.scheduler.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.tavern.infra.test.HeadlessChromium;
import dev.tavern.infra.test.TavernInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The integration guide's journey in a real headless Chromium: pre-filled creation, then voting with a pre-filled name. */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class PagesBrowserTest {

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void aPrefilledLinkCreatesAnEventAndTheVotingPagePrefillsTheNameUnlessOneWasStored() {
        browser.get(base + "new?title=Raid+Night&minPlayers=8&fromUrl=https://api.myguild.com/events/callback&fromUrlId=raid-101");

        assertThat(field("title").getAttribute("value")).isEqualTo("Raid Night");
        assertThat(field("minPlayers").getAttribute("value")).isEqualTo("8");
        assertThat(field("fromUrl").getAttribute("value")).isEqualTo("https://api.myguild.com/events/callback");
        assertThat(field("fromUrlId").getAttribute("value")).isEqualTo("raid-101");
        assertThat(browser.getCurrentUrl()).contains("/new");

        setValue(field("slotStart0"), "2027-03-01T18:00");
        setValue(field("slotEnd0"), "2027-03-01T22:00");
        browser.findElement(By.id("create")).click();

        wait.until(ExpectedConditions.urlMatches(".*/e/[A-Za-z0-9_-]+/host$"));
        String shareLink = field("share-link").getAttribute("value");
        assertThat(field("host-link").getAttribute("value")).contains("/host?token=");
        String slug = shareLink.substring(shareLink.lastIndexOf('/') + 1);

        browser.get(base + "e/" + slug + "?userID=ProGamer123");
        wait.until(d -> "ProGamer123".equals(field("name").getAttribute("value")));
        browser.findElement(By.cssSelector("fieldset.slot label[for^='yes-']")).click();
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table tbody"), "ProGamer123"));
        assertThat(browser.findElement(By.cssSelector("p.tally")).getText()).startsWith("Yes 1");

        browser.get(base + "e/" + slug + "?userID=SomeoneElse");
        wait.until(d -> !field("name").getAttribute("value").isEmpty());
        assertThat(field("name").getAttribute("value")).isEqualTo("ProGamer123");
    }

    private WebElement field(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private void setValue(WebElement input, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", input, value);
    }
}
