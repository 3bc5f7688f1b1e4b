-- Guarantees: the authorization request is stored whole and expires with its lifetime.
-- KEYS[1] oidc-request:<id>; ARGV[1] ttl seconds, then field/value pairs.
for i = 2, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
