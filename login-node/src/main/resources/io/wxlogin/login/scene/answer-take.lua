-- Lets one text message answer a scanned login: "1" (YES) for a SCANNED scene, "0" (NO) for a SCANNED one, or
-- for a CONFIRMED / CONSUMED one to log that browser out. WeChat's retries of that message (same delivery id,
-- i.e. MsgId) are recognised and get the first outcome, so they act once whichever node they reach.
-- uses: lib/requester.lua
-- KEYS[1] scene key; ARGV: openid, delivery id, answer (YES|NO), now (epoch ms)
-- Returns {outcome, status, new_user or '', browser, os, client_net, site}; outcome is TAKEN (this message
-- answers now), RETRY (this message answered before: the stored answer was the same), ANSWERED (already
-- answered by another message, status tells how: REFUSED for a login a "0" ended), NOT_YOURS, or GONE
local s = redis.call('HMGET', KEYS[1], SCENE.status, SCENE.openid, SCENE.answer, SCENE.new_user, SCENE.revoked_at)
if not s[1] then
  return {'GONE', '', '', '', '', '', ''}
end
local r = requester(KEYS[1])
local function answer(outcome, status)
  return {outcome, status, s[4] or '', r[1], r[2], r[3], r[4]}
end
if s[2] ~= ARGV[1] then
  return answer('NOT_YOURS', s[1])
end
if s[3] == ARGV[2] then
  return answer('RETRY', s[1])
end
if s[5] then
  -- a "0" already ended the session this login made: it is over, as if refused
  return answer('ANSWERED', STATUS.REFUSED)
end
local open = s[1] == STATUS.SCANNED
  or (ARGV[3] == 'NO' and (s[1] == STATUS.CONFIRMED or s[1] == STATUS.CONSUMED))
if not open then
  return answer('ANSWERED', s[1])
end
redis.call('HSET', KEYS[1], SCENE.answer, ARGV[2], SCENE.answered_at, ARGV[4])
return answer('TAKEN', s[1])
