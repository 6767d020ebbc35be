-- Runs inside MULTI, before the batch's 'SET <key> <value> PX <ttl> NX' commands, without the prelude (it is sent
-- in full each time: keep it short). KEYS: the user's version key, then the new records' keys. ARGV: epoch ('0' or
-- one drawn from the sequence), the longest TTL in ms, n (created score, id) pairs, n (expires score, 'i:' .. id).
-- Returns 1 after indexing the batch. Returns 0 when a key exists or the user needs an epoch: then it puts an empty
-- value with a one-second TTL (a tombstone) on every absent key, so that every SET ... NX of the batch fails and
-- nothing is written; the caller runs check.lua and retries.
local v, n = KEYS[1], #KEYS - 1
local b = string.sub(v, 1, -2)
local busy = 0
for i = 2, n + 1, 1000 do busy = busy + redis.call('EXISTS', unpack(KEYS, i, math.min(i + 999, n + 1))) end
if busy == 0 and redis.call('EXISTS', v) == 0 then
if ARGV[1] == '0' then busy = 1 else redis.call('SET', v, ARGV[1]) end
end
if busy > 0 then
for i = 2, n + 1 do redis.call('SET', KEYS[i], '', 'PX', 1000, 'NX') end
return 0
end
for i = 3, 2 + 2 * n, 2000 do redis.call('ZADD', b .. 'ids', unpack(ARGV, i, math.min(i + 1999, 2 + 2 * n))) end
for i = 3 + 2 * n, 2 + 4 * n, 2000 do redis.call('ZADD', b .. 'exp', unpack(ARGV, i, math.min(i + 1999, 2 + 4 * n))) end
redis.call('INCR', v)
local ms = tonumber(ARGV[2])
for _, k in ipairs({v, b .. 'ids', b .. 'exp'}) do
local t = redis.call('PTTL', k)
if t == -1 or (t >= 0 and t < ms) then redis.call('PEXPIRE', k, ms) end
end
return 1
