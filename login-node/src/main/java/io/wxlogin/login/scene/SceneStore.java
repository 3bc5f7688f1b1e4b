package io.wxlogin.login.scene;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.login.scene.ScanResult.Claim;
import io.wxlogin.redis.RedisKeys;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The life of a scene in Redis ({@link SceneStatus}): created PENDING, claimed by one scan, CONFIRMED,
 * CONSUMED by one poll. A scan and a consuming poll are one script each where every key may be touched by one
 * script, and the same pieces run one by one in cluster mode ({@link SceneScripts}); callers see no difference.
 */
public final class SceneStore {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SCENE = Pattern.compile("[0-9a-f]{32}");
  private static final int SHOWN_CHARS = 8;
  /**
   * A poll may consume the scene: if its reply were dropped at the usual deadline while Redis still ran the
   * script, the login would be consumed with nobody to hand it to. The browser's request is open anyway.
   */
  private static final long CONSUMING_POLL_TIMEOUT_MS = 15_000;

  private final Redis redis;
  private final RedisKeys keys;
  private final boolean singleStep;

  /** What a poll found: the status and, for the one poll that consumed it, who logged in. */
  public record PollResult(SceneStatus status, String openid, boolean newUser) {
  }

  /** The scene was consumed by this poll but its session could not be stored (cluster mode's second step). */
  public static final class SessionNotStored extends RuntimeException {
    SessionNotStored(Throwable cause) {
      super("the scene was consumed but its session could not be stored: " + cause, cause);
    }
  }

  public SceneStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
    this.singleStep = keys.multiKeyScripts();
  }

  /** 128 random bits as 32 lowercase hex digits: unguessable, and within WeChat's 64-character scene_str. */
  public static String newSceneId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static boolean looksLikeSceneId(String s) {
    return s != null && SCENE.matcher(s).matches();
  }

  /** A scene id shortened for logs: enough to correlate lines, useless for polling someone else's login. */
  public static String redacted(String scene) {
    return scene == null ? "-" : scene.substring(0, Math.min(SHOWN_CHARS, scene.length())) + "…";
  }

  public Future<Boolean> create(String scene, String ticket, int ttlSeconds) {
    return SceneScripts.CREATE.run(redis, List.of(keys.scene(scene)), List.of(now(), ticket, String.valueOf(ttlSeconds)))
        .map(r -> r.toInteger() == 1);
  }

  /**
   * One scan event of {@code openid} (WeChat delivery {@code deliveryId}): the first takes the scene, records the
   * user's login, confirms the scene and tells the node holding its poll. Every step is safe to repeat for the
   * same delivery, so a retry (to any node) finishes a first attempt that died midway and gets the same answer.
   */
  public Future<ScanResult> scan(String scene, String openid, String deliveryId) {
    if (singleStep) {
      return SceneScripts.SCAN.run(redis, List.of(keys.scene(scene), keys.user(openid)),
              List.of(openid, deliveryId, now(), keys.nodeChannel(""), scene))
          .map(SceneStore::scanResult);
    }
    return SceneScripts.CLAIM_STEP.run(redis, List.of(keys.scene(scene)), List.of(openid, deliveryId, now()))
        .compose(r -> {
          Claim claim = Claim.valueOf(r.get(0).toString());
          String firstAnswer = answer(r);
          return ScanResult.ours(claim) && firstAnswer.isEmpty()
              ? logIn(scene, openid, deliveryId, claim) : Future.succeededFuture(scanResult(r));
        });
  }

  private Future<ScanResult> logIn(String scene, String openid, String deliveryId, Claim claim) {
    return SceneScripts.LOGIN_STEP.run(redis, List.of(keys.user(openid)), List.of(deliveryId, now()))
        .compose(isNew -> SceneScripts.CONFIRM_STEP.run(redis, List.of(keys.scene(scene)),
                List.of(isNew.toString(), now(), keys.nodeChannel(""), scene))
            .map(confirmed -> confirmed.toInteger() < 0 ? ScanResult.refused(Claim.EXPIRED)
                : ScanResult.loggedIn(claim, isNew.toString())));
  }

  private static ScanResult scanResult(Response r) {
    Claim claim = Claim.valueOf(r.get(0).toString());
    return ScanResult.ours(claim) ? ScanResult.loggedIn(claim, answer(r)) : ScanResult.refused(claim);
  }

  private static String answer(Response r) {
    return r.size() > 1 && r.get(1) != null ? r.get(1).toString() : "";
  }

  /**
   * Records this node as the poll's holder and reads the state; a CONFIRMED scene is consumed, and the session
   * {@code session} was minted for is stored (in the same step where the keys allow it).
   */
  public Future<PollResult> poll(String scene, String nodeId, SessionStore.NewToken session, int sessionTtlSeconds) {
    String now = now();
    if (singleStep) {
      return SceneScripts.POLL.run(redis, List.of(keys.scene(scene), session.key()),
              List.of(nodeId, now, String.valueOf(sessionTtlSeconds)), CONSUMING_POLL_TIMEOUT_MS)
          .map(SceneStore::pollResult);
    }
    return SceneScripts.POLL_STEP.run(redis, List.of(keys.scene(scene)), List.of(nodeId, now),
            CONSUMING_POLL_TIMEOUT_MS)
        .map(SceneStore::pollResult)
        .compose(result -> result.status() != SceneStatus.CONFIRMED ? Future.succeededFuture(result)
            : SceneScripts.SESSION_STEP.run(redis, List.of(session.key()), List.of(result.openid(),
                    result.newUser() ? "1" : "0", now, String.valueOf(sessionTtlSeconds)))
                .<PollResult>transform(ar -> ar.succeeded() ? Future.succeededFuture(result)
                    : Future.failedFuture(new SessionNotStored(ar.cause()))));
  }

  private static PollResult pollResult(Response r) {
    SceneStatus status = SceneStatus.of(r.get(0).toString());
    if (status == SceneStatus.CONFIRMED) {
      return new PollResult(status, r.get(1).toString(), "1".equals(String.valueOf(r.get(2))));
    }
    return new PollResult(status, null, false);
  }

  private static String now() {
    return String.valueOf(System.currentTimeMillis());
  }
}
