package io.wxlogin.login.confirm;

import java.util.regex.Pattern;

/**
 * What is being logged in, as recorded on the scene when its QR code is made and named in the WeChat reply:
 * the browser and OS from the {@code User-Agent}, the client address masked to its network, and the site.
 * Any part may be null (unknown); the reply then says less rather than guess.
 *
 * @param clientNet the masked address, e.g. {@code 203.0.113.*} or {@code 2001:db8:1::*}
 * @param site the display name of what is logged into: the OIDC client's name, else {@code SITE_NAME}
 */
public record LoginRequester(String browser, String os, String clientNet, String site) {

  private static final Pattern MASKED = Pattern.compile("[0-9A-Fa-f:.]{1,45}\\*");
  private static final int MAX_SITE = 40;

  public LoginRequester {
    browser = blankToNull(browser);
    os = blankToNull(os);
    clientNet = clientNet != null && MASKED.matcher(clientNet).matches() ? clientNet : null;
    site = site == null ? null : siteName(site);
  }

  public static LoginRequester of(BrowserParser.Browser browser, String clientNet, String site) {
    return new LoginRequester(browser.browser(), browser.os(), clientNet, site);
  }

  /** 「Windows 上的 Chrome」, 「Chrome」, 「Windows 上的浏览器」 or 「一个浏览器」. */
  public String device() {
    if (browser == null) {
      return os == null ? "一个浏览器" : os + " 上的浏览器";
    }
    return os == null ? browser : os + " 上的 " + browser;
  }

  /** The device and, when known, its network: 「Windows 上的 Chrome（IP 203.0.113.*）」. */
  public String deviceAndNet() {
    return clientNet == null ? device() : device() + "（IP " + clientNet + "）";
  }

  /** The site, or a neutral word when none was recorded. */
  public String siteOrDefault() {
    return site == null ? "网站" : site;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  // the name is the operator's, but it goes into a chat message: one line, bounded
  private static String siteName(String s) {
    String oneLine = s.replaceAll("\\p{Cntrl}", " ").strip();
    if (oneLine.isEmpty()) {
      return null;
    }
    return oneLine.length() <= MAX_SITE ? oneLine : oneLine.substring(0, MAX_SITE) + "…";
  }
}
