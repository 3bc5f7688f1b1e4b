-- Adds a session to its user's index and keeps the index alive at least as long as that session.
-- KEYS[1] user-sessions key; ARGV: session sha256 hex, session ttl seconds
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 1
