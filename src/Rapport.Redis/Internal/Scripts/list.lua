-- Lists live records newest first. ARGV: now ticks, limit, 'i' (interventions) or 'r' (reflections).
-- Returns at least 'limit' records when there are that many, plus every record tied (same created score) with
-- the last one, so that the caller can order ties exactly (created ticks, then id) and cut at 'limit'.
local now, limit, kind = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local members = redis.call('ZREVRANGE', base .. (kind == 'i' and 'ids' or 'refl'), 0, -1, 'WITHSCORES')
local out, last = {}, nil
for i = 1, #members, 2 do
  local id, score = members[i], members[i + 1]
  if #out >= limit and score ~= last then break end
  local key = base .. kind .. ':' .. id
  if live(key, now) then
    if kind == 'i' then
      out[#out + 1] = {redis.call('HGETALL', key), redis.call('HGET', base .. 'e', id)}
    else
      out[#out + 1] = {redis.call('HGETALL', key)}
    end
    last = score
  end
end
return out
