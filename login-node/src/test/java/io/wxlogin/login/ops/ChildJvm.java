package io.wxlogin.login.ops;

import io.wxlogin.testing.ChildProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code LoginNodeMain} in its own JVM, on this test's classpath: the jar's entry point, environment and exit
 * status exactly as {@code java -jar login-node.jar …} has them (the jar itself is only built after this module's
 * tests; the cross-module tests run the jar).
 */
final class ChildJvm {

  private ChildJvm() {
  }

  static ProcessBuilder builder(Map<String, String> env, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("-cp", ChildProcess.classpathWithoutSlf4j(),
        "io.wxlogin.login.LoginNodeMain"));
    cmd.addAll(args);
    return ChildProcess.withEnv(ChildProcess.java(cmd), env);
  }

  /** Runs {@code ops <args>} to completion (at most 60 s). */
  static ChildProcess.Result ops(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("ops"));
    all.addAll(List.of(args));
    return ChildProcess.run(builder(env, all), "ops " + String.join(" ", args));
  }
}
