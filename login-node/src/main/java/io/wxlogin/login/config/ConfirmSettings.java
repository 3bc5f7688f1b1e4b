package io.wxlogin.login.config;

import io.wxlogin.config.Env;
import io.wxlogin.login.confirm.ConfirmMode;
import io.wxlogin.login.confirm.ReplyTexts;

/**
 * How a scan becomes a login and what the user is told about it: {@code LOGIN_CONFIRM} ({@code auto}: the scan
 * logs in, a "0" within {@code LOGIN_REVOKE_WINDOW_SECONDS} undoes it; {@code reply}: the user's "1" logs in),
 * and {@code SITE_NAME}, what the WeChat reply says is being logged into when no OIDC client names itself.
 *
 * @param siteName null when unset: the reply then says 网站 (a website)
 */
public record ConfirmSettings(ConfirmMode mode, int revokeWindowSeconds, String siteName) {

  private static final int MAX_SITE_NAME = 40;

  public static ConfirmSettings from(Env env) {
    ConfirmMode mode = env.choice("LOGIN_CONFIRM", ConfirmMode.AUTO, ConfirmMode.class);
    int window = env.integer("LOGIN_REVOKE_WINDOW_SECONDS", (int) ReplyTexts.REVOKE_WINDOW.toSeconds(), 1, 86_400);
    String site = env.string("SITE_NAME", null);
    if (site != null && site.length() > MAX_SITE_NAME) {
      env.problem("SITE_NAME is " + site.length() + " characters: at most " + MAX_SITE_NAME
          + ", it is shown in a WeChat message");
    }
    return new ConfirmSettings(mode, window, site);
  }
}
