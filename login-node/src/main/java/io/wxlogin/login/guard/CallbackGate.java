package io.wxlogin.login.guard;

import io.vertx.core.Future;
import io.wxlogin.wechat.WxSignature;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a WeChat callback must pass before its body is read at all: the query {@code signature} (over the
 * Token, {@code timestamp} and {@code nonce}), the encryption mode this server accepts ({@code WECHAT_REQUIRE_AES}),
 * a timestamp inside the replay window, and, for the (timestamp, nonce) pair, no earlier sight with another body
 * ({@link ReplayGuard}). The query is decoded here, strictly: a malformed one is simply not signed.
 */
public final class CallbackGate {

  private final String token;
  private final boolean aesConfigured;
  private final boolean requireAes;
  private final ReplayGuard replay;

  public CallbackGate(String token, boolean aesConfigured, boolean requireAes, ReplayGuard replay) {
    this.token = token;
    this.aesConfigured = aesConfigured;
    this.requireAes = requireAes;
    this.replay = replay;
  }

  /** The query values WeChat sends, or null for each one absent; all null when the query is malformed. */
  public record Query(String signature, String timestamp, String nonce, String echostr, String encryptType,
      String msgSignature) {

    public static Query parse(String rawQuery) {
      Map<String, String> q = new HashMap<>();
      if (rawQuery != null && rawQuery.length() <= 4096) {
        try {
          for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (q.putIfAbsent(name, value) != null) {
              q.put(name, null); // a repeated parameter is ambiguous: treat it as absent
            }
          }
        } catch (IllegalArgumentException e) {
          q.clear();
        }
      }
      return new Query(q.get("signature"), q.get("timestamp"), q.get("nonce"), q.get("echostr"),
          q.get("encrypt_type"), q.get("msg_signature"));
    }

    public boolean encrypted() {
      return "aes".equals(encryptType);
    }
  }

  /** A refusal: the status, the error code (also the metrics reason) and one sentence. */
  public record Refusal(int status, String code, String message) {
    static final Refusal FORGED = new Refusal(403, "bad_signature",
        "The request is not signed with this server's WeChat Token.");
  }

  /** The URL verification GET: signed, or refused. */
  public Refusal verifyUrl(Query q) {
    return q.echostr() == null || !signed(q) ? Refusal.FORGED : null;
  }

  /** A POST: null when it may be read (its verdict says whether it is WeChat's retry), else why not. */
  public Future<Decision> admit(Query q, byte[] body) {
    if (!signed(q)) {
      return refused(Refusal.FORGED);
    }
    if (q.encryptType() != null && !q.encrypted() && !"raw".equals(q.encryptType())) {
      return refused(new Refusal(400, "bad_encrypt_type", "encrypt_type must be raw or aes."));
    }
    if (!q.encrypted() && requireAes) {
      return refused(new Refusal(403, "aes_required", "This server accepts encrypted (safe mode) callbacks only."));
    }
    if (q.encrypted() && !aesConfigured) {
      return refused(new Refusal(400, "aes_not_configured", "This server has no EncodingAESKey."));
    }
    return replay.check(q.timestamp(), q.nonce(), body).map(v -> switch (v) {
      case STALE -> new Decision(v, new Refusal(403, "stale_timestamp",
          "The callback's timestamp is outside the accepted window of " + replay.windowSeconds() + " s."));
      case REPLAY -> new Decision(v, new Refusal(403, "replayed",
          "This signed callback was already received with another body."));
      default -> new Decision(v, null);
    });
  }

  private boolean signed(Query q) {
    return WxSignature.verify(q.signature(), token, q.timestamp(), q.nonce());
  }

  private static Future<Decision> refused(Refusal r) {
    return Future.succeededFuture(new Decision(null, r));
  }

  /** {@code refusal} null: go on; {@code verdict} says whether it is a first sight or WeChat's retry. */
  public record Decision(ReplayGuard.Verdict verdict, Refusal refusal) {
  }
}
