package io.wxlogin.login.guard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The lines one logger writes while a test runs (System.Logger goes to java.util.logging here). */
final class LogLines extends Handler implements AutoCloseable {

  private final Logger logger;
  final List<String> lines = new CopyOnWriteArrayList<>();

  LogLines(String name) {
    logger = Logger.getLogger(name);
    logger.addHandler(this);
  }

  List<String> containing(String text) {
    return lines.stream().filter(l -> l.contains(text)).toList();
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record.getMessage());
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
