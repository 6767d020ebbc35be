-- Every live intervention of one user, for store-wide aggregates (no text but the session id). ARGV: now ticks, now score,
-- last byte of an intervention's summary prefix, '1' to add each intervention's id and embedding model (population
-- learning reads them to pick the most recent outcomes and their vectors). Returns a flat list: per live intervention its
-- value prefix (header and kind), then its session id ('' for none), then with ARGV[4] its id and, when its outcome is
-- known (helped or not), its embedding model ('' otherwise). The model and the session id sit after the kind and after
-- four texts (kind, embedding model, situation, text), each a uint32 little-endian length then its bytes
-- (InterventionValue.cs); only the lengths are read, and the model's bytes when asked for.
local now = ARGV[1]
local last = tonumber(ARGV[3])
local ids = ARGV[4] == '1'
local out = {}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', base .. 'exp', ARGV[2], '+inf')) do
  if string.sub(m, 1, 2) == 'i:' then
    local key = base .. 'iv:' .. string.sub(m, 3)
    local prefix = redis.call('GETRANGE', key, 0, last)
    if string.len(prefix) >= 72 and string.sub(prefix, 1, 19) > now then
      local known = ids and (string.sub(prefix, 21, 21) == '1' or string.sub(prefix, 21, 21) == '2')
      local model = ''
      local offset = 72 + struct.unpack('<I4', prefix, 69)
      for t = 1, 3 do
        local n = struct.unpack('<I4', redis.call('GETRANGE', key, offset, offset + 3))
        if t == 1 and known then model = redis.call('GETRANGE', key, offset + 4, offset + 3 + n) end
        offset = offset + 4 + n
      end
      local n = struct.unpack('<I4', redis.call('GETRANGE', key, offset, offset + 3))
      local session = ''
      if n > 0 and n < 4294967295 then session = redis.call('GETRANGE', key, offset + 4, offset + 3 + n) end
      out[#out + 1] = prefix
      out[#out + 1] = session
      if ids then
        out[#out + 1] = string.sub(m, 3)
        out[#out + 1] = model
      end
    end
  end
end
return out
