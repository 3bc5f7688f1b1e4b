-- Reads a session and its remaining lifetime in one step.
-- KEYS[1] session key. Returns {openid, new_user, created_at, ttl seconds} or an empty array
local s = redis.call('HMGET', KEYS[1], SESSION.openid, SESSION.new_user, SESSION.created_at)
if not s[1] then
  return {}
end
return {s[1], s[2], s[3], redis.call('TTL', KEYS[1])}
