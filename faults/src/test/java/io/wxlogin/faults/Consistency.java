package io.wxlogin.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What "Redis holds no inconsistent state" means after a fault: every scan that took a scene finished it
 * (confirmed, with its user); as many sessions as consumed scenes (no consumed scene without its session,
 * no session without its scene consumed); each user's {@code login_count} equal to the scenes they
 * confirmed (a retried or repeated delivery counted once).
 */
final class Consistency {

  private Consistency() {
  }

  /** Returns the number of completed (consumed) logins found. */
  static int assertConsistent(Store store) {
    int consumed = 0;
    Map<String, Integer> confirmedBy = new HashMap<>();
    for (String key : store.keys("wxlogin:scene:*")) {
      Map<String, String> scene = store.hgetall(key);
      String status = scene.get("status");
      if (status == null) {
        continue; // expired between SCAN and HGETALL
      }
      if ("PENDING".equals(status)) {
        assertNull(scene.get("openid"), key + " was taken by a scan that never confirmed it: " + scene);
        continue;
      }
      assertNotNull(scene.get("openid"), key + " is " + status + " without a user: " + scene);
      assertNotNull(scene.get("confirmed_at"), key + " is " + status + " without confirmed_at: " + scene);
      confirmedBy.merge(scene.get("openid"), 1, Integer::sum);
      if ("CONSUMED".equals(status)) {
        consumed++;
      }
    }
    List<String> sessions = store.keys("wxlogin:session:*");
    for (String key : sessions) {
      assertNotNull(store.hgetall(key).get("openid"), key + " has no user");
    }
    assertEquals(consumed, sessions.size(), "one session per consumed scene");
    confirmedBy.forEach((openid, scenes) -> assertEquals(String.valueOf(scenes),
        store.hgetall("wxlogin:user:" + openid).get("login_count"), "login_count of " + openid));
    return consumed;
  }
}
