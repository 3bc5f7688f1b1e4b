package io.wxlogin.login.confirm;

/**
 * A text message that answers a login: {@code 1} confirms, {@code 0} refuses (or, after an automatic login,
 * logs that browser out). Surrounding spaces and the full-width digits of Chinese input methods are accepted;
 * any other text is not an answer.
 */
public enum PhoneAnswer {
  YES,
  NO;

  /** The answer {@code content} gives, or null when it is not one. */
  public static PhoneAnswer of(String content) {
    if (content == null) {
      return null;
    }
    return switch (content.strip()) {
      case "1", "１" -> YES;
      case "0", "０" -> NO;
      default -> null;
    };
  }
}
