-- poll(scene key, node id, now ms, session hash, keep s): records this node as the poll holder and reads the
-- state in one step, so a confirmation is either seen here or published to this node; a CONFIRMED scene is
-- consumed here, exactly once, and remembers the session it gave (so a "0" can end it) for at least keep s.
-- A SCANNED scene is reported once ({'SCANNED'}); after that the poll waits like a pending one ({'SCANNED_SEEN'}).
-- Returns {status} | {'SCANNED_SEEN'} | {'CONFIRMED', openid, new_user, confirmed_at, created_at} (the scene is
-- CONSUMED from now on; the two times, '' when absent, let the node answering the poll measure the login)
local function poll(scene, node, now, session_hash, keep)
  -- one read for the state and what a consuming poll returns; the writes below change none of these fields
  local s = redis.call('HMGET', scene, SCENE.status, SCENE.openid, SCENE.new_user, SCENE.confirmed_at, SCENE.created_at)
  local status = s[1]
  if not status then
    return {STATUS.EXPIRED}
  end
  if status == STATUS.PENDING then
    redis.call('HSET', scene, SCENE.node, node)
    return {status}
  end
  if status == STATUS.SCANNED then
    redis.call('HSET', scene, SCENE.node, node)
    if redis.call('HSETNX', scene, SCENE.scanned_told, '1') == 1 then
      return {status}
    end
    return {'SCANNED_SEEN'}
  end
  if status == STATUS.CONFIRMED then
    redis.call('HSET', scene, SCENE.status, STATUS.CONSUMED, SCENE.consumed_at, now, SCENE.session, session_hash)
    if redis.call('TTL', scene) < tonumber(keep) then
      redis.call('EXPIRE', scene, keep)
    end
    return {status, s[2], s[3], s[4] or '', s[5] or ''}
  end
  return {status}
end
