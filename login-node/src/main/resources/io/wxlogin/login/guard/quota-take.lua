-- QR quota, on its own: cluster mode, where the day's quota and the client's windows live in different slots.
-- uses: lib/quota-take.lua
-- KEYS and ARGV, and the answer: as quota_take() in lib/quota-take.lua
return quota_take(KEYS, ARGV)
