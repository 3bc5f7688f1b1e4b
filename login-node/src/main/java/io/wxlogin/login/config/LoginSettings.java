package io.wxlogin.login.config;

import io.wxlogin.config.Env;

/**
 * How long the steps of a login last: a QR code ({@code SCENE_TTL_SECONDS}), a held poll
 * ({@code POLL_WAIT_MAX_SECONDS}) and the session it ends in ({@code SESSION_TTL_SECONDS}).
 */
public record LoginSettings(int sceneTtlSeconds, int pollWaitMaxSeconds, int sessionTtlSeconds) {

  public static LoginSettings from(Env env) {
    return new LoginSettings(
        env.integer("SCENE_TTL_SECONDS", 180, 10, 2_592_000),
        env.integer("POLL_WAIT_MAX_SECONDS", 30, 0, 120),
        env.integer("SESSION_TTL_SECONDS", 604_800, 60, 31_536_000));
  }
}
