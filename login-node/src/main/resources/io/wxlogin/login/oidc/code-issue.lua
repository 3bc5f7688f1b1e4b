-- Guarantees: a code exists whole, with its bindings, for at most ARGV[1] seconds.
-- KEYS[1] oidc-code:<sha>; ARGV: ttl, client_id, redirect_uri, code_challenge, nonce, openid, new_user, auth_time,
-- scope, sid.
redis.call('HSET', KEYS[1], 'client_id', ARGV[2], 'redirect_uri', ARGV[3], 'code_challenge', ARGV[4],
  'nonce', ARGV[5], 'openid', ARGV[6], 'new_user', ARGV[7], 'auth_time', ARGV[8], 'scope', ARGV[9], 'sid', ARGV[10])
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
