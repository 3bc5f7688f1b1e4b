-- Stores an OIDC access token's session (a session tagged with its client), expiring with it, in one step.
-- uses: lib/store.lua
-- KEYS[1] session key; ARGV: openid, new_user, created_at (epoch ms), ttl seconds, client_id. The scene is left
-- empty: an access token comes from a code or a refresh, not directly from one scan.
store_session(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], '')
redis.call('HSET', KEYS[1], SESSION.client_id, ARGV[5])
return 1
