-- Guarantees: an SSO session exists whole (secret digest, user, auth time) with its lifetime, or not at all.
-- KEYS[1] oidc-sso:<sid>; ARGV: secret sha256 hex, openid, new_user, auth_time (epoch s), ttl seconds.
redis.call('HSET', KEYS[1], SSO.secret_sha, ARGV[1], SSO.openid, ARGV[2], SSO.new_user, ARGV[3], SSO.auth_time, ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
