package io.wxlogin.testing;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** Waiting on Vert.x from a test thread, with deadlines. */
final class Blocking {

  private Blocking() {
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
    }
  }

  /** A new Vert.x (as if a process of its own) with {@code verticle} deployed; closed again if deploying fails. */
  static Vertx deploy(Deployable verticle) {
    return deploy(verticle, Vertx.vertx());
  }

  /** As {@link #deploy(Deployable)} on a Vert.x built by the caller (with metrics, say). */
  static Vertx deploy(Deployable verticle, Vertx vertx) {
    try {
      await(vertx.deployVerticle(verticle));
      return vertx;
    } catch (RuntimeException e) {
      closeQuietly(vertx);
      throw e;
    }
  }

  static void closeQuietly(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort: the next test starts its own cluster on fresh ports
    }
  }
}
