-- Step 1 of a poll in cluster mode (the scene's slot only): holder recorded and state read in one step; a
-- CONFIRMED scene is consumed exactly once, and the caller stores its session next (session-step).
-- uses: lib/poll.lua
-- KEYS[1] scene key; ARGV: node id, now (epoch ms), session hash, seconds a consumed scene is kept.
-- Returns as poll() in lib/poll.lua
return poll(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
