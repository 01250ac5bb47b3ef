package dev.tavern.vtt.cors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import dev.tavern.infra.test.HeadlessChromium;
import dev.tavern.infra.test.OtherOrigin;
import dev.tavern.infra.test.TavernInfrastructureResource;
import dev.tavern.vtt.IngestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A VTT module is JavaScript in the game master's browser, on the VTT's own origin: here a page served from another
 * port, in headless Chromium, calls the webhooks with fetch and a Bearer key and reads each documented answer.
 */
@QuarkusTest
@WithTestResource(value = TavernInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class CrossOriginBrowserTest {

    private static OtherOrigin vttOrigin;
    private static WebDriver browser;

    @TestHTTPResource("/")
    URL tavern;

    @BeforeAll
    static void openTheVttsPage() {
        vttOrigin = OtherOrigin.serving(Path.of("src/test/resources/cross-origin"));
        browser = HeadlessChromium.start();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.get(vttOrigin.url("module.html"));
    }

    @AfterAll
    static void closeTheVttsPage() {
        if (browser != null) {
            browser.quit();
        }
        if (vttOrigin != null) {
            vttOrigin.close();
        }
    }

    @Test
    void thePreflightAllowsAnyOriginWithTheKeyAndJsonButNoCookies() {
        given().header("Origin", "https://foundry.example:30000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/webhooks/vtt/dice-roll")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", equalTo("POST"))
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsStringIgnoringCase("authorization"),
                        org.hamcrest.Matchers.containsStringIgnoringCase("content-type")))
                .header("Access-Control-Max-Age", "86400")
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    @Test
    void theManagementApiAllowsNoOtherOriginByDefault() {
        given().header("Origin", "https://foundry.example:30000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/vtt-connections")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aModuleOnAnotherOriginPostsTheDocumentsRollAndReadsTheAnswer() throws IOException {
        IngestApi vtt = IngestApi.tenantWithCampaign("foundry-world-123");
        String example = Files.readString(Path.of("src/test/resources/vtt-api-examples/curl-dice-roll.json"));

        Map<String, Object> answer = post("webhooks/vtt/dice-roll", vtt.apiKey, example);

        assertThat(answer).containsEntry("status", 200L).containsEntry("limit", "120");
        assertThat(body(answer)).containsEntry("success", true).containsEntry("message", "Dice roll recorded successfully");
        assertThat((String) body(answer).get("rollId")).matches("[0-9a-f-]{36}");
    }

    @Test
    void aModuleReadsA401WithItsBody() {
        Map<String, Object> answer = post("webhooks/vtt/test", "ta_" + "0".repeat(40), "");

        assertThat(answer).containsEntry("status", 401L);
        assertThat(body(answer)).containsEntry("error", "Invalid API Key");
    }

    @Test
    void aModuleReadsA429WithItsBodyAndRetryAfter() {
        IngestApi vtt = IngestApi.tenantWithCampaign("world-browser-limit-" + UUID.randomUUID());
        Map<String, Object> answer = null;
        // 60 calls a minute: the 61st of one window is refused; a window that turns meanwhile only delays it.
        for (int i = 0; i < 130; i++) {
            answer = post("webhooks/vtt/test", vtt.apiKey, "");
            if (Long.valueOf(429).equals(answer.get("status"))) {
                break;
            }
            assertThat(answer).containsEntry("status", 200L);
        }

        assertThat(answer).containsEntry("status", 429L);
        assertThat(body(answer)).containsEntry("error", "Rate limit exceeded");
        long retryAfter = (Long) body(answer).get("retryAfter");
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(answer).containsEntry("retryAfter", Long.toString(retryAfter));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> post(String path, String apiKey, String body) {
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.postToTavern(arguments[0], arguments[1], arguments[2]).then(done);",
                tavern + path, apiKey, body);
        Map<String, Object> result = (Map<String, Object>) answer;
        assertThat(result).as("fetch failed in the browser (CORS?)").doesNotContainKey("error");
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("body");
    }
}
