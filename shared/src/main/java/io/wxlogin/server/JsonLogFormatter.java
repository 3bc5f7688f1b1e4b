package io.wxlogin.server;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code LOG_FORMAT=json}: one JSON object per line ({@code ts}, {@code level}, {@code logger}, {@code message},
 * and {@code thrown} when an exception is attached), what log shippers parse without a multi-line rule. A
 * stack trace would span lines and may quote request data, so only its summary is kept: each exception of the
 * cause chain as {@code Class: message}, and the frame that threw the first one.
 */
public final class JsonLogFormatter extends Formatter {

  private static final int MAX_CAUSES = 5;

  @Override
  public String format(LogRecord record) {
    JsonObject line = new JsonObject()
        .put("ts", Instant.ofEpochMilli(record.getMillis()).toString())
        .put("level", record.getLevel().getName())
        .put("logger", record.getLoggerName() == null ? "" : record.getLoggerName())
        .put("message", formatMessage(record));
    if (record.getThrown() != null) {
      line.put("thrown", summary(record.getThrown()));
    }
    // JsonObject escapes control characters, so a newline inside a message never splits the line
    return line.encode() + System.lineSeparator();
  }

  static String summary(Throwable thrown) {
    StringBuilder out = new StringBuilder();
    Throwable t = thrown;
    for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause() == t ? null : t.getCause()) {
      if (i > 0) {
        out.append(" <- caused by ");
      }
      out.append(t.getClass().getName());
      if (t.getMessage() != null) {
        out.append(": ").append(t.getMessage());
      }
    }
    StackTraceElement[] frames = thrown.getStackTrace();
    if (frames.length > 0) {
      out.append(" (at ").append(frames[0]).append(')');
    }
    return out.toString();
  }
}
