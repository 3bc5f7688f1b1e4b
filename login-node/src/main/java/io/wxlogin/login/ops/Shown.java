package io.wxlogin.login.ops;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How values appear in the ops command's output. Scene ids are bearer secrets while a login is pending (whoever
 * polls one receives the session), so only their first 8 characters are ever printed; openids are shortened in
 * tables and given whole in JSON, where a script needs them for the next command.
 */
final class Shown {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Shown() {
  }

  static String scene(String scene) {
    return shortened(scene);
  }

  static String openid(String openid) {
    return shortened(openid);
  }

  /** The first 8 characters and an ellipsis; a value that short anyway is shown as is. */
  static String shortened(String value) {
    if (value == null) {
      return null;
    }
    return value.length() <= 8 ? value : value.substring(0, 8) + "…";
  }

  /** A duration in seconds as {@code 42s}, {@code 3m 05s}, {@code 2h 10m} or {@code 6d 23h}. */
  static String duration(Long seconds) {
    if (seconds == null) {
      return null;
    }
    long s = Math.max(0, seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm %02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format("%dh %02dm", s / 3600, s % 3600 / 60);
    }
    return String.format("%dd %02dh", s / 86_400, s % 86_400 / 3600);
  }

  /** An epoch-ms instant in Beijing time, the clock WeChat's days and an operator in China go by. */
  static String time(Long epochMs) {
    return epochMs == null ? null : LOCAL.format(Instant.ofEpochMilli(epochMs).atZone(BEIJING)) + " CST";
  }

  static String oneLine(String value) {
    return value.replaceAll("\\p{Cntrl}", "?");
  }
}
