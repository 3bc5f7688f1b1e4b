package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.Eventually;
import io.wxlogin.testing.WxCluster;
import io.wxlogin.testing.WxNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/nginx.conf carries the long-polls the login nodes can hold: the seed's config (512
 * worker_connections) reset every other connection past about 255 waiting browsers.
 *
 * <p>Open files: this JVM holds both the browsers' sockets and the in-JVM nodes' (2 × 5,000), nginx the
 * other 10,000; each under the 20,000 per process of this machine.
 */
class NginxParkedPollsTest {

  private static final int POLLS = 5_000;
  private static final int WAIT_SECONDS = 30;
  private static WxCluster cluster;
  private static QrCodes qrCodes;

  @BeforeAll
  static void startCluster() {
    cluster = WxCluster.builder().nodes(2)
        .nodeEnv("TRUSTED_PROXIES", "127.0.0.1/32")
        // this test measures nginx: the nodes' own per-address limits are moved out of its way
        .nodeEnv("POLLS_PER_ADDRESS_MAX", "10000")
        .nodeEnv("QR_PER_ADDRESS_PER_MINUTE", "100000").nodeEnv("QR_PER_ADDRESS_PER_DAY", "100000")
        .nodeEnv("QR_PER_SUBNET_PER_MINUTE", "100000").nodeEnv("QR_PER_SUBNET_PER_DAY", "100000")
        .sandboxEnv("SANDBOX_QR_DAILY_QUOTA", "1000000")
        .start();
    qrCodes = new QrCodes(cluster);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (qrCodes != null) {
      qrCodes.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static int parked() {
    return cluster.nodes().stream().mapToInt(WxNode::parkedPolls).sum();
  }

  private static void awaitParked(int count, Nginx nginx) {
    try {
      Eventually.within(Duration.ofSeconds(WAIT_SECONDS), count + " polls parked at once through nginx", () -> parked() == count);
    } catch (AssertionError e) {
      String log = nginx.errorLog();
      throw new AssertionError(e.getMessage() + "; parked now: " + parked() + "; nginx's error log ends with: "
          + log.substring(Math.max(0, log.length() - 600)), e);
    }
  }

  @Test
  void nginxHoldsFiveThousandParkedPollsAndAnswersEveryOne() throws Exception {
    long openFiles = openFilesLimit();
    long needed = 2L * POLLS + 2_000;
    assertTrue(openFiles >= needed, "this test needs an open-files limit of at least " + needed
        + " (this JVM holds both ends of " + POLLS + " connections); it is " + openFiles + ": raise ulimit -n");
    List<String> scenes = qrCodes.create(POLLS);
    try (Nginx nginx = Nginx.start(cluster.nodes().stream().map(WxNode::port).toList());
         Browsers browsers = new Browsers(1, 50, 100)) {
      List<CompletableFuture<Browsers.Answer>> polls = new ArrayList<>();
      for (int i = 0; i < POLLS; i++) {
        polls.add(browsers.get(i, nginx.port(), "/api/login/" + scenes.get(i) + "?wait=" + WAIT_SECONDS));
      }
      // all of them held at once (the first ones would be answered PENDING after WAIT_SECONDS)
      awaitParked(POLLS, nginx);
      List<Browsers.Answer> answers = Browsers.all(polls);
      Map<String, Long> outcomes = answers.stream().collect(Collectors.groupingBy(
          a -> a.ok() ? a.status() + " " + a.body() : String.valueOf(a.failure()), TreeMap::new, Collectors.counting()));
      assertEquals(Map.of("200 {\"status\":\"PENDING\"}", (long) POLLS), outcomes, "what the browsers got");
      assertFalse(nginx.errorLog().contains("worker_connections are not enough"), nginx.errorLog());
      assertFalse(nginx.errorLog().contains("Too many open files"), nginx.errorLog());
    }
  }

  @Test
  void oneAddressHoldsAtMostItsConnectionLimitAndTheRestAreToldToComeBack() throws Exception {
    int limit = 200;
    int extra = 10;
    List<String> scenes = qrCodes.create(limit + extra);
    try (Nginx nginx = Nginx.start(cluster.nodes().stream().map(WxNode::port).toList());
         Browsers browser = new Browsers(2, 1, limit + extra)) {
      List<CompletableFuture<Browsers.Answer>> polls = new ArrayList<>();
      for (int i = 0; i < limit; i++) {
        polls.add(browser.get(0, nginx.port(), "/api/login/" + scenes.get(i) + "?wait=" + WAIT_SECONDS));
      }
      awaitParked(limit, nginx);
      List<CompletableFuture<Browsers.Answer>> over = new ArrayList<>();
      for (int i = limit; i < limit + extra; i++) {
        over.add(browser.get(0, nginx.port(), "/api/login/" + scenes.get(i) + "?wait=" + WAIT_SECONDS));
      }
      for (Browsers.Answer refused : Browsers.all(over)) {
        assertEquals(429, refused.status(), refused.toString());
        assertEquals("rate_limited", new JsonObject(refused.body()).getString("error"));
        assertFalse(refused.retryAfter() == null, "429 without Retry-After");
      }
      Map<Integer, Long> held = Browsers.all(polls).stream()
          .collect(Collectors.groupingBy(Browsers.Answer::status, Collectors.counting()));
      assertEquals(Map.of(200, (long) limit), held, "the polls within the limit");
    }
  }

  /** This process's soft open-files limit (Java raises it to the hard limit at start on Linux). */
  private static long openFilesLimit() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    return Long.MAX_VALUE;
  }

  /** QR codes made straight on the nodes (not through nginx: only the polls are under test). */
  static final class QrCodes implements AutoCloseable {

    private final WxCluster cluster;
    private final Browsers creator = new Browsers(3, 1, 16);

    QrCodes(WxCluster cluster) {
      this.cluster = cluster;
    }

    List<String> create(int count) throws Exception {
      List<CompletableFuture<String>> scenes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        WxNode node = cluster.node(i % 2);
        scenes.add(creator.send(HttpMethod.POST, 0, node.port(), "/api/login/qrcode").thenApply(sceneOf()));
      }
      CompletableFuture.allOf(scenes.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      return scenes.stream().map(CompletableFuture::join).toList();
    }

    private static Function<Browsers.Answer, String> sceneOf() {
      return a -> {
        if (a.status() != 201) {
          throw new IllegalStateException("QR code refused: " + a);
        }
        return new JsonObject(a.body()).getString("scene");
      };
    }

    @Override
    public void close() throws Exception {
      creator.close();
    }
  }
}
