package io.wxlogin.login.poll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The long-polls this node holds, by scene. Only the verticle's event loop touches it. A confirmation
 * published to this node wakes the polls of that scene; a restored pub/sub link re-checks all of them.
 */
public final class ParkedPolls {

  private final Map<String, List<ParkedPoll>> byScene = new HashMap<>();
  private int count;

  public void park(ParkedPoll poll) {
    byScene.computeIfAbsent(poll.scene(), s -> new ArrayList<>(1)).add(poll);
    count++;
  }

  public void remove(ParkedPoll poll) {
    List<ParkedPoll> polls = byScene.get(poll.scene());
    if (polls != null && polls.remove(poll)) {
      count--;
      if (polls.isEmpty()) {
        byScene.remove(poll.scene());
      }
    }
  }

  public void forScene(String scene, Consumer<ParkedPoll> action) {
    List<ParkedPoll> polls = byScene.get(scene);
    if (polls != null) {
      new ArrayList<>(polls).forEach(action);
    }
  }

  public void forAll(Consumer<ParkedPoll> action) {
    List<ParkedPoll> all = new ArrayList<>(count);
    byScene.values().forEach(all::addAll);
    all.forEach(action);
  }

  public int size() {
    return count;
  }
}
