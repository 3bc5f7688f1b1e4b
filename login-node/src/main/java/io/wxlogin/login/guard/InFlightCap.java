package io.wxlogin.login.guard;

/**
 * A cap on calls in flight to one upstream from this node: when WeChat slows down, requests beyond it are
 * answered at once instead of piling up behind the slow ones. Touched only from the verticle's event loop.
 */
public final class InFlightCap {

  private final int max;
  private int inFlight;

  public InFlightCap(int max) {
    this.max = max;
  }

  /** Takes a slot, or answers false when all are taken; each true must be followed by one {@link #release}. */
  public boolean tryAcquire() {
    if (inFlight >= max) {
      return false;
    }
    inFlight++;
    return true;
  }

  public void release() {
    if (inFlight > 0) {
      inFlight--;
    }
  }

  public int inFlight() {
    return inFlight;
  }
}
