-- Records one login of a user, once per WeChat delivery: a retried event returns the first answer unchanged.
-- KEYS[1] user key; ARGV: delivery id, now (epoch ms)
-- Returns 1 when this openid had never logged in before, else 0
if redis.call('HGET', KEYS[1], 'last_delivery') == ARGV[1] then
  return tonumber(redis.call('HGET', KEYS[1], 'last_new_user'))
end
local isNew = redis.call('HSETNX', KEYS[1], 'first_login_at', ARGV[2])
redis.call('HSET', KEYS[1], 'last_login_at', ARGV[2], 'last_delivery', ARGV[1], 'last_new_user', isNew)
redis.call('HINCRBY', KEYS[1], 'login_count', 1)
return isNew
