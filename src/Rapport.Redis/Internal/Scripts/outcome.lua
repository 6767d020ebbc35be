-- Sets the outcome of a live intervention. ARGV: id, the 21 bytes at offset 20 (outcome, rating, outcome-at), now ticks.
-- Returns nil when no live intervention has the id, else its updated value.
local key = base .. 'iv:' .. ARGV[1]
if not live_intervention(ARGV[1], ARGV[3]) then return false end
redis.call('SETRANGE', key, 20, ARGV[2])
if redis.call('EXISTS', v) == 1 then
  redis.call('INCR', v)
  redis.call('ZADD', base .. 'chg', redis.call('ZINCRBY', base .. 'chg', 1, '#'), ARGV[1])
  local t = redis.call('PTTL', v)
  if t > 0 then extend(base .. 'chg', t) end
end
return redis.call('GET', key)
