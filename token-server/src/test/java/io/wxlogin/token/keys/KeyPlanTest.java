package io.wxlogin.token.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wxlogin.oidc.SigningKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rotation timeline of docs/oidc.md, decided from the stored keys and the clock. */
class KeyPlanTest {

  private static final KeysConfig CONFIG = new KeysConfig(null, Duration.ofSeconds(100), Duration.ofSeconds(10),
      Duration.ofSeconds(30));
  private static final List<String> RS = List.of(SigningKey.RS256);

  private static SigningKey key(String kid, long signFrom) {
    return new SigningKey(kid, SigningKey.RS256, new JsonObject(), "sealed", signFrom, signFrom);
  }

  @Test
  void theFirstKeySignsAtOnce() {
    KeyPlan plan = KeyPlan.of(List.of(), List.of(SigningKey.RS256, SigningKey.ES256), 5_000, CONFIG);
    assertEquals(List.of(new KeyPlan.NewKey("RS256", 5_000, true), new KeyPlan.NewKey("ES256", 5_000, true)), plan.additions());
  }

  @Test
  void aSuccessorIsPublishedAheadAndSignsWhenTheRotationPeriodEnds() {
    List<SigningKey> one = List.of(key("a", 0));
    assertTrue(KeyPlan.of(one, RS, 89_999, CONFIG).empty());
    assertEquals(List.of(new KeyPlan.NewKey("RS256", 100_000, false)), KeyPlan.of(one, RS, 90_000, CONFIG).additions());
  }

  @Test
  void afterAnOutageTheSuccessorStillWaitsTheFullPublishAheadBeforeSigning() {
    KeyPlan plan = KeyPlan.of(List.of(key("a", 0)), RS, 500_000, CONFIG);
    assertEquals(List.of(new KeyPlan.NewKey("RS256", 510_000, false)), plan.additions());
    assertTrue(plan.removals().isEmpty(), "the only signing key is never removed");
  }

  @Test
  void aSupersededKeyStaysUntilRetainHasPassedSinceItsSuccessorStartedSigning() {
    List<SigningKey> two = List.of(key("a", 0), key("b", 100_000));
    assertTrue(KeyPlan.of(two, RS, 129_999, CONFIG).removals().isEmpty());
    assertEquals(List.of("a"), KeyPlan.of(two, RS, 130_000, CONFIG).removals());
  }

  @Test
  void aPublishedSuccessorIsNotDuplicated() {
    assertTrue(KeyPlan.of(List.of(key("a", 0), key("b", 100_000)), RS, 95_000, CONFIG).empty());
  }
}
