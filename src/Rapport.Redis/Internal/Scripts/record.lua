-- Stores interventions of one user, all or none.
-- ARGV: epoch, replay ('1': skip records that exist), n, then n blocks of
--       id, ttl ms, created score, expires score, vector entry, field count f, f name/value pairs.
local replay, n = ARGV[2] == '1', tonumber(ARGV[3])
local todo, p = {}, 4
for _ = 1, n do
  local id, nf = ARGV[p], tonumber(ARGV[p + 5])
  local key = base .. 'i:' .. id
  if redis.call('EXISTS', key) == 1 then
    if not replay then return {'exists', id} end
  else
    todo[#todo + 1] = {key, id, tonumber(ARGV[p + 1]), ARGV[p + 2], ARGV[p + 3], ARGV[p + 4], p + 6, nf}
  end
  p = p + 6 + 2 * nf
end
if #todo == 0 then return {'ok', '0'} end
if not ensure_version(ARGV[1]) then return {'epoch'} end
local maxttl = 0
for _, r in ipairs(todo) do
  local fields = {}
  for i = 0, 2 * r[8] - 1 do fields[#fields + 1] = ARGV[r[7] + i] end
  redis.call('HSET', r[1], unpack(fields))
  redis.call('PEXPIRE', r[1], r[3])
  redis.call('ZADD', base .. 'ids', r[4], r[2])
  redis.call('ZADD', base .. 'exp', r[5], 'i:' .. r[2])
  redis.call('HSET', base .. 'e', r[2], r[6])
  if r[3] > maxttl then maxttl = r[3] end
end
bump(maxttl)
return {'ok', tostring(#todo)}
