-- Lets exactly one scan event take a PENDING scene; WeChat's retries of that same event (same delivery id)
-- are recognised, so they get the same answer and count once whichever node they reach.
-- KEYS[1] scene key; ARGV: openid, delivery id, now (epoch ms)
-- Returns {'CLAIMED'} | {'RETRY', new_user or ''} | {'SAME_USER'} | {'TAKEN'} | {'EXPIRED'}
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
redis.call('HSET', KEYS[1], 'openid', ARGV[1], 'delivery', ARGV[2], 'claimed_at', ARGV[3])
return {'CLAIMED'}
