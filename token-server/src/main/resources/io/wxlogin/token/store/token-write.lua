-- Guarantees: written only while the lease names ARGV[1], expiring with the token; a token new to Redis is announced.
-- KEYS[1] = token-lease:<appid>, KEYS[2] = token:<appid> (one hash slot in cluster mode).
-- ARGV: server id, access_token, expires_at ms, refreshed_at ms, refreshed_by, token-updated channel, message.
-- An empty channel (cluster mode: the channel lives in another slot) publishes nothing; the caller SPUBLISHes.
-- Returns {1, id, 1 if the token is new to Redis else 0} when written, {0, current holder or ''} when refused.
local holder = redis.call('GET', KEYS[1])
if holder ~= ARGV[1] then
  return {0, holder or ''}
end
local previous = redis.call('HGET', KEYS[2], TOKEN.access_token)
redis.call('HSET', KEYS[2], TOKEN.access_token, ARGV[2], TOKEN.expires_at, ARGV[3], TOKEN.refreshed_at, ARGV[4],
  TOKEN.refreshed_by, ARGV[5])
redis.call('PEXPIREAT', KEYS[2], ARGV[3])
if previous == ARGV[2] then
  return {1, ARGV[1], 0}
end
if ARGV[6] ~= '' then
  redis.call('PUBLISH', ARGV[6], ARGV[7])
end
return {1, ARGV[1], 1}
