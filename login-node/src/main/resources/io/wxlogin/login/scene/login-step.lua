-- Step 2 of a scan in cluster mode (the user's slot only): counts the login once per WeChat delivery.
-- uses: lib/record-login.lua
-- KEYS[1] user key; ARGV: delivery id, now (epoch ms). Returns 1 for a first-ever login, else 0
return record_login(KEYS[1], ARGV[1], ARGV[2])
