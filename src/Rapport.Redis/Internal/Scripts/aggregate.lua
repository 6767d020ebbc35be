-- Every live intervention of one user, for store-wide aggregates (no text but the session id). ARGV: now ticks, now score,
-- last byte of an intervention's summary prefix. Returns a flat list: per live intervention its value prefix (header and
-- kind), then its session id ('' for none). The session id sits after four texts (kind, embedding model, situation,
-- text), each a uint32 little-endian length then its bytes (InterventionValue.cs); only the lengths are read.
local now = ARGV[1]
local last = tonumber(ARGV[3])
local out = {}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', base .. 'exp', ARGV[2], '+inf')) do
  if string.sub(m, 1, 2) == 'i:' then
    local key = base .. 'iv:' .. string.sub(m, 3)
    local prefix = redis.call('GETRANGE', key, 0, last)
    if string.len(prefix) >= 72 and string.sub(prefix, 1, 19) > now then
      local offset = 72 + struct.unpack('<I4', prefix, 69)
      for _ = 1, 3 do
        offset = offset + 4 + struct.unpack('<I4', redis.call('GETRANGE', key, offset, offset + 3))
      end
      local n = struct.unpack('<I4', redis.call('GETRANGE', key, offset, offset + 3))
      local session = ''
      if n > 0 and n < 4294967295 then session = redis.call('GETRANGE', key, offset + 4, offset + 3 + n) end
      out[#out + 1] = prefix
      out[#out + 1] = session
    end
  end
end
return out
