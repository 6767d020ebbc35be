-- After record.lua refused a batch: says what stood in its way.
-- ARGV: the batch's ids. Returns {1 when the user has a version else 0, then every id whose key holds a record}.
local out = {redis.call('EXISTS', v)}
for _, id in ipairs(ARGV) do
  if redis.call('EXISTS', base .. 'iv:' .. id) == 1 then out[#out + 1] = id end
end
return out
