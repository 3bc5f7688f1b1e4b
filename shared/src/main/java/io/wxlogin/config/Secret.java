package io.wxlogin.config;

import java.util.Objects;

/**
 * A configured secret (AppSecret, callback Token, EncodingAESKey): its {@code toString} never shows it, so
 * a configuration record that holds one can be logged whole. Read it with {@link #reveal()}, only where it is
 * used.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  /** {@code null} stays null: an unset optional secret. */
  public static Secret of(String value) {
    return value == null ? null : new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "****";
  }
}
