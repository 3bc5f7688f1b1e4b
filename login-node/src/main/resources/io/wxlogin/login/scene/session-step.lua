-- Step 2 of a consuming poll in cluster mode (the session's slot only): stores the session, expiring with it.
-- uses: ../session/lib/store.lua
-- KEYS[1] session key; ARGV: openid, new_user, created_at (epoch ms), ttl seconds, scene id
store_session(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
return 1
