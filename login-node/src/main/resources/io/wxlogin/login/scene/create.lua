-- Creates a PENDING scene that expires with its QR code, never overwriting an existing one (returns 0 then). It
-- records what asked for the QR code (browser, OS, masked client network, site), which the WeChat reply names.
-- KEYS[1] scene key; ARGV: created_at (epoch ms), ticket, ttl seconds, browser, os, client_net, site ('' = unknown)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
-- every field in one HSET: one command inside Redis instead of one per field
local fields = {SCENE.status, STATUS.PENDING, SCENE.created_at, ARGV[1], SCENE.ticket, ARGV[2]}
local optional = {SCENE.browser, SCENE.os, SCENE.client_net, SCENE.site}
for i, field in ipairs(optional) do
  if ARGV[3 + i] ~= '' then
    fields[#fields + 1] = field
    fields[#fields + 1] = ARGV[3 + i]
  end
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
