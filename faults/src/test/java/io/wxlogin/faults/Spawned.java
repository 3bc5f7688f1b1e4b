package io.wxlogin.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child process (a server jar, a redis-server) with its output in a log file, and the signals the
 * fault tests send it: {@code kill -9}, {@code SIGSTOP}/{@code SIGCONT}, {@code SIGTERM}.
 */
final class Spawned implements AutoCloseable {

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;
  private int logStart;

  private Spawned(String name, List<String> command, Map<String, String> env, Path log) {
    this.name = name;
    this.command = command;
    this.env = env;
    this.log = log;
  }

  /** Starts {@code command} with {@code env} added to this JVM's environment; output goes to {@code dir/name.log}. */
  static Spawned start(String name, List<String> command, Map<String, String> env, Path dir) {
    Spawned s = new Spawned(name, command, env, dir.resolve(name + ".log"));
    s.launch();
    return s;
  }

  /** java -jar {@code jar}, small and quick to start: a 2-core machine runs a dozen of these at once. */
  static Spawned jar(String name, Path jar, Map<String, String> env, Path dir) {
    return start(name, List.of(javaBinary(), "-Xmx160m", "-Xss512k", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-jar", jar.toString()), env, dir);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void launch() {
    logStart = logText().length();
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Waits (bounded) for a line this run (since the last start) logs; fails with the log's tail otherwise. */
  Spawned awaitLog(String text) {
    Eventually.await(30, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      return logSinceStart().contains(text);
    }, name + " logs '" + text + "'\n" + tail());
    return this;
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** What the current run logged. */
  String logSinceStart() {
    String all = logText();
    return all.length() >= logStart ? all.substring(logStart) : all;
  }

  private String tail() {
    String all = logText();
    return all.substring(Math.max(0, all.length() - 2000));
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** kill -9: no shutdown hook, no FIN for what was in flight beyond what the kernel sends. */
  void kill9() {
    process.destroyForcibly();
    waitExit();
  }

  /** SIGSTOP: the process keeps its sockets open but does nothing, as a stalled VM or a long GC pause. */
  void pause() {
    signal("STOP");
  }

  void resume() {
    signal("CONT");
  }

  /** Starts the same command again (same ports, same env), after {@link #kill9()}. */
  void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    launch();
  }

  private void signal(String sig) {
    signal(process.pid(), sig, name);
  }

  static void signal(long pid, String sig, String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(pid)).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + sig + " " + name + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void waitExit() {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A process someone else owns (a fixture's Redis node), paused and resumed here; closing resumes it. */
  static final class Foreign implements AutoCloseable {
    private final long pid;
    private final String name;

    Foreign(String name, long pid) {
      this.name = name;
      this.pid = pid;
    }

    void pause() {
      signal(pid, "STOP", name);
    }

    void resume() {
      signal(pid, "CONT", name);
    }

    @Override
    public void close() {
      try {
        resume();
      } catch (RuntimeException ignored) {
        // it may have been killed meanwhile
      }
    }
  }

  /** Always: resumed first (a stopped process ignores SIGTERM until continued), then killed. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      try {
        signal("CONT");
      } catch (RuntimeException ignored) {
        // it may have exited meanwhile
      }
      process.destroyForcibly();
      waitExit();
    }
  }
}
