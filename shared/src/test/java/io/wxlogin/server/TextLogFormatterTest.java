package io.wxlogin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class TextLogFormatterTest {

  /** The line format the servers had with the JDK's formatter; the replacement must write the same bytes. */
  private static final String OLD_FORMAT = "%1$tFT%1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n";

  private static String simple(LogRecord record) {
    String before = System.getProperty("java.util.logging.SimpleFormatter.format");
    System.setProperty("java.util.logging.SimpleFormatter.format", OLD_FORMAT);
    try {
      return new SimpleFormatter().format(record);
    } finally {
      if (before == null) {
        System.clearProperty("java.util.logging.SimpleFormatter.format");
      } else {
        System.setProperty("java.util.logging.SimpleFormatter.format", before);
      }
    }
  }

  @Test
  void aRecordReadsAsItDidWithTheJdksFormatter() {
    LogRecord record = new LogRecord(Level.INFO, "login {0} on node {1}");
    record.setLoggerName("wxlogin.login");
    record.setParameters(new Object[] {"1a2b3c4d…", "node-1"});
    record.setInstant(Instant.parse("2026-12-02T01:02:03.045Z"));

    String line = new TextLogFormatter().format(record);

    assertEquals(simple(record), line);
    assertTrue(line.contains(" INFO [wxlogin.login] login 1a2b3c4d… on node node-1"), line);
  }

  @Test
  void anExceptionIsPrintedAfterTheMessageAsBefore() {
    LogRecord record = new LogRecord(Level.WARNING, "Redis call failed");
    record.setLoggerName("wxlogin.poll");
    record.setThrown(new IllegalStateException("timeout"));

    assertEquals(simple(record), new TextLogFormatter().format(record));
  }
}
