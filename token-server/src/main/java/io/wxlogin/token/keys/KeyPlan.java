package io.wxlogin.token.keys;

import io.wxlogin.oidc.SigningKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the keeper must change, from the stored keys and the clock alone (so it is the same decision on any
 * replica that gains the lease). Per algorithm: the first key signs at once (nobody can have cached a JWKS
 * without it); every later key is stored {@code publishAhead} before it signs; a superseded key is removed
 * {@code retain} after its successor started signing.
 */
public record KeyPlan(List<NewKey> additions, List<String> removals) {

  /** A key to generate, for {@code alg}, signing from {@code signFrom}; {@code first} when it has no predecessor. */
  public record NewKey(String alg, long signFrom, boolean first) {
  }

  public boolean empty() {
    return additions.isEmpty() && removals.isEmpty();
  }

  public static KeyPlan of(List<SigningKey> stored, List<String> algs, long now, KeysConfig config) {
    List<NewKey> add = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    for (String alg : algs) {
      List<SigningKey> keys = stored.stream().filter(k -> alg.equals(k.alg()))
          .sorted(Comparator.comparingLong(SigningKey::signFrom)).toList();
      if (keys.isEmpty()) {
        add.add(new NewKey(alg, now, true));
        continue;
      }
      SigningKey newest = keys.get(keys.size() - 1);
      long rotateAt = newest.signFrom() + config.rotation().toMillis();
      if (now >= rotateAt - config.publishAhead().toMillis()) {
        add.add(new NewKey(alg, Math.max(rotateAt, now + config.publishAhead().toMillis()), false));
      }
      for (int i = 0; i < keys.size() - 1; i++) {
        if (keys.get(i + 1).signFrom() + config.retain().toMillis() <= now) {
          remove.add(keys.get(i).kid());
        }
      }
    }
    return new KeyPlan(add, remove);
  }
}
