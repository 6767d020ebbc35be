-- Replaces the vectors of live interventions that still carry the expected embedder, keeping the rest of each value
-- (an outcome set since the vector was read included) and its TTL. ARGV: now ticks, then per record: id, expected
-- embedder, new embedder, new vector bytes. Returns how many were replaced; bumps the version when any was, and puts the
-- replaced ids in the change feed 'chg' (version.lua) so other processes' snapshots fetch their new vectors.
local function len_at(s, p)
  local a, b, c, d = string.byte(s, p, p + 3)
  return a + 256 * b + 65536 * c + 16777216 * d
end
local replaced = 0
local changed = {}
for i = 2, #ARGV, 4 do
  local key = base .. 'iv:' .. ARGV[i]
  local value = redis.call('GET', key)
  if value and string.sub(value, 1, 19) > ARGV[1] then
    local model_at = 69 + 4 + len_at(value, 69)
    local model_len = len_at(value, model_at)
    if string.sub(value, model_at + 4, model_at + 3 + model_len) == ARGV[i + 1] then
      local rest = model_at + 4 + model_len
      local q = rest
      for _ = 1, 6 do
        local n = len_at(value, q)
        if n == 4294967295 then n = 0 end
        q = q + 4 + n
      end
      redis.call('SET', key, string.sub(value, 1, model_at - 1) .. u32(ARGV[i + 2]) .. string.sub(value, rest, q - 1) .. ARGV[i + 3], 'KEEPTTL')
      replaced = replaced + 1
      changed[#changed + 1] = ARGV[i]
    end
  end
end
if replaced > 0 and redis.call('EXISTS', v) == 1 then
  redis.call('INCR', v)
  local c = redis.call('ZINCRBY', base .. 'chg', 1, '#')
  for _, id in ipairs(changed) do redis.call('ZADD', base .. 'chg', c, id) end
  local t = redis.call('PTTL', v)
  if t > 0 then extend(base .. 'chg', t) end
end
return replaced
