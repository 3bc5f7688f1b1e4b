package io.wxlogin.config;

import java.util.List;

/** Bad or missing configuration: one line per variable, each saying what is wrong and what to do. */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
