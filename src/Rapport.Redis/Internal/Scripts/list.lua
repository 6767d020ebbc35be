-- Lists live records newest first. ARGV: now ticks, limit, 'i' (interventions) or 'r' (reflections).
-- Returns at least 'limit' records when there are that many, plus every record tied (same created score) with
-- the last one, so that the caller can order ties exactly (created ticks, then id) and cut at 'limit'.
-- An intervention row is {id, value}; a reflection row is {hash fields}.
local now, limit, kind = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local members = redis.call('ZREVRANGE', base .. (kind == 'i' and 'ids' or 'refl'), 0, -1, 'WITHSCORES')
local out, last = {}, nil
for i = 1, #members, 2 do
  local id, score = members[i], members[i + 1]
  if #out >= limit and score ~= last then break end
  if kind == 'i' then
    if live_intervention(id, now) then
      out[#out + 1] = {id, redis.call('GET', base .. 'iv:' .. id)}
      last = score
    end
  else
    local key = base .. 'r:' .. id
    if live(key, now) then
      out[#out + 1] = {redis.call('HGETALL', key)}
      last = score
    end
  end
end
return out
