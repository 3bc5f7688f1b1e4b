package io.wxlogin.login.scene;

import io.wxlogin.login.confirm.LoginRequester;

/**
 * What one scan event came to: how its claim on the scene went (for metrics) and what it means for the user.
 * A retry of a delivery answers what the first one did. {@code requester} (what asked for the QR code) is
 * known for the scans that are this user's login, null otherwise.
 */
public record ScanResult(Claim claim, Outcome outcome, LoginRequester requester) {

  /** Nothing recorded of what asked for the QR code. */
  public ScanResult(Claim claim, Outcome outcome) {
    this(claim, outcome, null);
  }

  /** What a scan event's claim on the scene found; the names are the Lua table {@code CLAIM}. */
  public enum Claim { CLAIMED, RETRY, SAME_USER, TAKEN, EXPIRED }

  /** What the user is told. */
  public enum Outcome { NEW_USER, RETURNING_USER, SCANNED, SAME_USER, TAKEN, EXPIRED }

  /** A claim of this delivery that went through every step; {@code newUser} is the login record's "1"/"0". */
  static ScanResult loggedIn(Claim claim, String newUser, LoginRequester requester) {
    return new ScanResult(claim, "1".equals(newUser) ? Outcome.NEW_USER : Outcome.RETURNING_USER, requester);
  }

  /** LOGIN_CONFIRM=reply: the scene is SCANNED and waits for the user's "1" or "0". */
  static ScanResult scanned(Claim claim, LoginRequester requester) {
    return new ScanResult(claim, Outcome.SCANNED, requester);
  }

  /** A claim that is someone else's, this user's earlier one, or finds no scene. */
  static ScanResult refused(Claim claim) {
    Outcome outcome = switch (claim) {
      case SAME_USER -> Outcome.SAME_USER;
      case TAKEN -> Outcome.TAKEN;
      default -> Outcome.EXPIRED;
    };
    return new ScanResult(claim, outcome, null);
  }

  /** Whether this claim is this delivery's: the login and confirmation steps run (or ran) for it. */
  static boolean ours(Claim claim) {
    return claim == Claim.CLAIMED || claim == Claim.RETRY;
  }
}
