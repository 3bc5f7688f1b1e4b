package io.wxlogin.sandbox.qr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Makes tickets and QR urls shaped like WeChat's (docs/wechat.md §5.2). A real ticket is base64 of a
 * small binary blob holding the url, the creation time and the expiry; this one is built the same way.
 * Every ticket contains {@code +} or {@code /} and ends in {@code ==}, so a client that forgets to
 * URL-encode it for showqrcode fails on its first try instead of one time in several.
 */
final class QrTickets {

  private static final String URL_PREFIX = "http://weixin.qq.com/q/";
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  /** 20 characters, like the published samples, which makes the blob 70 bytes and the base64 end in ==. */
  private static final int URL_CODE_LENGTH = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private QrTickets() {
  }

  static String newUrl() {
    StringBuilder sb = new StringBuilder(URL_PREFIX);
    for (int i = 0; i < URL_CODE_LENGTH; i++) {
      sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  static String newTicket(String url, Instant created, Instant expires) {
    while (true) {
      String ticket = Base64.getEncoder().encodeToString(blob(url, created, expires));
      if (ticket.indexOf('+') >= 0 || ticket.indexOf('/') >= 0) {
        return ticket;
      }
    }
  }

  private static byte[] blob(String url, Instant created, Instant expires) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] id = new byte[4];
    RANDOM.nextBytes(id);
    out.write(0x81);
    out.write(0x01);
    out.writeBytes(id);
    out.writeBytes(new byte[7]);
    byte[] u = url.getBytes(StandardCharsets.US_ASCII);
    out.write(0x01);
    out.write(u.length + 1);
    out.writeBytes(u);
    out.write(0x00);
    out.write(0x02);
    out.write(0x04);
    littleEndian(out, created.getEpochSecond());
    out.write(0x03);
    out.write(0x04);
    littleEndian(out, expires == null ? 0 : expires.getEpochSecond());
    return out.toByteArray();
  }

  private static void littleEndian(ByteArrayOutputStream out, long value) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
