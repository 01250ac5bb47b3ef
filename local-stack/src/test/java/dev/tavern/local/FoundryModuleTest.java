package dev.tavern.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tavern.infra.test.HeadlessChromium;
import dev.tavern.infra.test.OtherOrigin;

/**
 * The Foundry VTT module (vtt-modules/foundry) against real vtt-ingest-service and broadcast-gateway processes: its
 * Node tests (mapping, queue, and its network code through each documented answer), then in Chromium, from the
 * VTT's own origin, a chat message mapped and posted by the module's code reaching a WebSocket subscriber, and its
 * settings template rendered, with "Test connection" answered by Tavern (the documentation's screenshot: rewrite it
 * with {@code -Dtavern.screenshots.write=true}).
 */
class FoundryModuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORLD = "tavern-module-test-world";

    private static Path root;
    private static Path module;
    private static ProcessStack stack;
    private static ServiceProcess ingest;
    private static ServiceProcess gateway;
    private static VttSetup tenant;
    private static VttSetup.Campaign campaign;
    private static VttSetup.Campaign limits;
    private static OtherOrigin vttOrigin;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ProcessStack.start("foundry");
        root = stack.root();
        module = root.resolve("vtt-modules/foundry");
        ServiceProcess scheduler = stack.process(TavernService.SCHEDULER, "scheduler", Map.of());
        ingest = stack.process(TavernService.VTT_INGEST, "ingest", Map.of());
        gateway = stack.process(TavernService.BROADCAST_GATEWAY, "gateway", Map.of());
        stack.startAll();
        tenant = VttSetup.newTenant(scheduler.url(), ingest.url(), stack.operatorToken(), "foundry-module");
        campaign = tenant.campaign(WORLD);
        limits = tenant.campaign(WORLD);
        vttOrigin = OtherOrigin.serving(module);
    }

    @AfterAll
    static void stopStack() {
        if (vttOrigin != null) {
            vttOrigin.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theModulesNodeTestsPassAgainstTheRunningService() throws Exception {
        Path output = Files.createTempFile(root.resolve("local-stack/target"), "node-test-", ".log");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "test/").directory(module.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        node.environment().putAll(Map.of("TAVERN_URL", ingest.url(), "TAVERN_API_KEY", campaign.apiKey(),
                "TAVERN_LIMITS_API_KEY", limits.apiKey(), "TAVERN_WORLD_ID", WORLD));
        Process tests = node.start();
        boolean ended = tests.waitFor(3, TimeUnit.MINUTES);
        String report = Files.readString(output);
        if (!ended) {
            tests.destroyForcibly();
        }

        assertThat(ended).as(report).isTrue();
        assertThat(tests.exitValue()).as(report).isZero();
        assertThat(report).contains("# fail 0", "# skipped 0").doesNotContain("# pass 0");
    }

    @Test
    void aChatMessageMappedAndPostedFromTheVttsOriginReachesAWebSocketSubscriber() throws Exception {
        String channel = "campaign/" + campaign.id() + "/dice-rolls";
        ChannelFrames gm = ChannelFrames.open(gateway, channel, tenant.subscriptionToken(channel), "");
        String messageId = "kRXj8f2Lq0" + UUID.randomUUID().toString().substring(0, 6);
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.get(page("post-roll.html", Map.of("fixture", "dnd5e-attack-advantage-nat20", "messageId", messageId,
                    "world", WORLD, "system", "dnd5e", "tavern", ingest.url(), "key", campaign.apiKey())));
            JsonNode answers = JSON.readTree(new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.tagName("body")), "data-result"))
                    ? browser.findElement(By.tagName("body")).getAttribute("data-result") : "[]");

            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).get("status").asInt()).as(answers.toString()).isEqualTo(200);
            String rollId = answers.get(0).at("/body/rollId").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> gm.rollIds().contains(rollId));
            JsonNode frame = gm.rolls().stream().filter(f -> f.at("/data/id").asText().equals(rollId)).findFirst().orElseThrow();
            assertThat(frame.get("type").asText()).isEqualTo("dice:critical");
            assertThat(frame.at("/data/criticalType").asText()).isEqualTo("success");
            assertThat(frame.at("/data/rollType").asText()).isEqualTo("attack");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theSettingsTemplateRendersAndTestConnectionShowsTheConnectionsName() throws IOException {
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(600, 760));
            browser.get(page("settings.html", Map.of("tavern", ingest.url(), "key", campaign.apiKey())));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-rendered", "true"));
            assertThat(browser.findElements(By.cssSelector("form input[name^='kinds.']"))).hasSize(7);
            assertThat(browser.findElement(By.name("apiKey")).getAttribute("type")).isEqualTo("password");

            browser.findElement(By.cssSelector("[data-action=testConnection]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-tested", "true"));
            WebElement result = browser.findElement(By.className("tavern-test-result"));
            assertThat(result.getText()).isEqualTo("Connected as \"Connection for " + WORLD + "\" (Foundry VTT)");

            byte[] screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(root.resolve("local-stack/target/foundry-settings.png"), screenshot);
            if (Boolean.getBoolean("tavern.screenshots.write")) {
                Files.write(root.resolve("docs/images/foundry-settings.png"), screenshot);
            }
        } finally {
            browser.quit();
        }
    }

    private static String page(String name, Map<String, String> query) {
        return vttOrigin.url("test/browser/" + name) + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
