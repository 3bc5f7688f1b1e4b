package io.wxlogin.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.testing.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The runnable as an operator starts it: a real JVM, configured by its environment only. */
class SandboxMainTest {

  private static Process launch(Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        SandboxMain.class.getName())).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  @Test
  void startsWithNoConfigurationButItsPortSaysWhereItListensAndAnswersHealth() throws Exception {
    int port = RedisServer.freePort();
    Process p = launch(Map.of("HTTP_PORT", String.valueOf(port)));
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      String listening = null;
      while (listening == null && (line = out.readLine()) != null) {
        if (line.contains("listening on ")) {
          listening = line;
        }
      }
      assertTrue(listening != null && listening.contains("listening on " + port), String.valueOf(listening));
      HttpURLConnection health = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
          .openConnection();
      assertEquals(200, health.getResponseCode());
    } finally {
      p.destroy();
      p.waitFor(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void badConfigurationExitsNonZeroWithOneLinePerBadVariable() throws Exception {
    Process p = launch(Map.of("HTTP_PORT", "http", "SANDBOX_CALLBACK_RETRIES", "many"));
    String output;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      output = out.lines().collect(Collectors.joining("\n"));
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));

    assertEquals(2, p.exitValue());
    List<String> lines = output.lines().filter(l -> l.contains("configuration error")).toList();
    assertEquals(2, lines.size(), output);
    assertTrue(lines.get(0).contains("HTTP_PORT") && lines.get(1).contains("SANDBOX_CALLBACK_RETRIES"), output);
  }
}
