-- Reads live interventions by id. ARGV: now ticks, ids... Returns {hash fields, vector entry} per live id.
local out = {}
for i = 2, #ARGV do
  local key = base .. 'i:' .. ARGV[i]
  if live(key, ARGV[1]) then
    out[#out + 1] = {redis.call('HGETALL', key), redis.call('HGET', base .. 'e', ARGV[i])}
  end
end
return out
