-- Records this node as the poll holder and reads the state in one step, so a confirmation that lands at any
-- moment is either seen here or published to this node; a CONFIRMED scene is consumed here, exactly once.
-- KEYS[1] scene key; ARGV: node id, now (epoch ms)
-- Returns {status} or {'CONFIRMED', openid, new_user}
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return {'EXPIRED'}
end
if status == 'PENDING' then
  redis.call('HSET', KEYS[1], 'node', ARGV[1])
  return {'PENDING'}
end
if status == 'CONFIRMED' then
  redis.call('HSET', KEYS[1], 'status', 'CONSUMED', 'consumed_at', ARGV[2])
  local user = redis.call('HMGET', KEYS[1], 'openid', 'new_user')
  return {'CONFIRMED', user[1], user[2]}
end
return {status}
