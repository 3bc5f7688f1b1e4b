-- Guarantees: a QR code is attached only to a request that still exists (never recreates an expired one).
-- KEYS[1] oidc-request:<id>; ARGV[1] scene id. Returns 1 when attached, 0 when the request is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], REQUEST.scene, ARGV[1])
return 1
