package io.wxlogin.login.scene;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.login.confirm.LoginRequester;
import io.wxlogin.login.confirm.ReplyTexts;
import io.wxlogin.login.session.SessionStore;
import io.wxlogin.login.session.UserSessions;
import io.wxlogin.login.scene.ScanResult.Claim;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.server.TokenRandom;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The life of a scene in Redis ({@link SceneStatus}): created PENDING, claimed by one scan, CONFIRMED,
 * CONSUMED by one poll; with {@code LOGIN_CONFIRM=reply} SCANNED in between, until the user's "1" confirms it
 * or "0" REFUSES it ({@link SceneAnswers}). A scan and a consuming poll are one script each where every key
 * may be touched by one script, and the same pieces run one by one in cluster mode ({@link SceneScripts});
 * callers see no difference.
 */
public final class SceneStore {

  private static final SecureRandom RANDOM = TokenRandom.instance();
  private static final Pattern SCENE = Pattern.compile("[0-9a-f]{32}");
  private static final int SHOWN_CHARS = 8;
  /**
   * A poll may consume the scene: if its reply were dropped at the usual deadline while Redis still ran the
   * script, the login would be consumed with nobody to hand it to. The browser's request is open anyway.
   */
  private static final long CONSUMING_POLL_TIMEOUT_MS = 15_000;

  private static final String SCANNED_SEEN = "SCANNED_SEEN";
  private static final List<RedisFields.Scene> REQUESTER = List.of(RedisFields.Scene.BROWSER, RedisFields.Scene.OS,
      RedisFields.Scene.CLIENT_NET, RedisFields.Scene.SITE);

  private static final System.Logger LOG = System.getLogger("wxlogin.scene");

  private final Redis redis;
  private final RedisKeys keys;
  private final PollNodeNotice notice;
  private final boolean singleStep;
  private final int revokeWindowSeconds;
  private final UserSessions index;

  /**
   * What a poll found: the status and, for the one poll that consumed it, who logged in, when the scan was
   * confirmed and when the QR code was made (epoch ms, null if the scene lacks them). {@code seen}: the scene
   * is SCANNED and an earlier poll already said so, so this one waits for the final state.
   */
  public record PollResult(SceneStatus status, String openid, boolean newUser, boolean seen, Long confirmedAt,
      Long createdAt) {
    public PollResult(SceneStatus status, String openid, boolean newUser) {
      this(status, openid, newUser, false, null, null);
    }
  }

  /** The scene was consumed by this poll but its session could not be stored (cluster mode's second step). */
  public static final class SessionNotStored extends RuntimeException {
    SessionNotStored(Throwable cause) {
      super("the scene was consumed but its session could not be stored: " + cause, cause);
    }
  }

  /** With the default revoke window ({@link ReplyTexts#REVOKE_WINDOW}). */
  public SceneStore(Redis redis, RedisKeys keys) {
    this(redis, keys, (int) ReplyTexts.REVOKE_WINDOW.toSeconds());
  }

