-- Step 1 of a poll in cluster mode (the scene's slot only): holder recorded and state read in one step; a
-- CONFIRMED scene is consumed exactly once, and the caller stores its session next (session-step).
-- uses: lib/poll.lua
-- KEYS[1] scene key; ARGV: node id, now (epoch ms). Returns {status} or {'CONFIRMED', openid, new_user}
return poll(KEYS[1], ARGV[1], ARGV[2])
