-- Marks a claimed scene CONFIRMED and, in the same step, tells the node holding its poll (if any). Paired
-- with poll.lua this closes the race: a poll either sees CONFIRMED or its node is published to.
-- KEYS[1] scene key; ARGV: new_user (1|0), now (epoch ms), channel prefix, scene id
-- Returns 1 when confirmed now, 0 when already confirmed, -1 when the scene is gone
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return -1
end
if status ~= 'PENDING' then
  return 0
end
redis.call('HSET', KEYS[1], 'status', 'CONFIRMED', 'new_user', ARGV[1], 'confirmed_at', ARGV[2])
local node = redis.call('HGET', KEYS[1], 'node')
if node then
  redis.call('PUBLISH', ARGV[3] .. node, ARGV[4])
end
return 1
