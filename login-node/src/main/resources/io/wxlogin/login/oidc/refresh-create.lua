-- Guarantees: a refresh family exists whole, with its first token's digest and its lifetime.
-- KEYS[1] oidc-refresh:<family>; ARGV: token sha, session sha, client_id, openid, new_user, auth_time, scope, sid, ttl.
redis.call('HSET', KEYS[1], REFRESH.current, ARGV[1], REFRESH.session, ARGV[2], REFRESH.client_id, ARGV[3],
  REFRESH.openid, ARGV[4], REFRESH.new_user, ARGV[5], REFRESH.auth_time, ARGV[6], REFRESH.scope, ARGV[7],
  REFRESH.sid, ARGV[8])
redis.call('EXPIRE', KEYS[1], ARGV[9])
return 1
