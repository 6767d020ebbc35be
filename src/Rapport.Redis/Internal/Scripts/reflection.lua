-- Stores one reflection. ARGV: epoch, replay, id, ttl ms, created score, expires score, field name/value pairs.
local id = ARGV[3]
local key = base .. 'r:' .. id
if redis.call('EXISTS', key) == 1 then
  if ARGV[2] == '1' then return {'ok', '0'} end
  return {'exists', id}
end
if not ensure_version(ARGV[1]) then return {'epoch'} end
local fields = {}
for i = 7, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', key, unpack(fields))
redis.call('PEXPIRE', key, ARGV[4])
redis.call('ZADD', base .. 'refl', ARGV[5], id)
redis.call('ZADD', base .. 'exp', ARGV[6], 'r:' .. id)
bump(tonumber(ARGV[4]))
return {'ok', '1'}
