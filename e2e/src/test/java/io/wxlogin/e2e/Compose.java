package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose config} on the repository's docker-compose.yml: compose itself validates the file,
 * resolves every variable and answers the effective configuration, which is parsed here. No Docker engine
 * is needed. Each run gets only the variables it names (plus PATH), and an env file of its choosing, so a
 * developer's own .env or shell variables cannot change what is checked.
 */
final class Compose {

  /** What compose answered; {@code profile} is the one that run activated (null: none). */
  record Result(int exitCode, String stdout, String stderr, String profile) {

    @SuppressWarnings("unchecked")
    Map<String, Object> config() {
      if (exitCode != 0) {
        throw new AssertionError("docker-compose config failed (" + exitCode + "): " + stderr);
      }
      return (Map<String, Object>) new Yaml().load(stdout);
    }

    /**
     * The services {@code up} would start: docker-compose 1.29's {@code config} also prints those of other
     * profiles (Compose v2 leaves them out), so they are dropped here.
     */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
      Map<String, Map<String, Object>> active = new TreeMap<>((Map<String, Map<String, Object>>) config().get("services"));
      active.values().removeIf(s -> s.get("profiles") instanceof List<?> p && !p.contains(profile));
      return active;
    }
  }

  private Compose() {
  }

  static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "docker-compose");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    assumeTrue(false, "docker-compose is not installed (apt-get install docker-compose)");
    return null;
  }

  /** Runs {@code docker-compose [--profile p] config} with exactly {@code env} and that env file. */
  static Result config(Map<String, String> env, Path envFile, String profile) throws IOException, InterruptedException {
    Path root = Repo.root();
    List<String> command = new ArrayList<>(List.of(binary(), "--project-directory", root.toString(),
        "-f", root.resolve("docker-compose.yml").toString(), "--env-file", envFile.toString()));
    if (profile != null) {
      command.addAll(List.of("--profile", profile));
    }
    command.add("config");
    Path out = Files.createTempFile("compose-config", ".yml");
    Path err = Files.createTempFile("compose-config", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("docker-compose config did not finish within 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), profile);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
