package io.wxlogin.login.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.wxlogin.testing.ChildProcess;
import io.wxlogin.testing.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code LOG_FORMAT=json}: a real login-node process whose every output line a log shipper can parse. */
class JsonLogsTest {

  private static final String CALLBACK_TOKEN = "jsonLogsToken42";
  static RedisServer redis;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void everyLineALoginNodeWritesWithLogFormatJsonIsOneJsonObject() throws Exception {
    Map<String, String> env = nodeEnv();
    env.put("LOG_FORMAT", "json");
    Process node = ChildJvm.builder(env, List.of()).redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (Exception ignored) {
        // the stream ends with the process
      }
    });
    reader.start();
    try {
      int port = awaitPort(lines);
      HttpClient http = HttpClient.newHttpClient();
      // no token-server runs: the QR request fails server-side, which the node logs
      HttpResponse<String> qr = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/login/qrcode")).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, qr.statusCode(), qr.body());
    } finally {
      node.destroy();
      node.waitFor(20, TimeUnit.SECONDS);
      node.destroyForcibly();
      reader.join(5_000);
    }

    assertTrue(lines.size() >= 1, "the node wrote nothing");
    for (String line : lines) {
      JsonObject json;
      try {
        json = new JsonObject(line);
      } catch (DecodeException e) {
        throw new AssertionError("not a JSON object: " + line, e);
      }
      for (String field : List.of("ts", "level", "logger", "message")) {
        assertTrue(json.getValue(field) instanceof String, field + " missing in " + line);
      }
      assertFalse(line.contains(CALLBACK_TOKEN), "the callback Token leaked: " + line);
    }
    assertTrue(lines.stream().anyMatch(l -> new JsonObject(l).getString("message").contains("listening on")), "" + lines);
  }

  @Test
  void anUnknownLogFormatStopsTheServerWithOneLineNamingTheVariable() throws Exception {
    Map<String, String> env = nodeEnv();
    env.put("LOG_FORMAT", "yaml");
    Process node = ChildJvm.builder(env, List.of()).redirectErrorStream(true).start();
    String out = ChildProcess.read(node.getInputStream());
    assertTrue(node.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, node.exitValue(), out);
    assertTrue(out.strip().lines().allMatch(l -> l.contains("LOG_FORMAT")), out);
    assertTrue(out.contains("text, json"), out);
  }

  private static Map<String, String> nodeEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_URL", redis.url());
    env.put("WECHAT_APP_ID", "wx5a7e0c1d2b3f4e6a");
    env.put("WECHAT_TOKEN", CALLBACK_TOKEN);
    env.put("WECHAT_API_BASE", "http://127.0.0.1:9");
    env.put("HTTP_PORT", "0");
    env.put("MANAGEMENT_PORT", "0");
    env.put("NODE_ID", "json-logs");
    return env;
  }

  private static int awaitPort(List<String> lines) throws InterruptedException {
    Pattern listening = Pattern.compile("listening on (\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        Matcher m = listening.matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the node never said it was listening: " + lines);
  }
}
