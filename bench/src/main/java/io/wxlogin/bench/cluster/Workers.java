package io.wxlogin.bench.cluster;

import io.vertx.core.json.JsonObject;
import io.wxlogin.bench.worker.WorkerMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The load-generating processes. One JVM cannot hold the connections a run needs (20,000 open files per
 * process here), so the bench forks several, each bound to its own loopback source addresses, and drives
 * them with one JSON command a line over stdin; each answers on stdout. Closing stdin ends a worker.
 */
public final class Workers implements AutoCloseable {

  /** BENCH_WORKER_JFR=dir: each worker records a JFR profile, dumped there as bench-worker-N.jfr at the end. */
  private static final String JFR_DIR = System.getenv("BENCH_WORKER_JFR");

  private final List<Process> processes = new ArrayList<>();
  private final List<OutputStream> inputs = new ArrayList<>();
  private final Map<Long, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  public Workers(int count, String heap) {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = ownJar();
    for (int i = 0; i < count; i++) {
      try {
        // a small young generation: each collection copies only the last few MB still alive, a few ms; with the
        // default (a third of the heap) one collection copied every held connection at once, 300-600 ms
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-Xmn64m",
            "-XX:+UseSerialGC", "-Xss512k"));
        // e.g. -Xlog:gc:file=worker-%p-gc.log, to tell the bench's own pauses from the cluster's
        String extra = System.getenv().getOrDefault("BENCH_WORKER_JAVA_OPTS", "").strip();
        if (JFR_DIR != null) {
          command.add("-XX:StartFlightRecording=settings=profile");
        }
        if (!extra.isEmpty()) {
          command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, WorkerMain.class.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        inputs.add(p.getOutputStream());
        Thread reader = new Thread(() -> readReplies(p), "worker-" + i + "-reader");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        close();
        throw new IllegalStateException("cannot start a worker JVM: " + e, e);
      }
    }
  }

  public int size() {
    return processes.size();
  }

  public List<Long> pids() {
    return processes.stream().map(Process::pid).toList();
  }

  /** Sends each worker its command and waits for every answer; a worker's failure fails the whole step. */
  public List<JsonObject> all(IntFunction<JsonObject> commandFor, long timeoutSeconds) {
    return await(allAsync(commandFor), timeoutSeconds);
  }

  public List<CompletableFuture<JsonObject>> allAsync(IntFunction<JsonObject> commandFor) {
    List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      answers.add(send(i, commandFor.apply(i)));
    }
    return answers;
  }

  public static List<JsonObject> await(List<CompletableFuture<JsonObject>> answers, long timeoutSeconds) {
    List<JsonObject> results = new ArrayList<>();
    for (CompletableFuture<JsonObject> f : answers) {
      JsonObject r;
      try {
        r = f.get(timeoutSeconds, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("a worker did not answer in " + timeoutSeconds + " s: " + e, e);
      }
      if (r.containsKey("failed")) {
        throw new IllegalStateException("a worker failed: " + r.getString("failed"));
      }
      results.add(r);
    }
    return results;
  }

  private CompletableFuture<JsonObject> send(int worker, JsonObject command) {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    try {
      OutputStream in = inputs.get(worker);
      synchronized (in) {
        in.write((command.copy().put("id", id).encode() + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
    } catch (IOException e) {
      waiting.remove(id);
      answer.completeExceptionally(e);
    }
    return answer;
  }

  private void readReplies(Process p) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(WorkerMain.REPLY_PREFIX)) {
          JsonObject reply = new JsonObject(line.substring(WorkerMain.REPLY_PREFIX.length()));
          CompletableFuture<JsonObject> f = waiting.remove(reply.getLong("id"));
          if (f != null) {
            f.complete(reply);
          }
        } else {
          System.err.println("[worker " + p.pid() + "] " + line);
        }
      }
    } catch (IOException e) {
      System.err.println("[worker " + p.pid() + "] output closed: " + e);
    }
    waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("worker " + p.pid() + " exited")));
  }

  /** Workers end with {@code halt}, which skips JFR's dump on exit: each is asked for its recording first. */
  private void dumpProfiles() {
    for (int i = 0; i < processes.size(); i++) {
      String file = new File(JFR_DIR, "bench-worker-" + i + ".jfr").getAbsolutePath();
      try {
        Process p = new ProcessBuilder("jcmd", String.valueOf(processes.get(i).pid()), "JFR.dump", "filename=" + file)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(60, TimeUnit.SECONDS);
        System.err.println("[bench] worker " + i + " profile: " + file);
      } catch (IOException e) {
        System.err.println("[bench] cannot dump worker " + i + "'s profile: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String ownJar() {
    try {
      return new File(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (JFR_DIR != null) {
      dumpProfiles();
    }
    for (OutputStream in : inputs) {
      try {
        in.close();
      } catch (IOException ignored) {
        // the worker is gone already
      }
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
