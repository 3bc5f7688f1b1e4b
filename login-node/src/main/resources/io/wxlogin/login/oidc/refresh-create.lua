-- Guarantees: a refresh family exists whole, with its first token's digest and its lifetime.
-- KEYS[1] oidc-refresh:<family>; ARGV: token sha, session sha, client_id, openid, new_user, auth_time, scope, sid, ttl.
redis.call('HSET', KEYS[1], 'current', ARGV[1], 'session', ARGV[2], 'client_id', ARGV[3], 'openid', ARGV[4],
  'new_user', ARGV[5], 'auth_time', ARGV[6], 'scope', ARGV[7], 'sid', ARGV[8])
redis.call('EXPIRE', KEYS[1], ARGV[9])
return 1
