-- One QR request's guards in one step, on standalone and sentinel Redis: the client's rate limit, then, if it
-- allows the request, the day's quota. Refused by the limit: nothing is counted. Refused by the quota: the rate
-- windows stay counted, as when the two run one after the other (cluster mode).
-- uses: lib/qr-rate.lua lib/quota-take.lua
-- KEYS 1-4 and ARGV 1-6: as qr_rate(); KEYS 5-7 and ARGV 7-9: as quota_take()
-- Answers {0, retry-after seconds, index of the full window} (rate limited), or {1, quota verdict, count}.
local rate = qr_rate({KEYS[1], KEYS[2], KEYS[3], KEYS[4]}, {ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]})
if rate[1] == 0 then
  return rate
end
local quota = quota_take({KEYS[5], KEYS[6], KEYS[7]}, {ARGV[7], ARGV[8], ARGV[9]})
return {1, quota[1], quota[2]}
