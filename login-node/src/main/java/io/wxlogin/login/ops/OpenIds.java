package io.wxlogin.login.ops;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** The openid operand of {@code user} and {@code revoke}: WeChat's are 28 URL-safe characters; allow up to 64. */
final class OpenIds {

  private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private OpenIds() {
  }

  static boolean valid(String openid) {
    return OPENID.matcher(openid).matches();
  }

  static Output invalid() {
    return new Output(new JsonObject().put("error", "bad_openid")
        .put("message", "an openid is 1 to 64 letters, digits, '-' or '_'"),
        "ops: an openid is 1 to 64 letters, digits, '-' or '_'\n", Output.FAILED);
  }
}
