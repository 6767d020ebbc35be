-- Sets the outcome of a live intervention. ARGV: id, outcome (0-2), rating ('' for none), outcome-at ticks, now ticks.
-- Returns nil when no live intervention has the id, else {hash fields, vector entry}.
local id = ARGV[1]
local key = base .. 'i:' .. id
if not live(key, ARGV[5]) then return false end
redis.call('HSET', key, 'o', ARGV[2], 'oa', ARGV[4])
if ARGV[3] == '' then redis.call('HDEL', key, 'r') else redis.call('HSET', key, 'r', ARGV[3]) end
local entry = redis.call('HGET', base .. 'e', id)
if entry then
  -- The first byte of a vector entry is the outcome (see VectorEntryCodec).
  entry = string.char(tonumber(ARGV[2])) .. string.sub(entry, 2)
  redis.call('HSET', base .. 'e', id, entry)
end
if redis.call('EXISTS', v) == 1 then redis.call('INCR', v) end
return {redis.call('HGETALL', key), entry}
