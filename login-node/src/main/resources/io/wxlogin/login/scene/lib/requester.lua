-- requester(scene key): what the scene's QR code was made for, as recorded at creation, for the WeChat reply.
-- Returns {browser, os, client_net, site}, '' for each part not recorded.
local function requester(scene)
  local r = redis.call('HMGET', scene, SCENE.browser, SCENE.os, SCENE.client_net, SCENE.site)
  return {r[1] or '', r[2] or '', r[3] or '', r[4] or ''}
end
