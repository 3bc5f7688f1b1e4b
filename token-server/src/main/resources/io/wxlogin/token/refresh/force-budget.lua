-- Guarantees: at most ARGV[4] force_refresh calls per day (ARGV[2]), ARGV[5] ms apart, reserved only by the lease holder.
-- KEYS[1] = token-lease:<appid>, KEYS[2] = token-force:<appid> (hash: day, count, last_at).
-- ARGV: server id, day (Beijing date), now ms, per-day limit, spacing ms, key TTL s.
-- Returns 0 = reserved, n > 0 = wait n ms, -1 = today's budget is used up, -2 = not the lease holder.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return -2
end
local state = redis.call('HMGET', KEYS[2], TOKEN_FORCE.day, TOKEN_FORCE.count, TOKEN_FORCE.last_at)
local count = tonumber(state[2]) or 0
if state[1] ~= ARGV[2] then
  count = 0
end
if count >= tonumber(ARGV[4]) then
  return -1
end
local wait = (tonumber(state[3]) or 0) + tonumber(ARGV[5]) - tonumber(ARGV[3])
if wait > 0 then
  return wait
end
redis.call('HSET', KEYS[2], TOKEN_FORCE.day, ARGV[2], TOKEN_FORCE.count, count + 1, TOKEN_FORCE.last_at, ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[6])
return 0
