-- QR rate limit, on its own: cluster mode, where the client's windows and the day's quota live in different slots.
-- uses: lib/qr-rate.lua
-- KEYS and ARGV, and the answer: as qr_rate() in lib/qr-rate.lua
return qr_rate(KEYS, ARGV)
