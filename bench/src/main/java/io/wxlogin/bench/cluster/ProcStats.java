package io.wxlogin.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from Linux's /proc (all threads included). */
public final class ProcStats {

  private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

  private ProcStats() {
  }

  /** User plus system CPU time in nanoseconds, or -1 when the process is gone. */
  public static long cpuNanos(long pid) {
    try {
      return cpuTicks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat"))) * 1_000_000_000L
          / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU time of the JVM's JIT compiler threads ({@code C1/C2 CompilerThreadN}, their names in
   * /proc/&lt;pid&gt;/task/*&#47;comm) in nanoseconds; 0 for a process that is not a JVM, -1 when it is gone. A
   * fresh JVM compiles its hot paths for minutes: this is the part of its CPU a long-running server no longer pays.
   */
  public static long compilerNanos(long pid) {
    Path tasks = Path.of("/proc", String.valueOf(pid), "task");
    long ticks = 0;
    try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          String stat = Files.readString(thread.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            ticks += cpuTicks(stat);
          }
        } catch (IOException e) {
          // the thread ended between the listing and the read: its time is no longer the process's either
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
  }

  /** utime + stime of one /proc stat line (a process's or a thread's), in clock ticks. */
  private static long cpuTicks(String stat) {
    // the command name (field 2) may contain spaces and parentheses: count fields after the last ')'
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Resident set size in bytes (VmRSS), or -1 when the process is gone. */
  public static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Microseconds during which some runnable task waited for a CPU (Linux PSI, /proc/pressure/cpu "some"),
   * or -1 where the kernel does not offer it. Over a window, its growth ÷ the window is how contended the
   * machine's cores were.
   */
  public static long cpuPressureMicros() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
        if (line.startsWith("some")) {
          return Long.parseLong(line.substring(line.indexOf("total=") + 6).strip());
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException | InterruptedException e) {
      return 100;
    }
  }
}
