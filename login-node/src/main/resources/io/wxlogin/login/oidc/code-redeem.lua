-- Guarantees: a code is redeemed at most once, only by its client, redirect_uri and PKCE verifier; the first
-- redemption records what it issues so that any later one learns what to revoke. A mismatch burns nothing.
-- KEYS[1] oidc-code:<sha>; ARGV: client_id, redirect_uri, S256(verifier) or '', session sha, family id,
-- seconds a used code is remembered.
-- Returns {'OK', client_id, openid, new_user, auth_time, nonce, scope, sid} | {'REUSED', session, family}
-- | {'MISSING'} | {'MISMATCH'} | {'PKCE_FAILED'}.
local c = redis.call('HMGET', KEYS[1], CODE.client_id, CODE.redirect_uri, CODE.code_challenge, CODE.used,
  CODE.session, CODE.family, CODE.openid, CODE.new_user, CODE.auth_time, CODE.nonce, CODE.scope, CODE.sid)
if not c[1] then
  return {'MISSING'}
end
if c[1] ~= ARGV[1] or c[2] ~= ARGV[2] then
  return {'MISMATCH'}
end
if c[4] then
  return {'REUSED', c[5], c[6]}
end
if c[3] ~= ARGV[3] then
  return {'PKCE_FAILED'}
end
redis.call('HSET', KEYS[1], CODE.used, '1', CODE.session, ARGV[4], CODE.family, ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[6])
return {'OK', c[1], c[7], c[8], c[9], c[10], c[11], c[12]}
