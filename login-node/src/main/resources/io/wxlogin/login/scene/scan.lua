-- One scan event, whole: the first event takes a PENDING scene, records the user's login, confirms the scene
-- and tells the node holding its poll, all in one step; WeChat's retries of that event (same delivery id) get
-- the first answer and change nothing. Touches two keys, so it runs only where they need not share a slot
-- (standalone and sentinel); cluster mode runs claim.lua, login.lua and confirm.lua instead.
-- KEYS[1] scene key, KEYS[2] user key; ARGV: openid, delivery id, now (epoch ms), channel prefix, scene id
-- Returns {'CLAIMED', new_user} | {'RETRY', new_user} | {'SAME_USER'} | {'TAKEN'} | {'EXPIRED'}
local s = redis.call('HMGET', KEYS[1], 'status', 'openid', 'delivery', 'new_user')
if not s[1] then
  return {'EXPIRED'}
end
if s[2] then
  if s[3] == ARGV[2] then
    return {'RETRY', s[4] or ''}
  end
  if s[2] == ARGV[1] then
    return {'SAME_USER'}
  end
  return {'TAKEN'}
end
local isNew = redis.call('HSETNX', KEYS[2], 'first_login_at', ARGV[3])
redis.call('HSET', KEYS[2], 'last_login_at', ARGV[3], 'last_delivery', ARGV[2], 'last_new_user', isNew)
redis.call('HINCRBY', KEYS[2], 'login_count', 1)
redis.call('HSET', KEYS[1], 'openid', ARGV[1], 'delivery', ARGV[2], 'claimed_at', ARGV[3],
  'status', 'CONFIRMED', 'new_user', isNew, 'confirmed_at', ARGV[3])
local node = redis.call('HGET', KEYS[1], 'node')
if node then
  redis.call('PUBLISH', ARGV[4] .. node, ARGV[5])
end
return {'CLAIMED', tostring(isNew)}
