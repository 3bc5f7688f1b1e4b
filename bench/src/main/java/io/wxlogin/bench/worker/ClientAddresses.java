package io.wxlogin.bench.worker;

/**
 * A distinct client address for every browser the bench plays, sent as {@code X-Forwarded-For} (the nodes
 * trust the bench's loopback addresses as proxies, {@code TRUSTED_PROXIES=127.0.0.0/8}). So the QR rate limits
 * stay on with their production defaults and are paid for on every QR code, as in production, without the
 * bench being limited itself: consecutive browsers land in different /24 subnets (65,536 of them in 10/8), so
 * a subnet sees one QR code per 65,536 logins and an address one per 16 million.
 */
final class ClientAddresses {

  private static final int SUBNETS = 65_536;
  private final int worker;
  private final int workers;
  private long next;

  ClientAddresses(int worker, int workers) {
    this.worker = worker;
    this.workers = Math.max(1, workers);
  }

  String next() {
    long g = next++ * workers + worker;
    int subnet = (int) (g % SUBNETS);
    int host = (int) (g / SUBNETS % 254) + 1;
    return "10." + (subnet >> 8) + "." + (subnet & 0xff) + "." + host;
  }
}
