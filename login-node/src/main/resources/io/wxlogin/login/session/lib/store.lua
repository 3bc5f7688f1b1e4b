-- store_session(session key, openid, new_user, now ms, ttl s, scene id): stores a session under the hash of its
-- token, expiring with it, with the scene (login) it came from.
local function store_session(session, openid, new_user, now, ttl, scene_id)
  redis.call('HSET', session, SESSION.openid, openid, SESSION.new_user, new_user, SESSION.created_at, now,
    SESSION.scene, scene_id)
  redis.call('EXPIRE', session, ttl)
end
