-- One scan event, whole: claim, the user's login record, confirmation and the publish to the poll's node in one
-- step, from the same pieces cluster mode runs one by one (claim-step, login-step, confirm-step); a retry of the
-- event gets the first answer. Touches the scene and the user key: standalone and sentinel only.
-- uses: lib/claim.lua lib/record-login.lua lib/confirm.lua
-- KEYS[1] scene key, KEYS[2] user key; ARGV: openid, delivery id, now (epoch ms), channel prefix, scene id
-- Returns {'CLAIMED' | 'RETRY', new_user} | {'SAME_USER'} | {'TAKEN'} | {'EXPIRED'}
local claimed = claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
local outcome = claimed[1]
if (outcome == CLAIM.CLAIMED or outcome == CLAIM.RETRY) and (claimed[2] or '') == '' then
  local isNew = record_login(KEYS[2], ARGV[2], ARGV[3])
  if confirm(KEYS[1], isNew, ARGV[3], ARGV[4], ARGV[5]) < 0 then
    return {CLAIM.EXPIRED}
  end
  return {outcome, tostring(isNew)}
end
return claimed
