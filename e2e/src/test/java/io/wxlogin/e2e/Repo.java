package io.wxlogin.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the test's working directory (the module directory under Maven). */
final class Repo {

  private Repo() {
  }

  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (docker-compose.yml + deploy/) above " + Path.of("").toAbsolutePath());
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }
}
