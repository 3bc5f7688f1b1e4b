package io.wxlogin.login.scene;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisKeys;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** The life of a scene in Redis: created PENDING, claimed by one scan, CONFIRMED, CONSUMED by one poll. */
public final class SceneStore {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SCENE = Pattern.compile("[0-9a-f]{32}");
  private static final LuaScript CREATE = LuaScript.load(SceneStore.class, "create.lua");
  private static final LuaScript POLL = LuaScript.load(SceneStore.class, "poll.lua");
  private static final LuaScript CLAIM = LuaScript.load(SceneStore.class, "claim.lua");
  private static final LuaScript CONFIRM = LuaScript.load(SceneStore.class, "confirm.lua");
  private static final LuaScript SCAN = LuaScript.load(SceneStore.class, "scan.lua");

  private static final long CONSUMING_POLL_TIMEOUT_MS = 15_000;

  private final Redis redis;
  private final RedisKeys keys;

  /** What a poll found: the status and, for the one poll that consumed it, who logged in. */
  public record PollResult(String status, String openid, boolean newUser) {
    public boolean confirmed() {
      return "CONFIRMED".equals(status);
    }

    public boolean pending() {
      return "PENDING".equals(status);
    }
  }

  /** What a scan event's claim found. */
  public enum Claim { CLAIMED, RETRY, SAME_USER, TAKEN, EXPIRED }

  /** The claim and, for a retry whose first delivery got that far, the new-user answer it was given. */
  public record ClaimResult(Claim claim, Boolean newUser) {
  }

  public SceneStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Whether a scan and a poll's consumption each take one script (not cluster mode), see scan.lua. */
  public boolean singleStep() {
    return keys.multiKeyScripts();
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
    return scene == null ? "-" : scene.substring(0, Math.min(6, scene.length())) + "…";
  }

  public Future<Boolean> create(String scene, String ticket, int ttlSeconds) {
    return CREATE.run(redis, List.of(keys.scene(scene)),
            List.of(String.valueOf(System.currentTimeMillis()), ticket, String.valueOf(ttlSeconds)))
        .map(r -> r.toInteger() == 1);
  }

  /**
   * Registers the poll's node and reads the state; a CONFIRMED scene is consumed. With {@code sessionKey}
   * (only where {@link RedisKeys#multiKeyScripts()}) the session is stored under it in the same step.
   */
  public Future<PollResult> poll(String scene, String nodeId, String sessionKey, int sessionTtlSeconds) {
    List<String> keyList = sessionKey == null ? List.of(keys.scene(scene)) : List.of(keys.scene(scene), sessionKey);
    // A poll may consume the scene: if its reply were dropped at the usual deadline while Redis still ran the
    // script, the login would be consumed with nobody to hand it to. The browser's request is open anyway.
    return POLL.run(redis, keyList, List.of(nodeId, String.valueOf(System.currentTimeMillis()),
            String.valueOf(sessionTtlSeconds)), CONSUMING_POLL_TIMEOUT_MS)
        .map(SceneStore::pollResult);
  }

  private static PollResult pollResult(Response r) {
    String status = r.get(0).toString();
    if ("CONFIRMED".equals(status)) {
      return new PollResult(status, r.get(1).toString(), "1".equals(String.valueOf(r.get(2))));
    }
    return new PollResult(status, null, false);
  }

  public Future<ClaimResult> claim(String scene, String openid, String deliveryId) {
    return CLAIM.run(redis, List.of(keys.scene(scene)),
            List.of(openid, deliveryId, String.valueOf(System.currentTimeMillis())))
        .map(r -> {
          Claim claim = Claim.valueOf(r.get(0).toString());
          Boolean newUser = null;
          if (claim == Claim.RETRY && r.size() > 1 && !r.get(1).toString().isEmpty()) {
            newUser = "1".equals(r.get(1).toString());
          }
          return new ClaimResult(claim, newUser);
        });
  }

  /**
   * The whole of a scan in one script: claim, the user's login record, confirmation and the publish to the
   * poll's node. Only where {@link RedisKeys#multiKeyScripts()}; cluster mode uses claim, login and confirm.
   */
  public Future<ClaimResult> scan(String scene, String userKey, String openid, String deliveryId) {
    return SCAN.run(redis, List.of(keys.scene(scene), userKey), List.of(openid, deliveryId,
            String.valueOf(System.currentTimeMillis()), keys.nodeChannel(""), scene))
        .map(r -> {
          Claim claim = Claim.valueOf(r.get(0).toString());
          Boolean newUser = r.size() > 1 && !r.get(1).toString().isEmpty() ? "1".equals(r.get(1).toString()) : null;
          return new ClaimResult(claim, newUser);
        });
  }

  /** Marks the scene CONFIRMED and publishes to the node holding its poll; false if the scene expired. */
  public Future<Boolean> confirm(String scene, boolean newUser) {
    return CONFIRM.run(redis, List.of(keys.scene(scene)), List.of(newUser ? "1" : "0",
            String.valueOf(System.currentTimeMillis()), keys.nodeChannel(""), scene))
        .map(r -> r.toInteger() >= 0);
  }
}
