package io.wxlogin.bench.worker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One load-generating process, forked by the coordinator. It reads one JSON command a line on stdin and
 * answers each with one line {@code @@{"id":…}} on stdout; everything else it prints goes to stderr. It has
 * a single event loop, so all its state is single-threaded, and it exits when the coordinator closes stdin.
 */
public final class WorkerMain {

  public static final String REPLY_PREFIX = "@@";

  private final Vertx vertx;
  private final PrintStream protocol;
  private NodeClients clients;
  private CallbackSigner signer;
  private PendingHolder holder;
  private LoginRun batch;
  private String openidPrefix;
  private ClientAddresses clientAddresses;
  private RelyingParty relyingParty;
  private int runs;

  private WorkerMain(Vertx vertx, PrintStream protocol) {
    this.vertx = vertx;
    this.protocol = protocol;
  }

  public static void main(String[] args) throws Exception {
    PrintStream protocol = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    // the native epoll transport, as the servers use (shared declares it): the load generator's own CPU per login
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
        .setPreferNativeTransport(true));
    Context context = vertx.getOrCreateContext();
    WorkerMain worker = new WorkerMain(vertx, protocol);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (!line.isBlank()) {
        JsonObject command = new JsonObject(line);
        context.runOnContext(v -> worker.handle(command));
      }
    }
    // the coordinator is gone: nothing here is worth a graceful close
    Runtime.getRuntime().halt(0);
  }

  private void handle(JsonObject command) {
    Future<JsonObject> answer;
    try {
      answer = switch (command.getString("cmd")) {
        case "init" -> init(command);
        case "hold" -> holder.hold(command.getJsonArray("perNode").getInteger(0),
            command.getJsonArray("perNode").getInteger(1), "interval".equals(command.getString("mode")),
            command.getInteger("waitSeconds", 25), command.getLong("timeoutMs", 120_000L));
        case "status" -> Future.succeededFuture(holder.status());
        case "release" -> holder.release().map(v -> new JsonObject());
        case "run" -> newRun(command).openLoop();
        case "prepare" -> {
          batch = newRun(command);
          yield batch.prepare().map(v -> new JsonObject());
        }
        case "go" -> batch.go();
        default -> Future.failedFuture("unknown command " + command.getString("cmd"));
      };
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> reply(command.getLong("id"), ar.succeeded() ? ar.result()
        : new JsonObject().put("failed", String.valueOf(ar.cause()))));
  }

  private Future<JsonObject> init(JsonObject command) {
    List<NodeClients.Node> nodes = new ArrayList<>();
    for (Object o : command.getJsonArray("nodes")) {
      JsonObject n = (JsonObject) o;
      nodes.add(new NodeClients.Node(n.getString("host"), n.getInteger("port")));
    }
    List<String> addresses = command.getJsonArray("localAddresses", new JsonArray()).stream()
        .map(String::valueOf).toList();
    clients = new NodeClients(vertx, nodes, addresses.isEmpty() ? List.of("127.0.0.1") : addresses);
    signer = new CallbackSigner(command.getString("token"), command.getString("originalId"));
    clientAddresses = new ClientAddresses(command.getInteger("worker", 0), command.getInteger("workers", 1));
    JsonObject oidc = command.getJsonObject("oidc", new JsonObject());
    relyingParty = new RelyingParty(oidc.getString("clientId", "bench"), oidc.getString("clientSecret", "-"),
        oidc.getString("redirectUri", "http://127.0.0.1/cb"));
    holder = new PendingHolder(vertx, clients, clientAddresses);
    openidPrefix = command.getString("openidPrefix");
    return Future.succeededFuture(new JsonObject().put("pid", ProcessHandle.current().pid()));
  }

  private LoginRun newRun(JsonObject command) {
    runs++;
    return new LoginRun(vertx, clients, signer, RunSpec.from(command), openidPrefix + "r" + runs + "n", clientAddresses,
        relyingParty);
  }

  private void reply(Long id, JsonObject body) {
    synchronized (protocol) {
      protocol.println(REPLY_PREFIX + body.put("id", id).encode());
      protocol.flush();
    }
  }
}
