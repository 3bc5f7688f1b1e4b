-- qr_rate(keys, argv): the QR rate limit; all four windows (address and subnet, minute and day) are checked
-- and counted in one step, and a refused request counts in none.
-- keys: 1 address/minute, 2 address/day, 3 subnet/minute, 4 subnet/day (one hash slot: the subnet is their tag)
-- argv: 1-4 the limits in keys order (0 = no limit), 5 minute window seconds, 6 epoch second the WeChat day ends
-- Answers {1, 0, 0} when counted, or {0, retry-after seconds, index of the first window that is full}.
-- Each window is counted first and uncounted again if the request is refused: an allowed request, by far the
-- most common, costs one INCR a window (and its expiry the first time) rather than a GET and an INCR.
local function qr_rate(keys, argv)
  local counted, full = {}, 0
  for i = 1, 4 do
    local limit = tonumber(argv[i])
    if limit > 0 then
      local n = redis.call('INCR', keys[i])
      counted[#counted + 1] = i
      if n == 1 then
        if i % 2 == 1 then redis.call('EXPIRE', keys[i], argv[5]) else redis.call('EXPIREAT', keys[i], argv[6]) end
      end
      if n > limit and full == 0 then
        full = i
      end
    end
  end
  if full == 0 then
    return {1, 0, 0}
  end
  local retry = 0
  for _, i in ipairs(counted) do
    if redis.call('DECR', keys[i]) >= tonumber(argv[i]) then
      local ttl = redis.call('TTL', keys[i])
      if ttl < 0 then
        -- a counter must never outlive its window; restore the expiry if something removed it
        if i % 2 == 1 then redis.call('EXPIRE', keys[i], argv[5]) else redis.call('EXPIREAT', keys[i], argv[6]) end
        ttl = redis.call('TTL', keys[i])
      end
      if ttl < 1 then ttl = 1 end
      if ttl > retry then retry = ttl end
    end
  end
  return {0, retry, full}
end
