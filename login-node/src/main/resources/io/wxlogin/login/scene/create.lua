-- Creates a PENDING scene that expires with its QR code, never overwriting an existing one (returns 0 then). It
-- records what asked for the QR code (browser, OS, masked client network, site), which the WeChat reply names.
-- KEYS[1] scene key; ARGV: created_at (epoch ms), ticket, ttl seconds, browser, os, client_net, site ('' = unknown)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], SCENE.status, STATUS.PENDING, SCENE.created_at, ARGV[1], SCENE.ticket, ARGV[2])
local fields = {SCENE.browser, SCENE.os, SCENE.client_net, SCENE.site}
for i, field in ipairs(fields) do
  if ARGV[3 + i] ~= '' then
    redis.call('HSET', KEYS[1], field, ARGV[3 + i])
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
