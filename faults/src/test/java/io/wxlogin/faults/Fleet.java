package io.wxlogin.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything a fault test started (processes, Redis topologies, balancers), closed after the test in reverse
 * order whether it passed or failed, so no process outlives its test. Logs go to
 * {@code faults/target/fault-logs/<class>.<test>/}.
 */
final class Fleet implements BeforeEachCallback, AfterEachCallback {

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Path dir;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Path.of("target", "fault-logs",
        context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName())
        .toAbsolutePath();
    if (Files.isDirectory(dir)) {
      try (var old = Files.walk(dir)) {
        old.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("[Fleet] close failed: " + e);
      }
    }
  }

  <T extends AutoCloseable> T add(T thing) {
    started.push(thing);
    return thing;
  }

  Path dir() {
    return dir;
  }
}
