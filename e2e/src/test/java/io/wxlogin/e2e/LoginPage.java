package io.wxlogin.e2e;

import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The login page (or any page with the wxlogin widget) as a user sees it: the QR box's state and status
 * line, the code it shows, the logged-in panel. Reads what is on screen; the widget's data-state attribute
 * only tells the waits which of its screens is up.
 */
final class LoginPage {

  private final Browser browser;

  LoginPage(Browser browser) {
    this.browser = browser;
  }

  LoginPage open(String url) {
    browser.open(url);
    return this;
  }

  Browser browser() {
    return browser;
  }

  /** The widget's current screen: loading, waiting, scanned, done, expired, retrying, … (null: no widget). */
  String state() {
    return (String) browser.js("var w = document.querySelector('.wxl'); return w && w.getAttribute('data-state');");
  }

  /** Waits for one of these screens and answers which one is up. */
  String awaitState(String... states) {
    List<String> wanted = Arrays.asList(states);
    return browser.await("the QR box to show one of " + wanted + " (it shows " + state() + ": " + statusSafe() + ")",
        d -> wanted.contains(state()) ? state() : null);
  }

  /** The status line under the QR code. */
  String status() {
    return text(".wxl-status");
  }

  String hint() {
    return text(".wxl-hint");
  }

  String title() {
    return text("h1");
  }

  /** The QR code shown, read from the screen once the picture has loaded. */
  String qrContent() {
    WebElement img = browser.driver().findElement(By.cssSelector(".wxl-qr"));
    return browser.await(() -> "a readable QR code on screen (" + qrDiagnosis(img) + ")", d -> {
      Boolean loaded = (Boolean) browser.js("var i = arguments[0]; return !!i.getAttribute('src') && i.complete"
          + " && i.naturalWidth > 0 && !document.querySelector('.wxl-overlay:not([hidden])');", img);
      return Boolean.TRUE.equals(loaded) ? QrReader.decode(img.getScreenshotAs(OutputType.BYTES)) : null;
    });
  }

  /** What the box shows instead of a readable code, for a failing wait's message (and a screenshot). */
  private String qrDiagnosis(WebElement img) {
    browser.screenshot("unreadable-qr-" + System.currentTimeMillis());
    return "state " + state() + ", status " + statusSafe() + ", img src/complete/width " + browser.js(
        "var i = arguments[0]; return [!!i.getAttribute('src'), i.complete, i.naturalWidth].join('/');", img);
  }

  /** Waits until the box shows a code other than {@code previous} and answers it. */
  String awaitNewQr(String previous) {
    return browser.await("a QR code other than the first one", d -> {
      String now = "waiting".equals(state()) ? qrContent() : null;
      return now != null && !now.equals(previous) ? now : null;
    });
  }

  /** The scene of the code on screen, as the widget keeps it in this tab's sessionStorage. */
  String scene() {
    return (String) browser.js("for (var i = 0; i < sessionStorage.length; i++) { var k = sessionStorage.key(i);"
        + " if (k.indexOf('wxlogin.qr:') === 0) return JSON.parse(sessionStorage.getItem(k)).scene; } return null;");
  }

  String qrImageUrl() {
    return browser.driver().findElement(By.cssSelector(".wxl-qr")).getAttribute("src");
  }

  boolean accountShown() {
    return browser.driver().findElement(By.id("account")).isDisplayed();
  }

  /** Waits for the logged-in panel; answers the user it names (the shortened openid, as displayed). */
  String awaitLoggedIn() {
    browser.await("the logged-in panel (QR box shows " + state() + ": " + statusSafe() + ")", d -> accountShown());
    return text("#who");
  }

  /** The full openid the panel keeps in the name's tooltip. */
  String whoFull() {
    return browser.driver().findElement(By.id("who")).getAttribute("title");
  }

  String welcome() {
    return text("#welcome");
  }

  String notice() {
    return text("#notice");
  }

  void logOut() {
    browser.driver().findElement(By.id("logout")).click();
  }

  void refresh() {
    browser.driver().findElement(By.cssSelector(".wxl-refresh")).click();
  }

  void switchLanguage() {
    browser.driver().findElement(By.id("lang")).click();
  }

  String text(String css) {
    return browser.driver().findElement(By.cssSelector(css)).getText();
  }

  private String statusSafe() {
    try {
      return status();
    } catch (RuntimeException e) {
      return "-";
    }
  }
}
