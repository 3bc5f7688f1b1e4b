-- One scan event, whole: claim, the user's login record, confirmation and the publish to the poll's node in one
-- step, from the same pieces cluster mode runs one by one (claim-step, login-step, confirm-step, remember-step);
-- the user's latest scan is remembered so a "0" can undo it. A retry of the event gets the first answer.
-- Touches the scene, the user and the last-scan key: standalone and sentinel only.
-- uses: lib/claim.lua lib/record-login.lua lib/confirm.lua lib/remember-scan.lua lib/requester.lua
-- KEYS[1] scene key, KEYS[2] user key, KEYS[3] last-scan key; ARGV: openid, delivery id, now (epoch ms),
-- channel prefix, scene id, seconds a "0" may undo the login
-- Returns {'CLAIMED' | 'RETRY', new_user, browser, os, client_net, site} | {'SAME_USER'} | {'TAKEN'} | {'EXPIRED'}
local claimed = claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
local outcome = claimed[1]
if outcome ~= CLAIM.CLAIMED and outcome ~= CLAIM.RETRY then
  return claimed
end
local isNew = claimed[2] or ''
if isNew == '' then
  isNew = tostring(record_login(KEYS[2], ARGV[2], ARGV[3]))
  if confirm(KEYS[1], isNew, ARGV[3], ARGV[4], ARGV[5]) < 0 then
    return {CLAIM.EXPIRED}
  end
  remember_scan(KEYS[3], ARGV[5], ARGV[3], ARGV[6])
end
local r = requester(KEYS[1])
return {outcome, isNew, r[1], r[2], r[3], r[4]}
