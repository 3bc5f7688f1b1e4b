-- QR quota: one qrcode/create is counted against the WeChat day's quota, or refused while the quota is spent, with one probe let through per interval across all nodes.
-- KEYS: 1 the day's count, 2 the quota state, 3 the probe lease (one slot: the appid is their tag)
-- ARGV: 1 the daily quota, 2 epoch second the WeChat day ends, 3 probe interval ms
-- Answers {verdict, count}: 1 allowed, 2 allowed as the probe, 0 refused (spent), 3 refused and just spent (log it).
local state = redis.call('GET', KEYS[2])
if state == 'quota' or state == '45009' then
  if redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[3]) then
    return {2, redis.call('INCR', KEYS[1])}
  end
  return {0, tonumber(redis.call('GET', KEYS[1]) or '0')}
end
-- counted first (one command instead of a read and a write), and uncounted in this same step if over the quota
local n = redis.call('INCR', KEYS[1])
-- once a probe showed WeChat has more than our count ('lifted'), only WeChat's own 45009 spends the day again
if state ~= 'lifted' and n > tonumber(ARGV[1]) then
  n = redis.call('DECR', KEYS[1])
  redis.call('SET', KEYS[2], 'quota', 'EXAT', ARGV[2])
  redis.call('SET', KEYS[3], '1', 'PX', ARGV[3])
  return {3, n}
end
if n == 1 then
  -- kept one day past its own so an operator can still read yesterday's figure
  redis.call('EXPIREAT', KEYS[1], tonumber(ARGV[2]) + 86400)
end
return {1, n}
