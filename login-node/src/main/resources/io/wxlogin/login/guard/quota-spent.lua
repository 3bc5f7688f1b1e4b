-- QR quota: WeChat's 45009 marks the day's quota spent until the WeChat day ends and starts the probe interval, once for all nodes.
-- KEYS: 1 the quota state, 2 the probe lease. ARGV: 1 epoch second the day ends, 2 probe interval ms
-- Answers 1 when this call marked it (the caller logs the operator line), 0 when it already was.
local state = redis.call('GET', KEYS[1])
if state == 'quota' or state == '45009' then
  return 0
end
redis.call('SET', KEYS[1], '45009', 'EXAT', ARGV[1])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
return 1
