package io.wxlogin.login;

import io.wxlogin.config.Env;
import io.wxlogin.login.config.ConfirmSettings;
import io.wxlogin.login.guard.GuardConfig;
import io.wxlogin.login.config.LoginSettings;
import io.wxlogin.login.config.NodeSettings;
import io.wxlogin.login.config.WeChatSettings;
import io.wxlogin.login.oidc.OidcConfig;
import io.wxlogin.redis.RedisConfig;

/**
 * Everything a login node is told through its environment (the README's configuration table), in groups that
 * each read their own variables. A new setting goes into the group it belongs to (one component and its line in
 * that group's {@code from}); a new group is one component here and one line in {@link #from(Env)}. Secrets
 * are {@link io.wxlogin.config.Secret}s, so {@code toString} is safe to log.
 */
public record LoginNodeConfig(NodeSettings node, RedisConfig redis, WeChatSettings wechat, LoginSettings login,
    ConfirmSettings confirm, GuardConfig guard, OidcConfig oidc) {

  /** Reads every group, then fails with one line per bad variable ({@link Env#check()}). */
  public static LoginNodeConfig from(Env env) {
    WeChatSettings wechat = WeChatSettings.from(env);
    LoginNodeConfig config = new LoginNodeConfig(NodeSettings.from(env), RedisConfig.from(env), wechat,
        LoginSettings.from(env), ConfirmSettings.from(env), GuardConfig.from(env, wechat.safeModeEnabled()),
        OidcConfig.from(env));
    env.check();
    return config;
  }

  public String nodeId() {
    return node.nodeId();
  }

  public LoginNodeConfig withHttpPort(int port) {
    return new LoginNodeConfig(node.withHttpPort(port), redis, wechat, login, confirm, guard, oidc);
  }
}
