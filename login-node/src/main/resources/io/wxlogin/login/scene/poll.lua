-- A poll whose consumption stores the session in the same step: a consumed scene always has its session. Touches
-- the scene and the session key: standalone and sentinel only (cluster mode runs poll-step, then session-step).
-- uses: lib/poll.lua ../session/lib/store.lua
-- KEYS[1] scene key, KEYS[2] session key; ARGV: node id, now (epoch ms), session ttl seconds, session hash,
-- seconds a consumed scene is kept (so a "0" finds its session), scene id
-- Returns {status} or {'CONFIRMED', openid, new_user}
local result = poll(KEYS[1], ARGV[1], ARGV[2], ARGV[4], ARGV[5])
if result[1] == STATUS.CONFIRMED then
  store_session(KEYS[2], result[2], result[3], ARGV[2], ARGV[3], ARGV[6])
end
return result
