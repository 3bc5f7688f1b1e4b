package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-compose.yml as docker-compose itself reads it: production-safe, health-gated, scalable. */
class ComposeFileTest {

  /** An operator's production .env (made-up identity, same shapes as WeChat's). */
  private static final Map<String, String> PRODUCTION = Map.of(
      "WECHAT_APP_ID", "wx00112233445566ff",
      "WECHAT_APP_SECRET", "00112233445566778899aabbccddeeff",
      "WECHAT_TOKEN", "productionToken42");
  /** The sandbox's public demo identity and host: never in a production configuration. */
  private static final List<String> DEMO_VALUES = List.of(
      "wx5a7e0c1d2b3f4e6a", "5a7e0c1d2b3f4e6a8b9c0d1e2f3a4b5c", "sandboxtoken", "wechat-sandbox");
  private static final Pattern DOC_VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

  @TempDir
  static Path tmp;
  private static Path emptyEnvFile;

  @BeforeAll
  static void emptyEnv() throws IOException {
    emptyEnvFile = Files.writeString(tmp.resolve("empty.env"), "");
  }

  private static Map<String, Map<String, Object>> production() throws Exception {
    return Compose.config(PRODUCTION, emptyEnvFile, null).services();
  }

  @Test
  void withoutTheWeChatIdentityComposeRefusesToStartNamingTheVariable() throws Exception {
    Compose.Result r = Compose.config(Map.of(), emptyEnvFile, null);
    assertNotEquals(0, r.exitCode(), "compose accepted a production run with no WeChat identity");
    assertTrue(r.stderr().contains("WECHAT_APP_ID"), r.stderr());
  }

  @Test
  void productionRunsRedisTokenServerLoginNodesAndNginxOnly() throws Exception {
    assertEquals(Set.of("redis", "token-server", "login-node", "nginx"), production().keySet());
    Set<String> sandbox = Compose.config(Map.of(), Repo.file("deploy/sandbox.env"), "sandbox").services().keySet();
    assertEquals(Set.of("redis", "token-server", "login-node", "nginx", "wechat-sandbox"), sandbox);
  }

  @Test
  void noDemoValueOutsideTheSandboxProfile() throws Exception {
    String file = Files.readString(Repo.file("docker-compose.yml"));
    String effective = new org.yaml.snakeyaml.Yaml().dump(production());
    for (String demo : DEMO_VALUES.subList(0, 3)) {
      assertFalse(file.contains(demo), "docker-compose.yml carries the demo value " + demo);
    }
    for (String demo : DEMO_VALUES) {
      assertFalse(effective.contains(demo), "the production services carry " + demo);
    }
    Map<String, Object> nodeEnv = env(production().get("login-node"));
    assertEquals("wx00112233445566ff", nodeEnv.get("WECHAT_APP_ID"));
    assertEquals("", String.valueOf(nodeEnv.get("WECHAT_API_BASE")), "production must talk to WeChat itself");
    assertFalse(env(production().get("login-node")).containsKey("WECHAT_APP_SECRET"), "a login node never holds the AppSecret");
  }

  @Test
  void everyVariableGivenToAServerIsADocumentedOne() throws Exception {
    Set<String> documented = documentedVariables();
    Set<String> undocumented = new TreeSet<>();
    Compose.config(Map.of(), Repo.file("deploy/sandbox.env"), "sandbox").services().forEach((name, service) -> {
      if (!name.equals("redis") && !name.equals("nginx")) {
        env(service).keySet().stream().filter(v -> !documented.contains(v)).forEach(v -> undocumented.add(name + ": " + v));
      }
    });
    assertEquals(Set.of(), undocumented, "variables in docker-compose.yml that no configuration table names");
  }

  @Test
  void everyServiceHasAHealthcheckAndStartsAfterWhatItNeedsIsHealthy() throws Exception {
    Map<String, Map<String, Object>> services = Compose.config(Map.of(), Repo.file("deploy/sandbox.env"), "sandbox").services();
    services.forEach((name, s) -> assertTrue(s.get("healthcheck") instanceof Map<?, ?> h && h.get("test") != null,
        name + " has no healthcheck"));
    assertEquals(Map.of("redis", "service_healthy"), dependsOn(services.get("token-server")));
    assertEquals(Map.of("redis", "service_healthy", "token-server", "service_healthy"), dependsOn(services.get("login-node")));
    assertEquals(Map.of("login-node", "service_healthy"), dependsOn(services.get("nginx")));
  }

  @Test
  void redisKeepsItsDataInAnAppendOnlyFileOnAVolume() throws Exception {
    Map<String, Object> redis = production().get("redis");
    String command = String.valueOf(redis.get("command"));
    assertTrue(command.contains("--appendonly") && command.contains("yes"), command);
    assertTrue(String.valueOf(redis.get("volumes")).contains(":/data"), "no volume at /data: " + redis.get("volumes"));
  }

