-- claim(scene key, openid, delivery id, now ms): lets exactly one scan event take a PENDING scene. WeChat's
-- retries of that event (same delivery id) are recognised, so they get the same answer whichever node they reach.
-- Returns {'CLAIMED'} | {'RETRY', new_user, or '' if the first delivery did not get as far as confirming}
--       | {'SAME_USER'} | {'TAKEN'} | {'EXPIRED'}   (the names of Java's SceneStore.Claim, as table CLAIM)
local function claim(scene, openid, delivery, now)
  local s = redis.call('HMGET', scene, SCENE.status, SCENE.openid, SCENE.delivery, SCENE.new_user)
  if not s[1] then
    return {CLAIM.EXPIRED}
  end
  if s[2] then
    if s[3] == delivery then
      return {CLAIM.RETRY, s[4] or ''}
    end
    if s[2] == openid then
      return {CLAIM.SAME_USER}
    end
    return {CLAIM.TAKEN}
  end
  redis.call('HSET', scene, SCENE.openid, openid, SCENE.delivery, delivery, SCENE.claimed_at, now)
  return {CLAIM.CLAIMED}
end
