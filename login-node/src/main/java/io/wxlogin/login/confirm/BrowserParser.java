package io.wxlogin.login.confirm;

import java.util.Map;
import java.util.regex.Pattern;
import ua_parser.CachingParser;
import ua_parser.OS;
import ua_parser.UserAgent;

/**
 * The browser and operating system named in a {@code User-Agent}, for the WeChat reply that tells the user
 * what they are logging in. Loading the rules takes a few hundred milliseconds (build one at start-up, off the
 * event loop), and an uncached parse about half a millisecond, so callers run {@link #parse} on a worker.
 *
 * <p>The header is the requester's to choose: an attacker who sends a QR code to a victim picks it. So only
 * names that look like product names (ASCII letters, digits and a little punctuation, short) are shown;
 * anything else reads as an unknown browser, never as text an attacker wrote into the victim's WeChat.
 */
public final class BrowserParser {

  /** What the reply names; either part may be null when the header does not say. */
  public record Browser(String browser, String os) {
  }

  private static final int CACHE_SIZE = 2_000;
  // the rules scan the whole header; a real one is under 300 characters, longer ones only cost CPU
  private static final int MAX_HEADER = 512;
  private static final Pattern PRODUCT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 ._-]{0,23}");
  private static final Map<String, String> SHOWN_AS = Map.of(
      "Mac OS X", "macOS",
      "Chrome Mobile", "Chrome",
      "Chrome Mobile iOS", "Chrome",
      "Mobile Safari", "Safari",
      "Firefox Mobile", "Firefox",
      "HeadlessChrome", "Headless Chrome");

  private final CachingParser parser = new CachingParser(CACHE_SIZE);

  /** Blocking (reads the rules from the jar): call once at start-up, off the event loop. */
  public BrowserParser() {
  }

  /** Browser and OS of {@code userAgent}; both null for a missing or unrecognisable header. */
  public Browser parse(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return new Browser(null, null);
    }
    String header = userAgent.length() > MAX_HEADER ? userAgent.substring(0, MAX_HEADER) : userAgent;
    // WeChat's in-app browser reports the phone's WebView; what the user recognises is "WeChat"
    String browser = header.contains("MicroMessenger/") ? "WeChat" : shown(familyOf(parser.parseUserAgent(header)));
    return new Browser(browser, shown(familyOf(parser.parseOS(header))));
  }

  private static String familyOf(UserAgent ua) {
    return ua == null ? null : ua.family;
  }

  private static String familyOf(OS os) {
    return os == null ? null : os.family;
  }

  private static String shown(String family) {
    if (family == null || "Other".equals(family) || !PRODUCT_NAME.matcher(family).matches()) {
      return null;
    }
    return SHOWN_AS.getOrDefault(family, family);
  }
}
