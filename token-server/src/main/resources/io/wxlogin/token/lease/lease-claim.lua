-- Guarantees: afterwards the lease names ARGV[1] for ARGV[2] ms, or it still names another server, untouched.
-- KEYS[1] = token-lease:<appid>; ARGV[1] = server id; ARGV[2] = lease time in ms.
-- Returns {2, 0} when newly acquired, {1, 0} when renewed, {0, ms left} when another server holds it.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {2, 0}
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, 0}
end
return {0, redis.call('PTTL', KEYS[1])}
