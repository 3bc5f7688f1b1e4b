-- confirm(scene key, new_user 1|0, now ms, node channel prefix, scene id): marks a claimed scene (PENDING, or
-- SCANNED when LOGIN_CONFIRM=reply and the user answered "1") CONFIRMED and, in the same step, tells the node
-- holding its poll. With poll() this closes the race: a poll either sees
-- CONFIRMED or its node is published to. Returns 1 confirmed now, 0 already confirmed, -1 the scene is gone.
local function confirm(scene, new_user, now, channel_prefix, scene_id)
  -- status and holder in one read: the HSET below changes neither the holder nor anything else they depend on
  local s = redis.call('HMGET', scene, SCENE.status, SCENE.node)
  local status, node = s[1], s[2]
  if not status then
    return -1
  end
  if status ~= STATUS.PENDING and status ~= STATUS.SCANNED then
    return 0
  end
  redis.call('HSET', scene, SCENE.status, STATUS.CONFIRMED, SCENE.new_user, new_user, SCENE.confirmed_at, now)
  -- an empty prefix (cluster mode): the caller SPUBLISHes after the script (PollNodeNotice)
  if node and channel_prefix ~= '' then
    redis.call('PUBLISH', channel_prefix .. node, scene_id)
  end
  return 1
end
