-- Guarantees: a code exists whole, with its bindings, for at most ARGV[1] seconds.
-- KEYS[1] oidc-code:<sha>; ARGV: ttl, client_id, redirect_uri, code_challenge, nonce, openid, new_user, auth_time,
-- scope, sid.
redis.call('HSET', KEYS[1], CODE.client_id, ARGV[2], CODE.redirect_uri, ARGV[3], CODE.code_challenge, ARGV[4],
  CODE.nonce, ARGV[5], CODE.openid, ARGV[6], CODE.new_user, ARGV[7], CODE.auth_time, ARGV[8], CODE.scope, ARGV[9],
  CODE.sid, ARGV[10])
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
