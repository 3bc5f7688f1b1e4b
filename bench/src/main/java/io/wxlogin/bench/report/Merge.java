package io.wxlogin.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -cp bench.jar io.wxlogin.bench.report.Merge results.json results.md more.json…}: adds the cost
 * phases of other runs (scripts/bench.sh runs one per node configuration, each on a cluster of its own) to
 * the main results, rewrites its JSON and Markdown, and prints the cost table.
 */
public final class Merge {

  private Merge() {
  }

  public static void main(String[] args) throws IOException {
    Path main = Path.of(args[0]);
    JsonObject results = new JsonObject(Files.readString(main));
    JsonObject cost = results.getJsonObject("cost", new JsonObject());
    JsonObject runs = results.getJsonObject("costRuns", new JsonObject());
    for (int i = 2; i < args.length; i++) {
      JsonObject other = new JsonObject(Files.readString(Path.of(args[i])));
      other.getJsonObject("cost", new JsonObject()).forEach(e -> cost.put(e.getKey(), e.getValue()));
      runs.put(Path.of(args[i]).getFileName().toString(), new JsonObject().put("command", other.getString("command"))
          .put("startedAt", other.getString("startedAt")).put("finishedAt", other.getString("finishedAt")));
    }
    results.put("cost", cost).put("costRuns", runs);
    Files.writeString(main, results.encodePrettily() + "\n");
    Files.writeString(Path.of(args[1]), Report.table(results).markdown() + "\n" + Report.costTable(results).markdown());
    System.out.println(Report.costTable(results).plain());
  }
}
