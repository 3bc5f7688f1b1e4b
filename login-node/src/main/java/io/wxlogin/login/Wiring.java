package io.wxlogin.login;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.wxlogin.login.callback.CallbackHandler;
import io.wxlogin.login.config.ConfirmSettings;
import io.wxlogin.login.config.WeChatSettings;
import io.wxlogin.login.confirm.RequesterDescriber;
import io.wxlogin.login.guard.Guards;
import io.wxlogin.login.oidc.OidcRoutes;
import io.wxlogin.login.poll.ParkedPolls;
import io.wxlogin.login.poll.PollHandler;
import io.wxlogin.login.scene.QrCodeHandler;
import io.wxlogin.login.scene.SceneAnswers;
import io.wxlogin.login.scene.SceneStore;
import io.wxlogin.login.session.SessionHandler;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.login.session.UserRevocationHook;
import io.wxlogin.login.token.AccessTokens;
import io.wxlogin.login.web.Health;
import io.wxlogin.login.web.LoginMetrics;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.redis.Subscriber;
import io.wxlogin.wechat.WeChatApi;
import io.wxlogin.wechat.WxCrypto;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A login node's object graph, built in one place: the Redis clients, the stores, the handlers the routes
 * use, and the pub/sub subscription that wakes polls and reloads the token. {@link #close()} releases what it
 * opened. A new feature adds its objects here and its routes in {@link LoginNodeVerticle#start()}.
 */
final class Wiring {

  private static final int COMMAND_POOL = 16;

  final Redis redis;
  final WeChatApi wechat;
  final AccessTokens tokens;
  final ParkedPolls parked = new ParkedPolls();
  final PollHandler polls;
  final QrCodeHandler qr;
  final CallbackHandler callback;
  final SessionHandler session;
  final Subscriber subscriber;
  /** The OpenID provider, or null when OIDC is off. */
  final OidcRoutes oidc;
  final Health health;
  final Guards guards;

  Wiring(Vertx vertx, LoginNodeConfig config, PrometheusMeterRegistry registry) {
    RedisConfig rc = config.redis();
    RedisKeys keys = rc.keys();
    redis = rc.commandClient(vertx, "login-node", COMMAND_POOL);
    WeChatSettings wx = config.wechat();
    wechat = new WeChatApi(vertx, wx.apiBase(), wx.apiTimeoutMs());
    tokens = new AccessTokens(vertx, redis, keys, wx.appId());
    LoginMetrics metrics = new LoginMetrics(registry);
    guards = new Guards(vertx, redis, keys, wx.appId(), config.guard(), wx.qrImageBase(), wx.callbackToken().reveal(),
        wx.safeModeEnabled(), registry);
    metrics.parkedPolls(parked);
    guards.refusals.onCount(metrics.onCall()::guardRefused);
    wechat.observe(metrics.onCall());
    metrics.onCall().token(tokens::refreshedAtMs, tokens::expiresAtMs);
    ConfirmSettings confirm = config.confirm();
    SceneStore scenes = new SceneStore(redis, keys, confirm.revokeWindowSeconds());
    SessionStore sessions = new SessionStore(redis, keys, config.login().sessionTtlSeconds());
    polls = new PollHandler(vertx, scenes, sessions, parked, config.nodeId(), config.login().pollWaitMaxSeconds(),
        metrics, guards.polls);
    RequesterDescriber requesters = new RequesterDescriber(vertx, guards.clients::maskedNet, confirm.siteName());
    qr = new QrCodeHandler(vertx, wechat, tokens, scenes, wx.qrImageBase(), config.login().sceneTtlSeconds(),
        requesters, metrics, guards.qr, config.guard().qrBudgetMs());
    oidc = config.oidc() == null ? null : new OidcRoutes(vertx, config.oidc(), keys, redis, wx.appId(), sessions);
    if (oidc != null) {
      qr.withAuthRequests(oidc.qr());
    }
    SceneAnswers answers = new SceneAnswers(redis, keys, UserRevocationHook.installed());
    callback = new CallbackHandler(wx.callbackToken().reveal(), crypto(wx), scenes, answers, confirm, metrics,
        guards.callbacks);
    session = new SessionHandler(sessions);
    subscriber = subscriber(vertx, rc, keys, config.nodeId());
    health = new Health(redis, tokens, subscriber);
  }

  private static WxCrypto crypto(WeChatSettings wx) {
    return wx.safeModeEnabled() ? new WxCrypto(wx.appId(), wx.aesKey().reveal(),
        wx.previousAesKey() == null ? null : wx.previousAesKey().reveal()) : null;
  }

  /**
   * This node's channel wakes its polls; token-updated reloads the token; both are re-read after a gap. Sharded
   * ({@code SSUBSCRIBE} on each channel's shard) in cluster mode, classic on standalone and sentinel Redis.
   */
  private Subscriber subscriber(Vertx vertx, RedisConfig rc, RedisKeys keys, String nodeId) {
    String myChannel = keys.nodeChannel(nodeId);
    Map<String, Consumer<String>> channels = new HashMap<>(Map.of(
        myChannel, polls::wake,
        keys.tokenUpdatedChannel(), tokens::onUpdated));
    if (oidc != null) {
      channels.put(oidc.keysChannel(), payload -> oidc.keysChanged());
    }
    return Subscriber.create(vertx, rc, redis, "login-node-pubsub", channels.keySet().stream().sorted().toList(),
        (channel, payload) -> channels.get(channel).accept(payload))
        // messages published while the link was down are lost: re-read what they would have announced
        .onResubscribed(v -> {
          polls.recheckAll();
          tokens.reload();
          if (oidc != null) {
            oidc.keysChanged();
          }
        })
        .heartbeat(redis, myChannel, "");
  }

  Future<Void> close() {
    guards.stop();
    if (oidc != null) {
      oidc.stop();
    }
    return subscriber.close().eventually(() -> {
      wechat.close();
      return redis.close();
    });
  }
}
