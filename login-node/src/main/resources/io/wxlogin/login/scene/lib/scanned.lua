-- mark_scanned(scene key, now ms, node channel prefix, scene id): LOGIN_CONFIRM=reply's first step after a claim:
-- the PENDING scene becomes SCANNED and the node holding its poll is told in the same step, so the browser
-- learns "scanned" at once. Returns 1 marked now, 0 already past PENDING, -1 the scene is gone.
local function mark_scanned(scene, now, channel_prefix, scene_id)
  local status = redis.call('HGET', scene, SCENE.status)
  if not status then
    return -1
  end
  if status ~= STATUS.PENDING then
    return 0
  end
  redis.call('HSET', scene, SCENE.status, STATUS.SCANNED, SCENE.scanned_at, now)
  local node = redis.call('HGET', scene, SCENE.node)
  -- an empty prefix (cluster mode): the caller SPUBLISHes after the script (PollNodeNotice)
  if node and channel_prefix ~= '' then
    redis.call('PUBLISH', channel_prefix .. node, scene_id)
  end
  return 1
end
