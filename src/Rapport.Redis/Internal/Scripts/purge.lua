-- Removes the user's records expired at 'now' and their index entries. ARGV: now ticks, now score.
-- Returns {records removed, intervention ids removed}. A user left with nothing loses every key.
local now = ARGV[1]
local members = redis.call('ZRANGEBYSCORE', base .. 'exp', '-inf', ARGV[2])
local removed, ids = 0, {}
for _, m in ipairs(members) do
  local t, id = string.sub(m, 1, 1), string.sub(m, 3)
  local key, x = base .. m, nil
  if t == 'i' then
    key = base .. 'iv:' .. id
    x = redis.call('GETRANGE', key, 0, 18)
    if x == '' then x = nil end
  else
    x = redis.call('HGET', key, 'x')
  end
  if not x or x <= now then
    redis.call('DEL', key)
    redis.call('ZREM', base .. 'exp', m)
    if t == 'i' then
      redis.call('ZREM', base .. 'ids', id)
      redis.call('ZREM', base .. 'chg', id)
      ids[#ids + 1] = id
    elseif t == 'r' then
      redis.call('ZREM', base .. 'refl', id)
    end
    removed = removed + 1
  end
end
if redis.call('ZCARD', base .. 'exp') == 0 then
  redis.call('DEL', v, base .. 'ids', base .. 'refl', base .. 'exp', base .. 'chg')
elseif removed > 0 and redis.call('EXISTS', v) == 1 then
  redis.call('INCR', v)
  redis.call('ZINCRBY', base .. 'chg', 1, '#')
  local t = redis.call('PTTL', v)
  if t > 0 then extend(base .. 'chg', t) end
end
return {removed, ids}
