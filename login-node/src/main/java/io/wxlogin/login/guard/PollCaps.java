package io.wxlogin.login.guard;

import java.util.HashMap;
import java.util.Map;

/**
 * How many long-polls this node holds per client address ({@code POLLS_PER_ADDRESS_MAX}) and per scene
 * ({@code POLLS_PER_SCENE_MAX}): a browser holds one poll per QR code, two while one replaces the other, so
 * more is a client parking polls to use up the node. Touched only from the verticle's event loop.
 */
public final class PollCaps {

  private final int perAddress;
  private final int perScene;
  private final Map<String, Integer> byAddress = new HashMap<>();
  private final Map<String, Integer> byScene = new HashMap<>();

  public PollCaps(int perAddress, int perScene) {
    this.perAddress = perAddress;
    this.perScene = perScene;
  }

  /**
   * Admits one more held poll, or answers which cap it would pass ({@code address} or {@code scene}). Every
   * admitted poll must be {@link #release released} exactly once.
   */
  public String admit(String address, String scene) {
    if (byAddress.getOrDefault(address, 0) >= perAddress) {
      return "address";
    }
    if (byScene.getOrDefault(scene, 0) >= perScene) {
      return "scene";
    }
    byAddress.merge(address, 1, Integer::sum);
    byScene.merge(scene, 1, Integer::sum);
    return null;
  }

  public void release(String address, String scene) {
    byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    byScene.computeIfPresent(scene, (s, n) -> n <= 1 ? null : n - 1);
  }

  public int held(String address) {
    return byAddress.getOrDefault(address, 0);
  }
}
