-- poll(scene key, node id, now ms): records this node as the poll holder and reads the state in one step, so a
-- confirmation is either seen here or published to this node; a CONFIRMED scene is consumed here, exactly once.
-- Returns {status} | {'CONFIRMED', openid, new_user} (the scene is CONSUMED from now on)
local function poll(scene, node, now)
  local status = redis.call('HGET', scene, SCENE.status)
  if not status then
    return {STATUS.EXPIRED}
  end
  if status == STATUS.PENDING then
    redis.call('HSET', scene, SCENE.node, node)
    return {status}
  end
  if status == STATUS.CONFIRMED then
    redis.call('HSET', scene, SCENE.status, STATUS.CONSUMED, SCENE.consumed_at, now)
    local user = redis.call('HMGET', scene, SCENE.openid, SCENE.new_user)
    return {status, user[1], user[2]}
  end
  return {status}
end
