-- Carries out a "0": a SCANNED or CONFIRMED scene becomes REFUSED (its poll's node told in the same step, so the
-- browser hears REFUSED and never gets a session); a CONSUMED one is marked revoked and names the session its
-- poll took and the OpenID SSO session started from it, which the caller then ends. Safe to repeat: a REFUSED scene answers REFUSED again.
-- KEYS[1] scene key; ARGV: now (epoch ms), channel prefix, scene id
-- Returns {'REFUSED', '1' if it had been confirmed (a login undone) else ''} | {'REVOKED', session hash or '', sso sid or ''}
--       | {status} when there is nothing to refuse | {'GONE'}
local s = redis.call('HMGET', KEYS[1], SCENE.status, SCENE.session, SCENE.confirmed_at, SCENE.oidc_sso)
if not s[1] then
  return {'GONE'}
end
local was_login = s[3] and '1' or ''
if s[1] == STATUS.SCANNED or s[1] == STATUS.CONFIRMED then
  redis.call('HSET', KEYS[1], SCENE.status, STATUS.REFUSED, SCENE.revoked_at, ARGV[1])
  local node = redis.call('HGET', KEYS[1], SCENE.node)
  -- an empty prefix (cluster mode): the caller SPUBLISHes after the script (PollNodeNotice)
  if node and ARGV[2] ~= '' then
    redis.call('PUBLISH', ARGV[2] .. node, ARGV[3])
  end
  return {STATUS.REFUSED, was_login}
end
if s[1] == STATUS.REFUSED then
  return {STATUS.REFUSED, was_login}
end
if s[1] == STATUS.CONSUMED then
  redis.call('HSETNX', KEYS[1], SCENE.revoked_at, ARGV[1])
  return {'REVOKED', s[2] or '', s[4] or ''}
end
return {s[1]}
