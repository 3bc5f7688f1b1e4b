package io.wxlogin.bench.phase;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wxlogin.bench.cluster.NodeProbe;
import io.wxlogin.bench.stats.Slope;
import java.util.ArrayList;
import java.util.List;

/**
 * How many pending polls each node holds at once, and what each costs: the parked count is raised in
 * steps up to {@code capacity-per-node} on both nodes; at each step both nodes are fully collected and
 * their heap (from /metrics) and RSS (from /proc) read. The slope of a least-squares line through the
 * points is the memory per held poll.
 */
public final class CapacityPhase {

  private final Bench bench;

  public CapacityPhase(Bench bench) {
    this.bench = bench;
  }

  public JsonObject run() {
    int perNode = bench.options.integer("capacity-per-node");
    int steps = bench.options.integer("capacity-steps");
    List<List<Slope.Point>> heap = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Slope.Point>> rss = List.of(new ArrayList<>(), new ArrayList<>());
    JsonArray samples = new JsonArray();
    long[] most = new long[2];
    for (int step = 0; step <= steps; step++) {
      int target = (int) ((long) perNode * step / steps);
      JsonObject held = bench.holdPending(target, "longpoll", 240_000);
      Bench.sleep(2_000);
      JsonObject sample = new JsonObject().put("targetPerNode", target).put("hold", held);
      for (int n = 0; n < bench.nodes.size(); n++) {
        NodeProbe node = bench.nodes.get(n);
        node.fullGc();
      }
      Bench.sleep(500);
      JsonArray perNodeSample = new JsonArray();
      for (int n = 0; n < bench.nodes.size(); n++) {
        NodeProbe node = bench.nodes.get(n);
        double parked = node.parkedPolls();
        double heapBytes = node.heapUsedBytes();
        long rssBytes = node.rssBytes();
        most[n] = Math.max(most[n], Math.round(parked));
        heap.get(n).add(new Slope.Point(parked, heapBytes));
        rss.get(n).add(new Slope.Point(parked, rssBytes));
        perNodeSample.add(new JsonObject().put("node", node.name()).put("parked", parked)
            .put("heapBytes", heapBytes).put("rssBytes", rssBytes));
      }
      samples.add(sample.put("nodes", perNodeSample));
      Bench.log("capacity: " + perNodeSample.encode());
    }
    bench.releasePending();
    JsonArray nodes = new JsonArray();
    for (int n = 0; n < bench.nodes.size(); n++) {
      Slope h = Slope.fit(heap.get(n));
      Slope r = Slope.fit(rss.get(n));
      nodes.add(new JsonObject().put("node", bench.nodes.get(n).name()).put("mostParked", most[n])
          .put("heapBytesPerPoll", h.perUnit()).put("heapR2", h.r2())
          .put("rssBytesPerPoll", r.perUnit()).put("rssR2", r.r2()));
    }
    return new JsonObject().put("targetPerNode", perNode).put("nodes", nodes).put("samples", samples);
  }
}
