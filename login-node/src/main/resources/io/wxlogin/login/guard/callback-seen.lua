-- Callback replay: the first sight of a (timestamp, nonce) pair binds it to its body digest for the window; a later sight compares.
-- KEYS: 1 the pair's key. ARGV: 1 the body digest, 2 seconds to keep it.
-- Answers 1 first sight, 2 same body again (WeChat's retry), 0 another body (a replay).
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  return 1
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return 2
end
return 0
