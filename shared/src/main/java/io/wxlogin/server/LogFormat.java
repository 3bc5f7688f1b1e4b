package io.wxlogin.server;

import io.wxlogin.config.Env;
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

  /** Switches every handler of the root logger (the console handler by default) to this format. */
  public void install() {
    if (this != JSON) {
      return;
    }
    Logger root = LogManager.getLogManager().getLogger("");
    JsonLogFormatter formatter = new JsonLogFormatter();
    for (Handler handler : root.getHandlers()) {
      handler.setFormatter(formatter);
    }
  }
}
