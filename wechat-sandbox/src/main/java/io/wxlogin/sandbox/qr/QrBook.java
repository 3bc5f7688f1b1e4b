package io.wxlogin.sandbox.qr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every QR code created, findable by ticket (showqrcode, a scan by ticket) and by url (a scan of what the
 * picture encodes). Expired codes are remembered for a day so a late scan can be answered "expired".
 * Runs on the verticle's event loop only.
 */
public final class QrBook {

  private static final Duration REMEMBER_EXPIRED = Duration.ofDays(1);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, QrCode> byTicket = new HashMap<>();
  private final Map<String, QrCode> byUrl = new HashMap<>();
  private Instant lastPrune = Instant.EPOCH;

  public QrBook(Clock clock) {
    this.clock = clock;
  }

  QrCode create(QrRequest request) {
    Instant now = clock.instant();
    prune(now);
    Instant expires = request.expireSeconds() == null ? null : now.plusSeconds(request.expireSeconds());
    String url;
    do {
      url = QrTickets.newUrl();
    } while (byUrl.containsKey(url));
    QrCode qr = new QrCode(QrTickets.newTicket(url, now, expires), url, request.actionName(), request.scene(),
        now, expires);
    byTicket.put(qr.ticket(), qr);
    byUrl.put(url, qr);
    return qr;
  }

  public QrCode byTicket(String ticket) {
    return ticket == null ? null : byTicket.get(ticket);
  }

  public QrCode byUrl(String url) {
    return url == null ? null : byUrl.get(url);
  }

  /** The codes that can still be scanned, newest first, at most {@code limit} of them. */
  public List<QrCode> live(int limit) {
    Instant now = clock.instant();
    return byTicket.values().stream().filter(qr -> !qr.expiredAt(now))
        .sorted(Comparator.comparing(QrCode::createdAt).reversed()).limit(limit).toList();
  }

  public Instant now() {
    return clock.instant();
  }

  private void prune(Instant now) {
    if (now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
      return;
    }
    lastPrune = now;
    Instant forgetBefore = now.minus(REMEMBER_EXPIRED);
    byTicket.values().removeIf(qr -> qr.expiresAt() != null && qr.expiresAt().isBefore(forgetBefore));
    byUrl.values().removeIf(qr -> qr.expiresAt() != null && qr.expiresAt().isBefore(forgetBefore));
  }
}
