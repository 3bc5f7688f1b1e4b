package io.wxlogin.ops;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code java -jar login-node/target/login-node.jar ops …} as an operator runs it, in its own process. This
 * module's tests run after login-node is packaged in a full build ({@code mvn verify}: the reactor packages
 * each module before testing the next), so there the real jar is used. A build that stops at {@code test}
 * ({@code mvn -pl testing -am test}) has no jar, or a stale one: then the same entry point
 * ({@code LoginNodeMain ops …}) runs in a child JVM on this test's classpath.
 */
final class OpsCli {

  private static final Path JAR = Path.of("..", "login-node", "target", "login-node.jar");
  /** What the jar is made of, from this worktree: a jar older than any of them would test old code. */
  private static final List<Path> CLASSES = List.of(Path.of("..", "login-node", "target", "classes"),
      Path.of("..", "shared", "target", "classes"));
  private static final boolean USE_JAR = jarIsCurrent();

  /** What a finished command printed, and its exit status. */
  record Result(int status, String out, String err) {
  }

  private OpsCli() {
  }

  static {
    System.out.println("[OpsCli] running ops as " + (USE_JAR ? "java -jar " + JAR.toAbsolutePath().normalize()
        : "LoginNodeMain on the test classpath (no current login-node.jar: this build did not package it)"));
  }

  /** Runs {@code ops <args>} with exactly this environment, to completion (at most 60 s). */
  static Result run(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1"));
    if (USE_JAR) {
      cmd.addAll(List.of("-jar", JAR.toString()));
    } else {
      cmd.addAll(List.of("-cp", classpath(), "io.wxlogin.login.LoginNodeMain"));
    }
    cmd.add("ops");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
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

  /** The jar, if this build made it after the last compile of login-node and shared. */
  private static boolean jarIsCurrent() {
    if (!Files.isRegularFile(JAR)) {
      return false;
    }
    long newestClass = 0;
    for (Path dir : CLASSES) {
      try (Stream<Path> files = Files.walk(dir)) {
        newestClass = Math.max(newestClass,
            files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0));
      } catch (IOException e) {
        return false;
      }
    }
    return JAR.toFile().lastModified() >= newestClass;
  }

  /**
   * This JVM's classpath without SLF4J: the jar has none, but Testcontainers brings its API onto the test
   * classpath, and without a provider SLF4J prints a notice of its own into the child's output.
   */
  private static String classpath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains(File.separator + "slf4j" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
