-- Removes every key of the user, expired records included. Returns {records removed, intervention ids}.
local ids = redis.call('ZRANGE', base .. 'ids', 0, -1)
for _, id in ipairs(ids) do redis.call('DEL', base .. 'iv:' .. id) end
local refl = redis.call('ZRANGE', base .. 'refl', 0, -1)
for _, id in ipairs(refl) do redis.call('DEL', base .. 'r:' .. id) end
local count = #ids + #refl
if redis.call('ZSCORE', base .. 'exp', 'p') then count = count + 1 end
redis.call('DEL', base .. 'p', base .. 'ids', base .. 'refl', base .. 'exp', base .. 'chg', v)
return {count, ids}
