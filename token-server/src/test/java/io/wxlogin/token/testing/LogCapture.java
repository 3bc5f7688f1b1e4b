package io.wxlogin.token.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the token-server logs (JUL, under {@code io.wxlogin.token}) while a test runs. */
public final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  public LogCapture() {
    logger = Logger.getLogger("io.wxlogin.token");
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record.getLevel() + " " + record.getMessage());
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public List<String> linesContaining(String text) {
    return lines.stream().filter(l -> l.contains(text)).toList();
  }

  public String all() {
    return String.join("\n", lines);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
