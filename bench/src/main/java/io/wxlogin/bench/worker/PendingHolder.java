package io.wxlogin.bench.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Browsers that wait and never scan: each keeps a poll on its node (long-poll, or one a second with
 * {@code wait=0} in interval mode) and asks for a new QR code when its scene expires. They are the
 * background load of the latency phase and the whole load of the capacity phase. Runs on the worker's
 * event loop; a release drops every held connection at once.
 */
final class PendingHolder {

  private static final int MAX_CREATING = 48;

  private final Vertx vertx;
  private final NodeClients clients;
  private final ClientAddresses addresses;
  private long browsers;
  private final int[] target = new int[2];
  private final int[] active = new int[2];
  private final int[] creatingFor = new int[2];
  private final int[] outstanding = new int[2];
  private boolean interval;
  private int waitSeconds = 25;
  private long generation;
  private long errors;

  PendingHolder(Vertx vertx, NodeClients clients, ClientAddresses addresses) {
    this.vertx = vertx;
    this.clients = clients;
    this.addresses = addresses;
    // browsers whose QR code expired come back with a new one, between hold() calls too
    vertx.setPeriodic(200, id -> pump());
  }

  /** Grows (or shrinks) to these many browsers per node; answers when they all poll, or at the timeout. */
  Future<JsonObject> hold(int node0, int node1, boolean interval, int waitSeconds, long timeoutMs) {
    this.interval = interval;
    this.waitSeconds = waitSeconds;
    target[0] = node0;
    target[1] = node1;
    pump();
    Promise<JsonObject> reached = Promise.promise();
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    vertx.setPeriodic(100, id -> {
      pump();
      boolean done = interval
          ? active[0] >= target[0] && active[1] >= target[1]
          : outstanding[0] >= target[0] && outstanding[1] >= target[1];
      if (done || System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        reached.complete(status().put("reached", done));
      }
    });
    return reached.future();
  }

  JsonObject status() {
    return new JsonObject()
        .put("held", new JsonArray().add(outstanding[0]).add(outstanding[1]))
        .put("browsers", new JsonArray().add(active[0]).add(active[1]))
        .put("errors", errors);
  }

  /** Every held poll's connection is closed; the nodes see the browsers leave. */
  Future<Void> release() {
    generation++;
    for (int n = 0; n < 2; n++) {
      target[n] = 0;
      active[n] = 0;
      outstanding[n] = 0;
    }
    return clients.dropPolls();
  }

  private void pump() {
    for (int n = 0; n < 2; n++) {
      while (creatingFor[0] + creatingFor[1] < MAX_CREATING && active[n] + creatingFor[n] < target[n]) {
        start(n);
      }
    }
  }

  private void start(int node) {
    long gen = generation;
    creatingFor[node]++;
    io.vertx.core.MultiMap browser = NodeClients.browser(addresses.next(), browsers++);
    clients.createQr(node, browser, null).onComplete(ar -> {
      creatingFor[node]--;
      if (gen != generation) {
        return;
      }
      if (ar.failed()) {
        errors++;
        return;
      }
      if (active[node] >= target[node]) {
        return;
      }
      active[node]++;
      holdPoll(node, ar.result().scene(), browser, gen);
    });
  }

  private void holdPoll(int node, String scene, io.vertx.core.MultiMap browser, long gen) {
    outstanding[node]++;
    clients.poll(node, scene, interval ? 0 : waitSeconds, browser).onComplete(ar -> {
      if (gen != generation) {
        return;
      }
      outstanding[node]--;
      if (ar.succeeded() && ar.result().httpStatus() == 200 && "PENDING".equals(ar.result().status())) {
        if (active[node] > target[node]) {
          active[node]--;
        } else if (interval) {
          vertx.setTimer(1_000, id -> {
            if (gen == generation) {
              holdPoll(node, scene, browser, gen);
            }
          });
        } else {
          holdPoll(node, scene, browser, gen);
        }
        return;
      }
      if (ar.failed() || ar.result().httpStatus() != 404) {
        errors++;
      }
      active[node]--;
    });
  }
}
