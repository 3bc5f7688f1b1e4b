package io.wxlogin.login.scene;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wxlogin.login.confirm.LoginRequester;
import io.wxlogin.login.confirm.PhoneAnswer;
import io.wxlogin.login.session.UserRevocationHook;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisFields;
import io.wxlogin.redis.RedisKeys;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A user's text {@code 1} or {@code 0} answering their latest login scan: {@code 1} confirms a SCANNED scene
 * (the user's login recorded, the poll's node told, as a scan does in auto mode); {@code 0} refuses a SCANNED
 * or not yet consumed scene (the poll answers REFUSED), or ends the session a consumed one gave, on every node,
 * with the OpenID SSO session and tokens started from it.
 *
 * <p>Each step touches one key and is safe to repeat for the same WeChat delivery (the text's MsgId): the
 * scene records which message answered it, so a retry, to any node, finishes what the first attempt started
 * and gets the same outcome; another message finds the login already answered. The same steps run in every
 * Redis mode.
 */
public final class SceneAnswers {

  /** What the answer did. */
  public enum Outcome { CONFIRMED, REFUSED, REVOKED, ALREADY_CONFIRMED, ALREADY_ENDED, NOTHING, EXPIRED }

  /** The outcome, what was being logged in (null for NOTHING) and, once confirmed, whether the user is new. */
  public record Answered(Outcome outcome, LoginRequester requester, boolean newUser) {
    static Answered of(Outcome outcome) {
      return new Answered(outcome, null, false);
    }
  }

  private static final String TAKEN = "TAKEN";
  private static final String RETRY = "RETRY";
  private static final String ANSWERED = "ANSWERED";

  private final Redis redis;
  private final RedisKeys keys;
  private final PollNodeNotice notice;
  private final List<UserRevocationHook> hooks;

  /** @param hooks what ends the rest of a login a {@code 0} undoes (see {@link UserRevocationHook#revokeLogin}) */
  public SceneAnswers(Redis redis, RedisKeys keys, List<UserRevocationHook> hooks) {
    this.redis = redis;
    this.keys = keys;
    this.hooks = List.copyOf(hooks);
    this.notice = new PollNodeNotice(redis, keys);
  }

  public Future<Answered> answer(String openid, String deliveryId, PhoneAnswer answer) {
    return send(Request.cmd(Command.HGET).arg(keys.lastScan(openid)).arg(RedisFields.LastScan.SCENE.field()))
        .compose(scene -> scene == null ? Future.succeededFuture(Answered.of(Outcome.NOTHING))
            : take(scene.toString(), openid, deliveryId, answer));
  }

  private Future<Answered> take(String scene, String openid, String deliveryId, PhoneAnswer answer) {
    return SceneScripts.ANSWER_TAKE.run(redis, List.of(keys.scene(scene)),
            List.of(openid, deliveryId, answer.name(), now()))
        .compose(r -> {
          String outcome = r.get(0).toString();
          SceneStatus status = outcome.equals("GONE") ? null : SceneStatus.of(r.get(1).toString());
          LoginRequester requester = SceneStore.requester(r, 3);
          if (outcome.equals(TAKEN) || outcome.equals(RETRY)) {
            return answer == PhoneAnswer.YES ? confirm(scene, openid, deliveryId, requester)
                : refuse(scene, requester);
          }
          if (outcome.equals(ANSWERED)) {
            return Future.succeededFuture(alreadyAnswered(status, requester));
          }
          // the login's QR code expired (a "1" is too late), or the record is not this user's
          return Future.succeededFuture(Answered.of(outcome.equals("GONE") && answer == PhoneAnswer.YES
              ? Outcome.EXPIRED : Outcome.NOTHING));
        });
  }

  private static Answered alreadyAnswered(SceneStatus status, LoginRequester requester) {
    return switch (status) {
      case CONFIRMED, CONSUMED -> new Answered(Outcome.ALREADY_CONFIRMED, requester, false);
      case REFUSED -> new Answered(Outcome.ALREADY_ENDED, requester, false);
      default -> Answered.of(Outcome.NOTHING);
    };
  }

  /** The user's login recorded once for this message, then the scene CONFIRMED and its poll's node told. */
  private Future<Answered> confirm(String scene, String openid, String deliveryId, LoginRequester requester) {
    return SceneScripts.LOGIN_STEP.run(redis, List.of(keys.user(openid)), List.of(deliveryId, now()))
        .compose(isNew -> SceneScripts.CONFIRM_STEP.run(redis, List.of(keys.scene(scene)),
                List.of(isNew.toString(), now(), notice.channelPrefix(), scene))
            .compose(confirmed -> confirmed.toInteger() < 0 ? Future.succeededFuture(Answered.of(Outcome.EXPIRED))
                : notice.afterScript(scene)
                    .map(new Answered(Outcome.CONFIRMED, requester, "1".equals(isNew.toString())))));
  }

  /** REFUSED before any session existed, or the consumed login's session deleted. */
  private Future<Answered> refuse(String scene, LoginRequester requester) {
    return SceneScripts.REFUSE_STEP.run(redis, List.of(keys.scene(scene)),
            List.of(now(), notice.channelPrefix(), scene))
        .compose(r -> notice.afterScript(scene).map(r))
        .compose(r -> {
          String result = r.get(0).toString();
          if (result.equals("REVOKED")) {
            return endLogin(r.get(1).toString(), r.get(2).toString())
                .map(v -> new Answered(Outcome.REVOKED, requester, false));
          }
          if (!result.equals(SceneStatus.REFUSED.name())) {
            return Future.succeededFuture(Answered.of(Outcome.NOTHING));
          }
          // REFUSED now, or by this same message before (a retry): a login the scan had made is "revoked"
          boolean wasLogin = r.size() > 1 && "1".equals(r.get(1).toString());
          return Future.succeededFuture(new Answered(wasLogin ? Outcome.REVOKED : Outcome.REFUSED, requester, false));
        });
  }

  /** Deletes the session the login's poll took, then what else it gave: the OpenID SSO session started from it. */
  private Future<Void> endLogin(String sessionHash, String sso) {
    Future<Void> session = sessionHash.isEmpty() ? Future.succeededFuture()
        : send(Request.cmd(Command.DEL).arg(keys.session(sessionHash))).mapEmpty();
    if (sso.isEmpty()) {
      return session;
    }
    return session.compose(v -> {
      Future<Void> all = Future.succeededFuture();
      for (UserRevocationHook hook : hooks) {
        all = all.compose(x -> hook.revokeLogin(redis, keys, sso).mapEmpty());
      }
      return all;
    });
  }

  private Future<Response> send(Request request) {
    return redis.send(request).timeout(RedisConfig.COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static String now() {
    return String.valueOf(System.currentTimeMillis());
  }
}
