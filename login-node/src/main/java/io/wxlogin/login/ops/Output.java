package io.wxlogin.login.ops;

import io.vertx.core.json.JsonObject;

/** A command's answer: the JSON for {@code --json}, the text for a terminal, and the exit status. */
record Output(JsonObject json, String text, int status) {

  static final int OK = 0;
  static final int NOT_FOUND = 1;
  static final int FAILED = 2;

  static Output ok(JsonObject json, String text) {
    return new Output(json, text, OK);
  }

  static Output notFound(String code, String message) {
    return new Output(new JsonObject().put("error", code).put("message", message), message + "\n", NOT_FOUND);
  }
}
