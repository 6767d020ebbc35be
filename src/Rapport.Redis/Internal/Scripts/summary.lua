-- What is live for one user. ARGV: now ticks, now score, last byte of an intervention's summary prefix.
-- Returns {intervention value prefixes (header and kind), {created} per reflection, profile fields or {}}.
local now = ARGV[1]
local members = redis.call('ZRANGEBYSCORE', base .. 'exp', ARGV[2], '+inf')
local interventions, reflections, profile = {}, {}, {}
for _, m in ipairs(members) do
  local t = string.sub(m, 1, 1)
  if t == 'i' then
    local prefix = redis.call('GETRANGE', base .. 'iv:' .. string.sub(m, 3), 0, tonumber(ARGV[3]))
    if string.sub(prefix, 1, 19) > now then interventions[#interventions + 1] = prefix end
  elseif t == 'r' then
    local f = redis.call('HMGET', base .. m, 'x', 'c')
    if f[1] and f[1] > now then reflections[#reflections + 1] = f[2] end
  else
    local f = redis.call('HMGET', base .. m, 'x', 'prefs', 'facts', 'upd')
    if f[1] and f[1] > now then profile = f end
  end
end
return {interventions, reflections, profile}
