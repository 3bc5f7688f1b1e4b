-- Creates a PENDING scene that expires with its QR code, never overwriting an existing one (returns 0 then).
-- KEYS[1] scene key; ARGV: created_at (epoch ms), ticket, ttl seconds
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], SCENE.status, STATUS.PENDING, SCENE.created_at, ARGV[1], SCENE.ticket, ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
