-- A poll whose consumption stores the session in the same step: a consumed scene always has its session, and the
-- session is in its user's index. Touches the scene, the session and the index: standalone and sentinel only
-- (cluster mode runs poll-step, session-step, then the index step). The index key is the prefix given plus the
-- openid the scene holds, known only here; a script may touch such a key outside cluster mode.
-- uses: lib/poll.lua ../session/lib/store.lua ../session/lib/index.lua
-- KEYS[1] scene key, KEYS[2] session key; ARGV: node id, now (epoch ms), session ttl seconds, session hash,
-- seconds a consumed scene is kept (so a "0" finds its session), scene id, user-sessions key prefix
-- Returns as poll() in lib/poll.lua
local result = poll(KEYS[1], ARGV[1], ARGV[2], ARGV[4], ARGV[5])
if result[1] == STATUS.CONFIRMED then
  store_session(KEYS[2], result[2], result[3], ARGV[2], ARGV[3], ARGV[6])
  index_session(ARGV[7] .. result[2], ARGV[4], ARGV[3])
end
return result
