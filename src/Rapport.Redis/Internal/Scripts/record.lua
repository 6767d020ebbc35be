-- Runs inside MULTI right after 'MSETNX <key> <value> ...' of the batch (so no value passes through Lua), without the
-- prelude (it is loaded with SCRIPT LOAD in every write: keep it short). KEYS: the user's version key, then the
-- records' keys in MSETNX order. ARGV: epoch ('0' or one drawn from the sequence), then n TTLs in ms, then n (created
-- score, id) pairs, then n (expires score, 'i:' .. id) pairs. MSETNX wrote all values or none; the first key has no
-- TTL (-1) exactly when it wrote them, since every stored record has one. Returns 1 after setting the TTLs and
-- indexing the batch (the user's new version; the ids enter the change feed 'chg' at the new counter, see version.lua); 0 when MSETNX wrote nothing (a key exists), or when the user needs an epoch (then the values
-- are deleted again). After 0 the caller runs check.lua and retries; nothing of the batch remains.
local v, n = KEYS[1], #KEYS - 1
local b = string.sub(v, 1, -2)
if redis.call('PTTL', KEYS[2]) ~= -1 then return 0 end
if redis.call('EXISTS', v) == 0 then
if ARGV[1] == '0' then
for i = 2, n + 1, 1000 do redis.call('DEL', unpack(KEYS, i, math.min(i + 999, n + 1))) end
return 0
end
redis.call('SET', v, ARGV[1])
end
local ms = 0
for i = 1, n do
redis.call('PEXPIRE', KEYS[1 + i], ARGV[1 + i])
ms = math.max(ms, tonumber(ARGV[1 + i]))
end
for i = 2 + n, 1 + 3 * n, 2000 do redis.call('ZADD', b .. 'ids', unpack(ARGV, i, math.min(i + 1999, 1 + 3 * n))) end
for i = 2 + 3 * n, 1 + 5 * n, 2000 do redis.call('ZADD', b .. 'exp', unpack(ARGV, i, math.min(i + 1999, 1 + 5 * n))) end
local version = redis.call('INCR', v)
local c = redis.call('ZINCRBY', b .. 'chg', 1, '#')
for i = 3 + n, 1 + 3 * n, 2000 do
local z = {}
for j = i, math.min(i + 1998, 1 + 3 * n), 2 do z[#z + 1] = c; z[#z + 1] = ARGV[j] end
redis.call('ZADD', b .. 'chg', unpack(z))
end
for _, k in ipairs({v, b .. 'ids', b .. 'exp', b .. 'chg'}) do
local t = redis.call('PTTL', k)
if t == -1 or (t >= 0 and t < ms) then redis.call('PEXPIRE', k, ms) end
end
return version
