-- QR rate limit: all four windows (address and subnet, minute and day) are checked and counted in one step, and a refused request counts in none.
-- KEYS: 1 address/minute, 2 address/day, 3 subnet/minute, 4 subnet/day (one hash slot: the subnet is their tag)
-- ARGV: 1-4 the limits in KEYS order (0 = no limit), 5 minute window seconds, 6 epoch second the WeChat day ends
-- Answers {1, 0, 0} when counted, or {0, retry-after seconds, index of the first window that is full}.
local retry, full = 0, 0
for i = 1, 4 do
  local limit = tonumber(ARGV[i])
  if limit > 0 and tonumber(redis.call('GET', KEYS[i]) or '0') >= limit then
    local ttl = redis.call('TTL', KEYS[i])
    if ttl < 0 then
      -- a counter must never outlive its window; restore the expiry if something removed it
      if i % 2 == 1 then redis.call('EXPIRE', KEYS[i], ARGV[5]) else redis.call('EXPIREAT', KEYS[i], ARGV[6]) end
      ttl = redis.call('TTL', KEYS[i])
    end
    if ttl < 1 then ttl = 1 end
    if full == 0 then full = i end
    if ttl > retry then retry = ttl end
  end
end
if full > 0 then
  return {0, retry, full}
end
for i = 1, 4 do
  if tonumber(ARGV[i]) > 0 and redis.call('INCR', KEYS[i]) == 1 then
    if i % 2 == 1 then redis.call('EXPIRE', KEYS[i], ARGV[5]) else redis.call('EXPIREAT', KEYS[i], ARGV[6]) end
  end
end
return {1, 0, 0}