  /**
   * {@code revokeWindowSeconds}: how long after a scan the user's "0" may still end the login it made; the
   * user's last-scan record and a consumed scene are kept that long.
   */
  public SceneStore(Redis redis, RedisKeys keys, int revokeWindowSeconds) {
    this.redis = redis;
    this.keys = keys;
    this.notice = new PollNodeNotice(redis, keys);
    this.singleStep = keys.multiKeyScripts();
    this.revokeWindowSeconds = revokeWindowSeconds;
    this.index = new UserSessions(redis, keys, List.of());
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

  /** Stores a PENDING scene, nothing known of what asked for it; false if the id is taken. */
  public Future<Boolean> create(String scene, String ticket, int ttlSeconds) {
    return create(scene, ticket, ttlSeconds, new LoginRequester(null, null, null, null));
  }

  /** Stores a PENDING scene with what asked for it; false if the id is taken (never overwritten). */
  public Future<Boolean> create(String scene, String ticket, int ttlSeconds, LoginRequester requester) {
    return SceneScripts.CREATE.run(redis, List.of(keys.scene(scene)), List.of(now(), ticket,
            String.valueOf(ttlSeconds), orEmpty(requester.browser()), orEmpty(requester.os()),
            orEmpty(requester.clientNet()), orEmpty(requester.site())))
        .map(r -> r.toInteger() == 1);
  }

  /**
   * One scan event of {@code openid} (WeChat delivery {@code deliveryId}) with {@code LOGIN_CONFIRM=auto}: the
   * first takes the scene, records the user's login, confirms the scene, tells the node holding its poll and
   * remembers the scan for a later "0". Every step is safe to repeat for the same delivery, so a retry (to any
   * node) finishes a first attempt that died midway and gets the same answer.
   */
  public Future<ScanResult> scan(String scene, String openid, String deliveryId) {
    if (singleStep) {
      return SceneScripts.SCAN.run(redis, List.of(keys.scene(scene), keys.user(openid), keys.lastScan(openid)),
              List.of(openid, deliveryId, now(), keys.nodeChannel(""), scene, revokeWindow()))
          .map(r -> {
            Claim claim = Claim.valueOf(r.get(0).toString());
            return ScanResult.ours(claim) ? ScanResult.loggedIn(claim, r.get(1).toString(), requester(r, 2))
                : ScanResult.refused(claim);
          });
    }
    return SceneScripts.CLAIM_STEP.run(redis, List.of(keys.scene(scene)), List.of(openid, deliveryId, now()))
        .compose(r -> {
          Claim claim = Claim.valueOf(r.get(0).toString());
          if (!ScanResult.ours(claim)) {
            return Future.succeededFuture(ScanResult.refused(claim));
          }
          String firstAnswer = answer(r);
          Future<String> newUser = firstAnswer.isEmpty() ? logIn(scene, openid, deliveryId)
              : Future.succeededFuture(firstAnswer);
          return newUser.compose(isNew -> isNew == null ? Future.succeededFuture(ScanResult.refused(Claim.EXPIRED))
              : remember(scene, openid).compose(v -> requesterOf(scene))
                  .map(requester -> ScanResult.loggedIn(claim, isNew, requester)));
        });
  }

  /** Cluster mode's login and confirm steps; null when the scene expired meanwhile. */
  private Future<String> logIn(String scene, String openid, String deliveryId) {
    return SceneScripts.LOGIN_STEP.run(redis, List.of(keys.user(openid)), List.of(deliveryId, now()))
        .compose(isNew -> SceneScripts.CONFIRM_STEP.run(redis, List.of(keys.scene(scene)),
                List.of(isNew.toString(), now(), notice.channelPrefix(), scene))
            // also after "already confirmed": a re-sent event wakes a poll its first delivery never told
            .compose(confirmed -> confirmed.toInteger() < 0 ? Future.succeededFuture((String) null)
                : notice.afterScript(scene).map(isNew.toString())));
  }

  /**
   * One scan event with {@code LOGIN_CONFIRM=reply}: the first takes the scene and marks it SCANNED (its poll
   * told at once); nothing is logged in until the user answers "1" ({@link SceneAnswers}). The scene's own
   * script, then the user's last-scan record; a retry repeats both harmlessly.
   */
  public Future<ScanResult> scanToConfirm(String scene, String openid, String deliveryId) {
    return SceneScripts.SCAN_REPLY.run(redis, List.of(keys.scene(scene)),
            List.of(openid, deliveryId, now(), notice.channelPrefix(), scene))
        .compose(r -> notice.afterScript(scene).map(r))
        .compose(r -> {
          Claim claim = Claim.valueOf(r.get(0).toString());
          // the same user scanning again before answering is asked again, not told "already logged in"
          boolean stillAsking = claim == Claim.SAME_USER && SceneStatus.SCANNED.name().equals(text(r, 5));
          return ScanResult.ours(claim) || stillAsking
              ? remember(scene, openid).map(v -> ScanResult.scanned(claim, requester(r, 1)))
              : Future.succeededFuture(ScanResult.refused(claim));
        });
  }

  private Future<Void> remember(String scene, String openid) {
    return SceneScripts.REMEMBER_STEP.run(redis, List.of(keys.lastScan(openid)),
        List.of(scene, now(), revokeWindow())).mapEmpty();
  }

  private Future<LoginRequester> requesterOf(String scene) {
    Request hmget = Request.cmd(Command.HMGET).arg(keys.scene(scene));
    for (RedisFields.Scene f : REQUESTER) {
      hmget.arg(f.field());
    }
    return redis.send(hmget).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(r -> requester(r, 0));
  }

  /** The four requester fields of a script's or HMGET's answer, from index {@code from}; null if none is set. */
  static LoginRequester requester(Response r, int from) {
    LoginRequester requester = new LoginRequester(text(r, from), text(r, from + 1), text(r, from + 2),
        text(r, from + 3));
    return requester.equals(new LoginRequester(null, null, null, null)) ? null : requester;
  }

  private static String text(Response r, int i) {
    return r.size() > i && r.get(i) != null && !r.get(i).toString().isEmpty() ? r.get(i).toString() : null;
  }

  private static String answer(Response r) {
    return r.size() > 1 && r.get(1) != null ? r.get(1).toString() : "";
  }

  /**
   * Records this node as the poll's holder and reads the state; a CONFIRMED scene is consumed, and the session
   * {@code session} was minted for is stored (in the same step where the keys allow it) and named on the scene.
   */
  public Future<PollResult> poll(String scene, String nodeId, SessionStore.NewToken session, int sessionTtlSeconds) {
    String now = now();
    String ttl = String.valueOf(sessionTtlSeconds);
    if (singleStep) {
      return SceneScripts.POLL.run(redis, List.of(keys.scene(scene), session.key()),
              List.of(nodeId, now, ttl, session.hash(), revokeWindow(), scene, keys.userSessions("")),
              CONSUMING_POLL_TIMEOUT_MS)
          .map(SceneStore::pollResult);
    }
    return SceneScripts.POLL_STEP.run(redis, List.of(keys.scene(scene)),
            List.of(nodeId, now, session.hash(), revokeWindow()), CONSUMING_POLL_TIMEOUT_MS)
        .map(SceneStore::pollResult)
        .compose(result -> result.status() != SceneStatus.CONFIRMED ? Future.succeededFuture(result)
            : SceneScripts.SESSION_STEP.run(redis, List.of(session.key()), List.of(result.openid(),
                    result.newUser() ? "1" : "0", now, ttl, scene))
                .compose(stored -> unlessRevoked(scene, session, result))
                .compose(kept -> indexed(kept, session, sessionTtlSeconds))
                .<PollResult>transform(ar -> ar.succeeded() ? Future.succeededFuture(ar.result())
                    : Future.failedFuture(new SessionNotStored(ar.cause()))));
  }

  /**
   * Cluster mode only, where consuming the scene and storing its session are two steps: a "0" that came
   * between them found no session to delete, but marked the scene first; so the poll, having stored the
   * session, looks once more and deletes it itself. One of the two always sees the other.
   */
  private Future<PollResult> unlessRevoked(String scene, SessionStore.NewToken session, PollResult result) {
    return redis.send(Request.cmd(Command.HGET).arg(keys.scene(scene)).arg(RedisFields.Scene.REVOKED_AT.field()))
        .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .compose(revoked -> revoked == null ? Future.succeededFuture(result)
            : redis.send(Request.cmd(Command.DEL).arg(session.key()))
                .timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .map(v -> new PollResult(SceneStatus.REFUSED, null, false, false, null, null)));
  }

  /**
   * Cluster mode's last step: the stored session joins its user's index. The login stands if this fails (the
   * browser gets its session); only a revocation of that user would miss it, so it is said once in the log.
   */
  private Future<PollResult> indexed(PollResult result, SessionStore.NewToken session, int sessionTtlSeconds) {
    if (result.status() != SceneStatus.CONFIRMED) {
      return Future.succeededFuture(result);
    }
    return index.add(result.openid(), session.hash(), sessionTtlSeconds)
        .transform(ar -> {
          if (ar.failed()) {
            LOG.log(System.Logger.Level.WARNING, "a session of " + redacted(result.openid()) + " is not in its "
                + "user's index (a revocation of that user would miss it until it expires): " + ar.cause());
          }
          return Future.succeededFuture(result);
        });
  }

  private static PollResult pollResult(Response r) {
    String answer = r.get(0).toString();
    if (SCANNED_SEEN.equals(answer)) {
      return new PollResult(SceneStatus.SCANNED, null, false, true, null, null);
    }
    SceneStatus status = SceneStatus.of(answer);
    if (status == SceneStatus.CONFIRMED) {
      return new PollResult(status, r.get(1).toString(), "1".equals(String.valueOf(r.get(2))), false, epochMs(r, 3),
          epochMs(r, 4));
    }
    return new PollResult(status, null, false, false, null, null);
  }

  private static Long epochMs(Response r, int index) {
    String value = r.size() > index && r.get(index) != null ? r.get(index).toString() : "";
    return value.matches("[0-9]{1,15}") ? Long.valueOf(value) : null;
  }

  private String revokeWindow() {
    return String.valueOf(revokeWindowSeconds);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String now() {
    return String.valueOf(System.currentTimeMillis());
  }
}
