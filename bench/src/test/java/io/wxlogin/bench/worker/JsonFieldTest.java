package io.wxlogin.bench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonFieldTest {

  @Test
  void readsWhatAJsonEncoderWrote() {
    JsonObject answer = new JsonObject().put("status", "CONFIRMED")
        .put("session", new JsonObject().put("token", "a-b_c.d\"e\\f/g").put("expiresIn", 86400))
        .put("user", new JsonObject().put("openid", "o_用户").put("newUser", true));
    Buffer body = answer.toBuffer();
    assertEquals("CONFIRMED", new JsonField("status").in(body));
    assertEquals("a-b_c.d\"e\\f/g", new JsonField("token").in(body));
    assertEquals("o_用户", new JsonField("openid").in(body));
  }

  @Test
  void anAbsentOrNonStringFieldIsNull() {
    Buffer body = Buffer.buffer("{\"expiresIn\":86400,\"status\":null}");
    assertNull(new JsonField("token").in(body));
    assertNull(new JsonField("expiresIn").in(body));
    assertNull(new JsonField("status").in(body));
  }

  @Test
  void unicodeEscapesAreUndone() {
    assertEquals("é/x", new JsonField("v").in(Buffer.buffer("{\"v\" : \"\\u00e9\\/x\"}")));
  }
}
