package io.wxlogin.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.testing.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runnable as an operator starts it: a real JVM, configured by environment variables only. */
class TokenServerMainTest {

  private static Process launch(Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(
        System.getProperty("java.home") + "/bin/java", "-cp", System.getProperty("java.class.path"),
        TokenServerMain.class.getName());
    pb.environment().keySet().removeIf(k -> k.startsWith("WECHAT_") || k.startsWith("REDIS_")
        || k.startsWith("TOKEN_") || k.startsWith("MANAGEMENT_") || k.equals("HTTP_PORT"));
    pb.environment().putAll(env);
    return pb.redirectErrorStream(true).start();
  }

  @Test
  void badConfigurationExitsNonZeroWithOneLinePerBadVariable() throws Exception {
    Process p = launch(Map.of("TOKEN_API", "fast", "HTTP_PORT", "99999"));
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, p.exitValue());
    for (String variable : List.of("WECHAT_APP_ID", "WECHAT_APP_SECRET", "TOKEN_API", "HTTP_PORT")) {
      assertEquals(1, lines.stream().filter(l -> l.contains("configuration error: " + variable + " ")).count(),
          variable + " in " + lines);
    }
  }

  @Test
  void startsAndSaysWhichPortItListensOnWithoutLoggingTheSecret() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      int port = RedisServer.freePort();
      Process p = launch(Map.of("HTTP_PORT", Integer.toString(port), "REDIS_URL", redis.url(),
          "MANAGEMENT_PORT", Integer.toString(RedisServer.freePort()),
          "WECHAT_APP_ID", "wxmain", "WECHAT_APP_SECRET", "do-not-print-me",
          "WECHAT_API_BASE", "http://127.0.0.1:" + RedisServer.freePort()));
      List<String> seen = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null && !line.contains("listening on")) {
          seen.add(line);
        }
        assertTrue(line != null && line.contains("listening on " + port), "no 'listening on' line in " + seen);
        seen.add(line);
      } finally {
        p.destroy();
        p.waitFor(15, TimeUnit.SECONDS);
      }
      assertFalse(String.join("\n", seen).contains("do-not-print-me"));
    }
  }
}
