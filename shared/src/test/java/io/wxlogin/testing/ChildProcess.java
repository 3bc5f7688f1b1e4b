package io.wxlogin.testing;

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

/** A server's jar or main class run as an operator runs it: its own JVM, exactly the given environment. */
public final class ChildProcess {

  /** What a finished child printed, and its exit status. */
  public record Result(int status, String out, String err) {
  }

  private ChildProcess() {
  }

  /** This JVM's {@code java} with a small heap and a quick start, then {@code args}. */
  public static List<String> java(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(args);
    return cmd;
  }

  /**
   * This JVM's classpath without SLF4J: the jars have none, but Testcontainers brings its API onto the test
   * classpath, and without a provider SLF4J prints a plain-text notice of its own into the child's output.
   */
  public static String classpathWithoutSlf4j() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains(File.separator + "slf4j" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** {@code cmd} with exactly {@code env} (and this machine's PATH), nothing inherited. */
  public static ProcessBuilder withEnv(List<String> cmd, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().putAll(env);
    return pb;
  }

  /** Runs {@code pb} to completion (at most 60 s) with no input; {@code what} names it if it does not end. */
  public static Result run(ProcessBuilder pb, String what) {
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      StringBuilder err = new StringBuilder();
      Thread errReader = new Thread(() -> err.append(read(p.getErrorStream())));
      errReader.start();
      String out = read(p.getInputStream());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(what + " did not end");
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

  /** All of a stream, as UTF-8; what arrived before an I/O error ends it is lost, and "" is answered. */
  public static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
