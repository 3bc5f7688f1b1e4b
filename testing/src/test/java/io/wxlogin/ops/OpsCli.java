package io.wxlogin.ops;

import io.wxlogin.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private OpsCli() {
  }

  static {
    System.out.println("[OpsCli] running ops as " + (USE_JAR ? "java -jar " + JAR.toAbsolutePath().normalize()
        : "LoginNodeMain on the test classpath (no current login-node.jar: this build did not package it)"));
  }

  /** Runs {@code ops <args>} with exactly this environment, to completion (at most 60 s). */
  static ChildProcess.Result run(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(USE_JAR ? List.of("-jar", JAR.toString())
        : List.of("-cp", ChildProcess.classpathWithoutSlf4j(), "io.wxlogin.login.LoginNodeMain"));
    cmd.add("ops");
    cmd.addAll(List.of(args));
    return ChildProcess.run(ChildProcess.withEnv(ChildProcess.java(cmd), env), "ops " + String.join(" ", args));
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
}
