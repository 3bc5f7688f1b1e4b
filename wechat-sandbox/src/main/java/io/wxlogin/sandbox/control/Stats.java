package io.wxlogin.sandbox.control;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the sandbox has been asked and what it answered, so tests can assert "exactly one refresh". */
public final class Stats {

  private final List<String> apiPaths;
  private final Map<String, ApiCounters> apis = new LinkedHashMap<>();
  private long scans;
  private long messages;
  private long posts;
  private long answered;
  private long noAnswer;

  private static final class ApiCounters {
    long calls;
    long ok;
    long aborted;
    final Map<Integer, Long> errcodes = new TreeMap<>();
    final Map<Integer, Long> httpStatuses = new TreeMap<>();

    JsonObject toJson() {
      JsonObject codes = new JsonObject();
      errcodes.forEach((code, n) -> codes.put(String.valueOf(code), n));
      JsonObject statuses = new JsonObject();
      httpStatuses.forEach((status, n) -> statuses.put(String.valueOf(status), n));
      return new JsonObject().put("calls", calls).put("ok", ok).put("errcodes", codes)
          .put("httpStatuses", statuses).put("aborted", aborted);
    }
  }

  public Stats(List<String> apiPaths) {
    this.apiPaths = List.copyOf(apiPaths);
    reset();
  }

  public void reset() {
    apis.clear();
    apiPaths.forEach(p -> apis.put(p, new ApiCounters()));
    scans = 0;
    messages = 0;
    posts = 0;
    answered = 0;
    noAnswer = 0;
  }

  public void called(String path) {
    apis.get(path).calls++;
  }

  public void answeredOk(String path) {
    apis.get(path).ok++;
  }

  public void answeredErrcode(String path, int errcode) {
    apis.get(path).errcodes.merge(errcode, 1L, Long::sum);
  }

  /** A WeChat path answered with a status other than 200 (showqrcode's 404). */
  public void answeredHttpStatus(String path, int status) {
    apis.get(path).httpStatuses.merge(status, 1L, Long::sum);
  }

  /** The caller went away before its answer was written (e.g. it timed out on a delay fault). */
  public void aborted(String path) {
    apis.get(path).aborted++;
  }

  public void scanned() {
    scans++;
  }

  /** A text message sent as a user ({@code /sandbox/message}). */
  public void messaged() {
    messages++;
  }

  /** One POST to the callback URL, first delivery or retry. */
  public void callbackPosted() {
    posts++;
  }

  public void callbackAnswered() {
    answered++;
  }

  /** A POST that timed out or could not connect (and so may be retried). */
  public void callbackUnanswered() {
    noAnswer++;
  }

  public JsonObject toJson() {
    JsonObject perApi = new JsonObject();
    apis.forEach((path, counters) -> perApi.put(path, counters.toJson()));
    return new JsonObject().put("apis", perApi).put("callbacks", new JsonObject().put("scans", scans)
        .put("messages", messages).put("posts", posts).put("answered", answered).put("unanswered", noAnswer));
  }
}
