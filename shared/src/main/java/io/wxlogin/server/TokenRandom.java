package io.wxlogin.server;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The random source of scene ids, session tokens and other bearer secrets: the JDK's DRBG (NIST SP 800-90A
 * Hash_DRBG with SHA-256, 256-bit strength), seeded from the operating system's entropy source when created
 * (SP 800-90A allows 2^48 requests between reseeds, centuries at any login rate). {@code new SecureRandom()} on Linux is NativePRNG, which reads
 * {@code /dev/urandom} under one global lock and mixes in SHA1PRNG on every call; a node asks for 32 bytes on
 * every poll check, and that showed among the hottest frames of its profile (docs/benchmarks.md).
 */
public final class TokenRandom {

  private static final SecureRandom DRBG = create();

  private TokenRandom() {
  }

  /** Fills {@code bytes} with random bytes; safe from any thread. */
  public static void nextBytes(byte[] bytes) {
    DRBG.nextBytes(bytes);
  }

  public static SecureRandom instance() {
    return DRBG;
  }

  private static SecureRandom create() {
    try {
      return SecureRandom.getInstance("DRBG",
          DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, "wxlogin".getBytes()));
    } catch (NoSuchAlgorithmException e) {
      // every JDK since 9 has DRBG; fall back to the platform default rather than refuse to start
      return new SecureRandom();
    }
  }
}
