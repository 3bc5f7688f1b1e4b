-- Step 1 of a scan in cluster mode (the scene's slot only): lets exactly one scan event take a PENDING scene.
-- uses: lib/claim.lua
-- KEYS[1] scene key; ARGV: openid, delivery id, now (epoch ms). Returns as claim() in lib/claim.lua
return claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