  @Test
  void onlyNginxIsPublishedAndTheLoginNodesCanBeScaled() throws Exception {
    Map<String, Map<String, Object>> services = production();
    services.forEach((name, s) -> {
      if (!name.equals("nginx")) {
        assertFalse(s.containsKey("ports"), name + " publishes ports: " + s.get("ports"));
      }
    });
    Map<String, Object> node = services.get("login-node");
    assertFalse(node.containsKey("container_name"), "a container_name forbids --scale login-node=3");
    assertFalse(env(node).containsKey("NODE_ID"), "one NODE_ID for every replica would merge their channels");
    assertTrue(String.valueOf(services.get("nginx").get("ports")).contains("8080"), String.valueOf(services.get("nginx").get("ports")));
  }

  @Test
  void nginxRunsTheShippedConfigWhoseUpstreamResolvesEveryLoginNodeReplica() throws Exception {
    Map<String, Object> nginx = production().get("nginx");
    String volumes = String.valueOf(nginx.get("volumes"));
    assertTrue(volumes.contains("deploy/nginx.conf:/etc/nginx/nginx.conf:ro"), volumes);
    assertTrue(volumes.contains("deploy/nginx-upstream.compose.conf:/etc/nginx/wxlogin-upstream.conf:ro"), volumes);
    String upstream = Files.readString(Repo.file("deploy/nginx-upstream.compose.conf"));
    assertTrue(upstream.contains("resolver 127.0.0.11"), "Docker's DNS is not the resolver");
    Matcher server = Pattern.compile("(?m)^server ([a-z-]+):(\\d+) resolve;$").matcher(upstream);
    assertTrue(server.find(), "no re-resolved server line in the compose upstream:\n" + upstream);
    assertEquals("login-node", server.group(1));
    assertEquals(dockerfileEnv("deploy/login-node.Dockerfile", "HTTP_PORT"), server.group(2));
    assertFalse(server.find(), "the upstream names more than the login-node service");
    String conf = Files.readString(Repo.file("deploy/nginx.conf"));
    assertTrue(conf.matches("(?s).*upstream login_nodes \\{[^}]*include wxlogin-upstream\\.conf;.*"), "the upstream does not include the file");
  }

  @Test
  void theLoginNodesTrustOnlyNginxsForwardedAddress() throws Exception {
    Map<String, Map<String, Object>> services = production();
    Object address = ((Map<?, ?>) ((Map<?, ?>) services.get("nginx").get("networks")).get("wxlogin")).get("ipv4_address");
    assertEquals(address + "/32", env(services.get("login-node")).get("TRUSTED_PROXIES"));
  }

  @Test
  void eachServerImageIsASlimJreRunningItsJarAsAnUnprivilegedUserWithAHealthcheck() throws IOException {
    for (String server : List.of("login-node", "token-server", "wechat-sandbox")) {
      String dockerfile = Files.readString(Repo.file("deploy/" + server + ".Dockerfile"));
      assertTrue(Pattern.compile("(?m)^FROM eclipse-temurin:17-jre$").matcher(dockerfile).find(), server + ": not a JRE base");
      Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
      assertTrue(user.find() && !user.group(1).equals("root") && !user.group(1).equals("0"), server + " runs as root");
      assertTrue(dockerfile.contains("COPY " + server + "/target/" + server + ".jar"), server + ": jar not copied");
      assertTrue(dockerfile.contains("HEALTHCHECK "), server + ": no HEALTHCHECK");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(Map<String, Object> service) {
    Object env = service.get("environment");
    return env == null ? Map.of() : (Map<String, Object>) env;
  }

  private static Map<String, String> dependsOn(Map<String, Object> service) {
    Map<String, String> conditions = new java.util.TreeMap<>();
    ((Map<?, ?>) service.get("depends_on")).forEach((k, v) -> conditions.put((String) k, (String) ((Map<?, ?>) v).get("condition")));
    return conditions;
  }

  private static String dockerfileEnv(String dockerfile, String name) throws IOException {
    Matcher m = Pattern.compile("(?m)^ENV " + name + "=(\\S+)$").matcher(Files.readString(Repo.file(dockerfile)));
    assertTrue(m.find(), dockerfile + " sets no " + name);
    return m.group(1);
  }

  /** Variable names in the first column of the README's and docs/' configuration tables. */
  private static Set<String> documentedVariables() throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> docs = Files.list(Repo.file("docs"))) {
      for (Path doc : Stream.concat(Stream.of(Repo.file("README.md")), docs.filter(p -> p.toString().endsWith(".md"))).toList()) {
        for (String line : Files.readAllLines(doc)) {
          if (line.startsWith("| `")) {
            Matcher m = DOC_VARIABLE.matcher(line.split("\\|")[1]);
            while (m.find()) {
              names.add(m.group(1));
            }
          }
        }
      }
    }
    return names;
  }
}
