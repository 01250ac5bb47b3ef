package dev.tavern.infra.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, for browser tests ({@code .ci/run} installs {@code chromium} and
 * {@code chromium-driver}); a fresh profile each time, and none of the background traffic a
 * closed network refuses.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static WebDriver start() {
        try {
            ChromeOptions options = new ChromeOptions()
                    .setBinary(System.getProperty("tavern.chromium", "/usr/bin/chromium"))
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", "--user-data-dir=" + Files.createTempDirectory("chromium"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(System.getProperty("tavern.chromedriver", "/usr/bin/chromedriver")).toFile())
                    .build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
