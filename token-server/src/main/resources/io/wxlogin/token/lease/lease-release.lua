-- Guarantees: deletes the lease only while it names ARGV[1], so a server never removes its successor's lease.
-- KEYS[1] = token-lease:<appid>; ARGV[1] = server id. Returns 1 when released, 0 when it was not ours.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
