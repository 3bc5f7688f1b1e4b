-- Step 3 of a scan in cluster mode (the scene's slot only): confirms the scene and tells its poll's node.
-- uses: lib/confirm.lua
-- KEYS[1] scene key; ARGV: new_user (1|0), now (epoch ms), channel prefix, scene id. Returns 1, 0 or -1
return confirm(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
