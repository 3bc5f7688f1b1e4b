-- Records on a login's scene the SSO session an OpenID login started from it, so that the user's "0" in WeChat
-- ends that session too. Only while the login stands: consumed by that user's browser and not ended by a "0".
-- KEYS[1] scene key; ARGV: sso sid, openid
-- Returns 1 when recorded, 0 when the login is gone or was ended (the caller ends the SSO session it created)
local s = redis.call('HMGET', KEYS[1], SCENE.status, SCENE.openid, SCENE.revoked_at)
if s[1] ~= STATUS.CONSUMED or s[2] ~= ARGV[2] or s[3] then
  return 0
end
redis.call('HSET', KEYS[1], SCENE.oidc_sso, ARGV[1])
return 1
