-- Records this node as the poll holder and reads the state in one step, so a confirmation that lands at any
-- moment is either seen here or published to this node; a CONFIRMED scene is consumed here, exactly once.
-- With a session key (KEYS[2], standalone and sentinel only) the session is stored in the same step, so a
-- consumed scene always has its session; without one the caller stores it (cluster mode: another slot).
-- KEYS[1] scene key, KEYS[2] optional session key; ARGV: node id, now (epoch ms), session ttl seconds
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
  if KEYS[2] then
    redis.call('HSET', KEYS[2], 'openid', user[1], 'new_user', user[2], 'created_at', ARGV[2])
    redis.call('EXPIRE', KEYS[2], ARGV[3])
  end
  return {'CONFIRMED', user[1], user[2]}
end
return {status}
