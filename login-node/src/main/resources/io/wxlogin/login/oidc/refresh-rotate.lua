-- Guarantees: the current token rotates exactly once; any other token of a live family (a replay) ends the family.
-- KEYS[1] oidc-refresh:<family>; ARGV: presented sha, client_id, next sha, next session sha, ttl seconds.
-- Returns {'OK', previous session, client_id, openid, new_user, auth_time, scope, sid} | {'REUSED', session}
-- | {'MISSING'} | {'MISMATCH'} (another client's token: refused, nothing changes).
local f = redis.call('HMGET', KEYS[1], REFRESH.current, REFRESH.session, REFRESH.client_id, REFRESH.openid,
  REFRESH.new_user, REFRESH.auth_time, REFRESH.scope, REFRESH.sid)
if not f[1] then
  return {'MISSING'}
end
if f[3] ~= ARGV[2] then
  return {'MISMATCH'}
end
if f[1] ~= ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {'REUSED', f[2]}
end
redis.call('HSET', KEYS[1], REFRESH.current, ARGV[3], REFRESH.session, ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return {'OK', f[2], f[3], f[4], f[5], f[6], f[7], f[8]}
