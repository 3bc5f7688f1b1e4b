package io.wxlogin.token.keys;

import io.wxlogin.config.Env;
import io.wxlogin.oidc.KeySecret;
import java.time.Duration;

/**
 * The signing-key keeper's settings. OIDC keys are kept only when {@code OIDC_KEYS_SECRET} is set (the login
 * nodes' OpenID provider needs the same secret); see docs/oidc.md for the rotation timeline.
 *
 * @param rotation     how long one key signs before its successor takes over
 * @param publishAhead how long a new key is in the JWKS before it signs (relying parties cache the JWKS)
 * @param retain       how long a superseded key stays published: longer than any token it signed lives
 */
public record KeysConfig(KeySecret secret, Duration rotation, Duration publishAhead, Duration retain) {

  /** The keeper's settings, or null when OIDC is off on this token-server; problems are added to {@code env}. */
  public static KeysConfig from(Env env) {
    String secret = env.string("OIDC_KEYS_SECRET", null);
    int rotation = env.integer("OIDC_KEY_ROTATION_SECONDS", 86_400, 2, 31_536_000);
    int ahead = env.integer("OIDC_KEY_PUBLISH_AHEAD_SECONDS", 3_600, 1, 31_536_000);
    int retain = env.integer("OIDC_KEY_RETAIN_SECONDS", 86_400, 1, 31_536_000);
    if (ahead >= rotation) {
      env.problem("OIDC_KEY_PUBLISH_AHEAD_SECONDS is " + ahead + ": must be shorter than OIDC_KEY_ROTATION_SECONDS ("
          + rotation + ")");
    }
    if (secret != null && secret.length() < KeySecret.MIN_LENGTH) {
      env.problem("OIDC_KEYS_SECRET is too short: use at least " + KeySecret.MIN_LENGTH
          + " random characters, the same on the token-server and every login node");
    }
    return secret == null || secret.length() < KeySecret.MIN_LENGTH ? null : new KeysConfig(new KeySecret(secret), Duration.ofSeconds(rotation),
        Duration.ofSeconds(ahead), Duration.ofSeconds(retain));
  }

  @Override
  public String toString() {
    return "KeysConfig[rotation=" + rotation + ", publishAhead=" + publishAhead + ", retain=" + retain + "]";
  }
}
