package io.wxlogin.login.ops;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code LoginNodeMain} in its own JVM, on this test's classpath: the jar's entry point, environment and exit
 * status exactly as {@code java -jar login-node.jar …} has them (the jar itself is only built after this module's
 * tests; the cross-module tests run the jar).
 */
final class ChildJvm {

  /** What a finished child printed, and its exit status. */
  record Result(int status, String out, String err) {
  }

  private ChildJvm() {
  }

  static ProcessBuilder builder(Map<String, String> env, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classpath(),
        "io.wxlogin.login.LoginNodeMain"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().putAll(env);
    return pb;
  }

  /**
   * This JVM's classpath without SLF4J: the jar has none, but Testcontainers brings its API onto the test
   * classpath, and without a provider SLF4J prints a plain-text notice of its own into the child's output.
   */
  private static String classpath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains(File.separator + "slf4j" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Runs {@code ops <args>} to completion (at most 60 s). */
  static Result ops(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("ops"));
    all.addAll(List.of(args));
    try {
      Process p = builder(env, all).start();
      p.getOutputStream().close();
      StringBuilder err = new StringBuilder();
      Thread errReader = new Thread(() -> err.append(read(p.getErrorStream())));
      errReader.start();
      String out = read(p.getInputStream());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("ops " + String.join(" ", args) + " did not end");
      }
      errReader.join();
      return new Result(p.exitValue(), out, err.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
