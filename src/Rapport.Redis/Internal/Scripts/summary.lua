-- What is live for one user. ARGV: now ticks, now score.
-- Returns {{kind, outcome, created, outcome-at} per intervention, {created} per reflection, profile fields or {}}.
local now = ARGV[1]
local members = redis.call('ZRANGEBYSCORE', base .. 'exp', ARGV[2], '+inf')
local interventions, reflections, profile = {}, {}, {}
for _, m in ipairs(members) do
  local key = base .. m
  local t = string.sub(m, 1, 1)
  if t == 'i' then
    local f = redis.call('HMGET', key, 'x', 'k', 'o', 'c', 'oa')
    if f[1] and f[1] > now then interventions[#interventions + 1] = {f[2], f[3], f[4], f[5]} end
  elseif t == 'r' then
    local f = redis.call('HMGET', key, 'x', 'c')
    if f[1] and f[1] > now then reflections[#reflections + 1] = f[2] end
  else
    local f = redis.call('HMGET', key, 'x', 'prefs', 'facts', 'upd')
    if f[1] and f[1] > now then profile = f end
  end
end
return {interventions, reflections, profile}
