package io.wxlogin.redis;

/**
 * Every Redis key and pub/sub channel name, in one place. An operator reads them with plain
 * {@code redis-cli} (see the README). In cluster mode the appid in token keys gets hash-tag braces,
 * so the lease and the token it fences share one slot and the fenced write stays a single script.
 */
public final class RedisKeys {

  private final String prefix;
  private final boolean cluster;

  public RedisKeys(String prefix, boolean cluster) {
    this.prefix = prefix;
    this.cluster = cluster;
  }

  public String prefix() {
    return prefix;
  }

  /**
   * Whether a script may touch keys of different kinds (a scene and a user, a scene and a session): yes on a
   * standalone or sentinel Redis, no in cluster mode, where they live in different hash slots.
   */
  public boolean multiKeyScripts() {
    return !cluster;
  }

  /**
   * Whether pub/sub is sharded: {@code SSUBSCRIBE}/{@code SPUBLISH} in cluster mode (Redis 7), so a message
   * stays on the shard that owns its channel's slot instead of crossing the whole cluster bus.
   */
  public boolean shardedPubSub() {
    return cluster;
  }

  private String tag(String id) {
    return cluster ? "{" + id + "}" : id;
  }

  /** Hash, fields {@link RedisFields.Token}. */
  public String token(String appId) {
    return prefix + "token:" + tag(appId);
  }

  /** String: the id of the token-server that may refresh, with the lease time as TTL. */
  public String tokenLease(String appId) {
    return prefix + "token-lease:" + tag(appId);
  }

  /** Hash, fields {@link RedisFields.TokenForce}: the day (Beijing date), its force refreshes, and when last. */
  public String tokenForce(String appId) {
    return prefix + "token-force:" + tag(appId);
  }

  /** Hash, fields {@link RedisFields.Scene}. */
  public String scene(String scene) {
    return prefix + "scene:" + scene;
  }

  /** Hash, fields {@link RedisFields.User}. */
  public String user(String openid) {
    return prefix + "user:" + openid;
  }

  /** Hash, fields {@link RedisFields.Session}, keyed by the SHA-256 hex of the session token, never the token. */
  public String session(String tokenSha256Hex) {
    return prefix + "session:" + tokenSha256Hex;
  }

  /**
   * Hash: the user's latest login scan ({@code scene}, {@code scanned_at}), so a "1" or "0" text from that user
   * finds the login it answers; its TTL is the window in which it may.
   */
  public String lastScan(String openid) {
    return prefix + "last-scan:" + openid;
  }

  /**
   * Set: the SHA-256 hex of every session of one user, so all of them can be ended at once; its TTL is pushed
   * to the session lifetime on each add, so it outlives the user's newest session and no longer.
   */
  public String userSessions(String openid) {
    return prefix + "user-sessions:" + openid;
  }

  /** Channel: scene ids confirmed for polls that node holds. */
  public String nodeChannel(String nodeId) {
    return prefix + "node:" + nodeId;
  }

  /** Channel: refresh requests from login nodes that saw a token error. */
  public String tokenRefreshChannel() {
    return prefix + "token-refresh";
  }

  /** Channel: an appid whose token changed. */
  public String tokenUpdatedChannel() {
    return prefix + "token-updated";
  }

  /**
   * String counters of QR codes created by one client address in a minute ({@code m}) or a WeChat day
   * ({@code d}). The subnet is the hash tag in cluster mode, so an address's and its subnet's four windows
   * share one slot and one script checks them all.
   */
  public String qrLimitAddress(String subnet, String address, String window) {
    return prefix + "qr-limit:" + tag(subnet) + ":addr:" + address + ":" + window;
  }

  /** String counter of QR codes created by one IPv4 /24 or IPv6 /64 in a minute ({@code m}) or a day ({@code d}). */
  public String qrLimitSubnet(String subnet, String window) {
    return prefix + "qr-limit:" + tag(subnet) + ":net:" + window;
  }

  /** String counter: {@code qrcode/create} calls for this appid on one WeChat day ({@code yyyymmdd}, Beijing). */
  public String qrQuota(String appId, String beijingDate) {
    return prefix + "qr-quota:" + tag(appId) + ":" + beijingDate;
  }

  /**
   * String until the WeChat day ends: {@code quota} or {@code 45009} while the day's QR quota is spent (by our
   * count or by WeChat's answer), {@code lifted} once a probe showed WeChat creates codes again that day.
   */
  public String qrQuotaState(String appId) {
    return prefix + "qr-quota-state:" + tag(appId);
  }

  /** String with a TTL of the probe interval: held while a spent quota allows no other probe call. */
  public String qrQuotaProbe(String appId) {
    return prefix + "qr-quota-probe:" + tag(appId);
  }

  /**
   * String: the body digest first seen with one callback {@code (timestamp, nonce)}, kept for the replay window.
   * The id is a digest of that pair, never the raw query.
   */
  public String callbackSeen(String pairDigest) {
    return prefix + "callback-seen:" + pairDigest;
  }

  /**
   * Hash: OIDC signing keys, field = kid, value = {@code io.wxlogin.oidc.SigningKey} JSON (private part sealed).
   * Tagged with the appid like the lease, so the lease holder's fenced write is one script in cluster mode.
   */
  public String oidcKeys(String appId) {
    return prefix + "oidc-keys:" + tag(appId);
  }

  /** Channel: the signing keys changed; nodes re-read {@link #oidcKeys(String)}. */
  public String oidcKeysChannel() {
    return prefix + "oidc-keys-updated";
  }

  /** Hash: one pending authorization request (client, redirect_uri, state, nonce, PKCE challenge, scene). */
  public String oidcRequest(String id) {
    return prefix + "oidc-request:" + id;
  }

  /** Hash keyed by the SHA-256 hex of an authorization code: its bindings, then who redeemed it. */
  public String oidcCode(String codeSha256Hex) {
    return prefix + "oidc-code:" + codeSha256Hex;
  }

  /** Hash: one SSO (browser) session by its public id; the cookie's secret is kept only as a SHA-256. */
  public String oidcSso(String sid) {
    return prefix + "oidc-sso:" + sid;
  }

  /** Set: what an SSO session issued ({@code s:<session sha>}, {@code f:<refresh family>}), ended with it. */
  public String oidcSsoGrants(String sid) {
    return prefix + "oidc-sso-grants:" + sid;
  }

  /** Set: a user's SSO sessions ({@code sso:<sid>}) and refresh families ({@code f:<id>}), to end them all at once. */
  public String oidcUserGrants(String openid) {
    return prefix + "oidc-user-grants:" + openid;
  }

  /** Hash: one refresh-token family: the current token's SHA-256, its access token, who and for which client. */
  public String oidcRefreshFamily(String familyId) {
    return prefix + "oidc-refresh:" + familyId;
  }
}
