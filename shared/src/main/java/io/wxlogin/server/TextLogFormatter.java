package io.wxlogin.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code LOG_FORMAT=text}: {@code 2026-12-02T01:23:45.678 INFO [wxlogin.login-node] message}, then the stack
 * trace when an exception is attached. The JDK's {@code SimpleFormatter} writes the same line from a format
 * string, but it parses that string for every record and asks every record for its calling class, which walks
 * the stack; a node logs a line per login, so this writes the fields straight into one builder instead.
 */
public final class TextLogFormatter extends Formatter {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
      .withZone(ZoneId.systemDefault());

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(160);
    TIME.formatTo(Instant.ofEpochMilli(record.getMillis()), line);
    line.append(' ').append(record.getLevel().getLocalizedName()).append(" [")
        .append(record.getLoggerName() == null ? "" : record.getLoggerName()).append("] ")
        .append(formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      try (PrintWriter out = new PrintWriter(trace)) {
        out.println();
        record.getThrown().printStackTrace(out);
      }
      line.append(trace);
    }
    return line.append(System.lineSeparator()).toString();
  }
}
