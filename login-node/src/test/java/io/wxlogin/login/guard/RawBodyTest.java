package io.wxlogin.login.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The callback body is read as bytes whatever its Content-Type, and never past the limit. */
class RawBodyTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private int start() throws Exception {
    Router router = Router.router(vertx);
    router.post("/cb").handler(new RawBody(64)).handler(ctx -> ctx.response().end(RawBody.of(ctx).length + ":"
        + new String(RawBody.of(ctx), java.nio.charset.StandardCharsets.ISO_8859_1)));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS)
        .actualPort();
  }

  private String[] post(int port, String contentType, String body, boolean chunked) throws Exception {
    HttpClient client = vertx.createHttpClient();
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
            .setURI("/cb").putHeader("Content-Type", contentType))
        .compose(req -> {
          req.setChunked(chunked);
          return req.send(body).compose(r -> r.body().map(b -> new String[] {String.valueOf(r.statusCode()),
              b.toString()}));
        })
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void aFormBodyIsBytesNotAForm() throws Exception {
    int port = start();
    try (LogLines all = new LogLines("")) {
      String[] r = post(port, "application/x-www-form-urlencoded", "%zz\nforged=1", false);
      assertEquals("200", r[0]);
      assertEquals("12:%zz\nforged=1", r[1]);
      assertTrue(all.lines.isEmpty(), all.lines.toString());
    }
  }

  @Test
  void overTheLimitIs413WithOrWithoutContentLength() throws Exception {
    int port = start();
    String big = "x".repeat(65);
    String[] declared = post(port, "text/xml", big, false);
    assertEquals("413", declared[0]);
    assertTrue(declared[1].contains("\"body_too_large\""), declared[1]);
    assertEquals("413", post(port, "text/xml", big, true)[0]);
    assertEquals("200", post(port, "text/xml", "x".repeat(64), true)[0]);
  }

  @Test
  void aBodylessPostIsEmpty() throws Exception {
    int port = start();
    assertEquals("0:", post(port, "text/xml", "", false)[1]);
  }

}
