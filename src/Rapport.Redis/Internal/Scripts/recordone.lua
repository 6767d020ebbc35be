-- One intervention in one call, on a standalone server only (KEYS[3] is the id mapping, in another slot than the user's
-- keys). Values pass through Lua here, which costs the server about 40k instructions per 1.8 KB; for one record that is far
-- less than the two round trips, the transaction and the SCRIPT LOAD of the batch path (InterventionWriter). Atomic: either
-- every key below is written or none is.
-- KEYS: the user's version key, the record's key, the id's mapping key. ARGV: epoch ('0' or one drawn from the sequence),
-- TTL in ms, created score, id, expires score, user, value. Returns the user's new version; -1 when it wrote nothing
-- because the user needs an epoch (the caller draws one and calls again); 0 when it wrote nothing because the id maps to
-- another user or the record exists: the caller then takes the batch path, which says which and acts on it.
if redis.call('EXISTS', v) == 0 and ARGV[1] == '0' then return -1 end
local owner = redis.call('GET', KEYS[3])
if owner and owner ~= ARGV[6] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('SET', KEYS[3], ARGV[6], 'PX', ARGV[2])
redis.call('SET', KEYS[2], ARGV[7], 'PX', ARGV[2])
ensure_version(ARGV[1])
redis.call('ZADD', base .. 'ids', ARGV[3], ARGV[4])
redis.call('ZADD', base .. 'exp', ARGV[5], 'i:' .. ARGV[4])
local version = redis.call('INCR', v)
local c = redis.call('ZINCRBY', base .. 'chg', 1, '#')
redis.call('ZADD', base .. 'chg', c, ARGV[4])
local ms = tonumber(ARGV[2])
for _, k in ipairs({v, base .. 'ids', base .. 'exp', base .. 'chg'}) do extend(k, ms) end
return version
