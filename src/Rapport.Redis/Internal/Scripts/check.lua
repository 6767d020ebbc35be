-- After record.lua refused a batch: removes the batch's tombstones and says what stood in its way.
-- ARGV: the batch's ids. Returns {1 when the user has a version else 0, then every id whose key holds a record}.
local out = {redis.call('EXISTS', v)}
for _, id in ipairs(ARGV) do
  local key = base .. 'iv:' .. id
  if redis.call('STRLEN', key) == 0 then redis.call('DEL', key) else out[#out + 1] = id end
end
return out
