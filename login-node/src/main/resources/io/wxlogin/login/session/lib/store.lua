-- store_session(session key, openid, new_user, now ms, ttl s): stores a session under the hash of its token,
-- expiring with it.
local function store_session(session, openid, new_user, now, ttl)
  redis.call('HSET', session, SESSION.openid, openid, SESSION.new_user, new_user, SESSION.created_at, now)
  redis.call('EXPIRE', session, ttl)
end
