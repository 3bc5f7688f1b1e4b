package io.wxlogin.login.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SceneRowTest {

  /** A pending scene id is a bearer secret: whoever polls it gets the session. */
  @Test
  void toStringShowsOnlyTheSceneHead() {
    String scene = "abcdefgh-rest-of-the-scene-id-0123456789";
    String shown = new SceneRow(scene, Map.of("status", "PENDING"), 60L).toString();
    assertFalse(shown.contains(scene), shown);
    assertTrue(shown.contains("abcdefgh…") && shown.contains("PENDING"), shown);
  }
}
