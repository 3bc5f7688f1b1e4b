package io.wxlogin.e2e;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The sandbox's phone page (/sandbox/phone, ids in docs/sandbox.md) in a second window of the same browser:
 * the user's WeChat, clicked as a person would — pick the user, scan the code the login page shows, answer.
 */
final class SandboxPhone {

  private final Browser browser;
  private final String pageWindow;
  private final String phoneWindow;

  /** Opens the phone page in a new window; the login page's window stays as it was. */
  SandboxPhone(Browser browser, String sandboxUrl) {
    this.browser = browser;
    WebDriver d = browser.driver();
    pageWindow = d.getWindowHandle();
    d.switchTo().newWindow(WindowType.WINDOW);
    phoneWindow = d.getWindowHandle();
    d.get(sandboxUrl + "/sandbox/phone");
    d.switchTo().window(pageWindow);
  }

  /** The WeChat ticket in a QR picture's URL ({@code showqrcode?ticket=…}). */
  static String ticketOf(String qrImageUrl) {
    String query = URI.create(qrImageUrl).getRawQuery();
    for (String pair : query.split("&")) {
      if (pair.startsWith("ticket=")) {
        return URLDecoder.decode(pair.substring("ticket=".length()), StandardCharsets.UTF_8);
      }
    }
    throw new IllegalArgumentException("no ticket in " + qrImageUrl);
  }

  /** As {@code openid} (a follower or not), scans the code with this ticket; answers WeChat's reply bubble. */
  String scan(String ticket, String openid, boolean follower) {
    return onPhone(() -> {
      WebElement id = find("#openid");
      id.clear();
      id.sendKeys(openid);
      WebElement follows = find("#follower");
      if (follows.isSelected() != follower) {
        follows.click();
      }
      String item = "#qr-list li[data-ticket=\"" + ticket.replace("\"", "\\\"") + "\"] button.scan";
      browser.await("the phone lists the login page's QR code", d -> !d.findElements(By.cssSelector(item)).isEmpty());
      return answer(() -> find(item).click());
    });
  }

  /** Sends a text (the {@code #quick-1} / {@code #quick-0} buttons for 1 and 0); answers the reply bubble. */
  String reply(String digit) {
    return onPhone(() -> answer(() -> find("#quick-" + digit).click()));
  }

  /** Saves what the phone window shows. */
  void screenshot(String name) {
    onPhone(() -> browser.screenshot(name));
  }

  private String answer(Runnable action) {
    int before = browser.driver().findElements(By.cssSelector("#chat .bubble.reply, #chat .bubble.system")).size();
    action.run();
    return browser.await("WeChat's reply on the phone", d -> {
      var bubbles = d.findElements(By.cssSelector("#chat .bubble.reply, #chat .bubble.system"));
      boolean settled = "0".equals(find("#chat").getAttribute("data-pending"));
      return settled && bubbles.size() > before ? bubbles.get(bubbles.size() - 1).getText() : null;
    });
  }

  private WebElement find(String css) {
    return browser.driver().findElement(By.cssSelector(css));
  }

  private <T> T onPhone(java.util.function.Supplier<T> steps) {
    WebDriver d = browser.driver();
    d.switchTo().window(phoneWindow);
    try {
      return steps.get();
    } finally {
      d.switchTo().window(pageWindow);
    }
  }
}
