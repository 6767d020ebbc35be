-- Replaces the stored profile. ARGV: epoch, ttl ms, expires score, field name/value pairs.
if not ensure_version(ARGV[1]) then return {'epoch'} end
local key = base .. 'p'
local fields = {}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('DEL', key)
redis.call('HSET', key, unpack(fields))
redis.call('PEXPIRE', key, ARGV[2])
redis.call('ZADD', base .. 'exp', ARGV[3], 'p')
bump(tonumber(ARGV[2]))
return {'ok', '1'}
