package io.wxlogin.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wxlogin.testing.MethodLength;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The house rule for this module: no method in src/main over 40 lines. */
class MethodLengthTest {

  @Test
  void noMethodInTheMainSourcesIsOver40Lines() {
    assertEquals(List.of(), MethodLength.over(Path.of("src/main/java"), 40));
  }

  @Test
  void theCheckFindsALongMethod() {
    assertTrue(MethodLength.over(Path.of("src/main/java"), 5).size() > 0, "a check that finds nothing proves nothing");
  }
}
