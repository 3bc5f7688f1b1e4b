-- Records the user's latest login scan (its own slot), so a "1" or "0" text finds the login it answers.
-- uses: lib/remember-scan.lua
-- KEYS[1] last-scan key; ARGV: scene id, now (epoch ms), ttl seconds
remember_scan(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
return 1
