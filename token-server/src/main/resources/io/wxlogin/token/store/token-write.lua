-- Guarantees: the token is written (and announced) only while the lease names ARGV[1]; the key expires with the token.
-- KEYS[1] = token-lease:<appid>, KEYS[2] = token:<appid> (one hash slot in cluster mode).
-- ARGV: server id, access_token, expires_at ms, refreshed_at ms, token-updated channel, message.
-- Returns {1, id} when written, {0, current holder or ''} when refused.
local holder = redis.call('GET', KEYS[1])
if holder ~= ARGV[1] then
  return {0, holder or ''}
end
redis.call('HSET', KEYS[2], 'access_token', ARGV[2], 'expires_at', ARGV[3], 'refreshed_at', ARGV[4],
  'refreshed_by', ARGV[1])
redis.call('PEXPIREAT', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[5], ARGV[6])
return {1, ARGV[1]}
