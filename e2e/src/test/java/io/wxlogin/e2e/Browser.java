package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through Debian's chromedriver (no driver or browser download), with a
 * fresh profile each time, so no test sees another's storage. Screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String IPHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
      + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
  static final String WECHAT_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
      + " (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/WIFI Language/zh_CN";
  /** The longest any page change is waited for: a long-poll round trip on a busy machine, with room. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  /** Skips the calling test when Chromium is not installed; in CI (CI set) fails it instead. */
  static void assumeChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && System.getenv("CI") != null) {
      fail("CI runs the browser tests: install Debian's chromium and chromium-driver");
    }
    assumeTrue(present, "browser tests skipped: no /usr/bin/chromium or /usr/bin/chromedriver"
        + " (apt-get install chromium chromium-driver)");
  }

  /** A desktop window, 1280x800, whose preferred language is {@code lang} (e.g. zh-CN, en-US). */
  static Browser desktop(String lang) {
    return new Browser(lang, "--window-size=1280,800", null);
  }

  /** A phone: a 390x844 screen with a phone's user agent. */
  static Browser phone(String lang, String userAgent) {
    return new Browser(lang, "--window-size=390,844", Map.of(
        "deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true),
        "userAgent", userAgent));
  }

  private Browser(String lang, String windowSize, Map<String, Object> mobile) {
    try {
      profile = Files.createTempDirectory("wxlogin-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
        "--hide-scrollbars", "--user-data-dir=" + profile, "--lang=" + lang, windowSize);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang));
    if (mobile != null) {
      options.setExperimentalOption("mobileEmulation", mobile);
    }
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Waits until {@code condition} answers non-null/true; fails naming {@code what} the user would not see. */
  <T> T await(String what, Function<WebDriver, T> condition) {
    return await(() -> what, condition);
  }

  /** The same, with a message worked out only if the wait fails. */
  <T> T await(Supplier<String> what, Function<WebDriver, T> condition) {
    WebDriverWait wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
    wait.withMessage(what);
    return wait.until(condition);
  }

  /** Saves what the window shows as target/screenshots/{@code name}.png. */
  Path screenshot(String name) {
    Path dir = Path.of(System.getProperty("e2e.screenshots", "target/screenshots"));
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The console lines logged since the last call (CSP refusals appear here). */
  List<String> console() {
    List<String> lines = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      lines.add(e.getLevel() + " " + e.getMessage());
    }
    return lines;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory; the OS cleans what is left
    }
  }
}
