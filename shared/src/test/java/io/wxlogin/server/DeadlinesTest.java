package io.wxlogin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code body} on an event loop and hands back what its future ends with. */
  private <T> CompletableFuture<Object> onEventLoop(java.util.function.Supplier<Future<T>> body) {
    CompletableFuture<Object> out = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> body.get().onComplete(ar -> out.complete(ar.succeeded() ? ar.result() : ar.cause())));
    return out;
  }

  @Test
  void aCallThatNeverAnswersFailsWithTheTimeoutFutureTimeoutWouldGive() throws Exception {
    long t0 = System.nanoTime();
    Object outcome = onEventLoop(() -> Deadlines.within(Promise.<String>promise().future(), 150)).get(10, TimeUnit.SECONDS);
    assertInstanceOf(TimeoutException.class, outcome);
    assertEquals("Timeout 150 (ms) fired", ((Throwable) outcome).getMessage());
    assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(150), "never before its deadline");
  }

  @Test
  void answersAndFailuresPassThroughAndOnlyTheSilentCallsTimeOut() throws Exception {
    CompletableFuture<Object> all = onEventLoop(() -> {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        Promise<String> p = Promise.promise();
        calls.add(Deadlines.within(p.future(), i % 2 == 0 ? 100 : 5_000));
        int n = i;
        if (i % 10 == 3) {
          vertx.setTimer(1 + i % 7, id -> p.complete("answer " + n));
        } else if (i % 10 == 5) {
          vertx.setTimer(1 + i % 5, id -> p.fail(new IllegalStateException("refused " + n)));
        } else if (i % 2 == 1) {
          p.complete("at once " + n);
        }
      }
      return Future.join(calls).transform(ar -> Future.succeededFuture(calls));
    });
    @SuppressWarnings("unchecked")
    List<Future<String>> calls = (List<Future<String>>) all.get(30, TimeUnit.SECONDS);
    for (int i = 0; i < calls.size(); i++) {
      Future<String> f = calls.get(i);
      if (i % 10 == 3) {
        assertEquals("answer " + i, f.result());
      } else if (i % 10 == 5) {
        assertEquals("refused " + i, f.cause().getMessage());
      } else if (i % 2 == 1) {
        assertEquals("at once " + i, f.result());
      } else {
        assertInstanceOf(TimeoutException.class, f.cause(), "call " + i);
      }
    }
  }

  @Test
  void offAnEventLoopItIsFutureTimeout() throws Exception {
    Throwable t = Deadlines.within(Promise.<String>promise().future(), 50).toCompletionStage().toCompletableFuture()
        .handle((r, e) -> e).get(10, TimeUnit.SECONDS);
    assertInstanceOf(TimeoutException.class, t instanceof java.util.concurrent.CompletionException ? t.getCause() : t);
  }
}
