-- Reads live interventions by id. ARGV: now ticks, ids... Returns {id, value, id, value, ...} for the live ones.
local out = {}
for i = 2, #ARGV do
  local key = base .. 'iv:' .. ARGV[i]
  if redis.call('GETRANGE', key, 0, 18) > ARGV[1] then
    out[#out + 1] = ARGV[i]
    out[#out + 1] = redis.call('GET', key)
  end
end
return out
