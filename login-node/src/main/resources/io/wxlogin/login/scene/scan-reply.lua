-- A scan with LOGIN_CONFIRM=reply: the first scan event takes a PENDING scene and marks it SCANNED (its poll's
-- node told in the same step); nothing is logged in until the user answers "1". A retry of the event (same
-- delivery id) gets the first answer and changes nothing. The scene's slot only: the same script in every mode.
-- uses: lib/claim.lua lib/scanned.lua lib/requester.lua
-- KEYS[1] scene key; ARGV: openid, delivery id, now (epoch ms), channel prefix, scene id
-- Returns {claim, browser, os, client_net, site, status} (claim as in lib/claim.lua; status now)
local claimed = claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
local outcome = claimed[1]
if outcome == CLAIM.EXPIRED then
  return {outcome, '', '', '', ''}
end
if (outcome == CLAIM.CLAIMED or outcome == CLAIM.RETRY) and mark_scanned(KEYS[1], ARGV[3], ARGV[4], ARGV[5]) < 0 then
  return {CLAIM.EXPIRED, '', '', '', ''}
end
local r = requester(KEYS[1])
return {outcome, r[1], r[2], r[3], r[4], redis.call('HGET', KEYS[1], SCENE.status) or ''}
