package io.wxlogin.server;

import io.wxlogin.config.Env;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * {@code LOG_FORMAT}: {@code text} (the default, one readable line per record) or {@code json} (one JSON object
 * per line, see {@link JsonLogFormatter}). Every server's {@code main} applies it through
 * {@link Launcher#configureLogging()} before anything logs.
 */
public enum LogFormat {
  TEXT, JSON;

  /** Reads {@code LOG_FORMAT}; a bad value is a configuration problem recorded in {@code env}. */
  public static LogFormat from(Env env) {
    return env.choice("LOG_FORMAT", TEXT, LogFormat.class);
  }

  /**
   * Switches every handler of the root logger (the console handler by default) to this format. A text format
   * of one's own ({@code -Djava.util.logging.SimpleFormatter.format=…}) keeps the JDK's formatter.
   */
  public void install() {
    if (this == TEXT && System.getProperty("java.util.logging.SimpleFormatter.format") != null) {
      return;
    }
    Logger root = LogManager.getLogManager().getLogger("");
    Formatter formatter = this == JSON ? new JsonLogFormatter() : new TextLogFormatter();
    for (Handler handler : root.getHandlers()) {
      handler.setFormatter(formatter);
    }
  }
}
