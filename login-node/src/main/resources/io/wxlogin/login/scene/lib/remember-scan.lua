-- remember_scan(last-scan key, scene id, now ms, ttl s): records which login this user's next "1" or "0" answers,
-- for the window in which it may; a later scan by the same user replaces it. Safe to repeat.
local function remember_scan(key, scene_id, now, ttl)
  redis.call('HSET', key, LAST_SCAN.scene, scene_id, LAST_SCAN.scanned_at, now)
  redis.call('EXPIRE', key, ttl)
end
