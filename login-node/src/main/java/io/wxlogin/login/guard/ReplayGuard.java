package io.wxlogin.login.guard;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wxlogin.redis.RedisConfig;
import io.wxlogin.redis.RedisKeys;
import io.wxlogin.server.Deadlines;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * Makes a signed callback query good for one body only. In plaintext mode WeChat's {@code signature} covers
 * the Token, {@code timestamp} and {@code nonce} but not the body, so a query copied from any log would
 * otherwise carry any event for ever. A callback is refused when its timestamp is outside a window around now;
 * inside it, the first sight of the pair binds it in Redis to a digest of the body: the same body again is
 * WeChat's retry and is handled as one, another body is a replay (docs/security.md, "Callback replay").
 */
public final class ReplayGuard {

  private final Redis redis;
  private final RedisKeys keys;
  private final long windowSeconds;
  private final LongSupplier clockMillis;

  public ReplayGuard(Redis redis, RedisKeys keys, int windowSeconds, LongSupplier clockMillis) {
    this.redis = redis;
    this.keys = keys;
    this.windowSeconds = windowSeconds;
    this.clockMillis = clockMillis;
  }

  public ReplayGuard(Redis redis, RedisKeys keys, int windowSeconds) {
    this(redis, keys, windowSeconds, System::currentTimeMillis);
  }

  /**
   * The verdict on a callback whose signature already checked out. {@code timestamp} and {@code nonce} are the
   * signed query values; {@code body} the raw bytes received.
   */
  public Future<Verdict> check(String timestamp, String nonce, byte[] body) {
    if (!fresh(timestamp)) {
      return Future.succeededFuture(Verdict.STALE);
    }
    // the pair is hashed: the key stays short and never holds what a client sent
    String pair = sha256(timestamp + "\n" + nonce).substring(0, 32);
    // kept twice the window: a timestamp up to one window ahead stays valid for two windows from now. One
    // command binds or compares: SET NX GET (Redis >= 7.0) stores the digest only if the pair is new, and answers
    // nil then, or the digest stored first.
    String digest = sha256(body);
    Request bind = Request.cmd(Command.SET).arg(keys.callbackSeen(pair)).arg(digest).arg("NX")
        .arg("EX").arg(2 * windowSeconds).arg("GET");
    return Deadlines.within(redis.send(bind), RedisConfig.COMMAND_TIMEOUT_MS).map(first -> first == null
        ? Verdict.FIRST
        : first.toString().equals(digest) ? Verdict.RETRY : Verdict.REPLAY);
  }

  private boolean fresh(String timestamp) {
    if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
      return false;
    }
    long skew = Math.abs(clockMillis.getAsLong() / 1000 - Long.parseLong(timestamp));
    return skew <= windowSeconds;
  }

  public long windowSeconds() {
    return windowSeconds;
  }

  private static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** FIRST and RETRY are handled (a retry idempotently); STALE and REPLAY are refused 403. */
  public enum Verdict {
    FIRST, RETRY, STALE, REPLAY;

    public boolean accepted() {
      return this == FIRST || this == RETRY;
    }
  }
}
