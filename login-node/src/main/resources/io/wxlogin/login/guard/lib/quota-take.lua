-- quota_take(keys, argv): one qrcode/create is counted against the WeChat day's quota, or refused while the quota
-- is spent, with one probe let through per interval across all nodes.
-- keys: 1 the day's count, 2 the quota state, 3 the probe lease (one slot: the appid is their tag)
-- argv: 1 the daily quota, 2 epoch second the WeChat day ends, 3 probe interval ms
-- Answers {verdict, count}: 1 allowed, 2 allowed as the probe, 0 refused (spent), 3 refused and just spent (log it).
local function quota_take(keys, argv)
  local state = redis.call('GET', keys[2])
  if state == 'quota' or state == '45009' then
    if redis.call('SET', keys[3], '1', 'NX', 'PX', argv[3]) then
      return {2, redis.call('INCR', keys[1])}
    end
    return {0, tonumber(redis.call('GET', keys[1]) or '0')}
  end
  -- counted first (one command instead of a read and a write), and uncounted in this same step if over the quota
  local n = redis.call('INCR', keys[1])
  -- once a probe showed WeChat has more than our count ('lifted'), only WeChat's own 45009 spends the day again
  if state ~= 'lifted' and n > tonumber(argv[1]) then
    n = redis.call('DECR', keys[1])
    redis.call('SET', keys[2], 'quota', 'EXAT', argv[2])
    redis.call('SET', keys[3], '1', 'PX', argv[3])
    return {3, n}
  end
  if n == 1 then
    -- kept one day past its own so an operator can still read yesterday's figure
    redis.call('EXPIREAT', keys[1], tonumber(argv[2]) + 86400)
  end
  return {1, n}
end
