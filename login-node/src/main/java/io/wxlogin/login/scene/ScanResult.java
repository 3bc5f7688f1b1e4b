package io.wxlogin.login.scene;

/**
 * What one scan event came to: how its claim on the scene went (for metrics) and what it means for the user.
 * A retry of a delivery answers what the first one did.
 */
public record ScanResult(Claim claim, Outcome outcome) {

  /** What a scan event's claim on the scene found; the names are the Lua table {@code CLAIM}. */
  public enum Claim { CLAIMED, RETRY, SAME_USER, TAKEN, EXPIRED }

  /** What the user is told. */
  public enum Outcome { NEW_USER, RETURNING_USER, SAME_USER, TAKEN, EXPIRED }

  /** A claim of this delivery that went through every step; {@code newUser} is the login record's "1"/"0". */
  static ScanResult loggedIn(Claim claim, String newUser) {
    return new ScanResult(claim, "1".equals(newUser) ? Outcome.NEW_USER : Outcome.RETURNING_USER);
  }

  /** A claim that is someone else's, this user's earlier one, or finds no scene. */
  static ScanResult refused(Claim claim) {
    Outcome outcome = switch (claim) {
      case SAME_USER -> Outcome.SAME_USER;
      case TAKEN -> Outcome.TAKEN;
      default -> Outcome.EXPIRED;
    };
    return new ScanResult(claim, outcome);
  }

  /** Whether this claim is this delivery's: the login and confirmation steps run (or ran) for it. */
  static boolean ours(Claim claim) {
    return claim == Claim.CLAIMED || claim == Claim.RETRY;
  }
}
