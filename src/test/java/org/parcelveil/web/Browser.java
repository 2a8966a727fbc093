package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven by its own chromedriver (never downloaded). Skips the browser
 * tests when Chromium is missing, unless {@code pv.requireBrowser=true}, which turns that into a failure.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";
  static final Path SHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  final Path profile;
  private final String origin;

  private Browser(ChromeDriver driver, Path profile, String origin) {
    this.driver = driver;
    this.profile = profile;
    this.origin = origin;
  }

  /** Skips (or fails, when required) without a browser. */
  static void requireChromium() {
    boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
    if (!present && Boolean.getBoolean("pv.requireBrowser")) {
      throw new AssertionError("pv.requireBrowser=true but " + CHROMIUM + " or " + DRIVER + " is missing: "
          + "apt-get install -y chromium chromium-driver fonts-wqy-microhei");
    }
    Assumptions.assumeTrue(present, "browser tests skipped: " + CHROMIUM + " is not installed "
        + "(apt-get install -y chromium chromium-driver fonts-wqy-microhei)");
  }

  static Browser open(String origin) {
    try {
      Path profile = Files.createTempDirectory("pv-chrome-");
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
          "--no-first-run", "--user-data-dir=" + profile, "--lang=en-US", "--window-size=1280,900");
      ChromeDriver driver = new ChromeDriver(service, options);
      return new Browser(driver, profile, origin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void go(String path) {
    driver.get(origin + path);
    assertSameOrigin();
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  void type(String css, String text) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(text);
  }

  /**
   * Clicks a submit button and checks the page that loads. Waits until the button's page has gone: a click does not
   * wait for the form's navigation, and on a busy machine the next look-up would otherwise still see the old page.
   */
  void submit(String css) {
    WebElement button = find(css);
    button.click();
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> gone(button));
    assertSameOrigin();
  }

  /** Types into a field and presses Enter, as a keyboard user submits; waits for the next page as {@link #submit} does. */
  void typeAndEnter(String css, String text) {
    WebElement field = find(css);
    field.sendKeys(text + org.openqa.selenium.Keys.ENTER);
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> gone(field));
    assertSameOrigin();
  }

  /** True once {@code e}'s page has been replaced; Chromium says so by a stale reference or a missing node. */
  private static boolean gone(WebElement e) {
    try {
      e.isEnabled();
      return false;
    } catch (StaleElementReferenceException | NoSuchElementException stale) {
      return true;
    } catch (WebDriverException other) {
      return other.getMessage() != null && other.getMessage().contains("does not belong to the document");
    }
  }

  String source() {
    return driver.getPageSource();
  }

  String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Every resource the page loaded, and every link, script, image and form target, is on this origin. */
  void assertSameOrigin() {
    @SuppressWarnings("unchecked")
    List<String> loaded = (List<String>) js(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
    assertThat(loaded).allSatisfy(u -> assertThat(u).startsWith(origin));
    @SuppressWarnings("unchecked")
    List<String> refs = (List<String>) js("return Array.prototype.map.call(document.querySelectorAll("
        + "'script[src], link[href], img[src], iframe, form[action]'), function (e) {"
        + " return e.src || e.href || e.action || 'iframe'; });");
    assertThat(refs).allSatisfy(u -> assertThat(u).startsWith(origin));
    assertThat((String) js("return document.documentElement.lang")).isIn("en", "zh-CN");
  }

  /** Saves a screenshot of the viewport under target/screenshots. */
  void shot(String name) {
    try {
      Files.createDirectories(SHOTS);
      File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A full-page screenshot: the window is made as tall as the page first. */
  void fullShot(String name, int width) {
    long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight)");
    size(width, (int) Math.min(Math.max(height + 20, 400), 4000));
    shot(name);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
