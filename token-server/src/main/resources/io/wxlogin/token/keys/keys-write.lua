-- Guarantees: the signing keys change only while the lease names ARGV[1], and every change is announced.
-- KEYS[1] = token-lease:<appid>, KEYS[2] = oidc-keys:<appid> (one hash slot in cluster mode).
-- ARGV: server id, channel, message, n = keys to add, then n (kid, json) pairs, then kids to remove.
-- Returns {1, id} when written, {0, current holder or ''} when refused.
local holder = redis.call('GET', KEYS[1])
if holder ~= ARGV[1] then
  return {0, holder or ''}
end
local n = tonumber(ARGV[4])
for i = 0, n - 1 do
  redis.call('HSET', KEYS[2], ARGV[5 + 2 * i], ARGV[6 + 2 * i])
end
for i = 5 + 2 * n, #ARGV do
  redis.call('HDEL', KEYS[2], ARGV[i])
end
-- an empty channel (cluster mode: a shard channel of another slot) publishes nothing; the caller SPUBLISHes after
if ARGV[2] ~= '' then
  redis.call('PUBLISH', ARGV[2], ARGV[3])
end
return {1, ARGV[1]}
