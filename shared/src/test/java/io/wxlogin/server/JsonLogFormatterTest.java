package io.wxlogin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

  private final JsonLogFormatter formatter = new JsonLogFormatter();

  @Test
  void aRecordIsOneJsonObjectOnOneLineWithTimeLevelLoggerAndMessage() {
    LogRecord record = new LogRecord(Level.WARNING, "poll of scene {0} failed");
    record.setLoggerName("wxlogin.poll");
    record.setParameters(new Object[] {"1a2b3c4d…"});
    record.setInstant(Instant.parse("2026-12-01T22:00:00.123Z"));

    String line = formatter.format(record);

    assertTrue(line.endsWith(System.lineSeparator()));
    assertEquals(1, line.strip().lines().count());
    JsonObject json = new JsonObject(line);
    assertEquals("2026-12-01T22:00:00.123Z", json.getString("ts"));
    assertEquals("WARNING", json.getString("level"));
    assertEquals("wxlogin.poll", json.getString("logger"));
    assertEquals("poll of scene 1a2b3c4d… failed", json.getString("message"));
    assertFalse(json.containsKey("thrown"));
  }

  @Test
  void aMessageWithNewlinesAndQuotesStaysOnOneLine() {
    LogRecord record = new LogRecord(Level.INFO, "first\nsecond \"quoted\"\r\n\tthird");
    String line = formatter.format(record);
    assertEquals(1, line.strip().lines().count());
    assertEquals("first\nsecond \"quoted\"\r\n\tthird", new JsonObject(line).getString("message"));
  }

  @Test
  void anExceptionIsSummarisedWithItsCausesAndThrowingFrameNotAMultiLineTrace() {
    LogRecord record = new LogRecord(Level.SEVERE, "cannot store the session");
    record.setThrown(new IllegalStateException("store failed", new IOException("Connection reset")));

    JsonObject json = new JsonObject(formatter.format(record));

    String thrown = json.getString("thrown");
    assertTrue(thrown.startsWith("java.lang.IllegalStateException: store failed <- caused by "
        + "java.io.IOException: Connection reset (at "), thrown);
    assertTrue(thrown.contains("JsonLogFormatterTest"), thrown);
    assertFalse(thrown.contains("\n"));
  }
}
