-- index_session(index key, session sha256 hex, ttl s): adds a session to its user's index (user-sessions:<openid>)
-- and keeps the index alive at least as long as that session, so it never outlives the user's newest session.
local function index_session(index, hash, ttl)
  redis.call('SADD', index, hash)
  if redis.call('TTL', index) < tonumber(ttl) then
    redis.call('EXPIRE', index, ttl)
  end
end
