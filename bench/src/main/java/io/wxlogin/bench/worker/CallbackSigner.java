package io.wxlogin.bench.worker;

import io.wxlogin.wechat.WxSignature;
import io.wxlogin.wechat.WxXml;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plays WeChat's side of a scan: the event push a follower ({@code SCAN}) or a new follower
 * ({@code subscribe}, {@code qrscene_} prefix) triggers, and the signed query it is posted with
 * (docs/wechat-protocol.md §1.1, §3.3). The bench signs callbacks itself so the sandbox's scan path stays out
 * of the measured path.
 */
public final class CallbackSigner {

  private final String token;
  private final String originalId;

  public CallbackSigner(String token, String originalId) {
    this.token = token;
    this.originalId = originalId;
  }

  /** {@code signature&timestamp&nonce} for a POST to {@code /wechat/callback}. */
  public String query(long timestampSeconds, String nonce) {
    String ts = String.valueOf(timestampSeconds);
    return "signature=" + WxSignature.sign(token, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce;
  }

  public String query(long timestampSeconds) {
    // 63 random bits: the node refuses a second body under one (timestamp, nonce), and thousands of scans a
    // second with 31-bit nonces would collide now and then
    return query(timestampSeconds, String.valueOf(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)));
  }

  /** The event XML for a scan of {@code scene}'s QR code by {@code openid}. */
  public String scanEvent(String openid, String scene, String ticket, boolean follower, long createTimeSeconds) {
    return follower
        ? WxXml.event(originalId, openid, createTimeSeconds, "SCAN", scene, ticket)
        : WxXml.event(originalId, openid, createTimeSeconds, "subscribe", "qrscene_" + scene, ticket);
  }
}
