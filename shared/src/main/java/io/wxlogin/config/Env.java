package io.wxlogin.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads configuration from environment variables and collects every problem before failing, so an
 * operator fixes them all in one go. Call {@link #check()} once all values are read.
 */
public final class Env {

  private final Map<String, String> vars;
  private final List<String> problems = new ArrayList<>();

  public Env(Map<String, String> vars) {
    this.vars = vars;
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  private String raw(String name) {
    String v = vars.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** A variable with no default; {@code hint} says where its value comes from. */
  public String required(String name, String hint) {
    String v = raw(name);
    if (v == null) {
      problems.add(name + " is not set: " + hint);
    }
    return v;
  }

  public String string(String name, String defaultValue) {
    String v = raw(name);
    return v == null ? defaultValue : v;
  }

  /** An optional value that must match {@code pattern} when set; {@code rule} explains the pattern. */
  public String matching(String name, String defaultValue, Pattern pattern, String rule) {
    String v = string(name, defaultValue);
    if (v != null && !pattern.matcher(v).matches()) {
      problems.add(name + " is invalid: " + rule);
    }
    return v;
  }

  /** A required value that must match {@code pattern}. */
  public String requiredMatching(String name, String hint, Pattern pattern, String rule) {
    String v = required(name, hint);
    if (v != null && !pattern.matcher(v).matches()) {
      problems.add(name + " is invalid: " + rule);
    }
    return v;
  }

  public int integer(String name, int defaultValue, int min, int max) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        problems.add(name + " is " + n + ": must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(name + " is '" + shown(v) + "': must be a whole number between " + min + " and " + max);
      return defaultValue;
    }
  }

  public <E extends Enum<E>> E choice(String name, E defaultValue, Class<E> type) {
    String v = raw(name);
    if (v == null) {
      return defaultValue;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(java.util.Locale.ROOT));
    }
    problems.add(name + " is '" + shown(v) + "': must be one of " + String.join(", ", names));
    return defaultValue;
  }

  /**
   * A value as it may appear in an operator line: control characters (a pasted newline) would split the
   * line, and a huge value would bury it, so both are neutralised.
   */
  public static String shown(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 60) + "... (" + oneLine.length() + " chars)";
  }

  /** Adds a problem found by the caller's own cross-checks. */
  public void problem(String line) {
    problems.add(line.replaceAll("[\\r\\n]+", " "));
  }

  public void check() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
