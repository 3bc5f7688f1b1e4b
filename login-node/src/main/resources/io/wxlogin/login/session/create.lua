-- Stores a session under the hash of its token, expiring with it.
-- KEYS[1] session key; ARGV: openid, new_user, created_at (epoch ms), ttl seconds
redis.call('HSET', KEYS[1], 'openid', ARGV[1], 'new_user', ARGV[2], 'created_at', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
