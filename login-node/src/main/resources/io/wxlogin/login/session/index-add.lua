-- Adds a stored session to its user's index, the index living at least as long as that session (cluster mode's
-- step after the session's store; standalone Redis does it inside poll.lua).
-- uses: lib/index.lua
-- KEYS[1] user-sessions key; ARGV: session sha256 hex, session ttl seconds
index_session(KEYS[1], ARGV[1], ARGV[2])
return 1
